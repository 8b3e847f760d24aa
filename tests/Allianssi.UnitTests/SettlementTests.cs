using Allianssi.Domain;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;
using Allianssi.Domain.Settlements;
using FsCheck.Xunit;

namespace Allianssi.UnitTests;

public class SettlementTests
{
    private static readonly PartyId City = new("city");
    private static readonly PartyId Producer = new("producer");
    private static readonly PartyId Partner = new("partner");

    [Fact]
    public void GivenTheWorkedExample_WhenSettled_ThenEveryFigureMatchesSection6()
    {
        var settlement = Settler.Settle(TestData.WorkedExample());

        Assert.Equal(58.0m, settlement.PeriodScore.Value);
        Assert.Equal(15_742_783.00m, settlement.TargetCost.Euros);
        Assert.Equal(14_800_000.00m, settlement.ActualCost.Euros);
        Assert.Equal(475_000.00m, settlement.FeeTotal.Euros);
        Assert.Equal(467_783.00m, settlement.CostResult.Euros);
        Assert.Equal(174_000.00m, settlement.Incentive.Euros);
        var producer = settlement.Party(Producer);
        Assert.Equal(9_500_000.00m, producer.ActualCost.Euros);
        Assert.Equal(50_000.00m, producer.NonReimbursable.Euros);
        Assert.Equal(475_000.00m, producer.Fee.Euros);
        Assert.Equal(233_891.50m, producer.Share.Euros);
        Assert.Equal(174_000.00m, producer.Incentive.Euros);
        Assert.Equal(10_382_891.50m, producer.Compensation!.Value.Euros);
        Assert.Null(producer.Payment);
        var city = settlement.Party(City);
        Assert.Equal(233_891.50m, city.Share.Euros);
        Assert.Equal(-174_000.00m, city.Incentive.Euros);
        Assert.Null(city.Compensation);
        Assert.Equal(10_682_891.50m, city.Payment!.Value.Euros);
        Assert.Equal(300_000.00m, settlement.Party(Partner).Compensation!.Value.Euros);
        Assert.Equal(
            "D = TAK 15,742,783.00 - AC 14,800,000.00 - fees 475,000.00 = 467,783.00",
            settlement.Explain("costResult")!.Text);
    }

    [Fact]
    public void GivenTheWorkedExample_WhenTheDocWalksThroughIt_ThenTheDocEmbedsTheSameFileAndEveryExplanationLine()
    {
        var doc = File.ReadAllText(TestData.SettlementDocPath).ReplaceLineEndings("\n");
        var file = TestData.WorkedExampleJson.ReplaceLineEndings("\n").Trim();
        var settlement = Settler.Settle(TestData.WorkedExample());

        Assert.Contains(file, doc, StringComparison.Ordinal);
        Assert.All(settlement.Explanations, line => Assert.Contains(line.Text, doc, StringComparison.Ordinal));
    }

    [Fact]
    public void GivenOverrun_WhenPainExceedsFee_ThenShareIsCappedAtFee()
    {
        // AC 16,000,000 against TAK 15,742,783: D = -257,217 - fee 475,000 (producer AC 10,700,000 * 5 %... see below).
        var scenario = TestData.WorkedExample().WithLedger([
            new LedgerEntry(City, 2022, new Money(5_000_000m), true),
            new LedgerEntry(Producer, 2022, new Money(9_500_000m), true),
            new LedgerEntry(Partner, 2022, new Money(3_000_000m), true)]);

        var settlement = Settler.Settle(scenario);

        // D = 15,742,783 - 17,500,000 - 475,000 = -2,232,217; half is -1,116,108.50, beyond the fee.
        Assert.Equal(-2_232_217.00m, settlement.CostResult.Euros);
        Assert.Equal(-475_000.00m, settlement.Party(Producer).Share.Euros);
        Assert.Equal(-1_757_217.00m, settlement.Party(City).Share.Euros);
    }

    [Fact]
    public void GivenUnderrun_WhenGainExceedsGainCap_ThenShareIsCappedAndPurchasersTakeTheRest()
    {
        var scenario = Replace(TestData.WorkedExample(), Producer, p => p with { GainCap = new Money(100_000m) });

        var settlement = Settler.Settle(scenario);

        Assert.Equal(100_000.00m, settlement.Party(Producer).Share.Euros);
        Assert.Equal(367_783.00m, settlement.Party(City).Share.Euros);
    }

    [Fact]
    public void GivenNegativeScore_WhenSettled_ThenTheSanctionCapScalesTheIncentive()
    {
        var scenario = TestData.WorkedExample().WithIndicatorValues(new Dictionary<string, IReadOnlyDictionary<int, decimal>>
        {
            ["waiting_days"] = new Dictionary<int, decimal> { [2022] = 25m },
            ["care_plan_share"] = new Dictionary<int, decimal> { [2022] = 50m },
            ["satisfaction"] = new Dictionary<int, decimal> { [2022] = 3.375m },
        });

        var settlement = Settler.Settle(scenario);

        Assert.Equal(-50m, settlement.PeriodScore.Value);
        Assert.Equal(-150_000.00m, settlement.Incentive.Euros);
        Assert.Equal(-150_000.00m, settlement.Party(Producer).Incentive.Euros);
        Assert.Equal(150_000.00m, settlement.Party(City).Incentive.Euros);
    }

