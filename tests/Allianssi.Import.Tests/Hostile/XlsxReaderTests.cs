using System.Text;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Reading;

namespace Allianssi.Import.Tests.Hostile;

/// <summary>The streaming XLSX reader gives valid workbooks the same values as the CSV route (and as the ClosedXML reader did).</summary>
public sealed class XlsxReaderTests
{
    [Fact]
    public void GivenAWorkbookWrittenByClosedXml_WhenImported_ThenItsRowsEqualTheSameDataImportedAsCsv()
    {
        var person = TestHetu.Make(new DateOnly(1970, 1, 2), 903);
        var other = TestHetu.Make(new DateOnly(1985, 11, 30), 911);
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("visits");
        object[][] rows =
        [
            ["visit_id", "person_id", "unit_id", "service", "visit_on", "cost_eur", "urgent"],
            ["V1", person, "TESOMA", "dental", new DateTime(2024, 5, 6), 99.5, true],
            ["V2", other, "TESOMA", "Primary_Care", new DateTime(2024, 12, 31), 1234.56, false],
            ["V3", person, "HERVANTA", "dental", new DateTime(2023, 1, 1), -12.5, false],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 1, c + 1);
                switch (rows[r][c])
                {
                    case string text: cell.Value = text; break;
                    case DateTime date: cell.Value = date; break;
                    case double number: cell.Value = number; break;
                    case bool flag: cell.Value = flag; break;
                    default: throw new InvalidOperationException();
                }
            }
        }

        sheet.Cell(4, 6).FormulaA1 = "-25/2";
        sheet.Cell(4, 6).Value = -12.5;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        const string csv = "visit_id;person_id;unit_id;service;visit_on;cost_eur;urgent\n";
        var csvText = csv + $"V1;{person};TESOMA;dental;2024-05-06;99.5;true\nV2;{other};TESOMA;Primary_Care;2024-12-31;1234.56;false\nV3;{person};HERVANTA;dental;2023-01-01;-12.5;false\n";

        using var fromXlsx = new ImportFixture();
        fromXlsx.ImportUnits();
        var x = fromXlsx.Import("visits", stream.ToArray(), fileName: "visits.xlsx");
        using var fromCsv = new ImportFixture();
        fromCsv.ImportUnits();
        var c2 = fromCsv.Import("visits", csvText);

        Assert.Equal((3, 3, 0), (x.RowsRead, x.Accepted, x.Rejected));
        Assert.Equal((3, 3, 0), (c2.RowsRead, c2.Accepted, c2.Rejected));
        const string query = "SELECT visit_id, person_id, unit_id, service, visit_on, cost_eur, urgent FROM visits ORDER BY visit_id";
        Assert.Equal(Show(fromCsv.Rows(query)), Show(fromXlsx.Rows(query)));
        Assert.Contains("xlsx", x.Dialect, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSharedStringsStylesAndSkippedRows_WhenRead_ThenTextsDatesNumbersAndRowNumbersAreTheSheets()
    {
        const string strings = """<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>visit_id</t></si><si><r><t>vis</t></r><r><t xml:space="preserve">it_on </t></r><rPh><t>PHONETIC</t></rPh></si><si><t xml:space="preserve"> V 1 </t></si><si><t>ä &amp; ö</t></si></sst>""";
        const string styles = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="d\.m\.yyyy\ h:mm"/><numFmt numFmtId="165" formatCode="#,##0.00\ &quot;€&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>""";
        var sheet = HostileFiles.SheetStart + """
            <dimension ref="A1:E5"/><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>cost</t></is></c><c r="D1" t="str"><f>"fl"&amp;"ag"</f><v>flag</v></c></row>
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45418</v></c><c r="C2" s="3"><v>1234.5</v></c><c r="D2" t="b"><v>1</v></c></row>
            <row r="4"><c t="s"><v>3</v></c><c s="2"><v>45418.5</v></c><c><f>1/3</f><v>0.33333333333333331</v></c><c t="e"><v>#N/A</v></c></row>
            </sheetData></worksheet>
            """;
        using var content = new MemoryStream(HostileFiles.Xlsx(sheet, strings, styles));

        using var reader = XlsxTableReader.Open(content);
        var read = new List<string[]>();
        while (reader.Read())
        {
            read.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetField)]);
        }

        Assert.Equal(["visit_id", "visit_on ", "cost", "flag"], reader.Header);
        Assert.Equal(3, read.Count);
        Assert.Equal([" V 1 ", "2024-05-06", "1234.5", "true"], read[0]);
        Assert.Empty(read[1]);
        Assert.Equal(["ä & ö", "2024-05-06T12:00:00", "0.3333333333333333", "#N/A"], read[2]);
    }

    [Fact]
    public void GivenARowAfterSkippedRows_WhenImported_ThenItsDiagnosticNamesTheSheetsRow()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var person = TestHetu.Make(new DateOnly(1970, 1, 2), 903);
        var sheet = new StringBuilder(HostileFiles.SheetStart).Append("<sheetData>");
        string[] header = ["visit_id", "person_id", "unit_id", "service", "visit_on", "cost_eur"];
        sheet.Append("<row r=\"1\">").Append(string.Concat(header.Select(h => $"<c t=\"inlineStr\"><is><t>{h}</t></is></c>"))).Append("</row>");
        sheet.Append(System.Globalization.CultureInfo.InvariantCulture, $"<row r=\"6\"><c t=\"inlineStr\"><is><t>V1</t></is></c><c t=\"inlineStr\"><is><t>{person}</t></is></c><c t=\"inlineStr\"><is><t>TESOMA</t></is></c><c t=\"inlineStr\"><is><t>dental</t></is></c><c t=\"inlineStr\"><is><t>not a date</t></is></c><c><v>1</v></c></row>");
        sheet.Append("</sheetData></worksheet>");

        var result = fixture.Import("visits", HostileFiles.Xlsx(sheet.ToString()), fileName: "visits.xlsx");

        Assert.Equal((1, 0, 1), (result.RowsRead, result.Accepted, result.Rejected));
        var bad = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.BadDate);
        Assert.Equal(5, bad.Row);
    }

    [Theory]
    [InlineData("d.m.yyyy", true)]
    [InlineData("[$-40B]d\\.m\\.yyyy;@", true)]
    [InlineData("[h]:mm:ss", true)]
    [InlineData("hh:mm", true)]
    [InlineData("0.00", false)]
    [InlineData("#,##0\\ \"kpl\"", false)]
    [InlineData("[Red]-0.00;0.00", false)]
    [InlineData("General", false)]
    [InlineData("0.00_);(0.00)", false)]
    public void GivenACustomNumberFormat_WhenClassified_ThenOnlyDateAndTimeFormatsAreDates(string format, bool isDate) =>
        Assert.Equal(isDate, XlsxTableReader.IsDateFormat(format));

    private static List<string> Show(List<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))];
}

