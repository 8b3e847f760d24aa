using Allianssi.EndToEndTests.Pages;
using Allianssi.Reports.Fhir;
using ClosedXML.Excel;
using UglyToad.PdfPig;

namespace Allianssi.EndToEndTests;

/// <summary>The settlement page's download links give the period's report (PDF), workbook (Excel) and results (FHIR) in Chromium.</summary>
public sealed class ReportDownloadBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GivenTheSettlementPage_WhenEachReportLinkIsClicked_ThenTheBrowserDownloadsAReadableDocument()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await new SettlementPage(page).OpenAsync("P2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "settlement-report-links.png"), FullPage = true });

        var pdf = await DownloadAsync(page, "report-pdf");
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.True(document.NumberOfPages > 3);
            Assert.Contains("Tesoman hyvinvointiallianssi", string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        }

        var xlsx = await DownloadAsync(page, "report-xlsx");
        using (var workbook = new XLWorkbook(new MemoryStream(xlsx)))
        {
            Assert.Equal(["Scorecard", "Settlement", "Ledger", "Indicator results"], workbook.Worksheets.Select(w => w.Name));
            Assert.Equal(XLDataType.Number, workbook.Worksheet("Settlement").Cell(2, 4).DataType);
        }

        var fhir = await DownloadAsync(page, "report-fhir");
        var bundle = MeasureReportBundle.Parse(System.Text.Encoding.UTF8.GetString(fhir));
        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Collection, bundle.Type);
    }

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
