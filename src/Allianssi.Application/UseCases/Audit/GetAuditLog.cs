using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Audit;

/// <summary>One audit entry for display.</summary>
public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Actor, string Action, string Entity, string? EntityKey, string? Before, string? After);

/// <summary>The most recent audit entries, newest first.</summary>
public sealed class GetAuditLog(AllianssiDbContext db)
{
    public async Task<IReadOnlyList<AuditEntryDto>> ExecuteAsync(int take = 100, CancellationToken ct = default) =>
        await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000))
            .Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.Entity, a.EntityKey, a.Before, a.After))
            .ToListAsync(ct);
}
