using System.Collections.Immutable;
using System.Globalization;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scenarios;

namespace Allianssi.Domain.Scoring;

/// <summary>Scores indicators, key result areas, years and a span (commercial model, sections 1-4).</summary>
public static class Scorer
{
    /// <summary>
    /// The code of the error for an indicator with a value to score but no levels for the year or any earlier
    /// one (docs/error-codes.md); its values are the indicator's id and the year.
    /// </summary>
    public const string NoLevelsCode = "scoring.noLevels";

    /// <summary>Scores every year of <paramref name="span"/> and combines them into the period score S.</summary>
    /// <param name="kras">The scorecard's key result areas with their indicators' levels and values.</param>
    /// <param name="period">The contract period the span lies in (month weights, aggregation).</param>
    /// <param name="span">The settled years (paths in errors use their positions: <c>span[i]</c>).</param>
    /// <exception cref="InvalidScenarioException">A year in which no indicator can be scored, or an
    /// indicator without levels for a year.</exception>
    public static Scorecard Score(IReadOnlyList<KeyResultArea> kras, ContractPeriod period, IReadOnlyList<int> span)
    {
        ArgumentNullException.ThrowIfNull(kras);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(span);
        if (span.Count == 0)
        {
            throw new InvalidScenarioException([new ScenarioError("span", "the span names no year")]);
        }

        var errors = new List<ScenarioError>();
        var explanations = new List<Explanation>();
        var years = new List<YearScore>();
        foreach (var (year, index) in span.Select((y, i) => (y, i)).OrderBy(p => p.y))
        {
            errors.AddRange(MissingLevels(kras, year));
            if (errors.Count > 0)
            {
                continue;
            }

            var yearScore = ScoreYear(kras, year, period.MonthsIn(year), explanations);
            if (yearScore is null)
            {
                errors.Add(new ScenarioError(
                    Path.Span(index),
                    Invariant($"no indicator can be scored in {year}: every indicator is missing and dropped")));
            }
            else
            {
                years.Add(yearScore);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidScenarioException(errors);
        }

        var periodScore = Combine(years, period.Aggregation, explanations);
        return new Scorecard([.. years], periodScore, [.. explanations]);
    }

    /// <summary>Scores one year (section 3); null when no indicator can be scored.</summary>
    /// <param name="kras">Key result areas.</param>
    /// <param name="year">Calendar year.</param>
    /// <param name="monthWeight">Months of the year inside the period (carried into the result).</param>
    /// <param name="explanations">Receives one line per figure; may be null.</param>
    /// <exception cref="InvalidOperationException">An indicator has no levels for the year.</exception>
    public static YearScore? ScoreYear(
        IReadOnlyList<KeyResultArea> kras, int year, int monthWeight, ICollection<Explanation>? explanations = null)
    {
        ArgumentNullException.ThrowIfNull(kras);
        var lines = new List<Explanation>();
        var raw = kras.Select(kra => (Kra: kra, Indicators: kra.Indicators.Select(i => Raw(kra, i, year, lines)).ToList())).ToList();

        var remaining = raw.Where(k => k.Indicators.Any(i => i.Score is not null)).ToList();
        if (remaining.Count == 0)
        {
            return null;
        }

        var allKraWeight = raw.Sum(k => k.Kra.Weight.Percent);
        var remainingKraWeight = remaining.Sum(k => k.Kra.Weight.Percent);
        var kraScores = new List<KraScore>();
        var indicatorScores = new List<IndicatorScore>();
        var weightLines = new List<Explanation>();
        decimal weightedSum = 0m, weightTotal = 0m;
        var terms = new List<string>();
        var products = new List<ExplanationWeighted>();
        foreach (var (kra, indicators) in raw)
        {
            var scoredWeight = indicators.Where(i => i.Score is not null).Sum(i => i.Indicator.Weight.Percent);
            if (scoredWeight == 0m)
            {
                kraScores.Add(new KraScore(kra.Id, null, Weight.None));
                weightLines.Add(new Explanation(
                    Key(year, "kra", kra.Id, "score"), null,
                    Invariant($"{kra.Id} {year}: no indicator scored; dropped, weight {Numbers.Format(kra.Weight.Percent)} shared among the other KRAs"))
                    { Template = "kra.dropped", Arguments = [kra.Id, year, kra.Weight.Percent] });
                weightLines.Add(new Explanation(Key(year, "kra", kra.Id, "effectiveWeight"), 0m, Invariant($"{kra.Id} {year}: effective weight 0 (dropped)"))
                    { Template = "weight.dropped", Arguments = [kra.Id, year] });
                foreach (var raw1 in indicators)
                {
                    indicatorScores.Add(raw1.ToResult(kra.Id, Weight.None));
                    weightLines.Add(new Explanation(Key(year, "indicator", raw1.Indicator.Id, "effectiveWeight"), 0m, Invariant($"{raw1.Indicator.Id} {year}: effective weight 0 (dropped)"))
                        { Template = "weight.dropped", Arguments = [raw1.Indicator.Id, year] });
                }

                continue;
            }

            // Nothing dropped: keep the configured weights exactly rather than a rescaled copy.
            var kraEffective = remainingKraWeight == allKraWeight
                ? kra.Weight.Percent
                : kra.Weight.Percent * 100m / remainingKraWeight;
            weightLines.Add(remainingKraWeight == allKraWeight
                ? new Explanation(Key(year, "kra", kra.Id, "effectiveWeight"), kraEffective, Invariant($"{kra.Id} {year}: effective weight = configured {Numbers.Format(kraEffective)}"))
                    { Template = "weight.configured", Arguments = [kra.Id, year, kraEffective] }
                : new Explanation(Key(year, "kra", kra.Id, "effectiveWeight"), kraEffective, Invariant($"{kra.Id} {year}: effective weight = {Numbers.Format(kra.Weight.Percent)} * 100 / {Numbers.Format(remainingKraWeight)} (weights of KRAs still scored) = {Short(kraEffective)}"))
                    { Template = "kra.weight.rescaled", Arguments = [kra.Id, year, kra.Weight.Percent, remainingKraWeight, ShortNumber(kraEffective)] });

            decimal kraSum = 0m, kraWeight = 0m;
            var kraTerms = new List<string>();
            var kraProducts = new List<ExplanationWeighted>();
            foreach (var item in indicators)
            {
                if (item.Score is not { } score)
                {
                    indicatorScores.Add(item.ToResult(kra.Id, Weight.None));
                    weightLines.Add(new Explanation(Key(year, "indicator", item.Indicator.Id, "effectiveWeight"), 0m, Invariant($"{item.Indicator.Id} {year}: effective weight 0 (dropped, weight shared within {kra.Id})"))
                        { Template = "indicator.weight.droppedWithin", Arguments = [item.Indicator.Id, year, kra.Id] });
                    continue;
                }

                var effective = scoredWeight == kra.Weight.Percent && kraEffective == kra.Weight.Percent
                    ? item.Indicator.Weight.Percent
                    : item.Indicator.Weight.Percent * kraEffective / scoredWeight;
                indicatorScores.Add(item.ToResult(kra.Id, new Weight(effective)));
                weightLines.Add(effective == item.Indicator.Weight.Percent
                    ? new Explanation(Key(year, "indicator", item.Indicator.Id, "effectiveWeight"), effective, Invariant($"{item.Indicator.Id} {year}: effective weight = configured {Numbers.Format(effective)}"))
                        { Template = "weight.configured", Arguments = [item.Indicator.Id, year, effective] }
                    : new Explanation(Key(year, "indicator", item.Indicator.Id, "effectiveWeight"), effective, Invariant($"{item.Indicator.Id} {year}: effective weight = {Numbers.Format(item.Indicator.Weight.Percent)} * {Short(kraEffective)} ({kra.Id} effective) / {Numbers.Format(scoredWeight)} (scored weight in {kra.Id}) = {Short(effective)}"))
                        { Template = "indicator.weight.rescaled", Arguments = [item.Indicator.Id, year, item.Indicator.Weight.Percent, ShortNumber(kraEffective), kra.Id, scoredWeight, ShortNumber(effective)] });
                kraSum += effective * score.Value;
                kraWeight += effective;
                kraTerms.Add(Invariant($"{Short(effective)} * {score}"));
                kraProducts.Add(new ExplanationWeighted(ShortNumber(effective), score));
            }

            var kraScore = Domain.Score.Clamped(kraSum / kraWeight);
            kraScores.Add(new KraScore(kra.Id, kraScore, new Weight(kraEffective)));
            weightLines.Add(new Explanation(
                Key(year, "kra", kra.Id, "score"), kraScore.Value,
                Invariant($"{kra.Id} {year}: score = ({string.Join(" + ", kraTerms)}) / {Short(kraWeight)} = {kraScore}"))
                { Template = "kra.score", Arguments = [kra.Id, year, new ExplanationWeightedSum(kraProducts), ShortNumber(kraWeight), kraScore] });
            weightedSum += kraSum;
            weightTotal += kraWeight;
            terms.Add(Invariant($"{Short(kraWeight)} * {kraScore}"));
            products.Add(new ExplanationWeighted(ShortNumber(kraWeight), kraScore));
        }

        var overall = Domain.Score.Clamped(weightedSum / weightTotal);
        if (explanations is not null)
        {
            foreach (var line in lines.Concat(weightLines))
            {
                explanations.Add(line);
            }

            explanations.Add(new Explanation(
                Invariant($"year.{year}.overallScore"), overall.Value,
                Invariant($"overall {year} = ({string.Join(" + ", terms)}) / {Short(weightTotal)} = {overall}"))
                { Template = "overall", Arguments = [year, new ExplanationWeightedSum(products), ShortNumber(weightTotal), overall] });
        }

        return new YearScore(year, monthWeight, overall, [.. kraScores], [.. indicatorScores]);
    }

    private static Score Combine(List<YearScore> years, ScoreAggregation aggregation, List<Explanation> explanations)
    {
        if (aggregation == ScoreAggregation.FinalYear)
        {
            var last = years[^1];
            explanations.Add(new Explanation(
                "periodScore", last.OverallScore.Value,
                Invariant($"S = score of the final year {last.Year} = {last.OverallScore}"))
                { Template = "periodScore.finalYear", Arguments = [last.Year, last.OverallScore] });
            return last.OverallScore;
        }

        var months = years.Sum(y => (decimal)y.MonthWeight);
        var sum = years.Sum(y => y.MonthWeight * y.OverallScore.Value);
        var s = Domain.Score.Clamped(sum / months);
        explanations.Add(new Explanation(
            "periodScore", s.Value,
            Invariant($"S = ({string.Join(" + ", years.Select(y => Invariant($"{y.MonthWeight} * {y.OverallScore} ({y.Year})")))}) / {months} months = {s}"))
            {
                Template = "periodScore.months",
                Arguments = [new ExplanationWeightedSum([.. years.Select(y => new ExplanationWeighted(y.MonthWeight, y.OverallScore, y.Year))]), months, s],
            });
        return s;
    }

    private static RawScore Raw(KeyResultArea kra, Indicator indicator, int year, List<Explanation> lines)
    {
        ReferenceLevels Levels() => indicator.LevelsFor(year)
            ?? throw new InvalidOperationException(Invariant($"indicator {indicator.Id} has no levels for {year}"));
        var key = Key(year, "indicator", indicator.Id, "score");
        if (indicator.Values.TryGetValue(year, out var measured))
        {
            var levels = Levels();
            var score = levels.ScoreOf(measured);
            lines.Add(new Explanation(key, score.Value, Invariant($"{indicator.Id} {year}: measured {Numbers.Format(measured)}; {levels.Describe(measured)} = {score}"))
                { Template = "indicator.measured", Arguments = [indicator.Id, year, measured, levels.DescribePart(measured), score] });
            return new RawScore(indicator, measured, year, score, ValueSource.Measured);
        }

        switch (indicator.Missing)
        {
            case MissingRule.Zero:
                lines.Add(new Explanation(key, 0m, Invariant($"{indicator.Id} {year}: missing; rule zero = 0.0"))
                    { Template = "indicator.missing.zero", Arguments = [indicator.Id, year, Domain.Score.Expected] });
                return new RawScore(indicator, null, null, Domain.Score.Expected, ValueSource.Missing);
            case MissingRule.Minus100:
                lines.Add(new Explanation(key, -100m, Invariant($"{indicator.Id} {year}: missing; rule minus100 = -100.0"))
                    { Template = "indicator.missing.minus100", Arguments = [indicator.Id, year, Domain.Score.Minimum] });
                return new RawScore(indicator, null, null, Domain.Score.Minimum, ValueSource.Missing);
            case MissingRule.CarryForward when indicator.LatestValueBefore(year) is { } carried:
                var carriedLevels = Levels();
                var carriedScore = carriedLevels.ScoreOf(carried.Value);
                lines.Add(new Explanation(key, carriedScore.Value, Invariant($"{indicator.Id} {year}: carried forward {Numbers.Format(carried.Value)} from {carried.Year}, scored with the {year} levels; {carriedLevels.Describe(carried.Value)} = {carriedScore}"))
                    { Template = "indicator.carriedForward", Arguments = [indicator.Id, year, carried.Value, carried.Year, carriedLevels.DescribePart(carried.Value), carriedScore] });
                return new RawScore(indicator, carried.Value, carried.Year, carriedScore, ValueSource.CarriedForward);
            default:
                lines.Add(new Explanation(key, null, Invariant($"{indicator.Id} {year}: missing; rule {Scenarios.ScenarioNames.Name(indicator.Missing)}: dropped, its weight {Numbers.Format(indicator.Weight.Percent)} shared within {kra.Id}"))
                    { Template = "indicator.missing.dropped", Arguments = [indicator.Id, year, new ExplanationPart("missingRule." + Scenarios.ScenarioNames.Name(indicator.Missing), []), indicator.Weight.Percent, kra.Id] });
                return new RawScore(indicator, null, null, null, ValueSource.Missing);
        }
    }

    private static IEnumerable<ScenarioError> MissingLevels(IReadOnlyList<KeyResultArea> kras, int year)
    {
        for (var i = 0; i < kras.Count; i++)
        {
            for (var j = 0; j < kras[i].Indicators.Length; j++)
            {
                var indicator = kras[i].Indicators[j];
                if (indicator.NeedsLevels(year) && indicator.LevelsFor(year) is null)
                {
                    yield return ScenarioError.Create(
                        Invariant($"kras[{i}].indicators[{j}].levels"),
                        NoLevelsCode,
                        $"indicator {indicator.Id} has no levels for {year} or any earlier year");
                }
            }
        }
    }

    private static string Key(int year, string kind, string id, string figure) =>
        Invariant($"year.{year}.{kind}.{id}.{figure}");

    private static string Short(decimal value) => Numbers.Format(Math.Round(value, 6, MidpointRounding.AwayFromZero));

    // The value as Short shows it, for the explanation's arguments (every surface shows the same digits).
    private static decimal ShortNumber(decimal value) => Numbers.Normalize(Math.Round(value, 6, MidpointRounding.AwayFromZero));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static class Path
    {
        public static string Span(int index) => Invariant($"span[{index}]");
    }

    private sealed record RawScore(Indicator Indicator, decimal? Value, int? ValueYear, Score? Score, ValueSource Source)
    {
        public IndicatorScore ToResult(string kraId, Weight effective) =>
            new(Indicator.Id, kraId, Value, ValueYear, Score, effective, Source, Indicator.Missing);
    }
}
