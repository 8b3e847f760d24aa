using System.Globalization;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using FsCheck.Xunit;

namespace Allianssi.Indicators.Tests;

/// <summary>Properties over random synthetic data sets (generated from an FsCheck-chosen seed).</summary>
public sealed class PropertyTests
{
    private static readonly string[] Units = ["u1", "u2", "u3"];

    internal static void Fill(TestStore s, int seed, int persons = 60)
    {
        var random = new Random(seed);
        string Date(int fromYear, int toYear) =>
            new DateOnly(fromYear, 1, 1).AddDays(random.Next((toYear - fromYear + 1) * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Unit() => Units[random.Next(Units.Length)];
        foreach (var u in Units)
        {
            s.Unit(u, municipality: u == "u3" ? "091" : "837");
        }

        for (var i = 0; i < persons; i++)
        {
            var p = "p" + i.ToString(CultureInfo.InvariantCulture);
            s.Person(p, random.Next(10) == 0 ? null : Date(1940, 2005));
            for (var k = random.Next(3); k > 0; k--)
            {
                s.Listing(p, Unit(), Date(2010, 2019), random.Next(2) == 0 ? null : Date(2018, 2021));
            }

            foreach (var code in new[] { "E11.9", "I25.1", "I21", "J45" }.Where(_ => random.Next(3) == 0))
            {
                s.Diagnosis(p, code, Date(2012, 2020));
            }

            foreach (var type in new[] { "diabetes", "coronary", "chronic", "dental" }.Where(_ => random.Next(3) == 0))
            {
                s.CarePlan(p, type, Date(2017, 2019), random.Next(2) == 0 ? Date(2018, 2019) : null);
            }

            for (var k = random.Next(4); k > 0; k--)
            {
                s.Lab(p, random.Next(2) == 0 ? "hba1c" : "ldl", random.Next(2) == 0 ? 30 + random.Next(50) : 0.5 + random.Next(30) / 10.0, Date(2018, 2019));
            }

            for (var k = random.Next(4); k > 0; k--)
            {
                s.Visit(p, Unit(), new[] { "dental", "emergency", "hospital", "specialist", "primary_care" }[random.Next(5)], Date(2017, 2019), random.Next(5000));
            }

            if (random.Next(3) == 0)
            {
                s.ServicePeriod(p, Unit(), random.Next(2) == 0 ? "home_care" : "service_housing", Date(2016, 2019), random.Next(2) == 0 ? null : Date(2019, 2020));
                for (var k = random.Next(4); k > 0; k--)
                {
                    s.Assessment(p, "ADLH", random.Next(7), Date(2019, 2019));
                }
            }
        }

        for (var i = random.Next(40); i > 0; i--)
        {
            s.Survey(random.Next(2) == 0 ? "nps" : "partner", Unit(), Date(2019, 2019), random.Next(11));
        }
    }

    [Property(MaxTest = 8)]
    public bool ProportionsLieIn0To100_AndNumeratorNeverExceedsDenominator(int seed)
    {
        using var s = new TestStore();
        Fill(s, seed);
        s.Flush();
        var engine = new IndicatorEngine(s.Store);
        var proportions = ReferenceCatalog.Definitions.Where(d => d.Kind == AggregationKind.Proportion);
        return engine.ComputeAll(proportions, TestStore.P1, [2019]).All(r =>
            r.Numerator <= r.Denominator && (r.Value is null ? r.Denominator == 0 : r.Value is >= 0 and <= 100));
    }

    [Property(MaxTest = 5)]
    public bool AdditiveKinds_PerUnitNumeratorsAndDenominatorsAddUpToTheTotal(int seed)
    {
        using var s = new TestStore();
        Fill(s, seed);
        s.Flush();
        var engine = new IndicatorEngine(s.Store);
        foreach (var definition in ReferenceCatalog.Definitions.Where(d => AggregationKinds.IsAdditive(d.Kind)))
        {
            var perUnit = engine.Compute(definition, TestStore.P1, 2019);
            var total = engine.ComputeTotal(definition, TestStore.P1, 2019);
            if (Math.Abs(perUnit.Sum(r => r.Numerator ?? 0) - (total.Numerator ?? 0)) > 1e-6
                || perUnit.Sum(r => r.Denominator ?? 0) != total.Denominator
                || perUnit.Sum(r => r.N ?? 0) != total.N)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void GivenUnchangedInputs_WhenRecomputed_ThenResultsAreIdentical()
    {
        using var s = new TestStore();
        Fill(s, 42, persons: 200);
        s.Flush();
        var engine = new IndicatorEngine(s.Store);
        string Render() => string.Join("\n", engine.ComputeAll(ReferenceCatalog.Definitions, TestStore.P1).Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Indicator}|{r.Unit}|{r.Year}|{r.Value:R}|{r.Numerator:R}|{r.Denominator:R}|{r.N}|{r.Suppressed}")));
        var first = Render();
        Assert.Equal(first, Render());
        Assert.Equal(12 * 4 * 3, first.Split('\n').Length);
    }
}
