using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Allianssi.Application.UseCases.Results;

/// <summary>
/// The result of one scope (an alliance's period, or one year of it) as current data gives it: the
/// scorecard (the year asked, or the period's last scored year, in detail), the settlement, and the
/// snapshot an approval would lock (its canonical JSON and SHA-256). Each is an outcome: a scope
/// without data yet scores nothing and cannot be settled, and then has no snapshot either.
/// </summary>
internal sealed record ScopeResult(Outcome<ScorecardView> Scorecard, Outcome<SettlementView> Settlement, Outcome<ResultSnapshot> Snapshot);

/// <summary>
/// The one place a scope's result is computed: the alliance's data is loaded once, scored once and
/// settled once, and the scorecard, the settlement and the snapshot hash come out together. The
/// scorecard and settlement views and the API, the approval status, the lock checks, the public-funding
/// position and the reports all read it here, so one page view settles once.
/// </summary>
/// <remarks>
/// <para>
/// A result is cached (<see cref="IMemoryCache"/>) by its scope and by what it was computed from:
/// the store generation of this process (<see cref="StoreChanges"/>: any save or commit here, of
/// configuration, data, computed indicator results or approvals), the version of the recorded changes
/// (the newest audit entry's sequence: every change of configuration or data is audited, whichever
/// process made it, so a change by the command line is seen at the next read too) and the current
/// year (no later year is scored). Account events and reads (a sign-in, a report downloaded) move
/// neither (<see cref="StoreChanges.LeavesResults(Data.Entities.AuditEntry)"/>). The expiry only
/// bounds memory and a write that records no audit entry from another process.
/// </para>
/// <para>
/// Readers of a scope that is not cached wait at its gate for one computation
/// (<see cref="ResultCalculations"/>), so a page's prerender and its interactive render, or the first
/// readers after a change, settle it once between them.
/// </para>
/// <para>
/// Views are computed in the invariant culture (they carry no text in the reader's language; the
/// pages word them), so one cached result serves every reader. Approving and reopening compute afresh
/// (<see cref="FreshAsync"/>): what is locked is never a cached result.
/// </para>
/// </remarks>
public sealed class ResultCalculator(AllianssiDbContext db, IMemoryCache cache, StoreChanges changes, TimeProvider time, ResultCalculations calculations)
{
    /// <summary>How long a result is kept when nothing changes.</summary>
    public static readonly TimeSpan CacheExpiry = TimeSpan.FromSeconds(60);

    /// <summary>The result of a scope, from the cache when nothing it was computed from has changed since.</summary>
    internal async Task<ScopeResult> OfAsync(string allianceCode, string periodCode, int? year, CancellationToken ct)
    {
        // Read the generation before computing: a write meanwhile leaves the entry under an old key, never served again.
        var key = await KeyOfAsync(allianceCode, periodCode, year, ct);
        if (cache.TryGetValue(key, out ScopeResult? cached) && cached is not null)
        {
            return cached;
        }

        // Readers of a scope that is not cached yet wait for the first one's computation instead of each settling it
        // (a page's prerender and its interactive render, or a morning's first readers, arrive together).
        var gate = calculations.GateOf(key.Alliance, key.Period, key.Year);
        await gate.WaitAsync(ct);
        try
        {
            if (cache.TryGetValue(key, out cached) && cached is not null)
            {
                return cached;
            }

            return await ComputeAsync(key, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The result of a scope computed from the data now (for an approval), replacing what the cache holds.</summary>
    internal async Task<ScopeResult> FreshAsync(string allianceCode, string periodCode, int? year, CancellationToken ct) =>
        await ComputeAsync(await KeyOfAsync(allianceCode, periodCode, year, ct), ct);

    private async Task<CacheKey> KeyOfAsync(string allianceCode, string periodCode, int? year, CancellationToken ct)
    {
        var generation = changes.Generation;
        var version = await StoreChanges.VersionAsync(db, ct);
        return new CacheKey(allianceCode, periodCode, year, time.GetUtcNow().Year, generation, version);
    }

    private async Task<ScopeResult> ComputeAsync(CacheKey key, CancellationToken ct)
    {
        var loaded = await AllianceData.LoadAsync(db, key.Alliance, ct);
        if (loaded is null)
        {
            var missing = Outcome<ScorecardView>.NotFound("notFound.alliance", $"alliance '{key.Alliance}'");
            return new ScopeResult(missing, missing.Relay<SettlementView>(), missing.Relay<ResultSnapshot>());
        }

        var data = loaded with { ThisYear = key.ThisYear };
        var inputs = await ResultSnapshot.InputsAsync(db, data.Alliance.Id, key.Period, ct);
        var result = InvariantCulture(() => Compute(data, key.Period, key.Year, inputs));
        calculations.Computed();
        cache.Set(key, result, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheExpiry, Size = 1 });
        return result;
    }

    /// <summary>Scores the scope's years and settles its span once; the snapshot is made of those views.</summary>
    private static ScopeResult Compute(AllianceData data, string periodCode, int? year, ResultSnapshot.Inputs inputs)
    {
        var settlement = Settlements.Compute(data, periodCode, year, WhatIfChanges.None);
        var scorecards = new Dictionary<int, Outcome<ScorecardView>>();
        Outcome<ScorecardView> ScorecardOf(int y)
        {
            if (!scorecards.TryGetValue(y, out var card))
            {
                card = Scorecards.Compute(data, periodCode, y, WhatIfChanges.None);
                scorecards[y] = card;
            }

            return card;
        }

        // The scope's scorecard shows the year asked, or the last scored year (the last of a period's span).
        var scorecard = year is { } asked ? ScorecardOf(asked) : Scorecards.Compute(data, periodCode, null, WhatIfChanges.None);
        if (year is null && scorecard.IsOk)
        {
            scorecards[scorecard.Value!.Year] = scorecard;
        }

        var snapshot = ResultSnapshot.Of(data, periodCode, year, settlement, ScorecardOf, inputs);
        return new ScopeResult(scorecard, settlement, snapshot);
    }

    /// <summary>Runs a computation in the invariant culture: texts inside the views must not depend on the caller's, or the hash would.</summary>
    private static T InvariantCulture<T>(Func<T> compute)
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return compute();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private sealed record CacheKey(string Alliance, string Period, int? Year, int ThisYear, long Generation, long Version);
}

/// <summary>
/// Counts the results this application computed (each one scoring and one settlement of a scope)
/// rather than took from the cache: a singleton, read by tests that count the settlements of a view
/// and available to a health or metrics page. It also holds the gates by which readers of one scope
/// wait for one computation.
/// </summary>
public sealed class ResultCalculations
{
    /// <summary>
    /// How many gates the scopes share. A scope's gate is chosen by its hash, so a cold computation may wait for another
    /// scope's that shares its gate (an alliance has a few dozen scopes: with 256 gates that is uncommon, not impossible).
    /// A fixed set, not one gate per scope: requests can name any period and year, and a gate per name would grow
    /// without bound.
    /// </summary>
    private const int Gates = 256;

    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, Gates).Select(_ => new SemaphoreSlim(1, 1))];

    private long _computed;

    /// <summary>How many scope results have been computed since start-up.</summary>
    public long Count => Interlocked.Read(ref _computed);

    internal void Computed() => Interlocked.Increment(ref _computed);

    /// <summary>The gate of a scope: one computation of it at a time in this process.</summary>
    internal SemaphoreSlim GateOf(string alliance, string period, int? year) =>
        _gates[(int)((uint)HashCode.Combine(StringComparer.Ordinal.GetHashCode(alliance), StringComparer.Ordinal.GetHashCode(period), year) % Gates)];
}
