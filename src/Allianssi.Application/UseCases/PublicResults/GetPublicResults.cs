using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Indicators.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Allianssi.Application.UseCases.PublicResults;

/// <summary>One year of a period's public scorecard: the overall score and each key result area's.</summary>
public sealed record PublicYear(int Year, decimal OverallScore, IReadOnlyDictionary<string, decimal?> Kras)
{
    /// <summary>Whether the year is still in progress (its score is "so far"); only written when true.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool SoFar { get; init; }
}

/// <summary>A period's public scorecard.</summary>
public sealed record PublicPeriod(string Period, decimal PeriodScore, IReadOnlyList<PublicYear> Years)
{
    /// <summary>The last scored year when the period is scored only "to date"; null (not written) for a whole period.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? ToDateThrough { get; init; }
}

/// <summary>A unit's published result: hidden (<see cref="Suppressed"/>) cells carry neither count nor value.</summary>
public sealed record PublicCell(string Unit, bool IsAlliance, long? N, double? Value, bool Suppressed);

/// <summary>One indicator in one year: every unit and the municipality's total.</summary>
public sealed record PublicIndicatorYear(string Indicator, int Year, PublicCell Total, IReadOnlyList<PublicCell> Units);

/// <summary>A name in Finnish and English.</summary>
public sealed record PublicName(string Fi, string En);

/// <summary>The alliance's public results page: aggregates only, small counts suppressed with their complements.</summary>
public sealed record PublicResults(string Alliance, string Name, string ScoredUnit, IReadOnlyList<PublicPeriod> Periods, IReadOnlyList<PublicIndicatorYear> Indicators)
{
    /// <summary>The key result areas' names by code, for the charts' titles.</summary>
    public IReadOnlyDictionary<string, PublicName> KraNames { get; init; } = new Dictionary<string, PublicName>(StringComparer.Ordinal);

    /// <summary>The names of the indicators published (<see cref="Indicators"/>) by id.</summary>
    public IReadOnlyDictionary<string, PublicName> IndicatorNames { get; init; } = new Dictionary<string, PublicName>(StringComparer.Ordinal);
}

/// <summary>
/// The public results of an alliance (anonymous): its scorecard per period and year, and the
/// computed indicators of the alliance's unit against the municipality's other units and total.
/// Counts below the minimum are hidden, with complementary suppression (<see cref="Suppression"/>).
/// </summary>
/// <remarks>
/// Anonymous and read far more often than the data changes, so the computed results are cached per
/// alliance, store generation (<see cref="StoreChanges"/>) and the current year of the injected clock: any write that may change a result (an import, a computation, an approval, a
/// configuration change; not a sign-in or a read) in this process makes the next request compute again. The expiry bounds staleness after
/// writes by another process (the command line).
/// </remarks>
public sealed class GetPublicResults(AllianssiDbContext db, IMemoryCache cache, StoreChanges changes, TimeProvider time)
{
    /// <summary>How long cached results are kept when this process writes nothing.</summary>
    public static readonly TimeSpan CacheExpiry = TimeSpan.FromSeconds(60);

    /// <summary>The pseudo-unit of the municipality's total.</summary>
    public const string TotalUnit = ResultSuppression.TotalUnit;

    public async Task<Outcome<PublicResults>> ExecuteAsync(string allianceCode, CancellationToken ct = default)
    {
        // Read before computing: a write meanwhile leaves this entry under an old generation, never served again.
        var key = new CacheKey(allianceCode, changes.Generation, time.GetUtcNow().Year);
        if (cache.TryGetValue(key, out PublicResults? cached) && cached is not null)
        {
            return Outcome<PublicResults>.Ok(cached);
        }

        var outcome = await ComputeAsync(allianceCode, key.ThisYear, ct);
        if (outcome.IsOk)
        {
            cache.Set(key, outcome.Value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheExpiry, Size = 1 });
        }

