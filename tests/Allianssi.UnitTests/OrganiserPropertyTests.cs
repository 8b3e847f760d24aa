using System.Collections.Immutable;
using Allianssi.Domain;
using Allianssi.Domain.Organiser;
using Allianssi.Domain.Scoring;
using FsCheck.Xunit;

namespace Allianssi.UnitTests;

/// <summary>Properties of the organiser's pure arithmetic over random inputs (drawn from an FsCheck-chosen seed).</summary>
public sealed class OrganiserPropertyTests
{
    private static readonly string[] Members = ["837", "604", "980"];

    [Property(MaxTest = 300)]
    public bool GivenRandomCostsAndOutputs_WhenInvoiced_ThenInvoicesAddUpToTheCostsToTheCent(int seed)
    {
        var random = new Random(seed);
        var products = Enumerable.Range(0, 1 + random.Next(5)).Select(i => new InvoiceProduct(
            "p" + i, "p" + i, [("a" + i)], new ProductOutput("visits", ["primary_care"], null, null))).ToList();
        var model = Model(products);
        decimal Cents(int max) => (random.Next(-max / 10, max) + (random.Next(100) / 100m)) * (random.Next(4) == 0 ? 1m : 1.37m);
        var costs = products.ToDictionary(p => p.Id, p => random.Next(6) == 0 ? 0m : Math.Round(Cents(100_000), 2));
        var outputs = products.ToDictionary(p => p.Id, p => (IReadOnlyDictionary<string, long>)new[] { "837", "604", "980", "091", string.Empty }
            .Where(_ => random.Next(3) > 0).ToDictionary(m => m, _ => (long)random.Next(0, 5000)));
        var population = Members.ToDictionary(m => m, _ => (long)random.Next(1, 300_000));
        var run = Invoicer.Invoice(model, new InvoiceInputs(2023, costs, Math.Round(Cents(50_000), 2), outputs, population));

        var productsAddUp = run.Products.Where(p => p.UnitPrice is not null).All(p =>
            run.Members.Sum(m => m.Lines.Single(l => l.Product == p.Id).Amount.Euros) + run.Others.Lines.Single(l => l.Product == p.Id).Amount.Euros
            == p.Cost.RoundedToCents().Euros);
        var overheadAddsUp = run.Members.Sum(m => m.Overhead.Euros) == run.OverheadCost.RoundedToCents().Euros;
        var everyLineInCents = run.Members.SelectMany(m => m.Lines).Concat(run.Others.Lines).All(l => l.Amount.Euros == Math.Round(l.Amount.Euros, 2));
        var advancesAddUp = run.Members.All(m => m.Advances.Length == 12 && Money.Sum(m.Advances) == m.Budget && m.TrueUp == m.Total - m.Budget);
        return run.CheckCosts == run.CheckInvoiced && productsAddUp && overheadAddsUp && everyLineInCents && advancesAddUp;
    }

    [Property(MaxTest = 300)]
    public bool GivenRandomCells_WhenNormalised_ThenTheMeanNormalisedCoefficientOfEachMonthIsOne(int seed)
    {
        var random = new Random(seed);
        var model = Model([]);
        var cells = new List<CapitationCell>();
        for (var month = 1; month <= 12; month++)
        {
            for (var k = random.Next(1, 30); k > 0; k--)
            {
                cells.Add(new CapitationCell(month, random.Next(3) switch { 0 => null, 1 => new PartyId("a"), _ => new PartyId("b") },
                    random.Next(model.Capitation!.AgeSexWeights.Length), random.Next(8), Members[random.Next(3)], random.Next(1, 1000), 0m));
            }
        }

        // Every cell listed somewhere: a third provider "c" takes the unlisted, so the providers' sums cover the population.
        var listedEverywhere = cells.Select(c => c with { Provider = c.Provider ?? new PartyId("c") }).ToList();
        var result = CapitationCalculator.Compute(model with { Providers = [.. "abc".Select(p => new OrganiserProvider(new PartyId(p.ToString()), [p.ToString()]))] },
            2023, listedEverywhere, 0, 0);
        return result.Months.All(m =>
        {
            var meanOfNormalised = m.Providers.Sum(p => p.CoefficientSum) / m.Population;
            return Math.Abs(meanOfNormalised - 1m) < 0.000000000000000001m && m.Providers.Sum(p => p.Listed) == m.Population;
        });
    }

    [Property(MaxTest = 500)]
    public bool GivenAnyPoolAndScore_WhenBonusComputed_ThenItIsPoolTimesScoreOver100AndZeroBelowZeroWithoutSanction(int poolCents, int scoreTenths, bool sanction)
    {
        var pool = new Money(Math.Abs((long)poolCents) / 100m);
        var score = new Score(Math.Clamp(scoreTenths % 1001, -1000, 1000) / 10m);
        var bonus = TripleAimBonus.Bonus(pool, score, sanction);
        var expected = score.Value < 0m && !sanction ? 0m : Math.Round(pool.Euros * score.Value / 100m, 2, MidpointRounding.AwayFromZero);
        return bonus.Euros == expected && Math.Abs(bonus.Euros) <= pool.Euros + 0.005m;
    }

