using System.Diagnostics;
using System.Text;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Reading;

namespace Allianssi.Import.Tests.Hostile;

/// <summary>Runs alone, so that the process-wide allocation count of one import is that import's.</summary>
[CollectionDefinition(nameof(HostileFilesAlone), DisableParallelization = true)]
public sealed class HostileFilesAlone;

/// <summary>
/// Hostile XLSX and CSV files (issue 11 item 4): each is refused with its code, where it is met, quickly and with
/// bounded memory; none reaches the caller as an exception.
/// </summary>
[Collection(nameof(HostileFilesAlone))]
public sealed class HostileFileTests
{
    /// <summary>Managed bytes one refused import may allocate (the old XLSX reader took gigabytes for a 1.6 kB file).</summary>
    private const long AllocationBound = 48L << 20;

    /// <summary>Generous on a shared two-core machine: the refusals take milliseconds to a second.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(20);

    private const string VisitsHeader = "visit_id;person_id;unit_id;service;visit_on;cost_eur";

    private static readonly string[] VisitsColumns = VisitsHeader.Split(';');

    private static readonly string VisitsHeaderRow = "<row r=\"1\">" + string.Concat(VisitsColumns.Select(c => $"<c t=\"inlineStr\"><is><t>{c}</t></is></c>")) + "</row>";

    [Fact]
    public void GivenAWorkbookWithOneCellAtXFD1048576_WhenImportedAsADryRun_ThenItIsRefusedAsTooManyColumnsWithoutLoadingTheSheet()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        // As the attack's: a header the dataset accepts, and one cell in the sheet's last column and row.
        var sheet = workbook.AddWorksheet("visits");
        string[] header = ["visit_id", "person_id", "unit_id", "service", "visit_on", "cost_eur"];
        for (var i = 0; i < header.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = header[i];
        }

        sheet.Cell("XFD1048576").Value = "x";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        Assert.True(stream.Length < 10_000);

        var diagnostic = AssertRefused(stream.ToArray(), DiagnosticCodes.TooManyColumns, dryRun: true);

