using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>A proportion indicator's care-gap list (data controller only).</summary>
internal sealed class CareGapPage(IPage page)
{
    public Task OpenAsync(string indicator, int year) => page.GotoAsync($"/indicators/{indicator}/care-gaps?year={year}");

    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "Care gaps" });

    public ILocator Rows => Table.Locator("tbody tr");

    public ILocator Count => page.GetByTestId("care-gap-count");

    public ILocator CsvLink => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" });
}