    [Property(MaxTest = 200)]
    public bool GivenOneIndicatorValue_WhenProviderScored_ThenBonusFollowsTheScorersOverallScore(int valueTenths, bool sanction)
    {
        var value = 50m + (valueTenths % 1000 / 10m);
        var terms = new TripleAimTerms(0.05m, sanction, [new KeyResultArea("cost", new Weight(100m), [new Indicator("need_adjusted_cost_index", new Weight(100m), MissingRule.Zero,
            [new KeyValuePair<int, ReferenceLevels>(2023, new ReferenceLevels(115m, 100m, 85m))])])]);
        var result = TripleAimBonus.Score(terms, new PartyId("p"), 2023, new Money(10_000m), [new ProviderIndicatorValue("need_adjusted_cost_index", value, 10)]);
        var s = new ReferenceLevels(115m, 100m, 85m).ScoreOf(value).Value;
        var expected = s < 0m && !sanction ? 0m : Math.Round(500m * s / 100m, 2, MidpointRounding.AwayFromZero);
        return result.Score!.Value.Value == s && result.Bonus.Euros == expected && result.Pool.Euros == 500m;
    }

    [Fact]
    public void GivenReadmePersonMonth_WhenExplained_ThenTheLineShowsWeightNeedsFactorAndN()
    {
        var model = Model([]);
        var text = CapitationCalculator.ExplainPersonMonth(model.Capitation!, 2, 1, "837", 10.7675m / 9m);
        Assert.Equal("w 0.95 (F 18-64) x (1 + 0.45 diabetes) x 1 (837) / N 1.1964 = 1.1514", text);
    }

    [Fact]
    public void GivenProductWithCostsButNoOutputs_WhenInvoiced_ThenItsCostMovesToTheOverheadWithAWarning()
    {
        var products = new List<InvoiceProduct> { new("x", "X", ["a"], new ProductOutput("visits", ["other"], null, null)) };
        var run = Invoicer.Invoice(Model(products), new InvoiceInputs(2023, new Dictionary<string, decimal> { ["x"] = 300m }, 2000m,
            new Dictionary<string, IReadOnlyDictionary<string, long>>(), Members.ToDictionary(m => m, _ => 100L)));
        Assert.Null(run.Products[0].UnitPrice);
        Assert.Equal(2300m, run.OverheadCost.Euros);
        Assert.Equal(new[] { "x: cost 300.00 but no outputs in 2023; the cost is added to the overhead" }, run.Warnings.ToArray());
        Assert.All(run.Members, m => Assert.Empty(m.Lines));
        // 2300 / 3 = 766.666..: 766.67 x 3 = 2300.01, the greatest population (all equal: the lowest code 604) gives a cent back.
        Assert.Equal(766.66m, run.Members.Single(m => m.Municipality == "604").Overhead.Euros);
        Assert.Equal(run.CheckCosts, run.CheckInvoiced);
    }

    [Fact]
    public void GivenNoMemberWithOutputs_WhenResidualCentsArise_ThenTheyGoToOthers()
    {
        var products = new List<InvoiceProduct> { new("x", "X", ["a"], new ProductOutput("visits", ["other"], null, null)) };
        var run = Invoicer.Invoice(Model(products), new InvoiceInputs(2023, new Dictionary<string, decimal> { ["x"] = 100m }, 0m,
            new Dictionary<string, IReadOnlyDictionary<string, long>> { ["x"] = new Dictionary<string, long> { ["091"] = 1, [string.Empty] = 2 } },
            Members.ToDictionary(m => m, _ => 100L)));
        // 3 outputs at 33.333..: others 3 x 33.33.. = 100.00 at once (one line for all others).
        Assert.Equal(100m, run.Others.Total.Euros);
        Assert.All(run.Members, m => Assert.Equal(0m, m.Total.Euros));
    }

    private static OrganiserModel Model(IReadOnlyList<InvoiceProduct> products) => new(
        "test", [.. Members], [new OrganiserProvider(new PartyId("a"), ["A"]), new OrganiserProvider(new PartyId("b"), ["B"])],
        new CapitationTerms(21.50m,
            [new(0, 6, "any", 1.10m), new(7, 17, "any", 0.60m), new(18, 64, "F", 0.95m), new(18, 64, "M", 0.75m), new(65, 74, "any", 1.40m), new(75, null, "any", 2.30m)],
            [new("diabetes", ["E10", "E11"], null, 0.45m), new("coronary", ["I20"], null, 0.35m), new("severe_mental", ["F20"], 3, 0.30m)],
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, decimal>("604", 1.05m)]), true),
        null,
        new InvoicingTerms([.. Members], [.. products], ["o"], ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, Members.Select(m => new KeyValuePair<string, decimal>(m, 1000m)))));
}
