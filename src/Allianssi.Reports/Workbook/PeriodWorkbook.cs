using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Money;
using Allianssi.Reports.Period;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Reports.Workbook;

/// <summary>
/// The period's numbers as an Excel workbook for analysts (ClosedXML): the scorecard, the settlement,
/// a party's ledger lines and the indicator results of every unit and year. Figures are numbers with
/// number formats (never text), every sheet has a frozen header row and filters, headers are in the
/// reader's language, and every text cell is neutralised against formula injection as the CSV exports
/// are (<see cref="SpreadsheetSafe"/>).
/// </summary>
public static class PeriodWorkbook
{
    /// <summary>Sheet names (the same in both languages, so formulas and Power BI queries over them keep working).</summary>
    public const string ScorecardSheet = "Scorecard";

    public const string SettlementSheet = "Settlement";

    public const string LedgerSheet = "Ledger";

    public const string ResultsSheet = "Indicator results";

    private const string ScoreFormat = "0.0";
    private const string ValueFormat = "#,##0.###";
    private const string PercentFormat = "0.##";

    /// <summary>
    /// Renders the workbook. <paramref name="ledger"/> is the party's ledger lines the reader may see;
    /// <paramref name="results"/> the stored indicator results as the reader may see them (suppressed cells without values).
    /// </summary>
    public static byte[] Render(PeriodReportData data, IReadOnlyList<LedgerLineDto> ledger, IReadOnlyList<IndicatorResults> results, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(language);
        var money = language.IsFinnish ? "#,##0.00\\ \"€\";-#,##0.00\\ \"€\"" : "\"€\"#,##0.00;-\"€\"#,##0.00";
        using var workbook = new XLWorkbook();
        Scorecard(workbook.AddWorksheet(ScorecardSheet), data, language);
        Settlement(workbook.AddWorksheet(SettlementSheet), data, language, money);
        Ledger(workbook.AddWorksheet(LedgerSheet), ledger, language, money);
        Results(workbook.AddWorksheet(ResultsSheet), results, language);
        workbook.Properties.Title = $"{data.AllianceName} {data.Period}";
        workbook.Properties.Author = "Allianssi";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Reads the ledger lines and stored results a workbook holds for this reader, with the authorisation of the ledger and benchmark pages.</summary>
    public static async Task<(IReadOnlyList<LedgerLineDto> Ledger, IReadOnlyList<IndicatorResults> Results)> ReadAsync(
        AllianssiDbContext db, PeriodReportData data, string? party, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(actor);
        var span = data.Settlement.Span.ToHashSet();
        // The open-book ledger: a reader sees every party's lines; the workbook holds one party's (the reader's own unless another is asked).
        var ledger = (await new ListLedgerLines(db).ExecuteAsync(data.Alliance, party ?? actor.PartyCode, null, ct)).Where(l => span.Contains(l.Year)).ToList();
        var ids = await db.IndicatorResults.AsNoTracking().Where(r => r.Alliance!.Code == data.Alliance).Select(r => r.IndicatorId).Distinct().ToListAsync(ct);
        var results = new List<IndicatorResults>();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var outcome = await new GetIndicatorResults(db).ExecuteAsync(data.Alliance, id, actor, ct);
            if (outcome.IsOk)
            {
                results.Add(outcome.Value!);
            }
        }

        return (ledger, results);
    }

