using Allianssi.Domain.Scenarios;
using D = Allianssi.Domain;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>One indicator's row on the scorecard for a year.</summary>
public sealed record IndicatorRow(
    string Code,
    string Kra,
    decimal Weight,
    decimal? Value,
    int? ValueYear,
    string ValueSource,
    decimal? Minus100,
    decimal? Zero,
    decimal? Plus100,
    bool HigherIsBetter,
    decimal? Score,
    decimal EffectiveWeight,
    string MissingRule,
    string? MissingRuleApplied,
    string? Source,
    string? ValueLabel)
{
    /// <summary>Where the value comes from (computed from batches, entered by whom, illustrative); null when missing.
    /// Not in the JSON, so that approved snapshots keep their hashes; the API has <see cref="ValueLabel"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Indicators.ValueOrigin? Origin { get; init; }
}

/// <summary>One key result area's row on the scorecard for a year.</summary>
public sealed record KraRow(string Code, string NameFi, string NameEn, decimal Weight, decimal? Score, decimal EffectiveWeight, IReadOnlyList<IndicatorRow> Indicators);

/// <summary>One year's overall score, for the trend.</summary>
public sealed record YearPoint(int Year, int MonthWeight, decimal OverallScore, IReadOnlyDictionary<string, decimal?> Kras)
{
    /// <summary>Each indicator's score that year (null when it has none), for the trend per indicator.</summary>
    public IReadOnlyDictionary<string, decimal?> Indicators { get; init; } = new Dictionary<string, decimal?>(StringComparer.Ordinal);

    /// <summary>Whether the year is still in progress (its score is "so far"); only written when true.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool SoFar { get; init; }
}

/// <summary>The scorecard of a period with one year in detail.</summary>
public sealed record ScorecardView(
    string Alliance,
    string Period,
    IReadOnlyList<int> Years,
    int Year,
    decimal? OverallScore,
    decimal PeriodScore,
    string ScoreAggregation,
    IReadOnlyList<KraRow> Kras,
    IReadOnlyList<YearPoint> Trend,
    IReadOnlyList<string> Explanation) : ResultView
{
    /// <summary>Whether the year shown is still in progress, so its scores are "so far"; only written when true.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool YearSoFar { get; init; }

    /// <summary>
    /// Set when the period is scored only "to date": the last scored year, when later years of the period
    /// have no data yet or that year is in progress. Null (and not written) for a period scored whole.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? ToDateThrough { get; init; }
}

/// <summary>Turns a domain scorecard into the view the pages and the API show.</summary>
internal static class ScorecardViews
{
    public static ScorecardView Build(AllianceData data, Data.Entities.Period period, D.Scoring.Scorecard card, int year, IReadOnlyList<D.Scoring.KeyResultArea> kras)
    {
        var yearScore = card.Years.SingleOrDefault(y => y.Year == year);
        var rows = new List<KraRow>();
        foreach (var kra in data.Alliance.KeyResultAreas.OrderBy(k => k.SortOrder))
        {
            var domainKra = kras.Single(k => k.Id == kra.Code);
            var kraScore = yearScore?.Kras.SingleOrDefault(k => k.Id == kra.Code);
            var indicators = new List<IndicatorRow>();
            foreach (var indicator in kra.Indicators.OrderBy(i => i.SortOrder))
            {
                var domainIndicator = domainKra.Indicators.Single(i => i.Id == indicator.Code);
                var levels = domainIndicator.LevelsFor(year);
                var s = yearScore?.Indicators.SingleOrDefault(i => i.Id == indicator.Code);
                indicators.Add(new IndicatorRow(
                    indicator.Code,
                    kra.Code,
                    indicator.Weight.Percent,
                    s?.Value,
                    s?.ValueYear,
                    s is null ? "missing" : SourceText(s.ValueSource),
                    levels?.Minus100,
                    levels?.Zero,
                    levels?.Plus100,
                    levels?.HigherIsBetter ?? true,
                    s?.Score?.Value,
                    s?.EffectiveWeight.Percent ?? 0m,
                    Alliances.Text.Missing(indicator.Missing),
                    s is null || s.ValueSource == D.Scoring.ValueSource.Measured ? null : AppliedText(s),
                    indicator.Source,
                    s?.ValueYear is { } valueYear
                        ? data.Values.FirstOrDefault(v => v.IndicatorId == indicator.Id && v.Year == valueYear)?.Source
                        : null)
                {
                    Origin = s?.ValueYear is { } originYear ? data.Origins.GetValueOrDefault((indicator.Id, originYear)) : null,
                });
            }

            rows.Add(new KraRow(kra.Code, kra.NameFi, kra.NameEn, kra.Weight.Percent, kraScore?.Score?.Value, kraScore?.EffectiveWeight.Percent ?? 0m, indicators));
        }

        var years = ScenarioMapperYears(period);
        return new ScorecardView(
            data.Alliance.Code,
            period.Code,
            years,
            year,
            yearScore?.OverallScore.Value,
            card.PeriodScore.Value,
            Alliances.Text.Aggregation(period.ScoreAggregation),
            rows,
            card.Years.Select(y => new YearPoint(
                y.Year, y.MonthWeight, y.OverallScore.Value,
                y.Kras.ToDictionary(k => k.Id, k => k.Score?.Value, StringComparer.Ordinal))
            {
                Indicators = y.Indicators.ToDictionary(i => i.Id, i => i.Score?.Value, StringComparer.Ordinal),
                SoFar = data.InProgress(y.Year),
            }).ToList(),
            card.Explanations.Select(e => e.Text).ToList())
        {
            Lines = card.Explanations,
        };
    }

    private static IReadOnlyList<int> ScenarioMapperYears(Data.Entities.Period period) => AllianceData.YearsOf(period);

    private static string SourceText(D.Scoring.ValueSource source) => source switch
    {
        D.Scoring.ValueSource.Measured => "measured",
        D.Scoring.ValueSource.CarriedForward => "carriedForward",
        _ => "missing",
    };

    private static string AppliedText(D.Scoring.IndicatorScore s) => s.ValueSource switch
    {
        D.Scoring.ValueSource.CarriedForward => FormattableString.Invariant($"carryForward from {s.ValueYear}"),
        _ when s.Score is null => "reweight",
        // A carry-forward rule without an earlier value has no score and was caught above (reweighted).
        _ => Alliances.Text.Missing(s.MissingRule),
    };

    /// <summary>Domain validation errors as field-keyed messages.</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(InvalidScenarioException e) =>
        e.Errors.GroupBy(x => x.Path).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray(), StringComparer.Ordinal);
}
