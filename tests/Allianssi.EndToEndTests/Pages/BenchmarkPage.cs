using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>One indicator across every unit and year of a period.</summary>
internal sealed class BenchmarkPage(IPage page)
{
    public async Task OpenAsync(string indicator, string period)
    {
        await page.GotoAsync($"/indicators/{indicator}/benchmark?period={period}");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "Benchmark" });

    public ILocator AllianceRow => page.GetByTestId("alliance-row");

    public ILocator Row(string unit) => Table.Locator($"tr[data-unit='{unit}']");

    public ILocator Chart => page.Locator(".rz-chart svg").First;

    public ILocator CsvLink => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" });
}
