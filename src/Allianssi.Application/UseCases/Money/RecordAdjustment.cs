using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;

namespace Allianssi.Application.UseCases.Money;

/// <summary>A target-cost adjustment to record: a signed amount for a purchaser and year, with its reason and decision.</summary>
public sealed record AdjustmentInput(string Purchaser, int Year, decimal Amount, string Reason, string Decision);

/// <summary>An adjustment as the pages and the API show it.</summary>
public sealed record AdjustmentDto(int Id, string Purchaser, int Year, decimal Amount, string Reason, string Decision, string? RecordedBy);

/// <summary>
/// Records a target-cost adjustment (leadership of the purchaser itself, or an admin).
/// </summary>
public sealed class RecordAdjustment(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<AdjustmentDto>> ExecuteAsync(string allianceCode, AdjustmentInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<AdjustmentDto>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var party = await db.PartyAsync(allianceCode, input.Purchaser ?? string.Empty, ct);
        if (party is not null && !actor.MayActFor(party.Code, Roles.Leadership))
        {
            return Outcome<AdjustmentDto>.Forbidden("forbidden.adjustment", $"only the leadership of '{party.Code}' (or an admin) may adjust its target cost");
        }

        var v = new Validation();
        if (party is null)
        {
            v.Add("purchaser", "form.partyUnknown", $"no party '{input.Purchaser}' in alliance '{allianceCode}'");
        }
        else if (party.Role != PartyRole.Purchaser)
        {
            v.Add("purchaser", "form.notAPurchaser", $"'{party.Code}' is not a purchaser: only purchasers have a target cost");
        }

        if (!alliance.Dates.Overlaps(input.Year))
        {
            v.Add("year", "form.yearOutsideAlliance", $"{input.Year} is outside the alliance ({alliance.Dates.Start.Year}-{alliance.Dates.End.Year})");
        }

        if (input.Amount == 0m)
        {
            v.Add("amount", "form.adjustmentZero", $"an adjustment of zero changes nothing");
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            v.Add("reason", "form.reasonRequired", $"say why the target cost changes");
        }

        if (string.IsNullOrWhiteSpace(input.Decision))
        {
            v.Add("decision", "form.decisionRequired", $"name the decision (body and date), e.g. \"Alliance leadership team 16.2.2024\"");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<AdjustmentDto>();
        }

        var row = new TargetCostAdjustment
        {
            PartyId = party!.Id,
            Year = input.Year,
            Amount = new Domain.Money(input.Amount),
            Reason = input.Reason.Trim(),
            Decision = input.Decision.Trim(),
            RecordedBy = actor.UserName,
        };
        db.TargetCostAdjustments.Add(row);
        AdjustmentDto? dto = null;
        // The entry names the adjustment's generated id, so it is written after the row, in the same transaction.
        await AuditLog.SaveWithEntryAsync(db, () =>
        {
            dto = new AdjustmentDto(row.Id, party.Code, row.Year, row.Amount.Euros, row.Reason, row.Decision, row.RecordedBy);
            AuditLog.Record(db, time, actor, "record-adjustment", nameof(TargetCostAdjustment), row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, dto);
        }, ct);
        return Outcome<AdjustmentDto>.Ok(dto!);
    }
}
