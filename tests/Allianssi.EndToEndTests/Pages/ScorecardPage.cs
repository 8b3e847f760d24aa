using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The scorecard of a period.</summary>
internal sealed class ScorecardPage(IPage page)
{
    public Task OpenAsync(string period) => page.GotoAsync($"/scorecard?period={period}");

    public ILocator PeriodScore => page.GetByTestId("period-score");

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator IndicatorTable => page.GetByRole(AriaRole.Table, new() { Name = "Scorecard" });
}
