using System.Globalization;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Reports.Pdf;

namespace Allianssi.Reports.Period;

/// <summary>
/// One party's settlement statement for its own finance department: what it pays or receives and
/// why, each figure (target cost, actual cost, fee, share, incentive, compensation or payment) with its
/// explanation lines, and the approval status (the lock's SHA-256, or draft) on every page.
/// </summary>
public static class PartyStatementPdf
{
    /// <summary>Renders the statement of <paramref name="party"/>; null when the settlement has no such party.</summary>
    public static byte[]? Render(PeriodReportData data, string party, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(language);
        var t = language;
        var row = data.Settlement.Parties.SingleOrDefault(p => p.Code == party);
        if (row is null)
        {
            return null;
        }

        var title = t.Format("Statement.Title", row.Name);
        var created = data.Approval.Lock?.LockedAt ?? new DateTimeOffset(data.PeriodEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var pdf = new PdfComposer(title, created);
        pdf.Heading(title, 1);
        var span = data.Settlement.Span;
        pdf.Facts(
        [
            (t["Alliance"], $"{data.AllianceName} ({data.Alliance})"),
            (t["Period"], $"{data.Period}: {t.Date(data.PeriodStart)}–{t.Date(data.PeriodEnd)}"),
            (t["Years"], string.Join(", ", span.Select(y => y.ToString(CultureInfo.InvariantCulture)))),
            (t["Col.Role"], t["Role." + row.Role]),
            (t["ApprovalStatus"], t["State." + data.Approval.State]),
            (t["PeriodScore"], t.Score(data.Settlement.PeriodScore)),
        ]);
        if (data.LockedHash is { } hash)
        {
            pdf.Paragraph(t["LockedHash"] + ":", bold: true);
            pdf.Paragraph(hash);
            if (data.FromLockedSnapshot)
            {
                pdf.Paragraph(t["CurrentDiffers"], bold: true);
                pdf.Paragraph(t["LockedNoLines"]);
            }
        }
        else
        {
            pdf.Paragraph(t["Draft"], bold: true);
        }

        pdf.Heading(row.Payment is { } pays ? t.Format("Statement.Pays", t.Money(pays)) : t.Format("Statement.Receives", t.Money(row.Compensation)), 2);
        (string Key, string Label, decimal? Amount)[] figures =
        [
            ("targetCost", t["Col.TargetCost"], row.TargetCost), ("actualCost", t["Col.ActualCost"], row.ActualCost),
            ("nonReimbursable", t["Col.NonReimbursable"], row.NonReimbursable), ("fee", t["Col.Fee"], row.Fee), ("share", t["Col.Share"], row.Share),
            ("incentive", t["Col.Incentive"], row.Incentive), ("compensation", t["Col.Compensation"], row.Compensation), ("payment", t["Col.Payment"], row.Payment),
        ];
        string Name(string code) => data.PartyNames.TryGetValue(code, out var name) ? name : code;
        pdf.Table(
            [new TableColumn("", 110), new TableColumn(t["Ledger.Amount"], 95, CellAlign.Right), new TableColumn(t["SettlementExplanation"], 295)],
            figures.Where(f => f.Amount is not null || f.Key is "compensation" or "payment").Select(f => (IReadOnlyList<string>)
            [
                f.Label,
                t.Money(f.Amount),
                string.Join("\n", data.Settlement.Lines.Where(l => l.Key == $"{f.Key}.{party}").Select(l => t.Explain(l, Name, id => data.Labelled(id, t.IsFinnish)))),
            ]));
        var footer = data.LockedHash is { } locked ? t.Format("Footer.Locked", locked) : t.Format("Footer.Draft", data.AllianceName, data.Period);
        return pdf.Finish(footer, (page, count) => t.Format("PageOf", page, count));
    }
}
