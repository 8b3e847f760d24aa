using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Money;

/// <summary>Lists the target-cost adjustments of an alliance, newest year first.</summary>
public sealed class ListAdjustments(AllianssiDbContext db)
{
    public async Task<IReadOnlyList<AdjustmentDto>> ExecuteAsync(string allianceCode, CancellationToken ct = default) =>
        (await db.TargetCostAdjustments.AsNoTracking()
            .Where(a => a.Party!.Alliance!.Code == allianceCode)
            .Select(a => new AdjustmentDto(a.Id, a.Party!.Code, a.Year, a.Amount.Euros, a.Reason, a.Decision, a.RecordedBy))
            .ToListAsync(ct))
        .OrderByDescending(a => a.Year).ThenBy(a => a.Id).ToList();
}
