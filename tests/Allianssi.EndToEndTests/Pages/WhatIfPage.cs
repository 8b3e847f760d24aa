using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The what-if page: a scratch copy of values and levels.</summary>
internal sealed class WhatIfPage(IPage page)
{
    /// <summary>Opens a period's year; with a culture (<c>fi-FI</c>), in that language as a reader chooses it.</summary>
    public async Task OpenAsync(string period, int year, string? culture = null)
    {
        var path = $"/what-if?period={period}&year={year}";
        await page.GotoAsync(culture is null ? path : $"/culture?c={culture}&redirectUri={Uri.EscapeDataString(path)}");
        await page.WaitUntilInteractiveAsync();
    }

    public ILocator RealPeriodScore => page.GetByTestId("real-period-score");

    public ILocator WhatIfPeriodScore => page.GetByTestId("whatif-period-score");

    /// <summary>The refused changes, one list item each, as the reader reads them.</summary>
    public ILocator Errors => page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Listitem);

    /// <summary>Fills the level 0 of an indicator, found as a reader finds it: by the indicator's name.</summary>
    public Task SetZeroLevelAsync(string indicatorName, string value) => SetAsync("Level 0", indicatorName, value);

    /// <summary>Fills a field found by its column's label in the page's language (<c>Level +100</c>, <c>Taso +100</c>) and the indicator's name.</summary>
    public Task SetAsync(string column, string indicatorName, string value) =>
        page.GetByLabel($"{column}: {indicatorName}", new() { Exact = true }).FillAsync(value);

    /// <summary>Clicks the button that calculates (<c>Calculate</c>, in Finnish <c>Laske</c>).</summary>
    public Task CalculateAsync(string name = "Calculate") => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
}