    [Fact]
    public void GivenRoundingResidual_WhenPurchasersSplitTheRest_ThenTheFirstLargestTargetCostPurchaserTakesTheResidualCent()
    {
        var small = new PartyId("small");
        var big = new PartyId("big");
        var alsoBig = new PartyId("alsoBig");
        var scenario = new Scenario(
            TestData.P2, [2022],
            [new Party(small, PartyRole.Purchaser), new Party(big, PartyRole.Purchaser), new Party(alsoBig, PartyRole.Purchaser), new Party(Producer, PartyRole.Producer, null, 0m, 0m, null, null, 1m)],
            [new TargetCost(small, 2022, new Money(100m)), new TargetCost(big, 2022, new Money(200m)), new TargetCost(alsoBig, 2022, new Money(200m))],
            [], [new LedgerEntry(Producer, 2022, new Money(499.99m), true)], true,
            new IncentiveTerms(new Money(0m), new Money(0m)),
            [TestData.Kra("K", TestData.Indicator("a", 100m, new ReferenceLevels(0m, 1m, 2m), MissingRule.Reweight, (2022, 1m)))]);

        var settlement = Settler.Settle(scenario);

        // D = 0.01 split 1:2:2 is 0.002 + 0.004 + 0.004: each rounds to 0.00; the cent goes to "big".
        Assert.Equal(0.01m, settlement.CostResult.Euros);
        Assert.Equal(0.00m, settlement.Party(small).Share.Euros);
        Assert.Equal(0.01m, settlement.Party(big).Share.Euros);
        Assert.Equal(0.00m, settlement.Party(alsoBig).Share.Euros);
        Assert.Contains("rounding residual 0.01", settlement.Explain("share.big")!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASpanYearWithNoScorableIndicator_WhenSettled_ThenTheErrorNamesTheYear()
    {
        var scenario = TestData.WorkedExample().WithSpan([2022, 2023]).WithIndicatorValues(new Dictionary<string, IReadOnlyDictionary<int, decimal>>
        {
            ["waiting_days"] = new Dictionary<int, decimal>(),
        });

        var error = Assert.Throws<InvalidScenarioException>(() => Settler.Settle(scenario));

        var only = Assert.Single(error.Errors);
        Assert.Equal("span[1]", only.Path);
        Assert.Contains("2023", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenFixedFee_WhenSpanHasThreeYears_ThenFeeIsAmountTimesYears()
    {
        var scenario = Replace(TestData.WorkedExample(), Producer, p => p with { Fee = new FeeTerms.Fixed(new Money(100_000m)) })
            .WithSpan([2022, 2023, 2024]);

        Assert.Equal(300_000.00m, Settler.Settle(scenario).Party(Producer).Fee.Euros);
    }

    [Property(MaxTest = 300)]
    public bool GivenRandomScenario_WhenSettled_ThenPublishedSharesAddUpToDAndIncentivesToZero(int seed)
    {
        var settlement = Settler.Settle(TestData.Random(seed));

        var shares = settlement.Parties.Sum(p => p.Share.Euros);
        var incentives = settlement.Parties.Sum(p => p.Incentive.Euros);
        var compensation = settlement.Parties.Sum(p => p.Compensation?.Euros ?? 0m);
        var payments = settlement.Parties.Sum(p => p.Payment?.Euros ?? 0m);
        var allCents = settlement.Parties.All(p => new[] { p.ActualCost, p.Fee, p.Share, p.Incentive, p.Compensation ?? default, p.Payment ?? default }
            .All(m => m.Euros == Math.Round(m.Euros, 2)));
        return shares == settlement.CostResult.Euros && incentives == 0m && payments == compensation && allCents;
    }

    [Property(MaxTest = 200)]
    public bool GivenRandomScenario_WhenSettled_ThenNonPurchaserSharesRespectTheirCaps(int seed)
    {
        var scenario = TestData.Random(seed);
        var settlement = Settler.Settle(scenario);
        return scenario.NonPurchasers.All(p =>
        {
            var line = settlement.Party(p.Id);
            return settlement.CostResult.Euros >= 0m
                ? line.Share.Euros >= 0m && (p.GainCap is not { } cap || line.Share.Euros <= Math.Round(cap.Euros, 2, MidpointRounding.AwayFromZero))
                : line.Share.Euros <= 0m && p.PainCap switch
                {
                    PainCap.Fee => line.Share.Euros >= -line.Fee.Euros,
                    PainCap.Amount a => line.Share.Euros >= -Math.Round(a.Limit.Euros, 2, MidpointRounding.AwayFromZero),
                    _ => true,
                };
        });
    }

    [Property(MaxTest = 200)]
    public bool GivenRandomScenario_WhenSettled_ThenEveryFigureHasAnExplanationLine(int seed)
    {
        var settlement = Settler.Settle(TestData.Random(seed));
        var keys = settlement.Explanations.Select(e => e.Key).ToHashSet();
        var totals = new[] { "targetCost", "actualCost", "feeTotal", "costResult", "incentive", "periodScore" };
        var perParty = settlement.Parties.SelectMany(p => new[] { "actualCost", "nonReimbursable", "fee", "share", "incentive", p.Compensation is null ? "payment" : "compensation" }
            .Select(f => $"{f}.{p.Id}"));
        var perYear = settlement.Scorecard.Years.SelectMany(y =>
            y.Indicators.SelectMany(i => new[] { $"year.{y.Year}.indicator.{i.Id}.score", $"year.{y.Year}.indicator.{i.Id}.effectiveWeight" })
                .Concat(y.Kras.SelectMany(k => new[] { $"year.{y.Year}.kra.{k.Id}.score", $"year.{y.Year}.kra.{k.Id}.effectiveWeight" }))
                .Append($"year.{y.Year}.overallScore"));
        return totals.Concat(perParty).Concat(perYear).All(keys.Contains);
    }

    private static Scenario Replace(Scenario s, PartyId id, Func<Party, Party> change) =>
        new(s.Period, s.Span, s.Parties.Select(p => p.Id == id ? change(p) : p), s.TargetCosts, s.Adjustments, s.Ledger, s.TargetCostIncludesFee, s.Incentive, s.Kras);
}
