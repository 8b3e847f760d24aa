using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The indicators page: catalog, the compute action with its job progress, and the computed results.</summary>
internal sealed class IndicatorsPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/indicators");
        await page.WaitUntilInteractiveAsync();
    }

    public async Task ComputeAsync(string period, int year)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Compute" });
        await form.GetByRole(AriaRole.Combobox, new() { Name = "Period" }).SelectOptionAsync(period);
        await form.GetByRole(AriaRole.Combobox, new() { Name = "Year" }).SelectOptionAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();
    }

    public ILocator Job => page.GetByTestId("job");

    public ILocator JobProgress => Job.GetByRole(AriaRole.Progressbar);

    public ILocator JobStatus => page.GetByTestId("job-status");

    /// <summary>The Radzen data grid of the alliance unit's results.</summary>
    public ILocator Results => page.GetByTestId("results");
}
