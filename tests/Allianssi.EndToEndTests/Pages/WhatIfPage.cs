using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The what-if page: a scratch copy of values and levels.</summary>
internal sealed class WhatIfPage(IPage page)
{
    public async Task OpenAsync(string period, int year)
    {
        await page.GotoAsync($"/what-if?period={period}&year={year}");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public ILocator RealPeriodScore => page.GetByTestId("real-period-score");

    public ILocator WhatIfPeriodScore => page.GetByTestId("whatif-period-score");

    public Task SetZeroLevelAsync(string indicator, string value) => page.GetByLabel($"Level 0 {indicator}", new() { Exact = true }).FillAsync(value);

    public Task CalculateAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Calculate" }).ClickAsync();
}