    private static void Scorecard(IXLWorksheet sheet, PeriodReportData data, ReportLanguage t)
    {
        Header(sheet, [t["Col.Year"], "KRA", t["Col.Score"] + " (KRA)", t["Col.Indicator"], "id", t["Col.Value"], t["Col.Year"] + " (" + t["Col.Value"] + ")", t["Col.Source"], "−100", "0", "+100", t["Col.Score"], t["Col.Weight"], t["Col.EffectiveWeight"]]);
        var names = data.Definitions.ToDictionary(d => d.Id, d => t.IsFinnish ? d.NameFi : d.NameEn, StringComparer.Ordinal);
        var row = 2;
        var card = data.Scorecard;
        foreach (var kra in card.Kras)
        {
            foreach (var i in kra.Indicators)
            {
                Number(sheet.Cell(row, 1), card.Year, "0");
                Text(sheet.Cell(row, 2), kra.Code);
                Number(sheet.Cell(row, 3), kra.Score, ScoreFormat);
                Text(sheet.Cell(row, 4), names.TryGetValue(i.Code, out var name) ? name : i.Code);
                Text(sheet.Cell(row, 5), i.Code);
                Number(sheet.Cell(row, 6), i.Value, ValueFormat);
                Number(sheet.Cell(row, 7), i.ValueYear, "0");
                Text(sheet.Cell(row, 8), i.ValueSource);
                Number(sheet.Cell(row, 9), i.Minus100, ValueFormat);
                Number(sheet.Cell(row, 10), i.Zero, ValueFormat);
                Number(sheet.Cell(row, 11), i.Plus100, ValueFormat);
                Number(sheet.Cell(row, 12), i.Score, ScoreFormat);
                Number(sheet.Cell(row, 13), i.Weight, PercentFormat);
                Number(sheet.Cell(row, 14), i.EffectiveWeight, PercentFormat);
                row++;
            }
        }

        Number(sheet.Cell(row, 1), card.Year, "0");
        Text(sheet.Cell(row, 2), t.Format("OverallScore", card.Year));
        Number(sheet.Cell(row, 12), card.OverallScore, ScoreFormat);
        row++;
        Text(sheet.Cell(row, 2), t["PeriodScore"]);
        Number(sheet.Cell(row, 12), data.Settlement.PeriodScore, ScoreFormat);
        Finish(sheet, row);
    }

    private static void Settlement(IXLWorksheet sheet, PeriodReportData data, ReportLanguage t, string money)
    {
        Header(sheet, [t["Col.Party"], "id", t["Col.Role"], t["Col.TargetCost"], t["Col.ActualCost"], t["Col.NonReimbursable"], t["Col.Fee"], t["Col.Share"], t["Col.Incentive"], t["Col.Compensation"], t["Col.Payment"]]);
        var s = data.Settlement;
        var row = 2;
        foreach (var p in s.Parties)
        {
            Text(sheet.Cell(row, 1), p.Name);
            Text(sheet.Cell(row, 2), p.Code);
            Text(sheet.Cell(row, 3), t["Role." + p.Role]);
            decimal?[] figures = [p.TargetCost, p.ActualCost, p.NonReimbursable, p.Fee, p.Share, p.Incentive, p.Compensation, p.Payment];
            for (var c = 0; c < figures.Length; c++)
            {
                Number(sheet.Cell(row, 4 + c), figures[c], money);
            }

            row++;
        }

        Text(sheet.Cell(row, 1), t["TargetCost"]);
        Number(sheet.Cell(row, 4), s.TargetCost, money);
        Number(sheet.Cell(row, 5), s.ActualCost, money);
        Number(sheet.Cell(row, 7), s.FeeTotal, money);
        Number(sheet.Cell(row, 9), s.Incentive, money);
        row++;
        Text(sheet.Cell(row, 1), t["CostResult"]);
        Number(sheet.Cell(row, 4), s.CostResult, money);
        row++;
        Text(sheet.Cell(row, 1), t["PeriodScore"]);
        Number(sheet.Cell(row, 4), s.PeriodScore, ScoreFormat);
        if (data.LockedHash is { } hash)
        {
            row++;
            Text(sheet.Cell(row, 1), t["LockedHash"]);
            Text(sheet.Cell(row, 2), hash);
        }
        else
        {
            row++;
            Text(sheet.Cell(row, 1), t["Draft"]);
        }

        Finish(sheet, row);
    }

