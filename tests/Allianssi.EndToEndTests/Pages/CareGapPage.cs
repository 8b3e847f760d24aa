using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>A proportion indicator's care-gap list (data controller only).</summary>
internal sealed class CareGapPage(IPage page)
{
    public async Task OpenAsync(string indicator, int year, int? pageSize = null)
    {
        await page.GotoAsync($"/indicators/{indicator}/care-gaps?year={year}" + (pageSize is { } size ? $"&pageSize={size}" : ""));
        await page.GetByTestId("care-gaps").Or(page.GetByRole(AriaRole.Heading, new() { Name = "Your role does not allow this." })).First.WaitForAsync();
    }

    public Task WaitUntilInteractiveAsync() => page.WaitUntilInteractiveAsync();

    /// <summary>The Radzen data grid of the gaps (its table holds one page).</summary>
    public ILocator Table => page.GetByTestId("care-gaps");

    /// <summary>The rows of the page shown.</summary>
    public ILocator Rows => Table.Locator("tbody tr.rz-data-row");

    /// <summary>The first cell (unit) of each row shown.</summary>
    public ILocator UnitCells => Rows.Locator("td:first-child");

    public ILocator SortByUnit => Table.Locator("th").Filter(new() { HasText = "Unit" }).First;

    public ILocator PagingSummary => Table.Locator(".rz-pager-summary");

    public ILocator NextPage => Table.Locator(".rz-pager-next");

    public ILocator Count => page.GetByTestId("care-gap-count");

    public ILocator CsvLink => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" });
}
