using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Approvals;
using Microsoft.Extensions.Caching.Memory;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// The SHA-256 of the snapshot that current data gives for a period (or one year of it), which a
/// locked result's reads compare with the approved snapshot. Computing it costs a scorecard and a
/// settlement, and every scorecard and settlement read of a locked result asks, so it is cached
/// per alliance, scope and store generation (<see cref="StoreChanges"/>), as the public results are.
/// </summary>
/// <remarks>
/// Every input of a snapshot (configuration, target costs, adjustments, ledger lines, entered
/// values, computed indicator results) lives in the operational store, and any save or commit in
/// this process moves the generation on, so the next read after a change computes again. The
/// expiry bounds staleness after writes by another process (the command line).
/// </remarks>
public sealed class CurrentSnapshots(IMemoryCache cache, StoreChanges changes)
{
    /// <summary>How long a hash is kept when this process writes nothing.</summary>
    public static readonly TimeSpan CacheExpiry = TimeSpan.FromSeconds(60);

    private long _computed;

    /// <summary>How many snapshots this instance has computed (not taken from the cache); for tests.</summary>
    internal long Computed => Interlocked.Read(ref _computed);

    /// <summary>The current snapshot's hash, or null when current data gives no result.</summary>
    internal async Task<string?> HashAsync(AllianssiDbContext db, string allianceCode, string periodCode, int? year, CancellationToken ct)
    {
        // Read before computing: a write meanwhile leaves this entry under an old generation, never served again.
        var key = new CacheKey(allianceCode, periodCode, year, changes.Generation);
        if (cache.TryGetValue(key, out Entry? cached) && cached is not null)
        {
            return cached.Hash;
        }

        Interlocked.Increment(ref _computed);
        var current = await ResultSnapshot.ComputeAsync(db, allianceCode, periodCode, year, ct);
        var entry = new Entry(current.IsOk ? current.Value!.Hash : null);
        cache.Set(key, entry, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheExpiry, Size = 1 });
        return entry.Hash;
    }

    private sealed record CacheKey(string Alliance, string Period, int? Year, long Generation);

    private sealed record Entry(string? Hash);
}
