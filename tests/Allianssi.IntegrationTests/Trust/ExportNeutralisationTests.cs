using System.Text;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Import.Diagnostics;
using Allianssi.Indicators.CareGaps;
using Allianssi.Web.Infrastructure;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// Every CSV writer of the application (there is no Excel export: XLSX is only read) neutralises
/// a text cell that a spreadsheet would run as a formula. The API paths are covered by the audit
/// and import tests; this runs each writer directly with the same payloads.
/// </summary>
public sealed class ExportNeutralisationTests
{
    public static TheoryData<string> Payloads => ["=1+1", "+41", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://example.invalid\",\"x\")", "\t=1", "\t-1"];

    /// <summary>No field of the CSV starts with the payload (it must start with the neutralising apostrophe).</summary>
    private static void AssertNeutralised(string csv, string payload)
    {
        Assert.Contains("'" + payload.Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);
        foreach (var line in csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var start in new[] { payload, "\"" + payload })
            {
                Assert.False(line.StartsWith(start, StringComparison.Ordinal), line);
                Assert.DoesNotContain("," + start, line, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivenAFormulaInText_WhenWrittenBySpreadsheetSafe_ThenItIsText(string payload) =>
        AssertNeutralised(SpreadsheetSafe.Csv(["a", "b"], [[payload, 1m]]), payload);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivenAFormulaInADiagnostic_WhenTheImportDiagnosticsAreExported_ThenItIsText(string payload) =>
        AssertNeutralised(GetBatchDiagnostics.ToCsv([new Diagnostic("IMP101", 2, payload, Severity.Error, payload)]), payload);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivenAFormulaInText_WhenWrittenByTheIndicatorCsv_ThenItIsText(string payload)
    {
        AssertNeutralised(IndicatorCsv.CareGaps([new CareGap("u1", "x", payload)]), payload);
        AssertNeutralised(IndicatorCsv.Results(new IndicatorResults("i", null, [new ResultPoint(payload, 2020, "P1", -0.5, null, null, 3, false, false, 1)])), payload);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivenAFormulaInText_WhenAPageTableIsDownloaded_ThenItIsText(string payload) =>
        AssertNeutralised(PageCsv(["a", "b"], [["x", payload]]), payload);

    /// <summary>Text that looks like a number is still text (a phone number <c>+41</c>, <c>-3</c>); numbers, negative ones too, stay numbers.</summary>
    [Fact]
    public void GivenNumberLikeTextAndNegativeNumbers_WhenEveryWriterExports_ThenOnlyTheNumbersAreWrittenBare()
    {
        Assert.Equal("a,b,c,d,e\r\n'+41,'-3,-12.5,-7,-0.25\r\n", PageCsv(["a", "b", "c", "d", "e"], [["+41", "-3", -12.5m, -7L, -0.25]]));
        Assert.Equal("code,row,column,severity,message\r\nIMP101,2,'+41,error,'-3\r\n", GetBatchDiagnostics.ToCsv([new Diagnostic("IMP101", 2, "+41", Severity.Error, "-3")]));
        var results = IndicatorCsv.Results(new IndicatorResults("i", null, [new ResultPoint("-3", 2020, "P1", -0.5, -1, 2, 3, false, true, 1)]));
        Assert.EndsWith("\r\ni,'-3,2020,P1,-0.5,-1,2,3,false,true,1\r\n", results, StringComparison.Ordinal);
        Assert.Equal("unit,pseudonym,reason\r\n'+41,x,'-3\r\n", IndicatorCsv.CareGaps([new CareGap("+41", "x", "-3")]));
    }

    private static string PageCsv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        const string Prefix = "data:text/csv;charset=utf-8;base64,";
        var uri = TableCsv.DataUri(header, rows);
        Assert.StartsWith(Prefix, uri, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(uri[Prefix.Length..]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivenAFormulaInAPartyName_WhenTheSettlementIsExported_ThenItIsTextAndAmountsStayNumbers(string payload)
    {
        var view = new SettlementView("tesoma", "P1", [2020], 1.5m, 100m, 90m, 5m, 10m, 2m, [],
            [new PartyRow("x", payload, "producer", 100m, 90m, 0m, 5m, 0.5m, 1m, null, -12.5m)], []);

        var csv = ResultCsv.Settlement(view);

        AssertNeutralised(csv, payload);
        Assert.Contains(",-12.5,", csv, StringComparison.Ordinal);
    }
}