    private static void Ledger(IXLWorksheet sheet, IReadOnlyList<LedgerLineDto> ledger, ReportLanguage t, string money)
    {
        Header(sheet, ["id", t["Col.Party"], t["Col.Year"], t["Ledger.Account"], t["Ledger.Description"], t["Ledger.Amount"], t["Ledger.Reimbursable"]]);
        var row = 2;
        foreach (var l in ledger)
        {
            Number(sheet.Cell(row, 1), l.Id, "0");
            Text(sheet.Cell(row, 2), l.Party);
            Number(sheet.Cell(row, 3), l.Year, "0");
            Text(sheet.Cell(row, 4), l.Account);
            Text(sheet.Cell(row, 5), l.Description);
            Number(sheet.Cell(row, 6), l.Amount, money);
            sheet.Cell(row, 7).SetValue(l.Reimbursable);
            row++;
        }

        Finish(sheet, Math.Max(1, row - 1));
    }

    private static void Results(IXLWorksheet sheet, IReadOnlyList<IndicatorResults> results, ReportLanguage t)
    {
        Header(sheet, [t["Col.Indicator"], t["Results.Unit"], t["Col.Year"], t["Period"], t["Col.Value"], t["Results.Numerator"], t["Results.Denominator"], t["Col.N"], t["Results.Suppressed"], t["Results.AllianceUnit"], t["Def.Version"]]);
        var row = 2;
        foreach (var indicator in results)
        {
            foreach (var p in indicator.Points)
            {
                Text(sheet.Cell(row, 1), indicator.Indicator);
                Text(sheet.Cell(row, 2), p.Unit);
                Number(sheet.Cell(row, 3), p.Year, "0");
                Text(sheet.Cell(row, 4), p.Period);
                Number(sheet.Cell(row, 5), p.Value, ValueFormat);
                Number(sheet.Cell(row, 6), p.Numerator, ValueFormat);
                Number(sheet.Cell(row, 7), p.Denominator, ValueFormat);
                Number(sheet.Cell(row, 8), p.N, "#,##0");
                sheet.Cell(row, 9).SetValue(p.Suppressed);
                sheet.Cell(row, 10).SetValue(p.IsAllianceUnit);
                Number(sheet.Cell(row, 11), p.DefinitionVersion, "0");
                row++;
            }
        }

        Finish(sheet, Math.Max(1, row - 1));
    }

    private static void Header(IXLWorksheet sheet, IReadOnlyList<string> headers)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            Text(sheet.Cell(1, c + 1), headers[c]);
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
    }

    private static void Finish(IXLWorksheet sheet, int lastRow)
    {
        var lastColumn = sheet.Row(1).LastCellUsed()?.Address.ColumnNumber ?? 1;
        sheet.Range(1, 1, lastRow, lastColumn).SetAutoFilter();
        // Widths from the text lengths: ClosedXML's AdjustToContents measures with System.Drawing (GDI+), absent on Linux.
        for (var c = 1; c <= lastColumn; c++)
        {
            var longest = Enumerable.Range(1, Math.Min(lastRow, 200)).Max(r => sheet.Cell(r, c).GetFormattedString().Length);
            sheet.Column(c).Width = Math.Clamp(longest + 3, 8, 60);
        }
    }

    /// <summary>A text cell, neutralised as the CSV exports neutralise theirs.</summary>
    private static void Text(IXLCell cell, string? text)
    {
        cell.SetValue(SpreadsheetSafe.Text(text));
        cell.DataType = XLDataType.Text;
    }

    /// <summary>A number cell in <paramref name="format"/>; an empty cell for no value.</summary>
    private static void Number<T>(IXLCell cell, T? value, string format)
        where T : struct
    {
        if (value is { } v)
        {
            Number(cell, v, format);
        }
    }

    /// <summary>A number cell in <paramref name="format"/>.</summary>
    private static void Number<T>(IXLCell cell, T value, string format)
        where T : struct
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
    }
}