public sealed class ReaderLimitsTests
{
    [Fact]
    public void GivenASettingThatNamesLimits_WhenParsed_ThenThoseAreReplacedAndTheRestKeepTheirDefaults()
    {
        var limits = ReaderLimits.Parse(" MaxColumns=2048; maxrows = 500_000 ;MaxTotalBytes=3221225472");

        Assert.Equal((2048, 500_000, 3_221_225_472L), (limits.MaxColumns, limits.MaxRows, limits.MaxTotalBytes));
        Assert.Equal(new ReaderLimits().MaxCells, limits.MaxCells);
    }

    [Theory]
    [InlineData("MaxColumnz=10")]
    [InlineData("MaxColumns=0")]
    [InlineData("MaxColumns=-5")]
    [InlineData("MaxColumns=3000000000")]
    [InlineData("MaxColumns")]
    public void GivenAMalformedSetting_WhenParsed_ThenItIsRefusedNotIgnored(string setting) =>
        Assert.Throws<InvalidOperationException>(() => ReaderLimits.Parse(setting));

    [Fact]
    public void GivenTheEnvironmentTheConfigurationAndACommandLine_WhenConfigured_ThenEachLaterSourceWinsAndTheRestKeepTheirDefaults()
    {
        var limits = ReaderLimits.Configure(
            "MaxColumns=10;MaxRows=20;MaxParts=30",
            [KeyValuePair.Create("MaxColumns", (string?)"11"), KeyValuePair.Create("maxrows", (string?)"21")],
            "MaxRows=22");

        Assert.Equal((11, 22, 30), (limits.MaxColumns, limits.MaxRows, limits.MaxParts));
        Assert.Equal(new ReaderLimits().MaxCells, limits.MaxCells);
        Assert.Equal(new ReaderLimits().MaxColumns, ReaderLimits.Configure(null, null).MaxColumns);
    }

    [Theory]
    [InlineData("MaxColumns", "lots", "Allianssi:Import:Limits:MaxColumns")]
    [InlineData("MaxColumns", "0", "Allianssi:Import:Limits:MaxColumns")]
    [InlineData("MaxRows", "3000000000", "Allianssi:Import:Limits:MaxRows")]
    [InlineData("MaxColums", "10", "Allianssi:Import:Limits:MaxColums")]
    [InlineData("MaxCells", "", "Allianssi:Import:Limits:MaxCells")]
    public void GivenAnInvalidConfiguredLimit_WhenConfigured_ThenTheErrorNamesTheSetting(string name, string value, string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReaderLimits.Configure(null, [KeyValuePair.Create(name, (string?)value)]));

        Assert.StartsWith(setting + " is not a limit and a positive whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnInvalidEnvironmentOrCommandLineSetting_WhenConfigured_ThenTheErrorNamesItsSource()
    {
        Assert.StartsWith("ALLIANSSI_IMPORT_LIMITS: 'MaxRows=x'", Assert.Throws<InvalidOperationException>(() => ReaderLimits.Configure("MaxRows=x", null)).Message, StringComparison.Ordinal);
        Assert.StartsWith("--limits: 'MaxRows=-1'", Assert.Throws<InvalidOperationException>(() => ReaderLimits.Configure(null, null, "MaxRows=-1")).Message, StringComparison.Ordinal);
    }
}
