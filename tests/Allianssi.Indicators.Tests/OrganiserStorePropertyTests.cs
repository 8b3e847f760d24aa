using System.Collections.Immutable;
using System.Globalization;
using Allianssi.Domain;
using Allianssi.Domain.Organiser;
using Allianssi.Indicators.Organiser;
using FsCheck.Xunit;

namespace Allianssi.Indicators.Tests;

/// <summary>
/// Properties of the organiser's SQL over random stores: each person-month is paid at most once (and
/// exactly when an oracle written from the spec's listing rule says so), and the normalised
/// coefficients of each month's population average 1.
/// </summary>
public sealed class OrganiserStorePropertyTests
{
    private static readonly string[] ProviderUnits = ["U1", "U2", "U3"];

    [Property(MaxTest = 6)]
    public bool GivenRandomListings_WhenCapitationComputed_ThenEachPersonMonthIsPaidAtMostOnce(int seed)
    {
        using var s = new TestStore();
        var random = new Random(seed);
        var persons = new List<(string Id, DateOnly? Birth, string Municipality)>();
        var listings = new List<(string Person, string Unit, DateOnly From, DateOnly? To)>();
        DateOnly Day(int fromYear, int toYear) => new DateOnly(fromYear, 1, 1).AddDays(random.Next((toYear - fromYear + 1) * 365));
        foreach (var unit in ProviderUnits.Append("OTH"))
        {
            s.Unit(unit);
        }

        for (var i = 0; i < 80; i++)
        {
            var id = "p" + i.ToString(CultureInfo.InvariantCulture);
            DateOnly? birth = random.Next(12) == 0 ? null : Day(1930, 2023);
            var municipality = new[] { "837", "604", "091" }[random.Next(3)];
            if (random.Next(15) != 0)
            {
                persons.Add((id, birth, municipality));
                s.Person(id, birth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), random.Next(2) == 0 ? "F" : "M", municipality);
            }

            for (var k = random.Next(4); k > 0; k--)
            {
                var unit = random.Next(5) == 0 ? "OTH" : ProviderUnits[random.Next(3)];
                var from = Day(2018, 2023);
                DateOnly? to = random.Next(2) == 0 ? null : from.AddDays(random.Next(800));
                if (listings.Any(l => l.Person == id && l.Unit == unit && l.From == from))
                {
                    continue;
                }

                listings.Add((id, unit, from, to));
                s.Listing(id, unit, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        s.Flush();
        var model = Model();
        var result = new OrganiserEngine(s.Store).Capitation(model, 2023);
        foreach (var month in result.Months)
        {
            var d = month.FirstDay;
            var paid = persons
                .Where(p => p.Municipality != "091" && p.Birth is { } b && b <= d)
                .Count(p => listings.Any(l => l.Person == p.Id && l.Unit != "OTH" && l.From <= d && (l.To is null || l.To >= d)));
            var residents = persons.Count(p => p.Municipality != "091" && p.Birth is { } b && b <= d);
            var listed = month.Providers.Sum(p => p.Listed);
            if (listed != paid || listed > residents || month.Population != residents)
            {
                return false;
            }

            // The provider of each person-month follows the latest valid_from, ties to the lowest unit id.
            var expectedByProvider = persons
                .Where(p => p.Municipality != "091" && p.Birth is { } b && b <= d)
                .Select(p => listings.Where(l => l.Person == p.Id && l.Unit != "OTH" && l.From <= d && (l.To is null || l.To >= d))
                    .OrderByDescending(l => l.From).ThenBy(l => l.Unit, StringComparer.Ordinal).Select(l => l.Unit).FirstOrDefault())
                .Where(u => u is not null)
                .GroupBy(u => u == "U1" ? "a" : "b")
                .ToDictionary(g => g.Key, g => (long)g.Count());
            if (month.Providers.Any(p => p.Listed != expectedByProvider.GetValueOrDefault(p.Party.Value)))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 6)]
    public bool GivenRandomPopulationAllListed_WhenNormalised_ThenMeanNormalisedCoefficientOfEachMonthIsOne(int seed)
    {
        using var s = new TestStore();
        var random = new Random(seed);
        RandomPopulation(s, random, persons: 60, bornWithinDays: 90 * 365);
        var result = new OrganiserEngine(s.Store).Capitation(Model(), 2023);
        return result.Months.All(m => m.Population > 0
            && m.Providers.Sum(p => p.Listed) == m.Population
            && Math.Abs((m.Providers.Sum(p => p.CoefficientSum) / m.Population) - 1m) < 0.000000000000000001m);
    }

    [Property(MaxTest = 6)]
    public bool GivenRandomPopulation_WhenAPersonMonthIsExplained_ThenItsNIsTheMonthsNOfTheWholeYearsCapitation(int seed)
    {
        using var s = new TestStore();
        var random = new Random(seed);
        // Born during the year too, so that the months' populations differ.
        RandomPopulation(s, random, persons: 40, bornWithinDays: 94 * 365);
        var engine = new OrganiserEngine(s.Store);
        var year = engine.Capitation(Model(), 2023);
        var month = 1 + random.Next(12);
        var person = "p" + random.Next(40).ToString(CultureInfo.InvariantCulture);
        var derived = engine.PersonMonth(Model(), 2023, month, person);
        return derived is not null && derived.Mean == year.Months[month - 1].MeanCoefficient;
    }

    [Fact]
    public void GivenPersonListedAtTwoUnitsOfOneProvider_WhenGroupComputed_ThenTheResponsesOfBothUnitsCountTogether()
    {
        using var s = new TestStore();
        s.Unit("U2").Unit("U3").Unit("U1");
        // U2: two promoters; U3: one detractor, one passive; U1 (other provider): a detractor.
        s.Survey("nps", "U2", "2023-03-01", 10).Survey("nps", "U2", "2023-03-02", 9)
         .Survey("nps", "U3", "2023-03-03", 3).Survey("nps", "U3", "2023-03-04", 8)
         .Survey("nps", "U1", "2023-03-05", 0);
        s.Flush();
        var engine = new Engine.IndicatorEngine(s.Store);
        var period = new Engine.ComputationPeriod("2023", new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), new Dictionary<string, object>());
        var group = engine.ComputeGroup(Catalog.ReferenceCatalog.Get("nps"), period, 2023, "b", ["U2", "U3"]);
        Assert.Equal("b", group.Unit);
        Assert.Equal(4, group.N);
        Assert.Equal(25.0, group.Value!.Value, 10); // 100 x (2 - 1) / 4
    }

    private static OrganiserModel Model() => new(
        "test", ["837", "604"], [new OrganiserProvider(new PartyId("a"), ["U1"]), new OrganiserProvider(new PartyId("b"), ["U2", "U3"])],
        new CapitationTerms(21.50m,
            [new(0, 6, "any", 1.10m), new(7, 17, "any", 0.60m), new(18, 64, "F", 0.95m), new(18, 64, "M", 0.75m), new(65, 74, "any", 1.40m), new(75, null, "any", 2.30m)],
            [new("diabetes", ["E10", "E11"], null, 0.45m), new("coronary", ["I20", "I25"], null, 0.35m), new("severe_mental", ["F20"], 3, 0.30m)],
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, decimal>("604", 1.05m)]), true),
        null, null);

    /// <summary>
    /// Units U1 and U2 and <paramref name="persons"/> persons p0, p1, ... born from 1930 on within
    /// <paramref name="bornWithinDays"/>, of random sex and municipality, listed at U1 or U2, each with
    /// some of the diagnoses E11.9, I25.1 and F20 recorded in 2015-2023.
    /// </summary>
    private static void RandomPopulation(TestStore s, Random random, int persons, int bornWithinDays)
    {
        s.Unit("U1").Unit("U2");
        for (var i = 0; i < persons; i++)
        {
            var id = "p" + i.ToString(CultureInfo.InvariantCulture);
            s.Person(id, new DateOnly(1930, 1, 1).AddDays(random.Next(bornWithinDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                random.Next(2) == 0 ? "F" : "M", random.Next(3) == 0 ? "604" : "837");
            s.Listing(id, random.Next(2) == 0 ? "U1" : "U2", "2000-01-01");
            foreach (var code in new[] { "E11.9", "I25.1", "F20" }.Where(_ => random.Next(3) == 0))
            {
                s.Diagnosis(id, code, new DateOnly(2015, 1, 1).AddDays(random.Next(9 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        s.Flush();
    }
}
