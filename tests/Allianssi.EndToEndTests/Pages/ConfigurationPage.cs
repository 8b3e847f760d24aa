using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The configuration page's forms (leadership).</summary>
internal sealed class ConfigurationPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/configuration");
        await page.WaitUntilInteractiveAsync();
    }

    public async Task RecordAdjustmentAsync(int year, string amount, string reason, string decision)
    {
        await page.GetByLabel("Year").First.FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Amount").First.FillAsync(amount);
        await page.GetByLabel("Reason").FillAsync(reason);
        await page.GetByLabel("Decision").FillAsync(decision);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record adjustment" }).ClickAsync();
    }

    /// <summary>The weight input of a key result area or indicator (by its code; the label is its name).</summary>
    public ILocator WeightInput(string code) => page.Locator($"#w-{code}");

    /// <summary>The save button of the form headed <paramref name="heading"/> (every form's button says "Save").</summary>
    public ILocator SaveButton(string heading) =>
        page.Locator("section.card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }) }).GetByRole(AriaRole.Button);

    public ILocator Status => page.GetByRole(AriaRole.Status);

    public ILocator Errors => page.GetByRole(AriaRole.Alert);

    /// <summary>The message shown when a change is refused because it feeds a result locked by approval.</summary>
    public ILocator Conflict => page.GetByTestId("conflict");
}
