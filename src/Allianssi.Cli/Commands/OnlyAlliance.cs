using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Cli.Commands;

/// <summary>The alliance a command works on when none is named: the store's only one.</summary>
internal static class OnlyAlliance
{
    /// <summary>The code of the store's only alliance, or null when it holds none or several.</summary>
    public static async Task<string?> OfAsync(AllianssiDbContext db, CancellationToken ct)
    {
        var codes = await db.Alliances.AsNoTracking().Select(a => a.Code).Take(2).ToListAsync(ct);
        return codes.Count == 1 ? codes[0] : null;
    }
}
