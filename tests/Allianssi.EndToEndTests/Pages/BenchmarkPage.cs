using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>One indicator across every unit and year of a period.</summary>
internal sealed class BenchmarkPage(IPage page)
{
    public async Task OpenAsync(string indicator, string period, int? pageSize = null)
    {
        await page.GotoAsync($"/indicators/{indicator}/benchmark?period={period}" + (pageSize is { } size ? $"&pageSize={size}" : ""));
        await page.WaitUntilInteractiveAsync();
    }

    /// <summary>The Radzen data grid of the units (its table holds one page).</summary>
    public ILocator Table => page.GetByTestId("benchmark");

    public ILocator AllianceRow => page.GetByTestId("alliance-row");

    public ILocator Row(string unit) => Table.Locator($"tr[data-unit='{unit}']");

    /// <summary>The rows of the page shown.</summary>
    public ILocator Rows => Table.Locator("tbody tr.rz-data-row");

    /// <summary>The first cell (the unit's name) of each row shown.</summary>
    public ILocator UnitCells => Rows.Locator("td:first-child");

    /// <summary>The cells of a year's column, on the page shown.</summary>
    public ILocator YearCells(int year, int column) => Rows.Locator($"td:nth-child({column})");

    /// <summary>A column's header, to sort by a click.</summary>
    public ILocator Header(string title) => Table.Locator("th").Filter(new() { HasText = title }).First;

    public ILocator PagingSummary => Table.Locator(".rz-pager-summary");

    public ILocator NextPage => Table.Locator(".rz-pager-next");

    public ILocator Chart => page.Locator(".rz-chart svg").First;

    public ILocator ChartTitle => page.GetByTestId("benchmark-chart-title");

    /// <summary>The chart's legend as a reader sees it.</summary>
    public ILocator Legend => page.Locator(".rz-chart .rz-legend");

    public ILocator CsvLink => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" });
}
