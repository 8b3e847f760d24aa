using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The settlement of a period.</summary>
internal sealed class SettlementPage(IPage page)
{
    public async Task OpenAsync(string period)
    {
        await page.GotoAsync($"/settlement?period={period}");
        await page.WaitUntilInteractiveAsync();
    }

    public ILocator TargetCostTable => page.GetByRole(AriaRole.Table, new() { Name = "Target cost" });

    public Task OpenLedgerAsync(string partyName) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasText = partyName }).GetByRole(AriaRole.Button, new() { Name = "Ledger lines" }).ClickAsync();

    public ILocator LedgerTable(string partyCode) => page.GetByRole(AriaRole.Table, new() { Name = $"Ledger lines {partyCode}" });
}
