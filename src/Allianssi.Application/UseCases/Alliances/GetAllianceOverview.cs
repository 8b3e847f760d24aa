using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;
using ScoreAggregation = Allianssi.Domain.Contracts.ScoreAggregation;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Alliances;

/// <summary>A party for the overview.</summary>
public sealed record PartyDto(string Code, string Name, string Role, DateOnly? From, string? Services, string Fee, decimal GainShare, decimal PainShare, decimal IncentiveShare)
{
    /// <summary>The fee's terms as data, for a page that words them in its language (<see cref="Fee"/> is the invariant text): <c>fixed</c>, <c>percent</c> or <c>none</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string FeeKind { get; init; } = "none";

    /// <summary>The fixed fee in euros a year, or the fee rate as a fraction of the actual cost (0.05 = 5 %).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal? FeeValue { get; init; }
}

/// <summary>A period for the overview.</summary>
public sealed record PeriodDto(string Code, DateOnly Start, DateOnly End, string ScoreAggregation, IReadOnlyDictionary<string, decimal> Parameters)
{
    /// <summary>The calendar years the period touches, in order (<see cref="Domain.DateSpan.Years"/>).</summary>
    public IEnumerable<int> Years => new Domain.DateSpan(Start, End).Years;
}

/// <summary>A key result area with its indicators for the overview and configuration pages.</summary>
public sealed record KraDto(string Code, string NameFi, string NameEn, decimal Weight, IReadOnlyList<IndicatorDto> Indicators);

/// <summary>An indicator with its per-year reference levels.</summary>
public sealed record IndicatorDto(string Code, decimal Weight, string Missing, string? Source, IReadOnlyList<LevelDto> Levels);

/// <summary>Reference levels from a year on.</summary>
public sealed record LevelDto(int Year, decimal Minus100, decimal Zero, decimal Plus100);

/// <summary>The alliance at a glance.</summary>
public sealed record AllianceOverview(
    string Code,
    string Name,
    DateOnly Start,
    DateOnly End,
    int? Residents,
    string ScoredUnit,
    bool TargetCostIncludesFee,
    decimal IncentivePool,
    decimal SanctionCap,
    IReadOnlyList<PartyDto> Parties,
    IReadOnlyList<PeriodDto> Periods,
    IReadOnlyList<KraDto> Kras);

/// <summary>Reads an alliance's parties (with roles and services), periods and scorecard structure.</summary>
public sealed class GetAllianceOverview(AllianssiDbContext db)
{
    public async Task<AllianceOverview?> ExecuteAsync(string allianceCode, CancellationToken ct = default)
    {
        var a = await StoredDates.ReadAsync(db, () => db.Alliances.AsNoTracking()
            .Include(x => x.Parties)
            .Include(x => x.Periods).ThenInclude(p => p.Parameters)
            .Include(x => x.KeyResultAreas).ThenInclude(k => k.Indicators).ThenInclude(i => i.Levels)
            .AsSplitQuery()
            .SingleOrDefaultAsync(x => x.Code == allianceCode, ct), ct);
        if (a is null)
        {
            return null;
        }

        return new AllianceOverview(
            a.Code,
            a.Name,
            a.Dates.Start,
            a.Dates.End,
            a.Residents,
            a.ScoredUnit,
            a.TargetCostIncludesFee,
            a.IncentivePool.Euros,
            a.SanctionCap.Euros,
            a.Parties.OrderBy(p => p.Role).ThenBy(p => p.Id).Select(p => new PartyDto(
                p.Code, p.Name, Text.Role(p.Role), p.From, p.Services, Text.Fee(p), p.GainShare, p.PainShare, p.IncentiveShare)
            {
                FeeKind = p.FeeType switch { FeeType.Fixed => "fixed", FeeType.PercentOfActual => "percent", _ => "none" },
                FeeValue = p.FeeType switch { FeeType.Fixed => p.FeeAmount?.Euros, FeeType.PercentOfActual => p.FeeRate, _ => null },
            }).ToList(),
            a.Periods.OrderBy(p => p.Dates.Start).Select(p => new PeriodDto(
                p.Code, p.Dates.Start, p.Dates.End, Text.Aggregation(p.ScoreAggregation),
                p.Parameters.OrderBy(x => x.Name).ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal))).ToList(),
            a.KeyResultAreas.OrderBy(k => k.SortOrder).Select(k => new KraDto(
                k.Code, k.NameFi, k.NameEn, k.Weight.Percent,
                k.Indicators.OrderBy(i => i.SortOrder).Select(i => new IndicatorDto(
                    i.Code, i.Weight.Percent, Text.Missing(i.Missing), i.Source,
                    i.Levels.OrderBy(l => l.Year).Select(l => new LevelDto(l.Year, l.Levels.Minus100, l.Levels.Zero, l.Levels.Plus100)).ToList())).ToList())).ToList());
    }
}

/// <summary>Names of enum values as the scenario format writes them.</summary>
public static class Text
{
    public static string Role(PartyRole role) => ScenarioNames.Name(role);

    public static string Missing(MissingRule rule) => ScenarioNames.Name(rule);

    public static string Aggregation(ScoreAggregation aggregation) => ScenarioNames.Name(aggregation);

    public static string Fee(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return party.FeeType switch
        {
            FeeType.None => "none",
            FeeType.Fixed => FormattableString.Invariant($"fixed {party.FeeAmount?.Euros} / year"),
            FeeType.PercentOfActual => FormattableString.Invariant($"{party.FeeRate * 100m:0.##} % of actual cost"),
            _ => throw new ArgumentOutOfRangeException(nameof(party), party.FeeType, "unknown fee type"),
        };
    }
}
