using System.Text;
using Allianssi.Import.Reading;

namespace Allianssi.Import.Tests;

public sealed class DialectMatrixTests
{
    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var delimiter in new[] { ";", ",", "tab" })
        {
            foreach (var encoding in new[] { "utf-8", "utf-8-bom", "windows-1252" })
            {
                foreach (var decimalSeparator in new[] { ",", "." })
                {
                    data.Add(delimiter, encoding, decimalSeparator);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void GivenADialect_WhenImported_ThenValuesAndScandinavianLettersSurvive(string delimiter, string encoding, string decimalSeparator)
    {
        var d = delimiter == "tab" ? "\t" : delimiter;
        string Field(string value) => value.Contains(d, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
        var person = TestHetu.Make(new DateOnly(1962, 7, 1), 902);
        var units = string.Join(d, "Unit_ID", "NAME", "municipality_code", "kind") + "\r\n"
            + string.Join(d, "TESOMA", Field("Tesoman hyvinvointikeskus; ä ö å, \"Å\"\nrivi 2"), "837", "alliance") + "\r\n";
        var cost = decimalSeparator == "," ? "1\u00A0234,56" : "1 234.56";
        var visits = string.Join(d, "visit_on", "visit_id", "person_id", "unit_id", "service", "cost_eur", "urgent") + "\n"
            + string.Join(d, "1.4.2018", "V1", person, "TESOMA", "Primary_Care", Field(cost), "kyllä") + "\n"
            + string.Join(d, "2018-04-02", "V2", person, "TESOMA", "dental", Field(decimalSeparator == "," ? "-12,5" : "-12.5"), "EI") + "\n";

        Encoding enc = encoding switch
        {
            "utf-8" => new UTF8Encoding(false),
            "utf-8-bom" => new UTF8Encoding(true),
            _ => FileInspection.Windows1252,
        };
        byte[] Bytes(string text) => [.. enc.GetPreamble(), .. enc.GetBytes(text)];

        using var fixture = new ImportFixture();
        var u = fixture.Import("units", Bytes(units));
        Assert.Equal((1, 1, 0), (u.RowsRead, u.Accepted, u.Rejected));
        var v = fixture.Import("visits", Bytes(visits));
        Assert.Equal((2, 2, 0), (v.RowsRead, v.Accepted, v.Rejected));

        Assert.Equal("Tesoman hyvinvointikeskus; ä ö å, \"Å\"\nrivi 2", fixture.Rows("SELECT name FROM units")[0][0]);
        var rows = fixture.Rows("SELECT visit_id, visit_on, service, cost_eur, urgent FROM visits ORDER BY visit_id");
        Assert.Equal(new DateOnly(2018, 4, 1), (DateOnly)rows[0][1]!);
        Assert.Equal(("primary_care", 1234.56m, true), ((string)rows[0][2]!, Convert.ToDecimal(rows[0][3]), (bool)rows[0][4]!));
        Assert.Equal((-12.5m, false), (Convert.ToDecimal(rows[1][3]), (bool)rows[1][4]!));
        Assert.Contains(encoding == "windows-1252" ? "windows-1252" : "utf-8", v.Dialect, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnXlsxWorkbook_WhenImported_ThenTheFirstSheetIsRead()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("visits");
        string[] header = ["visit_id", "person_id", "unit_id", "service", "visit_on", "cost_eur"];
        for (var i = 0; i < header.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = header[i];
        }

        sheet.Cell(2, 1).Value = "V1";
        sheet.Cell(2, 2).Value = TestHetu.Make(new DateOnly(1970, 1, 2), 903);
        sheet.Cell(2, 3).Value = "TESOMA";
        sheet.Cell(2, 4).Value = "dental";
        sheet.Cell(2, 5).Value = new DateTime(2024, 5, 6);
        sheet.Cell(2, 6).Value = 99.5;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        var result = fixture.Import("visits", stream.ToArray(), fileName: "visits.xlsx");
        Assert.Equal((1, 1, 0), (result.RowsRead, result.Accepted, result.Rejected));
        var row = fixture.Rows("SELECT visit_on, cost_eur FROM visits")[0];
        Assert.Equal((new DateOnly(2024, 5, 6), 99.5m), ((DateOnly)row[0]!, Convert.ToDecimal(row[1])));
    }
}
