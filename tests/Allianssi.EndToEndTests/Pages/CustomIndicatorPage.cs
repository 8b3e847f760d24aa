using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The analyst's form for a custom indicator definition and the list of saved ones.</summary>
internal sealed class CustomIndicatorPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/indicators/custom");
        await page.WaitUntilInteractiveAsync();
    }

    public async Task FillAsync(string code, string nameFi, string nameEn, string kind, string sql)
    {
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Name in Finnish").FillAsync(nameFi);
        await page.GetByLabel("Name in English").FillAsync(nameEn);
        await page.GetByLabel("Kind").SelectOptionAsync(kind);
        await page.GetByLabel("SQL", new() { Exact = true }).FillAsync(sql);
    }

    public async Task SetSqlAsync(string sql) => await page.GetByLabel("SQL", new() { Exact = true }).FillAsync(sql);

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Validate and save" }).ClickAsync();

    public ILocator FieldError(string field) => page.Locator($".field-error[data-field='{field}']");

    public ILocator Saved => page.GetByTestId("custom-saved");

    public ILocator List => page.GetByRole(AriaRole.Table, new() { Name = "Custom indicators" });
}
