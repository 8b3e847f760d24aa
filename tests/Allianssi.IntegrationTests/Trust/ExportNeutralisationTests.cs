using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Scoring;
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
    public void GivenAFormulaInText_WhenWrittenByCsvText_ThenItIsText(string payload)
    {
        var text = new System.Text.StringBuilder();
        CsvText.AppendLine(text, ["x", payload]);
        AssertNeutralised(text.ToString(), payload);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivenAFormulaInText_WhenWrittenByTheIndicatorCsv_ThenItIsText(string payload) =>
        AssertNeutralised("x," + IndicatorCsv.Cell(payload) + "\r\n", payload);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void GivenAFormulaInText_WhenAPageTableIsDownloaded_ThenItIsText(string payload) =>
        AssertNeutralised(TableCsv.Build(["a", "b"], [["x", payload]]), payload);

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
