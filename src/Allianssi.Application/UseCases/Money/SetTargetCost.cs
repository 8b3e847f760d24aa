using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;

namespace Allianssi.Application.UseCases.Money;

/// <summary>A purchaser's target cost for a year.</summary>
public sealed record TargetCostDto(string Purchaser, int Year, decimal Amount, string? Note);

/// <summary>Sets a purchaser's target cost for a year (leadership of that purchaser, or an admin).</summary>
public sealed class SetTargetCost(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<TargetCostDto>> ExecuteAsync(string allianceCode, TargetCostDto input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<TargetCostDto>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var party = await db.PartyAsync(allianceCode, input.Purchaser ?? string.Empty, ct);
        if (party is not null && !actor.MayActFor(party.Code, Roles.Leadership))
        {
            return Outcome<TargetCostDto>.Forbidden("forbidden.targetCost", $"only the leadership of '{party.Code}' (or an admin) may set its target cost");
        }

        var v = new Validation();
        if (party is null || party.Role != PartyRole.Purchaser)
        {
            v.Add("purchaser", "form.notPurchaserOfAlliance", $"'{input.Purchaser}' is not a purchaser of alliance '{allianceCode}'");
        }

        if (!alliance.Dates.Overlaps(input.Year))
        {
            v.Add("year", "form.yearOutsideAlliance", $"{input.Year} is outside the alliance ({alliance.Dates.Start.Year}-{alliance.Dates.End.Year})");
        }

        if (input.Amount < 0m)
        {
            v.Add("amount", "form.targetCostNegative", $"a target cost cannot be negative; record a reduction as an adjustment");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<TargetCostDto>();
        }

        var row = await db.TargetCosts.SingleOrDefaultAsync(t => t.PartyId == party!.Id && t.Year == input.Year, ct);
        var before = row is null ? null : new TargetCostDto(party!.Code, row.Year, row.Amount.Euros, row.Note);
        if (row is null)
        {
            row = new TargetCost { PartyId = party!.Id, Year = input.Year };
            db.TargetCosts.Add(row);
        }

        row.Amount = new Domain.Money(input.Amount);
        row.Note = input.Note;
        var after = new TargetCostDto(party!.Code, row.Year, row.Amount.Euros, row.Note);
        AuditLog.Record(db, time, actor, "set-target-cost", nameof(TargetCost), $"{party.Code}/{input.Year}", before, after);
        await db.SaveChangesAsync(ct);
        return Outcome<TargetCostDto>.Ok(after);
    }
}
