using System.Text.Json.Serialization;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Approvals;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// A lock in force over a scorecard or settlement shown: its scope (period, or period/year), the
/// SHA-256 of the approved snapshot, when it was locked, and whether current data gives another
/// result (the figures shown are always computed from current data; the approved ones are in the
/// snapshot).
/// </summary>
public sealed record ResultLockInfo(string Scope, string SnapshotHash, DateTimeOffset LockedAt, bool CurrentDataDiffers);

/// <summary>Finds the locks in force over a period's (or a year's) result.</summary>
internal static class ResultLocks
{
    /// <summary>
    /// The locks over the result of <paramref name="periodCode"/> (and <paramref name="year"/>): the
    /// period's own lock and, for a year, that year's lock. Null when none, so the views carry the
    /// property only for locked results (and the snapshots, which serialise the views, never do).
    /// Whether current data differs comes from <paramref name="current"/> (cached per store generation).
    /// </summary>
    public static async Task<IReadOnlyList<ResultLockInfo>?> InForceAsync(AllianssiDbContext db, CurrentSnapshots current, string allianceCode, string periodCode, int? year, CancellationToken ct)
    {
        var locks = await db.ResultLocks.AsNoTracking()
            .Where(l => l.ActiveScope != null && l.Period!.Code == periodCode && l.Period.Alliance!.Code == allianceCode && (l.Year == null || l.Year == year))
            .OrderBy(l => l.Id)
            .Select(l => new { l.Year, l.SnapshotHash, l.LockedAt })
            .ToListAsync(ct);
        if (locks.Count == 0)
        {
            return null;
        }

        var result = new List<ResultLockInfo>();
        foreach (var l in locks)
        {
            var hash = await current.HashAsync(db, allianceCode, periodCode, l.Year, ct);
            var differs = !string.Equals(hash, l.SnapshotHash, StringComparison.Ordinal);
            result.Add(new ResultLockInfo(LockGuard.Scope(periodCode, l.Year), l.SnapshotHash, l.LockedAt, differs));
        }

        return result;
    }

    /// <summary>The lock columns of a CSV export: the locked scopes and their snapshot hashes (empty when not locked).</summary>
    public static (string? Scope, string? Hash) CsvCells(IReadOnlyList<ResultLockInfo>? locks) =>
        locks is { Count: > 0 }
            ? (string.Join(' ', locks.Select(l => l.Scope)), string.Join(' ', locks.Select(l => l.SnapshotHash)))
            : (null, null);
}

/// <summary>The property added to the views of a locked result.</summary>
internal static class LockedView
{
    /// <summary>Omitted from JSON when null: the snapshot of a result serialises its views and must not depend on its own lock.</summary>
    public const JsonIgnoreCondition Omit = JsonIgnoreCondition.WhenWritingNull;
}
