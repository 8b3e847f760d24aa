using System.Security.Cryptography;
using System.Text;
using Allianssi.EndToEndTests.Pages;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>The import page in the browser: dry run, import, diagnostics filter and CSV, history and revert.</summary>
public sealed class ImportBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// A ledger extract of Tampere's analyst, UTF-8 with ';': two good rows and four bad ones, each
    /// with one error: no such day (IMP102), not a number (IMP104), not a boolean (IMP106) and
    /// another party's row (IMP112, an analyst imports their own party's ledger only).
    /// </summary>
    private static readonly byte[] Ledger = Encoding.UTF8.GetBytes(string.Join("\r\n",
        "entry_id;party_id;booked_on;amount_eur;reimbursable;service;account;description",
        "E2E-1;tampere;15.3.2023;1 234,50;kyllä;;Palkat;Testirivi",
        "E2E-2;tampere;31.2.2023;10,00;kyllä;;Palkat;Testirivi",
        "E2E-3;mehilainen;1.4.2023;5,00;ei;;Palkat;Testirivi",
        "E2E-4;tampere;2.4.2023;abc;kyllä;;Palkat;Testirivi",
        "E2E-5;tampere;3.4.2023;99,90;1;;Palkat;Testirivi",
        "E2E-6;tampere;4.4.2023;7,00;ehkä;;Palkat;Testirivi",
        ""));

    private static readonly string[] Codes = ["IMP102", "IMP104", "IMP106", "IMP112"];

    [Fact]
    public async Task GivenAnalyst_WhenImportingALedgerWithBadRows_ThenDryRunStoresNothingAndTheBatchIsExplainedListedAndReverted()
    {
        app.SkipIfUnavailable();
        var fileName = $"ledger-{Guid.NewGuid():N}.csv";
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Ledger));
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.analyst", BrowserFixture.Password, "/imports");
        var imports = new ImportPage(page);
        await imports.OpenAsync();

        // Dry run: everything reported, nothing stored.
        await imports.ImportAsync("ledger", fileName, Ledger, dryRun: true);
        await Assertions.Expect(imports.ResultHeading).ToContainTextAsync("dry run, nothing stored");
        await ExpectCountsAsync(imports);
        Assert.Equal(Codes, (await imports.DiagnosticCodesAsync()).Order(StringComparer.Ordinal));
        await Assertions.Expect(imports.HistoryRows(fileName)).ToHaveCountAsync(0);
        var dryRunCsv = await DownloadAsync(page, imports.ResultCsvLink);
        Assert.StartsWith("code,row,column,severity,message", dryRunCsv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.All(Codes, c => Assert.Contains(c, dryRunCsv, StringComparison.Ordinal));

        // For real: one batch with the same counts.
        await imports.ImportAsync("ledger", fileName, Ledger, dryRun: false);
        await Assertions.Expect(imports.ResultHeading).ToContainTextAsync("imported");
        await ExpectCountsAsync(imports);

        // The diagnostics filter by code.
        await imports.FilterByCodeAsync("IMP112");
        await Assertions.Expect(imports.Diagnostics.Locator("tbody tr")).ToHaveCountAsync(1);
        Assert.Equal(["IMP112"], await imports.DiagnosticCodesAsync());
        await Assertions.Expect(imports.Diagnostics.Locator("tbody tr")).ToContainTextAsync("party_id");
        // Data row 3 is line 4 of the file (the header is line 1).
        await Assertions.Expect(imports.Diagnostics.GetByTestId("diagnostic-line")).ToHaveTextAsync("4");
        await imports.FilterByCodeAsync("");
        await Assertions.Expect(imports.Diagnostics.Locator("tbody tr")).ToHaveCountAsync(4);

        // The stored batch's diagnostics as CSV from the API, in the reader's language: a header and one line per diagnostic, with its data row and its line in the file.
        var csv = (await DownloadAsync(page, imports.ResultCsvLink)).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("code,row,column,severity,message,lineInFile,detail", lines[0]);
        Assert.Equal(["IMP102,2,booked_on,error", "IMP104,4,amount_eur,error", "IMP106,6,reimbursable,error", "IMP112,3,party_id,error"],
            lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(4))).Order(StringComparer.Ordinal));

        // The history: file name, SHA-256, counts, accepted; then reverted.
        var row = imports.HistoryRows(fileName);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("code")).ToHaveAttributeAsync("title", sha256);
        await Assertions.Expect(row).ToContainTextAsync("tampere.analyst");
        await Assertions.Expect(row.GetByTestId("batch-status")).ToHaveTextAsync("accepted with rejected rows (4 of 6 rejected)");
        Assert.Equal(["6", "2", "4"], (await row.Locator("td").AllInnerTextsAsync()).Skip(7).Take(3));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "imports.png"), FullPage = true });

        await ImportPage.RevertAsync(row);
        await Assertions.Expect(row).ToContainTextAsync("reverted");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Revert" })).ToHaveCountAsync(0);
    }

    private static async Task ExpectCountsAsync(ImportPage imports)
    {
        await Assertions.Expect(imports.Count("rows-read")).ToHaveTextAsync("6");
        await Assertions.Expect(imports.Count("accepted")).ToHaveTextAsync("2");
        await Assertions.Expect(imports.Count("rejected")).ToHaveTextAsync("4");
    }

    private static async Task<string> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
    }
}
