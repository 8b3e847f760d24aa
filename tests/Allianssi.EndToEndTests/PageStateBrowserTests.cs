using System.Globalization;
using System.Text.RegularExpressions;
using Allianssi.Domain.Reference;
using Allianssi.Domain.Settlements;
using Allianssi.EndToEndTests.Pages;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>Charts that render and pages that tell the state (issue 12 items 7 and 9), read as a user reads them.</summary>
public sealed partial class PageStateBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static string ExpectedP1Score => Settler.Settle(TesomaIllustration.P1()).PeriodScore.Value.ToString("0.0", CultureInfo.GetCultureInfo("en-GB"));

    [Fact]
    public async Task GivenViewer_WhenOpeningTheScorecard_ThenEachKeyResultAreaHasATrendChartWithALinePerIndicator()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await new ScorecardPage(page).OpenAsync("P1");

        var charts = page.Locator("[data-testid^=indicator-trend-]");
        await Assertions.Expect(charts.First).ToBeVisibleAsync();
        var count = await charts.CountAsync();
        Assert.True(count >= 2, $"{count} trend charts");
        for (var i = 0; i < count; i++)
        {
            // Radzen draws each series as a group with a path once the chart has measured itself in the browser.
            await Assertions.Expect(charts.Nth(i).Locator("svg .rz-line-series path").First).ToBeAttachedAsync();
        }

        var first = charts.First;
        await Assertions.Expect(first.Locator("svg .rz-line-series")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Trend per indicator")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "scorecard-indicator-trend.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenAnyone_WhenOpeningThePublicPage_ThenItIsCompactWithAScoreChartPerKeyResultArea()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/culture?c=en-GB&redirectUri=/public");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        var charts = page.Locator("svg.score-chart");
        // The overall score and one chart per key result area, each with points drawn.
        Assert.True(await charts.CountAsync() >= 2, $"{await charts.CountAsync()} charts");
        await Assertions.Expect(page.GetByTestId("public-chart-overall").Locator(".series-point").First).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByTestId("public-period-scores")).ToContainTextAsync(ExpectedP1Score);
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height < 4000, $"the public page is {height} px high");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "public-page.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenViewer_WhenOpeningTheOverview_ThenTheCurrentScoresAreShown()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);

        var scores = page.GetByTestId("current-scores");
        await Assertions.Expect(scores).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("current-period-score-P1")).ToHaveTextAsync(ExpectedP1Score);
        // The parties' fees in words: the producer's rate, no fee for the purchasers.
        await Assertions.Expect(page.GetByTestId("party-fee").Filter(new() { HasText = "%" })).ToHaveTextAsync("5 % of the actual cost");
        await Assertions.Expect(page.GetByTestId("party-fee").Filter(new() { HasText = "no fee" })).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "overview-current-scores.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenLeadership_WhenOpeningTheConfiguration_ThenTargetCostsLevelsAndParametersInForceAreShownBeforeTheForms()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.leadership", BrowserFixture.Password, "/configuration");
        await new ConfigurationPage(page).OpenAsync();

        var current = page.GetByTestId("current-configuration");
        await Assertions.Expect(current).ToBeVisibleAsync();
        // Money to the cent, under the purchaser's name.
        await Assertions.Expect(page.GetByTestId("current-target-costs")).ToContainTextAsync(MoneyToTheCent());
        await Assertions.Expect(page.GetByTestId("current-levels").Locator("tr[data-indicator=chronic_care_plan]").First).ToBeVisibleAsync();
        // The state comes first: the section precedes every form on the page.
        var before = await page.EvaluateAsync<bool>(
            "() => { const c = document.querySelector('[data-testid=current-configuration]'); const f = document.querySelector('section.form'); return !!c && !!f && !!(c.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING); }");
        Assert.True(before, "the current configuration is not above the forms");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "configuration-current.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenLeadershipInFinnish_WhenAFormIsRefused_ThenTheMessagesAreFinnishBesideTheirFields()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.leadership", BrowserFixture.Password, "/configuration");
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/configuration")}");
        await page.WaitUntilInteractiveAsync();

        // A ceiling of zero: the use case's coded message, worded in Finnish with the value in Finnish numbers.
        var ceiling = page.GetByTestId("ceiling-form");
        await page.Locator("#ceiling-amount").FillAsync("0");
        await page.Locator("#ceiling-from").FillAsync("2018-04-01");
        await page.Locator("#ceiling-to").FillAsync("2028-03-31");
        await ceiling.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ceiling-amount-error")).ToHaveTextAsync("katon on oltava positiivinen, on 0");

        // A last day before the first: the dates in Finnish form.
        await page.Locator("#ceiling-amount").FillAsync("140000000");
        await page.Locator("#ceiling-to").FillAsync("2017-12-31");
        await ceiling.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("ceiling-to-error")).ToHaveTextAsync("jakson viimeinen päivä 31.12.2017 on ennen sen ensimmäistä päivää 1.4.2018");
        Assert.DoesNotContain("is before", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "configuration-refused-fi.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenLeadership_WhenPressingApprove_ThenAConfirmationNamesThePartyAndNothingIsApprovedUntilConfirmed()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("mehilainen.leadership", BrowserFixture.Password, "/settlement?period=P2&year=2023");
        await new SettlementPage(page).OpenAsync("P2");
        var panel = new ApprovalPanel(page);
        await Assertions.Expect(panel.CurrentHash).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Approve for .*\(mehilainen\)$") }).ClickAsync();

        await Assertions.Expect(panel.Confirmation).ToBeVisibleAsync();
        await Assertions.Expect(panel.Confirmation).ToContainTextAsync("on behalf of Mehiläinen-ryhmittymä (mehilainen)");
        await Assertions.Expect(panel.Confirmation).ToContainTextAsync(await panel.CurrentHash.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "approval-confirm.png"), FullPage = true });
        await Assertions.Expect(panel.Row("mehilainen")).ToContainTextAsync("not yet");

        await panel.Confirmation.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(panel.Confirmation).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Row("mehilainen")).ToContainTextAsync("not yet");
    }

    [Fact]
    public async Task GivenAnAdjustment_WhenTheAdminReadsTheAuditLog_ThenTheChangeIsSummarisedAndTheJsonIsShownOnlyOnDemand()
    {
        app.SkipIfUnavailable();
        var leader = await app.NewPageAsync();
        await new LoginPage(leader).SignInAsync("tampere.leadership", BrowserFixture.Password, "/configuration");
        var configuration = new ConfigurationPage(leader);
        await configuration.OpenAsync();
        await configuration.RecordAdjustmentAsync(2023, "-250", "Audit summary test", "Leadership team 2.2.2023");
        await Assertions.Expect(configuration.Status).ToContainTextAsync("Saved");

        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserFixture.Password, "/audit");
        await page.GotoAsync("/audit?action=record-adjustment");

        var row = page.GetByTestId("audit-log").Locator("tbody tr.rz-data-row").Filter(new() { HasText = "Audit summary test" }).First;
        await Assertions.Expect(row.GetByTestId("audit-summary")).ToContainTextAsync("Audit summary test");
        var json = row.Locator("details.audit-json pre").First;
        await Assertions.Expect(json).Not.ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 1400, $"the audit page is {width} px wide in a 1400 px window");

        await row.Locator("details.audit-json summary").ClickAsync();
        await Assertions.Expect(row.Locator("details.audit-json pre").Last).ToContainTextAsync("\"reason\"");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "audit-log.png"), FullPage = true });
    }

    [GeneratedRegex(@"€\d{1,3}(,\d{3})*\.\d{2}")]
    private static partial Regex MoneyToTheCent();
}