        Assert.Equal(1_048_575, diagnostic.Row);
        Assert.Contains("XFD", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASheetRowBeyondTheRowLimit_WhenImported_ThenItIsRefusedAsTooManyRows()
    {
        var sheet = HostileFiles.SheetStart + "<sheetData>" + VisitsHeaderRow + """<row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData></worksheet>""";

        AssertRefused(HostileFiles.Xlsx(sheet), DiagnosticCodes.TooManyRows);
    }

    [Fact]
    public void GivenADimensionWiderThanTheLimit_WhenImported_ThenItIsRefusedBeforeAnyRowIsRead()
    {
        var sheet = HostileFiles.SheetStart + """<dimension ref="A1:AMK3"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>visit_id</t></is></c></row></sheetData></worksheet>""";

        var diagnostic = AssertRefused(HostileFiles.Xlsx(sheet), DiagnosticCodes.TooManyColumns);

        Assert.Equal(2, diagnostic.Row);
    }

    [Fact]
    public void GivenAZipBombWithAHugeSheetEntry_WhenImported_ThenItIsRefusedFromTheArchiveDirectoryWithoutDecompressing()
    {
        var bytes = HostileFiles.Xlsx(BombParts(200), level: System.IO.Compression.CompressionLevel.SmallestSize);
        Assert.True(bytes.Length < 1_000_000, $"the bomb is {bytes.Length:N0} bytes");

        var diagnostic = AssertRefused(bytes, DiagnosticCodes.ArchiveTooLarge, dryRun: true, allocationBound: 16L << 20);

        Assert.Contains("compressed", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAZipBombWhoseHeadersUnderstateTheSheetsSize_WhenImported_ThenNoMoreThanTheDeclaredBytesAreReadAndTheCutSheetIsRefused()
    {
        // The header passes the directory's checks (100 kB, too small to be held to the ratio); .NET's inflater stops at
        // the declared size, so the sheet ends cut off and is refused as corrupt with bounded memory. (Had it not stopped,
        // the reader's own byte count would refuse it as IMP017.)
        var bytes = HostileFiles.Xlsx(BombParts(200), level: System.IO.Compression.CompressionLevel.SmallestSize);
        HostileFiles.DeclareUncompressedSize(bytes, "xl/worksheets/sheet1.xml", 100_000);

        AssertRefused(bytes, DiagnosticCodes.Unreadable, dryRun: true, allocationBound: 16L << 20);
    }

    [Theory]
    [InlineData("xl/worksheets/sheet1.xml")]
    [InlineData("xl/sharedStrings.xml")]
    [InlineData("xl/workbook.xml")]
    public void GivenABillionLaughsPart_WhenImported_ThenTheDocumentTypeDeclarationIsRefusedUnexpanded(string part)
    {
        const string laughs = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>""";
        var sheet = HostileFiles.Sheet(["visit_id"], ["V1"]);
        var bytes = part switch
        {
            "xl/worksheets/sheet1.xml" => HostileFiles.Xlsx(laughs + sheet[sheet.IndexOf("<worksheet", StringComparison.Ordinal)..].Replace("V1", "&lol9;", StringComparison.Ordinal)),
            "xl/sharedStrings.xml" => HostileFiles.Xlsx(sheet, sharedStrings: laughs + """<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>"""),
            _ => HostileFiles.Xlsx(sheet, workbook: laughs + HostileFiles.Workbook[HostileFiles.Workbook.IndexOf("<workbook", StringComparison.Ordinal)..]),
        };

        AssertRefused(bytes, DiagnosticCodes.XmlDeclarations);
    }

    [Fact]
    public void GivenASharedStringsTableDeclaringMoreStringsThanTheLimit_WhenImported_ThenItIsRefusedBeforeAnyStringIsKept()
    {
        var strings = """<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="50000000" uniqueCount="50000000"><si><t>visit_id</t></si></sst>""";
        var sheet = HostileFiles.SheetStart + """<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>""";

        AssertRefused(HostileFiles.Xlsx(sheet, sharedStrings: strings), DiagnosticCodes.SharedStringsTooLarge);
    }

    [Fact]
    public void GivenASharedStringsTableWithMoreCharactersThanTheLimit_WhenImported_ThenItIsRefusedWhileReadingIt()
    {
        // No count declared, so only the characters counted while reading can refuse it; the limit is lowered to keep the file small.
        var strings = new StringBuilder("""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            strings.Append("<si><t>").Append(new string([.. Enumerable.Range(0, 10_000).Select(_ => (char)('a' + random.Next(26)))])).Append("</t></si>");
        }

        strings.Append("</sst>");
        var sheet = HostileFiles.SheetStart + """<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>""";

        AssertRefused(HostileFiles.Xlsx(sheet, sharedStrings: strings.ToString()), DiagnosticCodes.SharedStringsTooLarge,
            limits: new ReaderLimits { MaxSharedStringChars = 1_000_000 });
    }

    [Fact]
    public void GivenACellLongerThanExcelAllows_WhenImported_ThenItIsRefusedAsRecordTooLongAtItsRow()
    {
        var sheet = HostileFiles.Sheet(VisitsColumns, ["V1"], [new string('x', 40_000)]);

        var diagnostic = AssertRefused(HostileFiles.Xlsx(sheet), DiagnosticCodes.RecordTooLong);

        Assert.Equal(2, diagnostic.Row);
    }

    [Fact]
    public void GivenASheetWithMoreCellsThanTheLimit_WhenImported_ThenItIsRefusedAsTooManyCells()
    {
        var sheet = HostileFiles.Sheet([VisitsColumns, .. Enumerable.Range(0, 20).Select(i => new[] { "a", "b", "c" })]);

        AssertRefused(HostileFiles.Xlsx(sheet), DiagnosticCodes.TooManyCells, limits: new ReaderLimits { MaxCells = 50 });
    }

    [Fact]
    public void GivenACsvWithAMillionColumns_WhenImported_ThenItIsRefusedAtTheHeaderAsTooManyColumns()
    {
        var header = string.Join(';', Enumerable.Range(0, 1_000_000).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var bytes = Encoding.ASCII.GetBytes(header + "\n1;2;3\n");
        Assert.True(bytes.Length > 7_000_000);

        var diagnostic = AssertRefused(bytes, DiagnosticCodes.TooManyColumns, dryRun: true);

        Assert.Equal(0, diagnostic.Row);
    }

    [Fact]
    public void GivenACsvRowWithNineHundredThousandFields_WhenImported_ThenItIsRefusedAtThatRow()
    {
        var bytes = Encoding.ASCII.GetBytes(VisitsHeader + "\nV1;x;TESOMA;dental;2024-01-02;1\n" + new string(';', 900_000) + "\n");

        var diagnostic = AssertRefused(bytes, DiagnosticCodes.TooManyColumns, dryRun: true);

        Assert.Equal(2, diagnostic.Row);
    }

    [Fact]
    public void GivenACsvWhoseOneLineIs100MBWithoutANewline_WhenImported_ThenItIsRefusedAsRecordTooLongWithBoundedMemory()
    {
        var head = Encoding.ASCII.GetBytes(VisitsHeader + "\n");
        var bytes = new byte[head.Length + (100 << 20)];
        head.CopyTo(bytes, 0);
        bytes.AsSpan(head.Length).Fill((byte)'x');

        var diagnostic = AssertRefused(bytes, DiagnosticCodes.RecordTooLong, dryRun: true);

        Assert.Equal(1, diagnostic.Row);
    }

    [Fact]
    public void GivenACsvHeaderLineOf100MB_WhenImported_ThenItIsRefusedAtTheHeader()
    {
        var bytes = new byte[100 << 20];
        bytes.AsSpan().Fill((byte)'x');

        var diagnostic = AssertRefused(bytes, DiagnosticCodes.RecordTooLong, dryRun: true);

        Assert.Equal(0, diagnostic.Row);
    }

    [Fact]
    public void GivenACsvWithAnUnterminatedQuote_WhenImported_ThenItIsRefusedAsBadQuoteWithRowAndColumnNotAnException()
    {
        var csv = VisitsHeader + "\nV1;x;TESOMA;dental;2024-01-02;1\nV2;\"y;TESOMA;dental;2024-01-03;2\nV3;z;TESOMA;dental;2024-01-04;3\n";

        using var fixture = WithUnits();

        var diagnostic = AssertRefused(Encoding.UTF8.GetBytes(csv), DiagnosticCodes.BadQuote, fixture: fixture);

        Assert.Equal((2, "(column 2)"), (diagnostic.Row, diagnostic.Column));
    }

    [Fact]
    public void GivenACsvWithCharactersAfterAClosingQuote_WhenImported_ThenItIsRefusedAsBadQuote()
    {
        var csv = VisitsHeader + "\nV1;\"x\"y;TESOMA;dental;2024-01-02;1\n";

        var diagnostic = AssertRefused(Encoding.UTF8.GetBytes(csv), DiagnosticCodes.BadQuote);

        Assert.Equal(1, diagnostic.Row);
    }

    [Fact]
    public void GivenAnUnterminatedQuoteAfterValidRows_WhenImportedForReal_ThenNothingIsStoredAndNoBatchIsAccepted()
    {
        using var fixture = WithUnits();
        var person = TestHetu.Make(new DateOnly(1970, 1, 2), 903);
        var csv = new StringBuilder(VisitsHeader + "\n");
        for (var i = 0; i < 3_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"V{i};{person};TESOMA;dental;2024-01-02;1\n");
        }

        csv.Append("V-last;\"unclosed;TESOMA;dental;2024-01-02;1\n");

        var diagnostic = AssertRefused(Encoding.UTF8.GetBytes(csv.ToString()), DiagnosticCodes.BadQuote, fixture: fixture);

        Assert.Equal(3_001, diagnostic.Row);
        Assert.Equal(0, fixture.Count("visits"));
        Assert.Null(fixture.Registry.FindAccepted(FileInspection.Inspect(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))).Sha256));
    }

