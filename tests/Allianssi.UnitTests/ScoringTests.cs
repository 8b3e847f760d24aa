using Allianssi.Domain;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scoring;
using FsCheck.Xunit;

namespace Allianssi.UnitTests;

public class ScoringTests
{
    private static readonly ReferenceLevels HigherIsBetter = new(60m, 70m, 80m);
    private static readonly ReferenceLevels LowerIsBetter = new(3000m, 2400m, 1800m);

    [Theory]
    [InlineData(65, -50)]
    [InlineData(73.5, 35)]
    [InlineData(50, -100)]
    [InlineData(95, 100)]
    public void GivenHigherIsBetterLevels_WhenValueIsScored_ThenScoreIsInterpolated(decimal value, decimal expected) =>
        Assert.Equal(expected, HigherIsBetter.ScoreOf(value).Value);

    [Theory]
    [InlineData(2700, -50)]
    [InlineData(2100, 50)]
    [InlineData(3500, -100)]
    [InlineData(1000, 100)]
    public void GivenLowerIsBetterLevels_WhenValueIsScored_ThenTheSameFormulaServes(decimal value, decimal expected) =>
        Assert.Equal(expected, LowerIsBetter.ScoreOf(value).Value);

    [Property]
    public bool GivenMonotoneLevels_WhenTheReferenceLevelsAreScored_ThenTheyScoreExactlyMinus100ZeroPlus100(int a, int b, int c, bool higher)
    {
        var levels = Levels(a, b, c, higher);
        return levels.ScoreOf(levels.Minus100).Value == -100m
            && levels.ScoreOf(levels.Zero).Value == 0m
            && levels.ScoreOf(levels.Plus100).Value == 100m;
    }

    [Property]
    public bool GivenAnyValue_WhenScored_ThenScoreIsWithinScaleAndMonotoneInTheIndicatorsDirection(int a, int b, int c, bool higher, decimal x1, decimal x2)
    {
        var levels = Levels(a, b, c, higher);
        x1 = Math.Clamp(x1, -1_000_000_000m, 1_000_000_000m);
        x2 = Math.Clamp(x2, -1_000_000_000m, 1_000_000_000m);
        var (low, high) = x1 <= x2 ? (x1, x2) : (x2, x1);
        var sLow = levels.ScoreOf(low).Value;
        var sHigh = levels.ScoreOf(high).Value;
        var inRange = sLow is >= -100m and <= 100m && sHigh is >= -100m and <= 100m;
        return inRange && (higher ? sLow <= sHigh : sLow >= sHigh);
    }

    [Property]
    public bool GivenRandomScorecard_WhenAYearIsScored_ThenOverallLiesBetweenTheIndicatorScoresAndWeightsAddUpTo100(int seed)
    {
        var year = 2022;
        var kras = TestData.RandomScorecard(seed, year);
        var result = Scorer.ScoreYear(kras, year, 12);
        if (result is null)
        {
            return kras.SelectMany(k => k.Indicators).All(i => !i.Values.ContainsKey(year) && i.Missing is MissingRule.Reweight or MissingRule.CarryForward);
        }

        var scored = result.Indicators.Where(i => i.Score is not null).ToList();
        var min = scored.Min(i => i.Score!.Value.Value);
        var max = scored.Max(i => i.Score!.Value.Value);
        var total = result.Indicators.Sum(i => i.EffectiveWeight.Percent);
        var kraTotal = result.Kras.Sum(k => k.EffectiveWeight.Percent);
        return result.OverallScore.Value >= min && result.OverallScore.Value <= max
            && Math.Abs(total - 100m) < 0.000000001m
            && Math.Abs(kraTotal - 100m) < 0.000000001m
            && result.Indicators.Where(i => i.Score is null).All(i => i.EffectiveWeight == Weight.None);
    }

