using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Alliances;

/// <summary>An alliance in a list.</summary>
public sealed record AllianceSummary(string Code, string Name, DateOnly Start, DateOnly End);

/// <summary>Lists the alliances in the store.</summary>
public sealed class ListAlliances(AllianssiDbContext db)
{
    public async Task<IReadOnlyList<AllianceSummary>> ExecuteAsync(CancellationToken ct = default) =>
        await db.Alliances.AsNoTracking().OrderBy(a => a.Code)
            .Select(a => new AllianceSummary(a.Code, a.Name, a.Dates.Start, a.Dates.End)).ToListAsync(ct);
}
