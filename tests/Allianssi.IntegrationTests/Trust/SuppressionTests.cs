using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.PublicResults;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>Complementary suppression as a pure function, with tables built to leak.</summary>
public sealed class SuppressionTests
{
    private static Dictionary<string, long?> Counts(params (string Id, long? N)[] cells) =>
        cells.ToDictionary(c => c.Id, c => c.N, StringComparer.Ordinal);

    /// <summary>Every cell that the shown cells of a relation give away: total minus the others.</summary>
    private static IEnumerable<string> Recoverable(IReadOnlySet<string> hidden, IEnumerable<IReadOnlyCollection<string>> relations) =>
        relations.Select(r => r.Where(hidden.Contains).ToList()).Where(h => h.Count == 1).Select(h => h[0]);

    [Fact]
    public void GivenOneSmallUnitAndAShownTotal_WhenSuppressed_ThenTheNextSmallestUnitIsHiddenToo()
    {
        // Built to leak: without complementary suppression, 120 - (50 + 40 + 27) = 3 gives away the small unit.
        var counts = Counts(("*", 120), ("tesoma", 50), ("hervanta", 40), ("lielahti", 27), ("kauppi", 3));
        string[] relation = ["*", "tesoma", "hervanta", "lielahti", "kauppi"];

        var hidden = Suppression.Suppress(counts, 5, [relation]);

        Assert.Equal(["kauppi", "lielahti"], hidden.Order(StringComparer.Ordinal));
        Assert.Empty(Recoverable(hidden, [relation]));
    }

    [Fact]
    public void GivenRowsAndColumnsWithTotals_WhenOneCellIsSmall_ThenNoHiddenCellCanBeWorkedOutFromAnyRowOrColumn()
    {
        // Two years x three units, with unit totals per year (rows) and year totals per unit (columns).
        var counts = Counts(
            ("2023/a", 2), ("2023/b", 30), ("2023/c", 40), ("2023/*", 72),
            ("2024/a", 25), ("2024/b", 31), ("2024/c", 45), ("2024/*", 101),
            ("all/a", 27), ("all/b", 61), ("all/c", 85), ("all/*", 173));
        IReadOnlyCollection<string>[] relations =
        [
            ["2023/a", "2023/b", "2023/c", "2023/*"], ["2024/a", "2024/b", "2024/c", "2024/*"], ["all/a", "all/b", "all/c", "all/*"],
            ["2023/a", "2024/a", "all/a"], ["2023/b", "2024/b", "all/b"], ["2023/c", "2024/c", "all/c"], ["2023/*", "2024/*", "all/*"],
        ];

        var hidden = Suppression.Suppress(counts, 5, relations);

        Assert.Contains("2023/a", hidden);
        Assert.Empty(Recoverable(hidden, relations));
        Assert.DoesNotContain("all/*", hidden);
    }

    [Fact]
    public void GivenNoSmallCount_WhenSuppressed_ThenNothingIsHidden() =>
        Assert.Empty(Suppression.Suppress(Counts(("*", 30), ("x", 10), ("y", 20)), 5, [["*", "x", "y"]]));

    [Fact]
    public void GivenAnUnknownCount_WhenSuppressed_ThenItIsTreatedAsSmall() =>
        Assert.Equal(["x", "y"], Suppression.Suppress(Counts(("*", 30), ("x", null), ("y", 20)), 5, [["*", "x", "y"]]).Order(StringComparer.Ordinal));

    [Fact]
    public void GivenThePublishedCells_WhenBuiltFromResults_ThenHiddenCellsCarryNeitherCountNorValue()
    {
        var at = DateTimeOffset.UnixEpoch;
        GetPublicResults.Row R(string unit, long n) => new("P2", "nps", unit, 2023, n / 200.0, n, n < 5, unit == "tesoma", at);

        var published = GetPublicResults.Publish("nps", 2023, [R("*", 120), R("tesoma", 50), R("hervanta", 40), R("lielahti", 27), R("kauppi", 3)], 5);

        var shown = published.Units.Append(published.Total).Where(c => !c.Suppressed).ToList();
        Assert.Equal(["*", "hervanta", "tesoma"], shown.Select(c => c.Unit).Order(StringComparer.Ordinal));
        Assert.All(published.Units.Where(c => c.Suppressed), c => Assert.True(c.N is null && c.Value is null));
    }
}
