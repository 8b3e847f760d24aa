using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Money;

/// <summary>The open-book ledger: every party sees every line. Optionally one party and/or year.</summary>
public sealed class ListLedgerLines(AllianssiDbContext db)
{
    public async Task<IReadOnlyList<LedgerLineDto>> ExecuteAsync(string allianceCode, string? party = null, int? year = null, CancellationToken ct = default)
    {
        var query = db.LedgerLines.AsNoTracking().Where(l => l.Party!.Alliance!.Code == allianceCode);
        if (party is not null)
        {
            query = query.Where(l => l.Party!.Code == party);
        }

        if (year is not null)
        {
            query = query.Where(l => l.Year == year);
        }

        return await query.OrderBy(l => l.Year).ThenBy(l => l.Party!.Code).ThenBy(l => l.Id)
            .Select(l => new LedgerLineDto(l.Id, l.Party!.Code, l.Year, l.Account, l.Description, l.Amount.Euros, l.Reimbursable))
            .ToListAsync(ct);
    }
}
