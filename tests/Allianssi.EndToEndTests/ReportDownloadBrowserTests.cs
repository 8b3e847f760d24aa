using System.Globalization;
using Allianssi.EndToEndTests.Pages;
using Allianssi.Reports.Fhir;
using ClosedXML.Excel;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Allianssi.EndToEndTests;

/// <summary>The settlement page's download links give the period's report (PDF), workbook (Excel), results (FHIR) and the reader's party statement (PDF) in Chromium, each with the page's figures.</summary>
public sealed class ReportDownloadBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GivenTheSettlementPage_WhenEachReportLinkIsClicked_ThenTheBrowserDownloadsEachDocumentWithThePagesFigures()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await new SettlementPage(page).OpenAsync("P2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "settlement-report-links.png"), FullPage = true });

        // What the reader reads on the page: the period's target cost and Tampere's row (its payment is the 10th cell).
        var targetCost = Normalise(await page.GetByTestId("target-cost").InnerTextAsync());
        var tampere = page.GetByRole(AriaRole.Table, new() { Name = "Parties", Exact = true }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Tampereen kaupunki" });
        var payment = Normalise(await tampere.GetByRole(AriaRole.Cell).Nth(9).InnerTextAsync());
        Assert.Matches(@"^€[\d,]+\.\d\d$", payment);

        var pdf = await DownloadAsync(page, "report-pdf");
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.True(document.NumberOfPages > 3);
            Assert.Contains("Tesoman hyvinvointiallianssi", Text(document.GetPage(1)), StringComparison.Ordinal);
            var all = string.Join(" ", document.GetPages().Select(Text));
            Assert.Contains("(TAK) " + targetCost, all, StringComparison.Ordinal);
            Assert.Contains(payment, all, StringComparison.Ordinal);
        }

        var xlsx = await DownloadAsync(page, "report-xlsx");
        using (var workbook = new XLWorkbook(new MemoryStream(xlsx)))
        {
            Assert.Equal(["Scorecard", "Settlement", "Ledger", "Indicator results"], workbook.Worksheets.Select(w => w.Name));
            var settlement = workbook.Worksheet("Settlement");
            Assert.Equal(XLDataType.Number, settlement.Cell(2, 4).DataType);
            var payments = settlement.CellsUsed(c => c.DataType == XLDataType.Number).Select(c => c.GetValue<decimal>()).ToHashSet();
            Assert.Contains(decimal.Parse(payment.TrimStart('€'), NumberStyles.Number, CultureInfo.GetCultureInfo("en-GB")), payments);
        }

        var fhir = await DownloadAsync(page, "report-fhir");
        var bundle = MeasureReportBundle.Parse(System.Text.Encoding.UTF8.GetString(fhir));
        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Collection, bundle.Type);
        // The browser fixture computes no indicator results: the bundle holds only what the store has (Measure, Organization, MeasureReport).
        Assert.All(bundle.Entry, e => Assert.True(e.Resource is Hl7.Fhir.Model.Measure or Hl7.Fhir.Model.Organization or Hl7.Fhir.Model.MeasureReport, e.Resource?.TypeName));

        // The reader's own party's settlement statement: what Tampere pays, the figure of the page.
        var statement = await DownloadAsync(page, "report-statement");
        using (var document = PdfDocument.Open(statement))
        {
            var first = Text(document.GetPage(1));
            Assert.Contains("Settlement statement: Tampereen kaupunki", first, StringComparison.Ordinal);
            Assert.Contains("Pays " + payment, first, StringComparison.Ordinal);
        }
    }

    private static string Text(UglyToad.PdfPig.Content.Page page) => Normalise(string.Join(" ", page.GetWords().Select(w => w.Text)));

    /// <summary>Spaces of every kind as one space and the minus sign as a hyphen, as the PDF's words and the page's text compare.</summary>
    private static string Normalise(string text) =>
        string.Join(' ', text.Replace('\u2212', '-').Split([' ', '\u00a0', '\u202f', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static async Task<byte[]> DownloadAsync(Microsoft.Playwright.IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"allianssi-download-{Guid.NewGuid():N}");
        try
        {
            await download.SaveAsAsync(path);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
