using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>A measured indicator value for a unit and year; no value removes it (the year becomes missing).</summary>
public sealed record IndicatorValueInput(string Indicator, string? Unit, int Year, decimal? Value, string? Source);

/// <summary>An indicator value as stored.</summary>
public sealed record IndicatorValueDto(string Indicator, string Unit, int Year, decimal Value, string Source);

/// <summary>Enters (or removes) an indicator value by hand (analyst or admin).</summary>
public sealed class SetIndicatorValue(AllianssiDbContext db, TimeProvider time)
{
    /// <summary>The source label of hand-entered values.</summary>
    public const string HandEntered = "hand-entered";

    public async Task<Outcome<IndicatorValueDto?>> ExecuteAsync(string allianceCode, IndicatorValueInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Analyst)
        {
            return Outcome<IndicatorValueDto?>.Forbidden("forbidden.indicatorValues", $"only analysts and admins may enter indicator values");
        }

        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<IndicatorValueDto?>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var (indicator, v) = await db.IndicatorForYearAsync(alliance, input.Indicator, input.Year, ct);

        if (v.HasErrors)
        {
            return v.ToOutcome<IndicatorValueDto?>();
        }

        var unit = string.IsNullOrWhiteSpace(input.Unit) ? alliance.ScoredUnit : input.Unit.Trim();
        var row = await db.IndicatorValues.SingleOrDefaultAsync(x => x.IndicatorId == indicator!.Id && x.Unit == unit && x.Year == input.Year, ct);
        var before = row is null ? null : new IndicatorValueDto(indicator!.Code, unit, row.Year, row.Value, row.Source);
        IndicatorValueDto? after = null;
        if (input.Value is null)
        {
            if (row is not null)
            {
                db.IndicatorValues.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new IndicatorValue { IndicatorId = indicator!.Id, Unit = unit, Year = input.Year, Source = HandEntered };
                db.IndicatorValues.Add(row);
            }

            row.Value = input.Value.Value;
            row.Source = string.IsNullOrWhiteSpace(input.Source) ? HandEntered : input.Source.Trim();
            after = new IndicatorValueDto(indicator!.Code, unit, row.Year, row.Value, row.Source);
        }

        AuditLog.Record(db, time, actor, "set-indicator-value", nameof(IndicatorValue), $"{indicator!.Code}/{unit}/{input.Year}", before, after);
        await db.SaveChangesAsync(ct);
        return Outcome<IndicatorValueDto?>.Ok(after);
    }
}
