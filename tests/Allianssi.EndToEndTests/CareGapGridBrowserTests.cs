using Allianssi.EndToEndTests.Pages;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>The care-gap list as a data grid people can work with: sorted by a click, paged, every row reachable (issue 12 item 6).</summary>
public sealed partial class CareGapGridBrowserTests(IndicatorBrowserFixture app) : IClassFixture<IndicatorBrowserFixture>
{
    [Fact]
    public async Task GivenController_WhenSortingAndPagingTheCareGaps_ThenTheOrderFollowsTheClickAndEveryGapIsOnSomePage()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.controller", BrowserFixture.Password);
        var careGaps = new CareGapPage(page);

        // 6 gaps in the purchaser's own units (hervanta 4, lielahti 2: IndicatorBrowserFixture.Units;
        // tesoma is the producer's), 5 a page; units by their names in the units dataset.
        await careGaps.OpenAsync("chronic_care_plan", 2019, pageSize: 5);

        await Assertions.Expect(careGaps.Count).ToHaveTextAsync("6 subjects with a care gap in 2019.");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(RazorText());
        await Assertions.Expect(careGaps.PagingSummary).ToContainTextAsync("Page 1 of 2 (6 rows)");
        await Assertions.Expect(careGaps.Rows).ToHaveCountAsync(5);

        await careGaps.WaitUntilInteractiveAsync();
        await careGaps.SortByUnit.ClickAsync();
        await Assertions.Expect(careGaps.SortByUnit).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(careGaps.UnitCells.First).ToHaveTextAsync("Hervannan terveysasema");
        Assert.Equal(["Hervannan terveysasema", "Hervannan terveysasema", "Hervannan terveysasema", "Hervannan terveysasema", "Lielahden terveysasema"], await careGaps.UnitCells.AllInnerTextsAsync());

        await careGaps.SortByUnit.ClickAsync();
        await Assertions.Expect(careGaps.SortByUnit).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(careGaps.UnitCells.First).ToHaveTextAsync("Lielahden terveysasema");

        await careGaps.NextPage.ClickAsync();
        await Assertions.Expect(careGaps.PagingSummary).ToContainTextAsync("Page 2 of 2 (6 rows)");
        await Assertions.Expect(careGaps.Rows).ToHaveCountAsync(1);
        Assert.Equal(["Hervannan terveysasema"], await careGaps.UnitCells.AllInnerTextsAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "care-gaps-grid.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenController_WhenAskingForAYearInNoPeriod_ThenTheReasonIsShownAndNoListOrCount()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.controller", BrowserFixture.Password);
        var careGaps = new CareGapPage(page);

        await page.GotoAsync("/indicators/chronic_care_plan/care-gaps?year=1990");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Year: 1990 is in no period, or there is no data yet");
        await Assertions.Expect(careGaps.Table).ToHaveCountAsync(0);
        await Assertions.Expect(careGaps.Count).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(RazorText());
    }

    [Fact]
    public async Task GivenAFinnishController_WhenAskingForAYearInNoPeriod_ThenTheReasonIsFinnish()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.controller", BrowserFixture.Password);

        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/indicators/chronic_care_plan/care-gaps?year=1990")}");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Vuosi: 1990 ei kuulu mihinkään jaksoon, tai sen tietoja ei vielä ole");
        await Assertions.Expect(new CareGapPage(page).Table).ToHaveCountAsync(0);
    }

    /// <summary>Razor control flow written as markup by mistake shows on the page as text ("else {").</summary>
    [GeneratedRegex(@"\belse\s*\{|@if|@foreach")]
    private static partial Regex RazorText();
}
