using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Money;

/// <summary>Lists the target costs as they stand (before adjustments), by year then purchaser, so a page shows them before its forms.</summary>
public sealed class ListTargetCosts(AllianssiDbContext db)
{
    public async Task<IReadOnlyList<TargetCostDto>> ExecuteAsync(string allianceCode, CancellationToken ct = default) =>
        (await db.TargetCosts.AsNoTracking()
            .Where(t => t.Party!.Alliance!.Code == allianceCode)
            .Select(t => new TargetCostDto(t.Party!.Code, t.Year, t.Amount.Euros, t.Note))
            .ToListAsync(ct))
        .OrderBy(t => t.Year).ThenBy(t => t.Purchaser, StringComparer.Ordinal).ToList();
}