    [Property]
    public bool GivenCarryForward_WhenTheYearHasNoValue_ThenTheLatestEarlierValueIsScoredWithThisYearsLevels(int seed)
    {
        var random = new Random(seed);
        var earlier = Enumerable.Range(2010, 12).Where(_ => random.Next(2) == 0).ToDictionary(y => y, _ => (decimal)random.Next(60, 80));
        var indicator = new Indicator("survey", new Weight(100m), MissingRule.CarryForward,
            [KeyValuePair.Create(2000, new ReferenceLevels(0m, 50m, 100m)), KeyValuePair.Create(2022, HigherIsBetter)],
            earlier);
        var result = Scorer.ScoreYear([new KeyResultArea("K", new Weight(100m), [indicator])], 2022, 12);
        if (earlier.Count == 0)
        {
            return result is null;
        }

        var latest = earlier.Keys.Max();
        var line = result!.Indicators[0];
        return line.ValueSource == ValueSource.CarriedForward
            && line.ValueYear == latest
            && line.Value == earlier[latest]
            && line.Score == HigherIsBetter.ScoreOf(earlier[latest]);
    }

    [Fact]
    public void GivenReweightIndicatorMissing_WhenScored_ThenItsWeightGoesToTheScoredIndicatorsOfItsKraInProportion()
    {
        var kra = new KeyResultArea("K1", new Weight(60m), [
            TestData.Indicator("a", 10m, HigherIsBetter, MissingRule.Reweight, (2022, 75m)),
            TestData.Indicator("b", 30m, HigherIsBetter, MissingRule.Reweight, (2022, 65m)),
            TestData.Indicator("c", 20m, HigherIsBetter, MissingRule.Reweight)]);
        var other = TestData.Kra("K2", TestData.Indicator("d", 40m, HigherIsBetter, MissingRule.Reweight, (2022, 70m)));

        var year = Scorer.ScoreYear([kra, other], 2022, 12)!;

        Assert.Equal(15m, year.Indicators.Single(i => i.Id == "a").EffectiveWeight.Percent);
        Assert.Equal(45m, year.Indicators.Single(i => i.Id == "b").EffectiveWeight.Percent);
        Assert.Equal(Weight.None, year.Indicators.Single(i => i.Id == "c").EffectiveWeight);
        Assert.Null(year.Indicators.Single(i => i.Id == "c").Score);
        Assert.Equal(60m, year.Kras[0].EffectiveWeight.Percent);
    }

    [Fact]
    public void GivenEveryIndicatorOfAKraMissing_WhenScored_ThenTheKraDropsOutAndTheOthersShareItsWeight()
    {
        var dropped = TestData.Kra("K1", TestData.Indicator("a", 50m, HigherIsBetter));
        var k2 = TestData.Kra("K2", TestData.Indicator("b", 20m, HigherIsBetter, MissingRule.Reweight, (2022, 80m)));
        var k3 = TestData.Kra("K3", TestData.Indicator("c", 30m, HigherIsBetter, MissingRule.Reweight, (2022, 60m)));

        var year = Scorer.ScoreYear([dropped, k2, k3], 2022, 12)!;

        Assert.Null(year.Kras[0].Score);
        Assert.Equal(Weight.None, year.Kras[0].EffectiveWeight);
        Assert.Equal(40m, year.Kras[1].EffectiveWeight.Percent);
        Assert.Equal(60m, year.Kras[2].EffectiveWeight.Percent);
        Assert.Equal(-20m, year.OverallScore.Value); // (40 * 100 + 60 * -100) / 100
    }

    [Theory]
    [InlineData(MissingRule.Zero, 0)]
    [InlineData(MissingRule.Minus100, -100)]
    public void GivenZeroOrMinus100Rule_WhenValueIsMissing_ThenIndicatorKeepsItsWeightWithTheRuleScore(MissingRule rule, decimal expected)
    {
        var kra = TestData.Kra("K", TestData.Indicator("a", 50m, HigherIsBetter, rule), TestData.Indicator("b", 50m, HigherIsBetter, MissingRule.Reweight, (2022, 80m)));

        var line = Scorer.ScoreYear([kra], 2022, 12)!.Indicators[0];

        Assert.Equal(expected, line.Score!.Value.Value);
        Assert.Equal(50m, line.EffectiveWeight.Percent);
        Assert.Equal(ValueSource.Missing, line.ValueSource);
    }

    [Fact]
    public void GivenCarryForwardWithoutEarlierValue_WhenScored_ThenItBehavesAsReweight()
    {
        var kra = TestData.Kra("K", TestData.Indicator("a", 50m, HigherIsBetter, MissingRule.CarryForward, (2023, 75m)), TestData.Indicator("b", 50m, HigherIsBetter, MissingRule.Reweight, (2022, 80m)));

        var line = Scorer.ScoreYear([kra], 2022, 12)!.Indicators[0];

        Assert.Null(line.Score);
        Assert.Equal(Weight.None, line.EffectiveWeight);
    }

