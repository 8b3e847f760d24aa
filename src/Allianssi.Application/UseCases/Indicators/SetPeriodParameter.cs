using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>A named parameter of a period, e.g. <c>hba1cMax</c> = 53.</summary>
public sealed record PeriodParameterDto(string Period, string Name, decimal Value);

/// <summary>A period's suppression threshold (<c>minimumCount</c>), as the leadership sets it.</summary>
public sealed record MinimumCountInput(string Period, decimal Value);

/// <summary>
/// Sets a period's parameter (analyst or admin), except the suppression threshold
/// <c>minimumCount</c>: what residents and the other parties may see is a leadership decision, so
/// only a leadership member changes it, and never below <see cref="Suppression.MinimumCountFloor"/>.
/// </summary>
public sealed class SetPeriodParameter(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<PeriodParameterDto>> ExecuteAsync(string allianceCode, PeriodParameterDto input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var threshold = string.Equals(input.Name, ResultSuppression.MinimumCountParameter, StringComparison.OrdinalIgnoreCase);
        if (threshold && !actor.IsPartyLeadership)
        {
            return Outcome<PeriodParameterDto>.Forbidden("forbidden.suppressionThreshold", $"only a leadership member may change the suppression threshold");
        }

        if (!threshold && !actor.IsAdmin && actor.Role != Roles.Analyst)
        {
            return Outcome<PeriodParameterDto>.Forbidden("forbidden.periodParameters", $"only analysts and admins may change period parameters");
        }

        var period = await StoredDates.ReadAsync(db, () => db.Periods.Include(p => p.Parameters)
            .SingleOrDefaultAsync(p => p.Alliance!.Code == allianceCode && p.Code == input.Period, ct), ct);
        var v = new Validation();
        if (period is null)
        {
            v.Add("period", "form.periodUnknown", $"no period '{input.Period}' in alliance '{allianceCode}'");
        }

        if (string.IsNullOrWhiteSpace(input.Name) || !input.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            v.Add("name", "form.parameterName", $"parameter name '{input.Name}' must be letters, digits or '_'");
        }

        if (threshold && input.Value < Suppression.MinimumCountFloor)
        {
            v.Add("value", "form.parameterBelowFloor", $"{ResultSuppression.MinimumCountParameter} cannot be below {Suppression.MinimumCountFloor}");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<PeriodParameterDto>();
        }

        // One spelling, so no second row (say "MinimumCount") sits beside the one every reader looks up.
        var name = threshold ? ResultSuppression.MinimumCountParameter : input.Name;
        var row = period!.Parameters.SingleOrDefault(p => p.Name == name);
        var before = row is null ? null : new PeriodParameterDto(period.Code, row.Name, row.Value);
        if (row is null)
        {
            row = new PeriodParameter { Name = name };
            period.Parameters.Add(row);
        }

        row.Value = input.Value;
        var after = new PeriodParameterDto(period.Code, row.Name, row.Value);
        AuditLog.Record(db, time, actor, "set-period-parameter", nameof(PeriodParameter), $"{period.Code}/{row.Name}", before, after);
        await db.SaveChangesAsync(ct);
        return Outcome<PeriodParameterDto>.Ok(after);
    }
}
