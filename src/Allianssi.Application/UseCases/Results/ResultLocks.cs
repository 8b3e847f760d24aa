using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Results;

/// <summary>Finds the locks in force over a period's (or a year's) result.</summary>
internal static class ResultLocks
{
    /// <summary>
    /// A view of the scope's result (its scorecard or settlement) with the locks in force over it; a view that did
    /// not compute, as it is.
    /// </summary>
    internal static async Task<Outcome<T>> WithLocksAsync<T>(
        Outcome<T> view, AllianssiDbContext db, ResultCalculator results, string allianceCode, string periodCode, int? year, CancellationToken ct)
        where T : ResultView =>
        view.IsOk ? Outcome<T>.Ok((T)(view.Value! with { Locks = await InForceAsync(db, results, allianceCode, periodCode, year, ct) })) : view;

    /// <summary>
    /// The locks over the result of <paramref name="periodCode"/> (and <paramref name="year"/>): the
    /// period's own lock and, for a year, that year's lock. Null when none, so the views carry the
    /// property only for locked results (and the snapshots, which serialise the views, never do).
    /// Whether current data differs compares the approved hash with the locked scope's current
    /// snapshot (<see cref="ResultCalculator"/>: the scope shown is already computed, so a lock over it
    /// costs no second settlement).
    /// </summary>
    public static async Task<IReadOnlyList<ResultLockInfo>?> InForceAsync(AllianssiDbContext db, ResultCalculator results, string allianceCode, string periodCode, int? year, CancellationToken ct)
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
            var current = (await results.OfAsync(allianceCode, periodCode, l.Year, ct)).Snapshot;
            var hash = current.IsOk ? current.Value!.Hash : null;
            var differs = !string.Equals(hash, l.SnapshotHash, StringComparison.Ordinal);
            result.Add(new ResultLockInfo(ResultScope.Of(periodCode, l.Year), l.SnapshotHash, l.LockedAt, differs));
        }

        return result;
    }
}