    [Fact]
    public void GivenAYearWithoutItsOwnLevels_WhenScored_ThenTheNearestEarlierYearsLevelsApply()
    {
        var indicator = new Indicator("a", new Weight(100m), MissingRule.Reweight,
            [KeyValuePair.Create(2018, new ReferenceLevels(0m, 10m, 20m)), KeyValuePair.Create(2021, HigherIsBetter), KeyValuePair.Create(2024, new ReferenceLevels(0m, 1m, 2m))],
            [KeyValuePair.Create(2023, 75m)]);

        Assert.Equal(HigherIsBetter, indicator.LevelsFor(2023));
        Assert.Equal(50m, Scorer.ScoreYear([new KeyResultArea("K", new Weight(100m), [indicator])], 2023, 12)!.OverallScore.Value);
    }

    [Fact]
    public void GivenAValueWithoutLevelsForItsYear_WhenScored_ThenTheErrorHasTheCodeTheIndicatorAndTheYear()
    {
        var scored = new Indicator("a", new Weight(50m), MissingRule.Reweight, [KeyValuePair.Create(2022, HigherIsBetter)], [KeyValuePair.Create(2022, 70m)]);
        var unlevelled = new Indicator("b", new Weight(50m), MissingRule.Reweight, [KeyValuePair.Create(2023, HigherIsBetter)], [KeyValuePair.Create(2022, 65m)]);

        var e = Assert.Throws<Allianssi.Domain.Scenarios.InvalidScenarioException>(() =>
            Scorer.Score([new KeyResultArea("K", new Weight(100m), [scored, unlevelled])], TestData.P2, [2022]));

        var error = Assert.Single(e.Errors);
        Assert.Equal("kras[0].indicators[1].levels", error.Path);
        Assert.Equal("indicator b has no levels for 2022 or any earlier year", error.Message);
        Assert.Equal("scoring.noLevels", error.Code);
        Assert.Equal(new object?[] { "b", 2022 }, error.Arguments);
    }

    [Fact]
    public void GivenPeriodStartingInApril_WhenYearsAreWeighted_ThenTheFirstYearWeighsNineMonths()
    {
        var p1 = new ContractPeriod("P1", new DateSpan(new DateOnly(2018, 4, 1), new DateOnly(2021, 12, 31)), ScoreAggregation.MonthWeightedMean);
        var kra = TestData.Kra("K", TestData.Indicator("a", 100m, new ReferenceLevels(0m, 50m, 100m), MissingRule.Reweight, (2018, 100m), (2019, 50m)));

        var card = Scorer.Score([kra], p1, [2018, 2019]);

        Assert.Equal(9, p1.MonthsIn(2018));
        Assert.Equal(9m * 100m / 21m, card.PeriodScore.Value);
    }

    [Fact]
    public void GivenFinalYearAggregation_WhenSpanIsScored_ThenPeriodScoreIsTheLastYears()
    {
        var period = TestData.P2 with { Aggregation = ScoreAggregation.FinalYear };
        var kra = TestData.Kra("K", TestData.Indicator("a", 100m, new ReferenceLevels(0m, 50m, 100m), MissingRule.Reweight, (2022, 100m), (2023, 75m)));

        Assert.Equal(50m, Scorer.Score([kra], period, [2023, 2022]).PeriodScore.Value);
    }

    private static ReferenceLevels Levels(int a, int b, int c, bool higher)
    {
        // Three distinct ascending levels from any three integers, flipped for lower-is-better.
        var sorted = new[] { (decimal)a, (decimal)b + 0.5m, (decimal)c + 0.25m }.Order().ToArray();
        if (sorted[0] == sorted[1])
        {
            sorted[1] += 0.125m;
        }

        if (sorted[1] >= sorted[2])
        {
            sorted[2] = sorted[1] + 1m;
        }

        return higher ? new ReferenceLevels(sorted[0], sorted[1], sorted[2]) : new ReferenceLevels(sorted[2], sorted[1], sorted[0]);
    }
}
