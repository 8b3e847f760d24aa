using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>An indicator's reference levels from a year on.</summary>
public sealed record LevelsDto(string Indicator, int Year, decimal Minus100, decimal Zero, decimal Plus100);

/// <summary>Sets an indicator's reference levels for a year (leadership or admin). They must be strictly monotone.</summary>
public sealed class SetIndicatorLevels(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<LevelsDto>> ExecuteAsync(string allianceCode, LevelsDto input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        // The alliance's weights and levels set how its money is shared: the leadership team decides them.
        if (!actor.IsAdmin && actor.Role != Roles.Leadership)
        {
            return Outcome<LevelsDto>.Forbidden("forbidden.levels", $"only leadership and admins may change reference levels");
        }

        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<LevelsDto>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var (indicator, v) = await db.IndicatorForYearAsync(alliance, input.Indicator, input.Year, ct);

        var levels = new Domain.Scoring.ReferenceLevels(input.Minus100, input.Zero, input.Plus100);
        if (!levels.IsStrictlyMonotone)
        {
            v.Add("levels", "form.levelsNotMonotone", $"levels of '{input.Indicator}' for {input.Year} must be strictly monotone: minus100 < zero < plus100 (higher is better) or minus100 > zero > plus100 (lower is better); got {input.Minus100}, {input.Zero}, {input.Plus100}");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<LevelsDto>();
        }

        var row = await db.IndicatorLevels.SingleOrDefaultAsync(l => l.IndicatorId == indicator!.Id && l.Year == input.Year, ct);
        var before = row is null ? null : new LevelsDto(indicator!.Code, row.Year, row.Levels.Minus100, row.Levels.Zero, row.Levels.Plus100);
        if (row is null)
        {
            row = new IndicatorLevel { IndicatorId = indicator!.Id, Year = input.Year };
            db.IndicatorLevels.Add(row);
        }

        row.Levels = levels;
        var after = new LevelsDto(indicator!.Code, row.Year, levels.Minus100, levels.Zero, levels.Plus100);
        AuditLog.Record(db, time, actor, "set-levels", nameof(IndicatorLevel), $"{indicator.Code}/{input.Year}", before, after);
        await db.SaveChangesAsync(ct);
        return Outcome<LevelsDto>.Ok(after);
    }
}
