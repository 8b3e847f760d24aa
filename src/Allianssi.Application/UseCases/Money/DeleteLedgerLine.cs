using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Money;

/// <summary>Removes a ledger line (an analyst of its party, or an admin).</summary>
public sealed class DeleteLedgerLine(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<LedgerLineDto>> ExecuteAsync(string allianceCode, int id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.LedgerLines.Include(l => l.Party)
            .SingleOrDefaultAsync(l => l.Id == id && l.Party!.Alliance!.Code == allianceCode, ct);
        if (row is null)
        {
            return Outcome<LedgerLineDto>.NotFound("notFound.ledgerLine", $"ledger line {id}");
        }

        if (!actor.MayActFor(row.Party!.Code, Roles.Analyst))
        {
            return Outcome<LedgerLineDto>.Forbidden("forbidden.ledgerOfOtherParty", $"only analysts of '{row.Party.Code}' (or an admin) may change its ledger");
        }

        var before = UpsertLedgerLine.ToDto(row, row.Party.Code);
        db.LedgerLines.Remove(row);
        AuditLog.Record(db, time, actor, "delete-ledger-line", nameof(LedgerLine), id.ToString(CultureInfo.InvariantCulture), before, null);
        await db.SaveChangesAsync(ct);
        return Outcome<LedgerLineDto>.Ok(before);
    }
}
