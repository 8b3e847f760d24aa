using System.Globalization;
using Allianssi.Domain.Reference;
using Allianssi.Domain.Settlements;
using Allianssi.EndToEndTests.Pages;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>The key journeys in Debian's Chromium, with screenshots of the key pages.</summary>
public sealed class BrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GivenDemoViewer_WhenSignedIn_ThenScorecardShowsTheReferencePeriodScore()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        var scorecard = new ScorecardPage(page);

        await scorecard.OpenAsync("P1");

        var expected = Settler.Settle(TesomaIllustration.P1()).PeriodScore.Value.ToString("0.0", CultureInfo.GetCultureInfo("en-GB"));
        await Assertions.Expect(scorecard.PeriodScore).ToHaveTextAsync(expected);
        await Assertions.Expect(scorecard.IndicatorTable).ToContainTextAsync("chronic_care_plan");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "scorecard-p1.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenWhatIf_WhenALevelChanges_ThenTheScoreMovesAndNothingIsSaved()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("mehilainen.analyst", BrowserFixture.Password);
        var whatIf = new WhatIfPage(page);
        await whatIf.OpenAsync("P2", 2023);
        var real = await whatIf.RealPeriodScore.InnerTextAsync();

        await whatIf.SetZeroLevelAsync("Net Promoter Score", "30");
        await whatIf.CalculateAsync();

        await Assertions.Expect(whatIf.WhatIfPeriodScore).Not.ToHaveTextAsync(real);
        await Assertions.Expect(whatIf.RealPeriodScore).ToHaveTextAsync(real);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "what-if.png"), FullPage = true });

        var scorecard = new ScorecardPage(page);
        await scorecard.OpenAsync("P2");
        await Assertions.Expect(scorecard.PeriodScore).ToHaveTextAsync(real);
    }

    [Fact]
    public async Task GivenWhatIf_WhenLevelsAreOutOfOrderOrAValueIsNoNumber_ThenTheReaderReadsTheIndicatorTheFieldAndWhyInEnglish()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("mehilainen.analyst", BrowserFixture.Password);
        var whatIf = new WhatIfPage(page);
        await whatIf.OpenAsync("P2", 2023);

        // Net Promoter Score rises (-100 at 20, +100 at 80): a +100 level below the -100 level is refused.
        await whatIf.SetAsync("Level -100", "Net Promoter Score", "20");
        await whatIf.SetAsync("Level 0", "Net Promoter Score", "50");
        await whatIf.SetAsync("Level +100", "Net Promoter Score", "10");
        await whatIf.CalculateAsync();

        await Assertions.Expect(whatIf.Errors).ToHaveTextAsync(["Net Promoter Score: levels -100, 0 and +100 for 2023 must rise or fall strictly in that order; now 20, 50 and 10"]);
        await Assertions.Expect(whatIf.WhatIfPeriodScore).ToHaveTextAsync("–");

        await whatIf.SetAsync("Level +100", "Net Promoter Score", "80");
        await whatIf.SetAsync("Value", "Net Promoter Score", "abc");
        await whatIf.CalculateAsync();

        await Assertions.Expect(whatIf.Errors).ToHaveTextAsync(["Net Promoter Score, Value: 'abc' is not a number"]);
        await AssertNoPathOrCodeAsync(page, "levels.");
    }

    [Fact]
    public async Task GivenWhatIfInFinnish_WhenLevelsAreOutOfOrderOrAValueIsNoNumber_ThenTheReaderReadsTheIndicatorTheFieldAndWhyInFinnish()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("mehilainen.analyst", BrowserFixture.Password);
        var whatIf = new WhatIfPage(page);
        await whatIf.OpenAsync("P2", 2023, "fi-FI");

        await whatIf.SetAsync("Taso -100", "Suositteluindeksi (NPS)", "20");
        await whatIf.SetAsync("Taso 0", "Suositteluindeksi (NPS)", "50,5");
        await whatIf.SetAsync("Taso +100", "Suositteluindeksi (NPS)", "10");
        await whatIf.CalculateAsync("Laske");

        await Assertions.Expect(whatIf.Errors).ToHaveTextAsync(["Suositteluindeksi (NPS): vuoden 2023 tasojen -100, 0 ja +100 on noustava tai laskettava aidosti tässä järjestyksessä; nyt 20, 50,5 ja 10"]);

        await whatIf.SetAsync("Taso +100", "Suositteluindeksi (NPS)", "");
        await whatIf.SetAsync("Arvo", "Suositteluindeksi (NPS)", "paljon");
        await whatIf.CalculateAsync("Laske");

        await Assertions.Expect(whatIf.Errors).ToHaveTextAsync(["Suositteluindeksi (NPS), Arvo: 'paljon' ei ole luku", "Suositteluindeksi (NPS), Taso +100: anna luku: tasoja annetaan kaikki kolme tai ei yhtään"]);
        await AssertNoPathOrCodeAsync(page, "levels");
    }

    /// <summary>The what-if alert shows no field path (<c>[...]</c>, <paramref name="pathWord"/>) and no error code.</summary>
    private static async Task AssertNoPathOrCodeAsync(IPage page, string pathWord)
    {
        var shown = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.DoesNotContain("[", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(pathWord, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("whatIf", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenLeadership_WhenRecordingAnAdjustment_ThenTheSettlementShowsIt()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.leadership", BrowserFixture.Password);
        var configuration = new ConfigurationPage(page);
        await configuration.OpenAsync();

        await configuration.RecordAdjustmentAsync(2022, "-12345", "Browser test: service moved", "Leadership team 1.3.2022");
        await Assertions.Expect(configuration.Status).ToContainTextAsync("Saved");

        var settlement = new SettlementPage(page);
        await settlement.OpenAsync("P2");
        await Assertions.Expect(settlement.TargetCostTable).ToContainTextAsync("Browser test: service moved");
        await Assertions.Expect(settlement.TargetCostTable).ToContainTextAsync("-€12,345.00");
        await settlement.OpenLedgerAsync("Mehiläinen-ryhmittymä");
        await Assertions.Expect(settlement.LedgerTable("mehilainen")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "settlement-p2.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenFinnish_WhenOpeningTheSettlement_ThenMoneyAndDatesAreInFinnishFormat()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserFixture.Password);
        await page.GotoAsync("/culture?c=fi-FI&redirectUri=/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Osapuolet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("1.4.2018");
        await page.GotoAsync("/settlement?period=P1");
        await Assertions.Expect(page.GetByTestId("target-cost")).ToHaveTextAsync("57\u00a0300\u00a0000,00\u00a0€");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "settlement-p1-fi.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenAnAdjustmentWithoutReason_WhenRecorded_ThenTheMessageSaysWhatAndWhere()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pirha.leadership", BrowserFixture.Password);
        var configuration = new ConfigurationPage(page);
        await configuration.OpenAsync();

        await configuration.RecordAdjustmentAsync(2024, "-100", "", "Leadership team 1.3.2024");

        await Assertions.Expect(configuration.Errors).ToContainTextAsync("Reason: say why the target cost changes");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "configuration-validation.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenAdmin_WhenCreatingAUserOnTheUsersPage_ThenTheUserIsListed()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserFixture.Password);
        await page.GotoAsync("/users");
        await page.WaitUntilInteractiveAsync();

        await page.GetByLabel("User name").FillAsync("setlementti.viewer2");
        await page.GetByLabel("Password").FillAsync("Viewer-two-2!");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("viewer");
        await page.GetByLabel("Party", new() { Exact = true }).SelectOptionAsync("setlementti");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "setlementti.viewer2" })).ToBeVisibleAsync();
    }
}
