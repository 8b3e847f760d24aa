using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The import page (/imports), in English: upload, result, diagnostics and batch history.</summary>
internal sealed class ImportPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync()
    {
        await page.GotoAsync("/imports");
        // The upload needs the interactive circuit; the page marks when it is live.
        await page.WaitUntilInteractiveAsync();
    }

    /// <summary>Chooses the dataset and the file, sets dry run, and imports; waits for the result.</summary>
    public async Task ImportAsync(string dataset, string fileName, byte[] content, bool dryRun)
    {
        await page.GetByLabel("Dataset", new() { Exact = true }).SelectOptionAsync(dataset);
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
        await page.GetByLabel("Dry run").SetCheckedAsync(dryRun);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Result.WaitForAsync();
    }

    /// <summary>The result card of the last import.</summary>
    public ILocator Result => page.GetByRole(AriaRole.Region, new() { Name = "Result" });

    public ILocator ResultHeading => Result.GetByRole(AriaRole.Heading, new() { Level = 2 });

    public ILocator Count(string testId) => Result.Locator($"[data-testid={testId}]");

    public ILocator Diagnostics => page.GetByRole(AriaRole.Table, new() { Name = "Diagnostics" });

    /// <summary>The code column of the diagnostics table, row by row.</summary>
    public async Task<IReadOnlyList<string>> DiagnosticCodesAsync() =>
        await Diagnostics.Locator("tbody tr td:first-child").AllInnerTextsAsync();

    public Task FilterByCodeAsync(string code) => page.GetByLabel("Filter by code").SelectOptionAsync(code);

    public ILocator ResultCsvLink => Result.GetByRole(AriaRole.Link, new() { Name = "Diagnostics as CSV" });

    /// <summary>The batch history (a Radzen data grid).</summary>
    public ILocator History => page.GetByTestId("batch-history");

    /// <summary>The history rows of a file name.</summary>
    public ILocator HistoryRows(string fileName) => History.Locator("tbody tr.rz-data-row").Filter(new() { HasText = fileName });

    public static Task RevertAsync(ILocator row) => row.GetByRole(AriaRole.Button, new() { Name = "Revert" }).ClickAsync();
}