    [Fact]
    public void GivenACsvWithNulBytes_WhenImported_ThenItIsRefusedAsBinaryData()
    {
        var bytes = Encoding.UTF8.GetBytes(VisitsHeader + "\nV1;x\0y;TESOMA;dental;2024-01-02;1\n");

        var diagnostic = AssertRefused(bytes, DiagnosticCodes.BinaryData);

        Assert.Contains("line 2", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAUtf16Csv_WhenImported_ThenItIsRefusedAsBinaryDataRatherThanReadAsGarbage() =>
        AssertRefused(Encoding.Unicode.GetBytes(VisitsHeader + "\n"), DiagnosticCodes.BinaryData);

    [Fact]
    public void GivenACsvMixingUtf8AndWindows1252_WhenImported_ThenItIsRefusedAsMixedEncoding()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("unit_id;name;municipality_code;kind\nA;Hyvinvointikeskus Pyynikki ä;837;alliance\n"),
            .. FileInspection.Windows1252.GetBytes("B;Hervannan terveysasema ö;837;municipal\n")];

        var diagnostic = AssertRefused(bytes, DiagnosticCodes.MixedEncoding, dataset: "units");

        Assert.Contains("line 3", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAWindows1252CsvWhoseBytesHappenToFormAShortUtf8Sequence_WhenImported_ThenItIsReadAsWindows1252()
    {
        // "Ä" then a no-break space is C4 A0: valid UTF-8 (U+0120), but plausible Windows-1252, so not taken as mixing.
        var bytes = FileInspection.Windows1252.GetBytes("unit_id;name;municipality_code;kind\nA;PYHÄ\u00A0ASEMA ö;837;alliance\n");
        using var fixture = new ImportFixture();

        var result = fixture.Import("units", bytes);

        Assert.Equal((1, 1), (result.RowsRead, result.Accepted));
        Assert.Equal("PYHÄ\u00A0ASEMA ö", fixture.Rows("SELECT name FROM units")[0][0]);
    }

    private static Dictionary<string, Action<Stream>> BombParts(int megabytes) => new()
    {
        ["xl/worksheets/sheet1.xml"] = s =>
        {
            HostileFiles.Write(s, HostileFiles.SheetStart + "<sheetData>");
            var spaces = new byte[1 << 20];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < megabytes; i++)
            {
                s.Write(spaces);
            }

            HostileFiles.Write(s, "</sheetData></worksheet>");
        },
    };

    private static ImportFixture WithUnits()
    {
        var fixture = new ImportFixture();
        fixture.ImportUnits();
        return fixture;
    }

    /// <summary>Imports the file as <paramref name="dataset"/> and asserts it was refused with <paramref name="code"/> alone as its error, in time and memory.</summary>
    private static Diagnostic AssertRefused(byte[] bytes, string code, bool dryRun = false, string dataset = "visits", ReaderLimits? limits = null,
        long allocationBound = AllocationBound, ImportFixture? fixture = null)
    {
        using var owned = fixture is null ? new ImportFixture(limits is null ? null : new ImportOptions { Limits = limits }) : null;
        var importer = fixture ?? owned!;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();

        var result = importer.Import(dataset, bytes, dryRun: dryRun, fileName: "hostile");

        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(ImportOutcome.Refused, result.Outcome);
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var diagnostic = Assert.Single(errors);
        Assert.Equal(code, diagnostic.Code);
        Assert.True(watch.Elapsed < TimeBound, $"took {watch.Elapsed}");
        Assert.True(allocated < allocationBound, $"allocated {allocated:N0} bytes");
        return diagnostic;
    }
}
