using Allianssi.EndToEndTests.Pages;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The benchmark as a data grid people can work with and a chart that names the units (issue 12
/// items 4, 6 and 7): units by their names in the <c>units</c> dataset, sorted by a click, paged,
/// values at one decimal; the chart's title and legend in words, in English and in Finnish.
/// </summary>
/// <remarks>
/// chronic_care_plan 2019 (IndicatorBrowserFixture.Units): Tesoman hyvinvointikeskus 8/10 = 80 %,
/// Hervannan terveysasema 6/10 = 60 %, the municipality 15/23 = 65.217 %, Lielahden terveysasema
/// 1/3, suppressed for a viewer with Hervannan terveysasema, its complement in the municipal total.
/// </remarks>
public sealed class BenchmarkBrowserTests(IndicatorBrowserFixture app) : IClassFixture<IndicatorBrowserFixture>
{
    private const string Indicator = "chronic_care_plan";
    private const string NameEn = "Care plans of type 2 diabetes and coronary heart disease patients";
    private const string NameFi = "Hoitosuunnitelma diabeetikoilla ja sepelvaltimotautipotilailla";

    [Fact]
    public async Task GivenComputedResults_WhenSortingAndPagingTheBenchmark_ThenUnitsAreNamedAndTheOrderFollowsTheClick()
    {
        app.SkipIfUnavailable();
        await app.ComputeAsync("P1", 2019);
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        var benchmark = new BenchmarkPage(page);

        await benchmark.OpenAsync(Indicator, "P1", pageSize: 2);

        // The alliance first, then the municipality; four rows, two a page.
        await Assertions.Expect(benchmark.PagingSummary).ToContainTextAsync("Page 1 of 2 (4 rows)");
        await Assertions.Expect(benchmark.Rows).ToHaveCountAsync(2);
        Assert.Equal(["Tesoman hyvinvointikeskus (alliance)", "Municipality (all units)"], await benchmark.UnitCells.AllInnerTextsAsync());

        await benchmark.Header("Unit").ClickAsync();
        await Assertions.Expect(benchmark.UnitCells.First).ToHaveTextAsync("Hervannan terveysasema");
        Assert.Equal(["Hervannan terveysasema", "Lielahden terveysasema"], await benchmark.UnitCells.AllInnerTextsAsync());

        await benchmark.NextPage.ClickAsync();
        await Assertions.Expect(benchmark.PagingSummary).ToContainTextAsync("Page 2 of 2 (4 rows)");
        await Assertions.Expect(benchmark.UnitCells.First).ToHaveTextAsync("Municipality (all units)");
        Assert.Equal(["Municipality (all units)", "Tesoman hyvinvointikeskus (alliance)"], await benchmark.UnitCells.AllInnerTextsAsync());

        // Sorted by the 2019 value, as the data controller sees it (the small unit and its complement flagged
        // with *, not hidden): a click puts the lowest first, the next click the highest.
        page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.controller", BrowserFixture.Password);
        benchmark = new BenchmarkPage(page);
        await benchmark.OpenAsync(Indicator, "P1", pageSize: 10);
        await benchmark.Header("2019").ClickAsync();
        await Assertions.Expect(benchmark.YearCells(2019, column: 2)).ToHaveTextAsync(["33.3 *", "60.0 *", "65.2", "80.0"]);
        await Assertions.Expect(benchmark.UnitCells).ToHaveTextAsync(["Lielahden terveysasema", "Hervannan terveysasema", "Municipality (all units)", "Tesoman hyvinvointikeskus (alliance)"]);
        await benchmark.Header("2019").ClickAsync();
        await Assertions.Expect(benchmark.YearCells(2019, column: 2)).ToHaveTextAsync(["80.0", "65.2", "60.0 *", "33.3 *"]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "benchmark-grid.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenComputedResults_WhenOpeningTheBenchmarkChart_ThenItsTitleAndLegendNameTheIndicatorAndTheUnits()
    {
        app.SkipIfUnavailable();
        await app.ComputeAsync("P1", 2019);
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        var benchmark = new BenchmarkPage(page);

        await benchmark.OpenAsync(Indicator, "P1");

        await Assertions.Expect(benchmark.ChartTitle).ToHaveTextAsync($"{NameEn}: the alliance against each municipal unit (%)");
        await Assertions.Expect(benchmark.Legend).ToContainTextAsync("Tesoman hyvinvointikeskus (alliance)");
        await Assertions.Expect(benchmark.Legend).ToContainTextAsync("Municipality (all units)");
        await Assertions.Expect(benchmark.Legend).ToContainTextAsync("Hervannan terveysasema");
        var legend = await benchmark.Legend.InnerTextAsync();
        foreach (var id in new[] { "tesoma", "hervanta", "lielahti", "*" })
        {
            Assert.DoesNotContain(id, legend, StringComparison.Ordinal);
        }

        // The category axis reads the year; the alliance's point is labelled with its value.
        var chart = await page.Locator(".rz-chart").First.TextContentAsync() ?? "";
        Assert.Contains("2019", chart, StringComparison.Ordinal);
        Assert.Contains("80", chart, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "benchmark-chart.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenFinnish_WhenOpeningTheBenchmark_ThenNamesNumbersGridAndChartAreFinnish()
    {
        app.SkipIfUnavailable();
        await app.ComputeAsync("P1", 2019);
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString($"/indicators/{Indicator}/benchmark?period=P1")}");
        await page.WaitUntilInteractiveAsync();
        var benchmark = new BenchmarkPage(page);

        await Assertions.Expect(benchmark.AllianceRow).ToContainTextAsync("Tesoman hyvinvointikeskus (allianssi)");
        await Assertions.Expect(benchmark.AllianceRow).ToContainTextAsync("80,0");
        await Assertions.Expect(benchmark.Row("*")).ToContainTextAsync("Kunta (kaikki yksiköt)");
        await Assertions.Expect(benchmark.Row("*")).ToContainTextAsync("65,2");
        await Assertions.Expect(benchmark.Row("lielahti")).ToContainTextAsync("salattu");
        await Assertions.Expect(benchmark.PagingSummary).ToContainTextAsync("Sivu 1/1 (4 riviä)");
        await Assertions.Expect(benchmark.ChartTitle).ToHaveTextAsync($"{NameFi}: allianssi ja kunnan yksiköt (%)");
        await Assertions.Expect(benchmark.Legend).ToContainTextAsync("Kunta (kaikki yksiköt)");

        var text = await page.Locator("body").InnerTextAsync();
        foreach (var english in new[] { "items per page", "rows per page", "Municipality", "suppressed", "alliance)", "Page 1", "Unit of measure", NameEn })
        {
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
        }

        Assert.Contains("riviä sivulla", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "fi-benchmark.png"), FullPage = true });
    }
}