        return outcome;
    }

    private sealed record CacheKey(string Alliance, long Generation, int ThisYear);

    private async Task<Outcome<PublicResults>> ComputeAsync(string allianceCode, int thisYear, CancellationToken ct)
    {
        var loaded = await AllianceData.LoadAsync(db, allianceCode, ct);
        if (loaded is null)
        {
            return Outcome<PublicResults>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        // The current year of the application's clock, as the signed-in scorecard's (no later year is scored).
        var data = loaded with { ThisYear = thisYear };

        var periods = new List<PublicPeriod>();
        foreach (var period in data.Alliance.Periods.OrderBy(p => p.Dates.Start))
        {
            var card = Scorecards.Compute(data, period.Code, null, WhatIfChanges.None);
            if (card.IsOk)
            {
                periods.Add(new PublicPeriod(period.Code, card.Value!.PeriodScore, card.Value.Trend.Select(t => new PublicYear(t.Year, t.OverallScore, t.Kras) { SoFar = t.SoFar }).ToList())
                {
                    ToDateThrough = card.Value.ToDateThrough,
                });
            }
        }

        var thresholds = await ResultSuppression.ThresholdsAsync(db, data.Alliance.Id, ct);
        var published = await PublishedCustomVersionsAsync(data.Alliance.Id, ct);
        var rows = (await db.IndicatorResults.AsNoTracking().Where(r => r.AllianceId == data.Alliance.Id)
            .Select(r => new Row(r.Period, r.IndicatorId, r.UnitId, r.Year, r.Value, r.N, r.Suppressed, r.IsAllianceUnit, r.ComputedAt, r.DefinitionVersion)).ToListAsync(ct))
            .Where(r => IsPublic(r, published.Custom, published.Versions)).ToList();
        // The cells every signed-in output hides are hidden here too, so no two outputs can be differenced.
        var hiddenElsewhere = ResultSuppression.Hidden(rows.Select(r => new ResultCell(r.Indicator, r.Period, r.Year, r.Unit, r.N, r.Suppressed)), thresholds);
        var indicators = new List<PublicIndicatorYear>();
        foreach (var group in rows.GroupBy(r => (r.Indicator, r.Year)).OrderBy(g => g.Key.Indicator, StringComparer.Ordinal).ThenBy(g => g.Key.Year))
        {
            // The newest computation of each unit for this indicator and year.
            var latest = group.GroupBy(r => r.Unit).Select(u => u.OrderByDescending(r => r.ComputedAt).First())
                .Select(r => hiddenElsewhere.Contains(new ResultCell(r.Indicator, r.Period, r.Year, r.Unit, r.N, r.Suppressed)) ? r with { Suppressed = true } : r)
                .ToList();
            var minimum = latest.Select(r => thresholds.TryGetValue(r.Period, out var m) ? m : Suppression.MinimumCountFloor).DefaultIfEmpty(Suppression.MinimumCountFloor).Max();
            indicators.Add(Publish(group.Key.Indicator, group.Key.Year, latest, minimum));
        }

        var shown = indicators.Select(i => i.Indicator).ToHashSet(StringComparer.Ordinal);
        var indicatorNames = (await Indicators.IndicatorDefinitions.ForAllianceAsync(db, data.Alliance.Id, ct))
            .Where(d => shown.Contains(d.Id)).GroupBy(d => d.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new PublicName(g.Last().NameFi, g.Last().NameEn), StringComparer.Ordinal);
        return Outcome<PublicResults>.Ok(new PublicResults(data.Alliance.Code, data.Alliance.Name, data.Alliance.ScoredUnit, periods, indicators)
        {
            KraNames = data.Alliance.KeyResultAreas.ToDictionary(k => k.Code, k => new PublicName(k.NameFi, k.NameEn), StringComparer.Ordinal),
            IndicatorNames = indicatorNames,
        });
    }

    internal sealed record Row(string Period, string Indicator, string Unit, int Year, double? Value, long? N, bool Suppressed, bool IsAlliance, DateTimeOffset ComputedAt, int DefinitionVersion = 0);

    /// <summary>The alliance's custom indicator codes, and the versions the leadership has published.</summary>
    private async Task<(HashSet<string> Custom, HashSet<(string Code, int Version)> Versions)> PublishedCustomVersionsAsync(int allianceId, CancellationToken ct)
    {
        var custom = await db.CustomIndicatorDefinitions.AsNoTracking().Where(d => d.AllianceId == allianceId)
            .Select(d => new { d.Code, d.Version, d.PublishedAt }).ToListAsync(ct);
        return (custom.Select(d => d.Code).ToHashSet(StringComparer.Ordinal),
            custom.Where(d => d.PublishedAt is not null).Select(d => (d.Code, d.Version)).ToHashSet());
    }

    /// <summary>
    /// Reference indicators are public; a custom indicator's result only when the leadership has
    /// published the very version that computed it (a later, unreviewed version stays private).
    /// </summary>
    internal static bool IsPublic(Row row, IReadOnlySet<string> customCodes, IReadOnlySet<(string Code, int Version)> publishedVersions) =>
        ReferenceCatalog.Ids.Contains(row.Indicator)
        || (customCodes.Contains(row.Indicator) && publishedVersions.Contains((row.Indicator, row.DefinitionVersion)));

    /// <summary>One indicator-year as published: the total and every unit add up, so they form one relation.</summary>
    internal static PublicIndicatorYear Publish(string indicator, int year, IReadOnlyList<Row> cells, long minimumCount)
    {
        var counts = cells.ToDictionary(c => c.Unit, c => c.Suppressed ? null : c.N, StringComparer.Ordinal);
        // Only a shown total makes the units a relation: without it nothing adds up to anything published.
        IReadOnlyCollection<string>[] relations = cells.Any(c => c.Unit == TotalUnit) ? [cells.Select(c => c.Unit).ToList()] : [];
        var hidden = Suppression.Suppress(counts, minimumCount, relations);
        PublicCell Cell(Row r) => hidden.Contains(r.Unit)
            ? new PublicCell(r.Unit, r.IsAlliance, null, null, true)
            : new PublicCell(r.Unit, r.IsAlliance, r.N, r.Value, false);
        var total = cells.SingleOrDefault(c => c.Unit == TotalUnit);
        return new PublicIndicatorYear(
            indicator,
            year,
            total is null ? new PublicCell(TotalUnit, false, null, null, true) : Cell(total),
            cells.Where(c => c.Unit != TotalUnit).OrderByDescending(c => c.IsAlliance).ThenBy(c => c.Unit, StringComparer.Ordinal).Select(Cell).ToList());
    }
}
