using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The what-if page: a scratch copy of values and levels.</summary>
internal sealed class WhatIfPage(IPage page)
{
    public async Task OpenAsync(string period, int year)
    {
        await page.GotoAsync($"/what-if?period={period}&year={year}");
        await page.WaitUntilInteractiveAsync();
    }

    public ILocator RealPeriodScore => page.GetByTestId("real-period-score");

    public ILocator WhatIfPeriodScore => page.GetByTestId("whatif-period-score");

    /// <summary>Fills the level 0 of an indicator, found as a reader finds it: by the indicator's name.</summary>
    public Task SetZeroLevelAsync(string indicatorName, string value) => page.GetByLabel($"Level 0: {indicatorName}", new() { Exact = true }).FillAsync(value);

    public Task CalculateAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();
}
