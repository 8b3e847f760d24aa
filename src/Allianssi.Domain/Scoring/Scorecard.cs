using System.Collections.Immutable;

namespace Allianssi.Domain.Scoring;

/// <summary>An indicator's result for one year.</summary>
/// <param name="Id">Indicator id.</param>
/// <param name="KraId">The key result area it belongs to.</param>
/// <param name="Value">The value scored (measured or carried forward); null when missing.</param>
/// <param name="ValueYear">The year the value was measured in; null when missing.</param>
/// <param name="Score">The score; null when dropped by reweighting.</param>
/// <param name="EffectiveWeight">Weight after the missing-value rule; zero when dropped.</param>
/// <param name="ValueSource">Measured, carried forward or missing.</param>
/// <param name="MissingRule">The indicator's configured missing-value rule.</param>
public sealed record IndicatorScore(
    string Id,
    string KraId,
    decimal? Value,
    int? ValueYear,
    Score? Score,
    Weight EffectiveWeight,
    ValueSource ValueSource,
    MissingRule MissingRule);

/// <summary>A key result area's result for one year; <see cref="Score"/> is null when it dropped out.</summary>
public sealed record KraScore(string Id, Score? Score, Weight EffectiveWeight);

/// <summary>The scorecard of one calendar year (commercial model, section 3).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="MonthWeight">Months of the year inside the period: its weight in the period score.</param>
/// <param name="OverallScore">Weighted mean of the scored indicators.</param>
/// <param name="Kras">Per key result area, in configuration order.</param>
/// <param name="Indicators">Per indicator, in configuration order.</param>
public sealed record YearScore(
    int Year,
    int MonthWeight,
    Score OverallScore,
    ImmutableArray<KraScore> Kras,
    ImmutableArray<IndicatorScore> Indicators);

/// <summary>The scores of a settled span: every year and the period score S (section 4) [tuloskortti].</summary>
/// <param name="Years">Yearly scorecards in year order.</param>
/// <param name="PeriodScore">S: month-weighted mean of the years, or the final year's score.</param>
/// <param name="Explanations">One line per score and effective weight.</param>
public sealed record Scorecard(
    ImmutableArray<YearScore> Years,
    Score PeriodScore,
    ImmutableArray<Explanation> Explanations);
