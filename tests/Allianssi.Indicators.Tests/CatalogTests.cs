using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;

namespace Allianssi.Indicators.Tests;

public sealed class CatalogTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Allianssi.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public void TheCatalogHasTheTwelveReferenceIndicators_WithUniqueIds()
    {
        Assert.Equal(12, ReferenceCatalog.Definitions.Count);
        Assert.Equal(ReferenceCatalog.Ids, ReferenceCatalog.Definitions.Select(d => d.Id));
        Assert.All(ReferenceCatalog.Definitions, d => Assert.Empty(SqlLiteral.Placeholders(
            SqlLiteral.Bind(d.Sql, IndicatorEngine.ResolveParameters(d, TestStore.P1, 2019)))));
    }

    [Fact]
    public void DocsIndicatorsMd_IsGeneratedFromTheCatalog()
    {
        var path = RepoFile("docs", "indicators.md");
        var expected = CatalogDocument.Render();
        if (Environment.GetEnvironmentVariable("ALLIANSSI_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), "docs/indicators.md is missing: run the tests with ALLIANSSI_UPDATE_DOCS=1");
        Assert.True(expected == File.ReadAllText(path).ReplaceLineEndings("\n"), "docs/indicators.md is stale: run the tests with ALLIANSSI_UPDATE_DOCS=1");
    }

    [Fact]
    public void ReferencePeriods_HaveTheirParametersAndWindows()
    {
        var p2 = ComputationPeriod.Tesoma.Single(p => p.Id == "P2");
        Assert.Equal(1.4, p2.Parameters["ldlChdMax"]);
        var p1 = ComputationPeriod.Tesoma.Single(p => p.Id == "P1");
        Assert.Equal(new MeasurementWindow(2018, new DateOnly(2018, 4, 1), new DateOnly(2018, 12, 31)), p1.WindowFor(2018));
        Assert.Equal([2018, 2019, 2020, 2021], p1.Years);
        var p3 = ComputationPeriod.Tesoma.Single(p => p.Id == "P3");
        Assert.Equal(new DateOnly(2028, 3, 31), p3.WindowFor(2028).End);
        var parameters = IndicatorEngine.ResolveParameters(ReferenceCatalog.Get("specialist_cost_change"), p2, 2023);
        Assert.Equal(2021L, parameters["baselineYear"]);
        Assert.Equal(5L, parameters["minimumCount"]);
    }

    [Fact]
    public void LiteralsAreTypedAndQuoted()
    {
        Assert.Equal("DATE '2019-12-31'", SqlLiteral.Format(new DateOnly(2019, 12, 31)));
        Assert.Equal("'it''s'", SqlLiteral.Format("it's"));
        Assert.Equal("CAST('1.4' AS DOUBLE)", SqlLiteral.Format(1.4));
        Assert.Equal("x = 5 AND $other", SqlLiteral.Bind("x = $five AND $other", new Dictionary<string, object> { ["five"] = 5L }));
    }
}
