using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Organiser;
using Allianssi.EndToEndTests.Pages;
using Allianssi.Indicators.Store;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The browser fixture with the organiser worked example in the analytical store (docs/domain/organiser-example)
/// and its model saved for 2023, the member 837 spoken for by the party tampere.
/// </summary>
public sealed class OrganiserBrowserFixture : BrowserFixture
{
    private static readonly string[] Datasets = ["units", "persons", "listings", "diagnoses", "visits", "service_periods", "ledger", "population"];

    private static string ExampleDirectory => Path.Combine(AppContext.BaseDirectory, "OrganiserExample");

    /// <summary>Saves the example's model for 2023 as the organiser's controller would.</summary>
    public async Task SaveExampleModelAsync()
    {
        var model = File.ReadAllText(Path.Combine(ExampleDirectory, "model.json"))
            .Replace("\"members\": [\"837\", \"604\", \"980\"],", "\"members\": [\"837\", \"604\", \"980\"], \"memberParties\": { \"837\": \"tampere\" },", StringComparison.Ordinal);
        await using var scope = Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<OrganiserPayments>()
            .SaveModelAsync("tesoma", 2023, model, new Actor("e2e.controller", Roles.Controller, "pirha"), TestContext.Current.CancellationToken);
        Assert.True(saved.IsOk, saved.Message);
    }

    protected override void PrepareData(IWebHostBuilder builder, string dataDirectory)
    {
        builder.UseSetting("Demo:Residents", "0");
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, AnalyticalStoreLocation.FileName);
        if (File.Exists(path))
        {
            return;
        }

        new AnalyticalStore(path).EnsureSchema();
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        var batch = 0;
        foreach (var dataset in Datasets)
        {
            var file = Path.Combine(ExampleDirectory, dataset + ".csv");
            var columns = File.ReadLines(file).First().Split(';');
            var values = string.Join(", ", columns.Select(c => c == "reimbursable" ? "(reimbursable = '1')" : c));
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {dataset} (batch_id, row_no, {string.Join(", ", columns)}) "
                + $"SELECT {++batch}, CAST(row_number() OVER () AS INTEGER), {values} FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', delim = ';', header = true, all_varchar = true)";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>A member municipality opens its invoice, downloads the PDF and finds the same total in its text.</summary>
public sealed class OrganiserBrowserTests(OrganiserBrowserFixture app) : IClassFixture<OrganiserBrowserFixture>
{
    [Fact]
    public async Task GivenMembersInvoiceInFinnish_WhenPdfDownloaded_ThenItsTextHasTheTotalThePageShows()
    {
        app.SkipIfUnavailable();
        await app.SaveExampleModelAsync();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/organiser/invoices?year=2023")}");
        await page.WaitForURLAsync(url => url.Contains("/organiser/invoices", StringComparison.Ordinal));

        var total = (await page.GetByTestId("invoice-total-837").InnerTextAsync()).Trim();
        Assert.Equal("3 369,50 €", total.Replace('\u00A0', ' ').Replace('\u202F', ' '));
        // A member sees its own invoice only.
        Assert.Equal(0, await page.GetByTestId("invoice-604").CountAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("invoice-pdf-837").ClickAsync());
        var file = await download.PathAsync();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains(Squeeze(total), Squeeze(text), StringComparison.Ordinal);
        Assert.Contains("758,34", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "organiser-invoice-837.png"), FullPage = true });
    }

    // PDF text extraction keeps the glyphs but not always the spaces between them.
    private static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F')]);
}
