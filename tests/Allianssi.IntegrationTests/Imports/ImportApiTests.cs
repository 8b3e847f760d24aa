using Allianssi.Application.Security;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allianssi.Application.UseCases.Common;

namespace Allianssi.IntegrationTests;

/// <summary>The import API: who may import what (ImportRules), history, diagnostics CSV and revert.</summary>
public abstract class ImportApiTests(ImportAppFixture app)
{
    private const string Units = "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAnalystOfTheProducer_WhenImportingUnits_ThenTheBatchIsInTheirHistoryWithItsDiagnosticsCsv()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("mehilainen.analyst");

        using var response = await client.PostAsync("/api/imports", Upload("units", Units + "=HYPERLINK;Bad;837;nonsense;\n"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("imported", result.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(1, result.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.RootElement.GetProperty("rejected").GetInt32());
        var batch = result.RootElement.GetProperty("batch").GetInt64();
        var history = await client.GetFromJsonAsync<JsonElement>("/api/imports", Ct);
        var row = history.EnumerateArray().Single(b => b.GetProperty("id").GetInt64() == batch);
        Assert.Equal("mehilainen", row.GetProperty("party").GetString());
        Assert.Equal("mehilainen.analyst", row.GetProperty("importedBy").GetString());
        Assert.Equal(64, row.GetProperty("sha256").GetString()!.Length);
        using var csv = await client.GetAsync($"/api/imports/{batch}/diagnostics.csv?culture=en-GB", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("code,row,column,severity,message,lineInFile,detail\r\n", (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF'), StringComparison.Ordinal);

        // A Finnish reader gets it as the page shows it: Finnish headers, severity and message, the line in the file, the English detail beside.
        var error = result.RootElement.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("severity").ToString() is "Error" or "error" or "2");
        var finnish = await client.GetByteArrayAsync($"/api/imports/{batch}/diagnostics.csv?culture=fi-FI", Ct);
        Assert.Equal(Encoding.UTF8.GetPreamble(), finnish[..3]);
        var lines = Encoding.UTF8.GetString(finnish[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        Assert.Equal(["koodi", "rivi", "sarake", "vakavuus", "viesti", "rivi tiedostossa", "lisätieto (englanniksi)"], lines[0]);
        var cells = lines.Skip(1).First(l => l[0] == error.GetProperty("code").GetString());
        Assert.Equal("virhe", cells[3]);
        var dataRow = error.GetProperty("row").GetInt32();
        Assert.Equal(dataRow.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[1]);
        Assert.Equal((dataRow + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[5]);
        Assert.NotEqual(error.GetProperty("message").GetString(), cells[4]);
        Assert.DoesNotContain("error", string.Join(';', cells[..5]), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GivenAnalystOfAPurchaser_WhenImportingAnotherPartysLedger_ThenEveryRowIsRefused()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.analyst");
        const string ledger = "entry_id;party_id;booked_on;amount_eur;reimbursable\nL1;pirha;1.2.2024;100,00;1\nL2;pirha;2.2.2024;50,00;1\n";

        using var response = await client.PostAsync("/api/imports", Upload("ledger", ledger), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, result.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(2, result.RootElement.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task GivenAnalystOfTheirOwnLedger_WhenImporting_ThenRowsAreAccepted()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("pirha.analyst");
        const string ledger = "entry_id;party_id;booked_on;amount_eur;reimbursable\nP1;pirha;1.2.2024;100,00;1\n";

        using var response = await client.PostAsync("/api/imports", Upload("ledger", ledger), Ct);

        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, result.RootElement.GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData("setlementti.analyst", "visits", HttpStatusCode.Forbidden)]
    [InlineData("tampere.viewer", "units", HttpStatusCode.Forbidden)]
    [InlineData("tampere.leadership", "units", HttpStatusCode.Forbidden)]
    [InlineData(null, "units", HttpStatusCode.Unauthorized)]
    public async Task GivenAUserWhoDoesNotImportTheDataset_WhenUploading_ThenTheRequestIsRefused(string? user, string dataset, HttpStatusCode expected)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(user);

        using var response = await client.PostAsync("/api/imports", Upload(dataset, "x\n1\n"), Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task GivenAnotherPartysBatch_WhenRevertedByAnAnalyst_ThenForbiddenButTheOwnerRevertsIt()
    {
        app.SkipIfUnavailable();
        var owner = await app.ClientForAsync("mehilainen.analyst");
        using var imported = await owner.PostAsync("/api/imports", Upload("units", Units + "LIELAHTI;Lielahti;837;municipal;\n"), Ct);
        var batch = JsonDocument.Parse(await imported.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("batch").GetInt64();

        var stranger = await app.ClientForAsync("tampere.analyst");
        using var refused = await stranger.PostAsync($"/api/imports/{batch}/revert", null, Ct);
        using var reverted = await owner.PostAsync($"/api/imports/{batch}/revert", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        var body = await reverted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("reverted", body.GetProperty("status").GetString());
        Assert.Equal("mehilainen.analyst", body.GetProperty("revertedBy").GetString());
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+A1", "'+A1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    public void GivenACellThatASpreadsheetWouldRun_WhenWrittenAsCsv_ThenItIsNeutralised(string value, string expected) =>
        Assert.Equal(expected, SpreadsheetSafe.CsvField(value));

    [Fact]
    public async Task GivenACsvWithAnUnterminatedQuote_WhenUploaded_ThenTheAnswerIs422WithItsDiagnosticNot500()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("mehilainen.analyst");

        using var response = await client.PostAsync("/api/imports", Upload("units", Units + "HERVANTA;\"Hervanta;837;municipal;\nLIELAHTI;Lielahti;837;municipal;\n"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("refused", result.RootElement.GetProperty("outcome").GetString());
        var diagnostic = Assert.Single(result.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("IMP013", 2, "(column 2)"), (diagnostic.GetProperty("code").GetString(), diagnostic.GetProperty("row").GetInt32(), diagnostic.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task GivenAWorkbookWithOneCellAtXFD1048576_WhenUploadedAsADryRun_ThenTheAnswerIs422WithTooManyColumns()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("mehilainen.analyst");
        const string sheet = """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>""";

        using var response = await client.PostAsync("/api/imports", Upload("units", Workbook(sheet), "units.xlsx", dryRun: true), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var diagnostic = Assert.Single(result.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(("IMP011", 1_048_575), (diagnostic.GetProperty("code").GetString(), diagnostic.GetProperty("row").GetInt32()));
    }

    /// <summary>A minimal XLSX: the package and workbook relationships, the workbook and one sheet.</summary>
    private static byte[] Workbook(string sheet)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string xml)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                entry.Write(xml);
            }

            Add("_rels/.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Add("xl/worksheets/sheet1.xml", sheet);
        }

        return buffer.ToArray();
    }

    private static MultipartFormDataContent Upload(string dataset, string csv) => Upload(dataset, Encoding.UTF8.GetBytes(csv), dataset + ".csv", dryRun: false);

    private static MultipartFormDataContent Upload(string dataset, byte[] bytes, string fileName, bool dryRun)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/octet-stream");
        return new MultipartFormDataContent
        {
            { new StringContent(dataset), "dataset" },
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
            { file, "file", fileName },
        };
    }
}

public sealed class SqliteImportApiTests(SqliteImportFixture app) : ImportApiTests(app), IClassFixture<SqliteImportFixture>;

public sealed class PostgresImportApiTests(PostgresImportFixture app) : ImportApiTests(app), IClassFixture<PostgresImportFixture>;
