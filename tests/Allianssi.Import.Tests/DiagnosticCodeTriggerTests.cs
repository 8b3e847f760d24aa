using System.Text;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Reading;
using Allianssi.Import.Tests.Hostile;

namespace Allianssi.Import.Tests;

/// <summary>Every diagnostic code, triggered by a minimal file; the table is keyed on the code.</summary>
public sealed class DiagnosticCodeTriggerTests
{
    private static readonly string Person = TestHetu.Make(new DateOnly(1950, 3, 14), 901);

    private const string UnitsHeader = "unit_id;name;municipality_code;kind;parent_id\n";
    private const string VisitsHeader = "visit_id;person_id;unit_id;service;visit_on;professional;cost_eur;urgent\n";

    /// <summary>code → how to trigger it (the fixture already holds units TESOMA and HERVANTA).</summary>
    private static readonly Dictionary<string, Func<ImportFixture, ImportResult>> Cases = new()
    {
        ["IMP001"] = f => f.Import("units", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE]),
        ["IMP002"] = f => f.Import("units", ""),
        ["IMP003"] = f => f.Import("units", "unit_id;name\nX;Y\n"),
        ["IMP004"] = f => f.Import("units", "unit_id;name;municipality_code;kind;colour\nX;Y;837;other;blue\n"),
        ["IMP005"] = f => f.Import("units", "unit_id;name;municipality_code;kind;UNIT_ID\nX;Y;837;other;X\n"),
        ["IMP006"] = f => f.Import("nonsense", "a;b\n1;2\n"),
        ["IMP007"] = f =>
        {
            f.Import("units", UnitsHeader + "X;Y;837;other;\n");
            return f.Import("units", UnitsHeader + "X;Y;837;other;\n");
        },
        ["IMP008"] = _ =>
        {
            using var capped = new ImportFixture(new ImportOptions { MaxDiagnosticsPerCode = 1 });
            return capped.Import("units", UnitsHeader + "A;;837;other;\nB;;837;other;\n");
        },
        ["IMP009"] = f =>
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes("entry_id;party_id;booked_on;amount_eur;reimbursable\n1;tampere;1.1.2024;10;1\n"));
            return f.Importer.Import(new ImportRequest { Dataset = "ledger", Content = stream, FileName = "l.csv" });
        },
        ["IMP010"] = f => f.Import("units", UnitsHeader),
        ["IMP011"] = _ => WithLimits(new ReaderLimits { MaxColumns = 3 }, "units", UnitsHeader + "X;Y;837;other;\n"),
        ["IMP012"] = _ => WithLimits(new ReaderLimits { MaxRecordChars = 20 }, "units", UnitsHeader + "X;Y;837;other;\n"),
        ["IMP013"] = f => f.Import("units", UnitsHeader + "X;\"Y;837;other;\n"),
        ["IMP014"] = f => f.Import("units", HostileFiles.Xlsx(HostileFiles.SheetStart + "<sheetData><row r=\"2000000\"><c r=\"A2000000\"><v>1</v></c></row></sheetData></worksheet>"), fileName: "units.xlsx"),
        ["IMP015"] = _ => WithLimits(new ReaderLimits { MaxCells = 5 }, "units", HostileFiles.Xlsx(HostileFiles.Sheet(["unit_id", "name", "municipality_code", "kind"], ["X", "Y", "837", "other"]))),
        ["IMP016"] = f => f.Import("units", HostileFiles.Xlsx(
            HostileFiles.SheetStart + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
            sharedStrings: "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"50000000\" uniqueCount=\"50000000\"><si><t>unit_id</t></si></sst>"), fileName: "units.xlsx"),
        ["IMP017"] = _ => WithLimits(new ReaderLimits { MaxTotalBytes = 100 }, "units", HostileFiles.Xlsx(HostileFiles.Sheet(["unit_id"], ["X"]))),
        ["IMP018"] = f => f.Import("units", HostileFiles.Xlsx("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"unit_id\">]>" + HostileFiles.SheetStart
            + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>"), fileName: "units.xlsx"),
        ["IMP019"] = f => f.Import("units", Encoding.Unicode.GetBytes(UnitsHeader)),
        ["IMP020"] = f => f.Import("units", [.. Encoding.UTF8.GetBytes(UnitsHeader + "A;Pyynikki ä;837;other;\n"), .. FileInspection.Windows1252.GetBytes("B;Hervanta ö;837;other;\n")]),
        ["IMP101"] = f => f.Import("units", UnitsHeader + "X;;837;other;\n"),
        ["IMP102"] = f => f.Import("listings", $"person_id;unit_id;valid_from\n{Person};TESOMA;31.2.2020\n"),
        ["IMP103"] = f => f.Import("slots", "snapshot_on;unit_id;professional_id;slot_start;status;kind\n1.4.2024;TESOMA;D1;2024-04-02T25:00;free;urgent\n"),
        ["IMP104"] = f => f.Import("visits", VisitsHeader + $"V1;{Person};TESOMA;primary_care;1.4.2024;;\"12,3,4\";0\n"),
        ["IMP105"] = f => f.Import("population", "year;municipality_code;age_group;sex;count\n2024;837;0-6;M;1,5\n"),
        ["IMP106"] = f => f.Import("visits", VisitsHeader + $"V1;{Person};TESOMA;primary_care;1.4.2024;;10;maybe\n"),
        ["IMP107"] = f => f.Import("visits", VisitsHeader + $"V1;{Person};TESOMA;surgery;1.4.2024;;10;0\n"),
        ["IMP108"] = f => f.Import("persons", $"person_id;municipality_code\n{TestHetu.WithWrongCheck(Person)};837\n"),
        ["IMP109"] = f => f.Import("persons", "person_id;municipality_code\n310221-9010;837\n"),
        ["IMP110"] = f => f.Import("lab_results", $"person_id;test_code;value;unit;sampled_on\n{Person};4548-4;6,5;g/l;1.4.2024\n"),
        ["IMP111"] = f => f.Import("visits", VisitsHeader + $"V1;{Person};NOWHERE;primary_care;1.4.2024;;10;0\n"),
        ["IMP112"] = f => f.Import("ledger", "entry_id;party_id;booked_on;amount_eur;reimbursable\n1;acme;1.1.2024;10;1\n"),
        ["IMP113"] = f => f.Import("survey_responses", "response_id;survey;unit_id;answered_on;score\nR1;nps;TESOMA;1.4.2024;11\n"),
        ["IMP114"] = f => f.Import("units", UnitsHeader + "X;Y;837;other;;extra\n"),
        ["IMP115"] = f => f.Import("diagnoses", $"person_id;code;recorded_on\n{Person};11E;1.4.2024\n"),
        ["IMP116"] = f => f.Import("listings", $"person_id;unit_id;valid_from;valid_to\n{Person};TESOMA;1.4.2020;1.3.2020\n"),
        ["IMP117"] = f => f.Import("units", UnitsHeader + $"X;{new string('n', 1001)};837;other;\n"),
        ["IMP118"] = f => f.Import("units", UnitsHeader + $"X;Lääkäri {Person};837;other;\n"),
        ["IMP201"] = f => f.Import("units", UnitsHeader + "X;Y;837;other;\nX;Y;837;other;\n"),
        ["IMP202"] = f => f.Import("units", UnitsHeader + "X;Y;837;other;\nX;Z;837;other;\n"),
        ["IMP203"] = f => f.Import("units", UnitsHeader + "X;Y;837;other;\nX;Z;837;other;\n", replace: true),
        ["IMP204"] = f => f.Import("persons", $"person_id;municipality_code\n{Person};837\n{Person};91\n"),
        ["IMP205"] = f =>
        {
            f.Import("units", UnitsHeader + "X;Y;837;other;\n", party: "mehilainen");
            return f.Import("units", UnitsHeader + "X;Z;837;other;\n", replace: true, party: "tampere");
        },
    };

    public static TheoryData<string> Codes() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Codes))]
    public void GivenAFileMadeToTriggerACode_WhenImported_ThenTheDiagnosticCarriesThatCode(string code)
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var result = Cases[code](fixture);
        Assert.Contains(result.Diagnostics, d => d.Code == code);
        Assert.Equal(result.RowsRead, result.Accepted + result.Rejected);
        var diagnostic = result.Diagnostics.First(d => d.Code == code);
        // A file-level code (IMP0xx) stops the whole file, at row 0 or at the row where a reader met it; a row's code names its row.
        Assert.True(code.StartsWith("IMP0", StringComparison.Ordinal) ? diagnostic.Row >= 0 : diagnostic.Row > 0);
    }

    private static ImportResult WithLimits(ReaderLimits limits, string dataset, string csv) => WithLimits(limits, dataset, Encoding.UTF8.GetBytes(csv), "extract.csv");

    private static ImportResult WithLimits(ReaderLimits limits, string dataset, byte[] bytes, string fileName = "units.xlsx")
    {
        using var limited = new ImportFixture(new ImportOptions { Limits = limits });
        limited.ImportUnits();
        return limited.Import(dataset, bytes, fileName: fileName);
    }

    [Fact]
    public void GivenTheCatalogue_ThenEveryCodeHasATriggerCase()
    {
        Assert.Equal(DiagnosticCodes.All.Keys.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenARejectedRow_ThenItsErrorNamesRowAndColumn()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var result = fixture.Import("listings", $"person_id;unit_id;valid_from\n{Person};TESOMA;1.4.2020\n{Person};TESOMA;2020-13-01\n");
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal((DiagnosticCodes.BadDate, 2, "valid_from"), (error.Code, error.Row, error.Column));
        Assert.Equal((2, 1, 1), (result.RowsRead, result.Accepted, result.Rejected));
    }
}
