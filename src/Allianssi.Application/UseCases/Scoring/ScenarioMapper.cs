using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Domain;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using D = Allianssi.Domain;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>Scratch changes for what-if: values and levels by indicator id and year (null value = missing).</summary>
public sealed record WhatIfChanges(
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal?>>? Values = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, LevelsChange>>? Levels = null)
{
    public static WhatIfChanges None { get; } = new();

    public bool IsEmpty => (Values is null || Values.Count == 0) && (Levels is null || Levels.Count == 0);
}

/// <summary>Reference levels in a what-if change.</summary>
public sealed record LevelsChange(decimal Minus100, decimal Zero, decimal Plus100);

/// <summary>An alliance's persisted configuration and data, read once, ready to become domain scenarios.</summary>
internal sealed record AllianceData(
    Alliance Alliance,
    IReadOnlyList<Data.Entities.TargetCost> TargetCosts,
    IReadOnlyList<Data.Entities.TargetCostAdjustment> Adjustments,
    IReadOnlyList<LedgerLine> Ledger,
    IReadOnlyList<IndicatorValue> Values)
{
    public static async Task<AllianceData?> LoadAsync(AllianssiDbContext db, string allianceCode, CancellationToken ct)
    {
        var alliance = await StoredDates.ReadAsync(db, () => db.Alliances.AsNoTracking()
            .Include(a => a.Parties)
            .Include(a => a.Periods)
            .Include(a => a.KeyResultAreas).ThenInclude(k => k.Indicators).ThenInclude(i => i.Levels)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Code == allianceCode, ct), ct);
        if (alliance is null)
        {
            return null;
        }

        var targetCosts = await db.TargetCosts.AsNoTracking().Where(t => t.Party!.AllianceId == alliance.Id).ToListAsync(ct);
        var adjustments = await db.TargetCostAdjustments.AsNoTracking().Where(t => t.Party!.AllianceId == alliance.Id).OrderBy(t => t.Id).ToListAsync(ct);
        var ledger = await db.LedgerLines.AsNoTracking().Where(t => t.Party!.AllianceId == alliance.Id).OrderBy(t => t.Id).ToListAsync(ct);
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.Indicator!.KeyResultArea!.AllianceId == alliance.Id && v.Unit == alliance.ScoredUnit).ToListAsync(ct);
        // Hand-entered values win, then the alliance unit's computed results, then illustrative values.
        var (merged, origins) = await Indicators.ComputedValues.MergeAsync(db, alliance, values, ct);
        return new AllianceData(alliance, targetCosts, adjustments, ledger, merged)
        {
            Origins = origins,
            StoredValues = values,
            DataThrough = await DataThroughAsync(db, alliance.Code, ct),
        };
    }

    /// <summary>The last date the data covered at the alliance's latest computation (recorded in its audit entry).</summary>
    private static async Task<DateOnly?> DataThroughAsync(AllianssiDbContext db, string allianceCode, CancellationToken ct)
    {
        var prefix = allianceCode + "/";
        var after = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "compute-indicators" && a.EntityKey != null && a.EntityKey.StartsWith(prefix))
            .OrderByDescending(a => a.Sequence)
            .Select(a => a.After)
            .FirstOrDefaultAsync(ct);
        if (after is null)
        {
            return null;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(after)?["dataThrough"]?.GetValue<string>() is { } text
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                ? date
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Where each scored value (by indicator id and year) comes from.</summary>
    public IReadOnlyDictionary<(int IndicatorId, int Year), Indicators.ValueOrigin> Origins { get; init; } =
        new Dictionary<(int IndicatorId, int Year), Indicators.ValueOrigin>();

    /// <summary>
    /// The same data without any computed result: the values as they were before the first
    /// computation (entered and illustrative), to tell what a change of source changed.
    /// </summary>
    public AllianceData WithoutComputed() => this with { Values = StoredValues, Origins = new Dictionary<(int IndicatorId, int Year), Indicators.ValueOrigin>() };

    /// <summary>The values stored in the operational store (entered and illustrative), before merging the computed results.</summary>
    public IReadOnlyList<IndicatorValue> StoredValues { get; init; } = [];

    /// <summary>
    /// Whether a year is still in progress: the current year (or later), or the last year with values
    /// when the imported data ends before that year's December (a data set whose last event falls in
    /// December is taken to cover its year).
    /// </summary>
    public bool InProgress(int year) =>
        year >= ThisYear
        || (DataThrough is { } through && through.Year == year && through < new DateOnly(year, 12, 1) && year >= (LastValueYear ?? year));

    /// <summary>The last date the imported events cover, when known (recorded by the latest computation).</summary>
    public DateOnly? DataThrough { get; init; }

    /// <summary>The current year: no later year is scored. The scorecard sets it from its TimeProvider.</summary>
    public int ThisYear { get; init; } = TimeProvider.System.GetUtcNow().Year;

    /// <summary>The last year any indicator of the scored unit has a value (entered or computed); null when none has.</summary>
    public int? LastValueYear => Values.Count == 0 ? null : Values.Max(v => v.Year);

    public Data.Entities.Period? Period(string code) => Alliance.Periods.SingleOrDefault(p => p.Code == code);

    public string PartyCode(int partyId) => Alliance.Parties.Single(p => p.Id == partyId).Code;

    /// <summary>The domain scorecard structure, with what-if changes applied.</summary>
    public IReadOnlyList<D.Scoring.KeyResultArea> Kras(WhatIfChanges changes)
    {
        return Alliance.KeyResultAreas.OrderBy(k => k.SortOrder).Select(k => new D.Scoring.KeyResultArea(
            k.Code,
            k.Weight,
            k.Indicators.OrderBy(i => i.SortOrder).Select(i => ToDomain(i, changes)))).ToList();
    }

    /// <summary>
    /// The scenario for a period and span (default: every year of the period), exactly as
    /// <c>allianssi settle</c> would read it from the equivalent scenario file.
    /// </summary>
    public Scenario Scenario(Data.Entities.Period period, IReadOnlyList<int>? span, WhatIfChanges changes)
    {
        ArgumentNullException.ThrowIfNull(period);
        var years = span ?? YearsOf(period);
        var inPeriod = new HashSet<int>(YearsOf(period));
        return new Scenario(
            ToDomain(period),
            years,
            // A party that joins after the period (Pirha from 2023) is not part of its settlement.
            Alliance.Parties.Where(p => p.From is null || p.From <= period.Dates.End).OrderBy(p => p.Id).Select(ToDomain),
            TargetCosts.Where(t => inPeriod.Contains(t.Year)).OrderBy(t => t.Year).ThenBy(t => t.PartyId)
                .Select(t => new D.Contracts.TargetCost(new PartyId(PartyCode(t.PartyId)), t.Year, t.Amount)),
            Adjustments.Where(t => inPeriod.Contains(t.Year))
                .Select(t => new D.Contracts.TargetCostAdjustment(new PartyId(PartyCode(t.PartyId)), t.Year, t.Amount, t.Reason, t.Decision)),
            Ledger.Where(l => inPeriod.Contains(l.Year))
                .Select(l => new LedgerEntry(new PartyId(PartyCode(l.PartyId)), l.Year, l.Amount, l.Reimbursable)),
            Alliance.TargetCostIncludesFee,
            new IncentiveTerms(Alliance.IncentivePool, Alliance.SanctionCap),
            Kras(changes));
    }

    public static IReadOnlyList<int> YearsOf(Data.Entities.Period period) =>
        [.. period.Dates.Years];

    public static ContractPeriod ToDomain(Data.Entities.Period period) => new(
        period.Code,
        period.Dates,
        period.ScoreAggregation);

    private static D.Contracts.Party ToDomain(Data.Entities.Party p) => new(
        new PartyId(p.Code),
        p.Role,
        p.FeeType switch
        {
            FeeType.None => null,
            FeeType.Fixed => new FeeTerms.Fixed(p.FeeAmount ?? D.Money.Zero),
            FeeType.PercentOfActual => new FeeTerms.PercentOfActual(p.FeeRate ?? 0m),
            _ => throw new ArgumentOutOfRangeException(nameof(p), p.FeeType, "unknown fee type"),
        },
        p.GainShare,
        p.PainShare,
        p.GainCap,
        p.PainCapIsFee ? new PainCap.Fee() : p.PainCap is { } pc ? new PainCap.Amount(pc) : null,
        p.IncentiveShare);

    private D.Scoring.Indicator ToDomain(Data.Entities.Indicator i, WhatIfChanges changes)
    {
        var levels = i.Levels.ToDictionary(l => l.Year, l => l.Levels);
        if (changes.Levels is not null && changes.Levels.TryGetValue(i.Code, out var levelChanges))
        {
            foreach (var (year, l) in levelChanges)
            {
                levels[year] = new ReferenceLevels(l.Minus100, l.Zero, l.Plus100);
            }
        }

        var values = Values.Where(v => v.IndicatorId == i.Id).ToDictionary(v => v.Year, v => v.Value);
        if (changes.Values is not null && changes.Values.TryGetValue(i.Code, out var valueChanges))
        {
            foreach (var (year, value) in valueChanges)
            {
                if (value is { } x)
                {
                    values[year] = x;
                }
                else
                {
                    values.Remove(year);
                }
            }
        }

        return new D.Scoring.Indicator(
            i.Code,
            i.Weight,
            i.Missing,
            levels,
            values);
    }
}
