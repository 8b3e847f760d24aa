using System.Text.RegularExpressions;
using Allianssi.EndToEndTests.Pages;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>The indicator pages in Debian's Chromium: computing, benchmarking, custom definitions and care gaps.</summary>
public sealed partial class IndicatorBrowserTests(IndicatorBrowserFixture app) : IClassFixture<IndicatorBrowserFixture>
{
    [Fact]
    public async Task GivenAnalyst_WhenComputingAPeriodYear_ThenTheJobsProgressIsShownUntilItCompletesWithTheResults()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.analyst", BrowserFixture.Password);
        var indicators = new IndicatorsPage(page);
        await indicators.OpenAsync();

        await indicators.ComputeAsync("P1", 2019);

        await Assertions.Expect(indicators.Job).ToBeVisibleAsync();
        await Assertions.Expect(indicators.JobProgress).ToBeVisibleAsync();
        await Assertions.Expect(indicators.JobStatus).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 60_000 });
        var status = DoneOfTotal().Match(await indicators.JobStatus.InnerTextAsync());
        Assert.True(status.Success, await indicators.JobStatus.InnerTextAsync());
        Assert.True(int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(status.Groups[1].Value, status.Groups[2].Value);
        await Assertions.Expect(indicators.JobProgress).ToHaveAttributeAsync("value", status.Groups[1].Value);
        // The row names the indicator (its id as secondary text) and shows the value at one decimal.
        var careRow = indicators.Results.Locator("tr[data-indicator='chronic_care_plan']");
        await Assertions.Expect(careRow).ToContainTextAsync("Care plans of type 2 diabetes and coronary heart disease patients");
        await Assertions.Expect(careRow).ToContainTextAsync("80.0");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "indicators-compute.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenComputedResults_WhenAViewerOpensTheBenchmark_ThenTheAllianceIsHighlightedAndTheSmallUnitIsSuppressed()
    {
        app.SkipIfUnavailable();
        await app.ComputeAsync("P1", 2019);
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        var benchmark = new BenchmarkPage(page);

        await benchmark.OpenAsync("chronic_care_plan", "P1");

        await Assertions.Expect(benchmark.AllianceRow).ToHaveClassAsync(new Regex("alliance-unit"));
        await Assertions.Expect(benchmark.AllianceRow).ToContainTextAsync("Tesoman hyvinvointikeskus (alliance)");
        await Assertions.Expect(benchmark.AllianceRow).ToContainTextAsync("80.0");
        await Assertions.Expect(benchmark.Row("lielahti").Locator(".suppressed")).ToHaveTextAsync("suppressed");
        await Assertions.Expect(benchmark.Row("lielahti")).Not.ToContainTextAsync("33");
        // The municipality: 15 of 23 patients have a plan, 65.217 % shown at one decimal.
        await Assertions.Expect(benchmark.Row("*")).ToContainTextAsync("65.2");
        await Assertions.Expect(benchmark.Row("*")).Not.ToContainTextAsync("65.217");
        await Assertions.Expect(benchmark.Chart).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => benchmark.CsvLink.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        // Names beside the ids, the exact value (not the one shown).
        const string name = "Care plans of type 2 diabetes and coronary heart disease patients";
        Assert.Contains($"chronic_care_plan,{name},P1,tesoma,Tesoman hyvinvointikeskus,2019,80,8,10,10,false,true", csv, StringComparison.Ordinal);
        Assert.Contains($"chronic_care_plan,{name},P1,lielahti,Lielahden terveysasema,2019,,,,,true,false", csv, StringComparison.Ordinal);
        Assert.Contains($"chronic_care_plan,{name},P1,*,Municipality (all units),2019,65.217", csv, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "benchmark.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenAnalyst_WhenACustomIndicatorLacksAColumn_ThenTheSqlFieldShowsWhy_AndTheFixedOneIsSavedAndListed()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.analyst", BrowserFixture.Password);
        var custom = new CustomIndicatorPage(page);
        await custom.OpenAsync();

        await custom.FillAsync("e2e_hba1c_measured", "HbA1c mitattu", "HbA1c measured", "proportion",
            "SELECT l.unit_id, l.person_id AS subject, TRUE AS in_denominator FROM listings l");
        await custom.SaveAsync();

        await Assertions.Expect(custom.FieldError("sql")).ToContainTextAsync("in_numerator");
        await Assertions.Expect(custom.Saved).Not.ToBeVisibleAsync();
        await Assertions.Expect(custom.List).Not.ToContainTextAsync("e2e_hba1c_measured");

        await custom.SetSqlAsync("SELECT l.unit_id, l.person_id AS subject, TRUE AS in_denominator, "
            + "EXISTS (SELECT 1 FROM lab_results r WHERE r.person_id = l.person_id AND r.analyte = 'hba1c' AND r.sampled_on BETWEEN $start AND $end) AS in_numerator "
            + "FROM listings l");
        await custom.SaveAsync();

        await Assertions.Expect(custom.Saved).ToContainTextAsync("e2e_hba1c_measured version 1");
        await Assertions.Expect(custom.FieldError("sql")).Not.ToBeVisibleAsync();
        await Assertions.Expect(custom.List).ToContainTextAsync("e2e_hba1c_measured");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "custom-indicator.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenController_WhenOpeningTheCareGapList_ThenEveryGapIsListedWithItsReason_AndAViewerIsRefused()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.controller", BrowserFixture.Password);
        var careGaps = new CareGapPage(page);

        await careGaps.OpenAsync("chronic_care_plan", 2019);

        // 4 + 2 patients without a care plan in the municipal stations, the purchaser's own units
        // (IndicatorBrowserFixture.Units); the alliance's unit is the producer's controller's.
        await Assertions.Expect(careGaps.Rows).ToHaveCountAsync(6);
        foreach (var row in await careGaps.Rows.AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync("no care plan within 12 months");
        }

        await Assertions.Expect(careGaps.CsvLink).ToHaveAttributeAsync("href", new Regex("^/api/indicators/chronic_care_plan/care-gaps\\?format=csv"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "care-gaps.png"), FullPage = true });

        var viewerPage = await app.NewPageAsync();
        await new LoginPage(viewerPage).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await new CareGapPage(viewerPage).OpenAsync("chronic_care_plan", 2019);

        await Assertions.Expect(viewerPage).ToHaveURLAsync(new Regex("/account/denied"));
        await Assertions.Expect(viewerPage.GetByRole(AriaRole.Heading, new() { Name = "Your role does not allow this." })).ToBeVisibleAsync();
        await Assertions.Expect(viewerPage.GetByRole(AriaRole.Table, new() { Name = "Care gaps" })).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"(\d+) / (\d+)")]
    private static partial Regex DoneOfTotal();
}
