using System.Globalization;
using Allianssi.Benchmarks.HandWritten;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Engine;
using Allianssi.Store;
using DuckDB.NET.Data;

namespace Allianssi.Indicators.Tests;

/// <summary>
/// The engine against an independent implementation: the twelve indicators written again by hand
/// from indicators.md (<c>bench/Allianssi.Benchmarks/HandWritten</c>), on seeded data sets full of
/// edge cases. Every indicator, unit and year of three periods must agree on value, numerator,
/// denominator (to 1e-9), n and suppression.
/// </summary>
public sealed class DifferentialTests
{
    private static readonly ComputationPeriod P3 = new("P3", new DateOnly(2025, 1, 1), new DateOnly(2028, 3, 31),
        new Dictionary<string, object> { ["hba1cMax"] = 53.0, ["ldlT2dMax"] = 2.6, ["ldlChdMax"] = 1.4, ["minimumCount"] = 5.0 });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GivenEdgeCaseData_WhenComputed_ThenEngineEqualsHandWrittenSql(int seed)
    {
        using var s = new TestStore();
        EdgeCaseData.Fill(s, seed, persons: 150);
        s.Flush();
        var (disagreements, computed) = Compare(s.Store.Path, [TestStore.P1, TestStore.P2, P3]);

        // The data must exercise every indicator: values, and for proportions both outcomes.
        Assert.All(ReferenceCatalog.Ids, id => Assert.Contains(computed, r => r.Indicator == id && r.Value is not null));
        Assert.All(new[] { "chronic_care_plan", "chronic_balance", "dental_care_plan", "home_care_function" }, id =>
        {
            Assert.Contains(computed, r => r.Indicator == id && r.Numerator > 0);
            Assert.Contains(computed, r => r.Indicator == id && r.Numerator < r.Denominator);
        });
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(40)));
    }

    [Fact]
    public void GivenTheComparison_WhenTheOracleIsChanged_ThenItReportsTheDifference()
    {
        // The comparison itself must be able to fail: a unit's NPS response more for the engine only.
        using var s = new TestStore();
        s.Unit("u0").Survey("nps", "u0", "2019-05-01", 10).Flush();
        var engine = new IndicatorEngine(s.Store).Compute(ReferenceCatalog.Get("nps"), TestStore.P1, 2019);
        Assert.Equal(100.0, engine.Single().Value);
        using var connection = new DuckDBConnection($"Data Source={s.Store.Path}");
        connection.Open();
        var oracle = HandWrittenIndicators.Compute(connection, "nps", TestStore.P1.Start, TestStore.P1.End, 2019, TestStore.P1.Parameters);
        Assert.Empty(Differences(engine, oracle));
        Assert.NotEmpty(Differences(engine, [oracle[0] with { N = 2 }]));
        Assert.NotEmpty(Differences(engine, [oracle[0] with { Value = oracle[0].Value + 1e-6 }]));
    }

    internal static (List<string> Disagreements, List<IndicatorResult> Computed) Compare(string storePath, IEnumerable<ComputationPeriod> periods)
    {
        var all = new List<IndicatorResult>();
        var store = new AnalyticalStore(storePath);
        var engine = new IndicatorEngine(store);
        var disagreements = new List<string>();
        foreach (var period in periods)
        {
            // One DuckDB instance per file: the engine's locked connection and the raw one must not overlap.
            var computed = engine.ComputeAll(ReferenceCatalog.Definitions, period);
            all.AddRange(computed);
            using var connection = new DuckDBConnection($"Data Source={storePath}");
            connection.Open();
            var oracle = HandWrittenIndicators.Ids
                .SelectMany(id => period.Years.SelectMany(y => HandWrittenIndicators.Compute(connection, id, period.Start, period.End, y, period.Parameters)))
                .ToList();
            disagreements.AddRange(Differences(computed, oracle).Select(d => period.Id + " " + d));
        }

        return (disagreements, all);
    }

    internal static IEnumerable<string> Differences(IReadOnlyList<IndicatorResult> engine, IReadOnlyList<HandWrittenResult> oracle)
    {
        var expected = oracle.ToDictionary(o => (o.Indicator, o.Unit, o.Year));
        foreach (var e in engine)
        {
            if (!expected.Remove((e.Indicator, e.Unit, e.Year), out var o))
            {
                yield return $"{e.Indicator} {e.Unit} {e.Year}: only in the engine";
                continue;
            }

            if (!Close(e.Value, o.Value) || !Close(e.Numerator, o.Numerator) || !Close(e.Denominator, o.Denominator) || e.N != o.N || e.Suppressed != o.Suppressed)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{e.Indicator} {e.Unit} {e.Year}: engine {e.Value}/{e.Numerator}/{e.Denominator} n={e.N} s={e.Suppressed}; hand-written {o.Value}/{o.Numerator}/{o.Denominator} n={o.N} s={o.Suppressed}");
            }
        }

        foreach (var key in expected.Keys)
        {
            yield return $"{key.Indicator} {key.Unit} {key.Year}: only in the hand-written SQL";
        }
    }

    private static bool Close(double? a, double? b) =>
        (a, b) switch
        {
            (null, null) => true,
            ({ } x, { } y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))),
            _ => false,
        };
}
