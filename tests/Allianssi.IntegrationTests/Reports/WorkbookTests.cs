using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Scoring;
using ClosedXML.Excel;

namespace Allianssi.IntegrationTests.Reports;

/// <summary>The workbook read back with ClosedXML: its cells are numbers equal to the API's, with number formats, frozen headers, filters and neutralised text.</summary>
public abstract class WorkbookTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("fi")]
    [InlineData("en")]
    public async Task GivenP2_WhenTheWorkbookIsRead_ThenItsCellsAreNumbersEqualToTheApis(string lang)
    {
        app.SkipIfUnavailable();
        var viewer = await app.ClientForAsync("tampere.viewer");
        var scorecard = (await viewer.GetFromJsonAsync<ScorecardView>($"{A}/periods/P2/scorecard", Json, Ct))!;
        var settlement = (await viewer.GetFromJsonAsync<SettlementView>($"{A}/periods/P2/settlement", Json, Ct))!;
        var ledger = (await viewer.GetFromJsonAsync<List<LedgerLineDto>>($"{A}/ledger?party=tampere", Json, Ct))!.Where(l => l.Year is >= 2022 and <= 2024).ToList();

        var response = await viewer.GetAsync($"{A}/periods/P2/report?format=xlsx&lang={lang}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync(Ct));

        var sheet = workbook.Worksheet("Settlement");
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(lang == "fi" ? "Osapuoli" : "Party", sheet.Cell(1, 1).GetString());
        for (var i = 0; i < settlement.Parties.Count; i++)
        {
            var party = settlement.Parties[i];
            var row = sheet.Row(i + 2);
            Assert.Equal(party.Code, row.Cell(2).GetString());
            decimal?[] expected = [party.TargetCost, party.ActualCost, party.NonReimbursable, party.Fee, party.Share, party.Incentive, party.Compensation, party.Payment];
            for (var c = 0; c < expected.Length; c++)
            {
                var cell = row.Cell(4 + c);
                if (expected[c] is { } euros)
                {
                    Assert.Equal(XLDataType.Number, cell.DataType);
                    Assert.Equal(euros, cell.GetValue<decimal>());
                    Assert.Contains("€", cell.Style.NumberFormat.Format, StringComparison.Ordinal);
                }
                else
                {
                    Assert.True(cell.IsEmpty());
                }
            }
        }

        var totals = sheet.Row(settlement.Parties.Count + 2);
        Assert.Equal(settlement.TargetCost, totals.Cell(4).GetValue<decimal>());
        Assert.Equal(settlement.ActualCost, totals.Cell(5).GetValue<decimal>());
        Assert.Equal(settlement.FeeTotal, totals.Cell(7).GetValue<decimal>());
        Assert.Equal(settlement.Incentive, totals.Cell(9).GetValue<decimal>());

        var card = workbook.Worksheet("Scorecard");
        Assert.Equal(1, card.SheetView.SplitRow);
        var indicators = scorecard.Kras.SelectMany(k => k.Indicators).ToList();
        for (var i = 0; i < indicators.Count; i++)
        {
            var row = card.Row(i + 2);
            Assert.Equal(indicators[i].Code, row.Cell(5).GetString());
            Assert.Equal(XLDataType.Number, row.Cell(12).DataType);
            // Excel holds doubles (15 significant digits): exact scores such as 58.666... are equal to that precision.
            Assert.Equal((double)indicators[i].Score!.Value, row.Cell(12).GetDouble(), 1e-9);
            Assert.Equal((double)indicators[i].Value!.Value, row.Cell(6).GetDouble(), 1e-9);
            Assert.Equal((double)indicators[i].EffectiveWeight, row.Cell(14).GetDouble(), 1e-9);
        }

        Assert.Equal((double)scorecard.OverallScore!.Value, card.Row(indicators.Count + 2).Cell(12).GetDouble(), 1e-9);
        Assert.Equal((double)settlement.PeriodScore, card.Row(indicators.Count + 3).Cell(12).GetDouble(), 1e-9);

        // The reader's own party's ledger lines of the span, amounts as numbers.
        var lines = workbook.Worksheet("Ledger");
        Assert.Equal(ledger.Count, lines.RowsUsed().Count() - 1);
        for (var i = 0; i < ledger.Count; i++)
        {
            Assert.Equal(ledger[i].Id, lines.Cell(i + 2, 1).GetValue<int>());
            Assert.Equal("tampere", lines.Cell(i + 2, 2).GetString());
            Assert.Equal(ledger[i].Amount, lines.Cell(i + 2, 6).GetValue<decimal>());
        }
    }

    [Fact]
    public async Task GivenALedgerLineLookingLikeAFormula_WhenTheWorkbookIsRead_ThenItIsTextWithAnApostrophe()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("setlementti.analyst");
        var added = await analyst.PostAsJsonAsync($"{A}/ledger", new { party = "setlementti", year = 2022, account = "=HYPERLINK(\"http://x\")", description = "@SUM(A1)", amount = 1m, reimbursable = true }, Ct);
        added.EnsureSuccessStatusCode();

        var viewer = await app.ClientForAsync("setlementti.viewer");
        var response = await viewer.GetAsync($"{A}/periods/P2/report?format=xlsx&year=2022", Ct);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync(Ct));
        var sheet = workbook.Worksheet("Ledger");
        var row = sheet.RowsUsed().Single(r => r.Cell(4).GetString().Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.False(row.Cell(4).HasFormula);
        Assert.Equal("'=HYPERLINK(\"http://x\")", row.Cell(4).GetString());
        Assert.Equal("'@SUM(A1)", row.Cell(5).GetString());
    }
}

public sealed class SqliteWorkbookTests(SqliteFixture app) : WorkbookTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresWorkbookTests(PostgresFixture app) : WorkbookTests(app), IClassFixture<PostgresFixture>;
