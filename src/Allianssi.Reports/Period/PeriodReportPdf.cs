using System.Globalization;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Indicators.Definitions;
using Allianssi.Reports.Pdf;

namespace Allianssi.Reports.Period;

/// <summary>
/// The period report as PDF: a cover (alliance, span, approval status, every party's approval with
/// its time, the SHA-256 of the locked snapshot or "draft, not approved"), the scorecard, a trend
/// chart per indicator, the settlement with its explanation lines and an appendix of the indicator
/// definitions and parameters. Every page's footer says whether the result is locked (with the hash)
/// or a draft. Nothing in it depends on the moment it is made, so a locked result's report is the same
/// text every time.
/// </summary>
public static class PeriodReportPdf
{
    /// <summary>Renders the report in the given language.</summary>
    public static byte[] Render(PeriodReportData data, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(language);
        var t = language;
        var title = data.Year is { } y ? t.Format("Title.Year", y) : t["Title"];
        var created = data.Approval.Lock?.LockedAt ?? new DateTimeOffset(data.PeriodEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        using var pdf = new PdfComposer($"{title}: {data.AllianceName} {data.Period}", created);
        Cover(pdf, data, t, title);
        pdf.NewPage();
        Scorecard(pdf, data, t);
        pdf.NewPage();
        Trends(pdf, data, t);
        pdf.NewPage();
        Settlement(pdf, data, t);
        PublicFunding(pdf, data, t);
        pdf.NewPage();
        Appendix(pdf, data, t);
        var scope = data.Year is { } year ? $"{data.Period}/{year.ToString(CultureInfo.InvariantCulture)}" : data.Period;
        var footer = data.LockedHash is { } hash
            ? t.Format("Footer.Locked", hash)
            : t.Format("Footer.Draft", data.AllianceName, scope);
        return pdf.Finish(footer, (page, count) => t.Format("PageOf", page, count));
    }

    private static string Name(PeriodReportData data, string party) => data.PartyNames.TryGetValue(party, out var name) ? name : party;

    private static void Cover(PdfComposer pdf, PeriodReportData data, ReportLanguage t, string title)
    {
        pdf.Heading(title, 1);
        var span = data.Settlement.Span;
        pdf.Facts(
        [
            (t["Alliance"], $"{data.AllianceName} ({data.Alliance})"),
            (t["Period"], $"{data.Period}: {t.Date(data.PeriodStart)}–{t.Date(data.PeriodEnd)}"),
            (t["Years"], span.Count == 1 ? span[0].ToString(CultureInfo.InvariantCulture) : $"{span[0].ToString(CultureInfo.InvariantCulture)}–{span[^1].ToString(CultureInfo.InvariantCulture)}"),
            (t["ApprovalStatus"], t["State." + data.Approval.State]),
        ]);
        if (data.Approval.Lock is { } locked)
        {
            pdf.Facts([(t["LockedAt"], t.Moment(locked.LockedAt))]);
            pdf.Paragraph(t["LockedHash"] + ":", bold: true);
            pdf.Paragraph(locked.SnapshotHash);
            if (locked.CurrentDataDiffers)
            {
                pdf.Paragraph(t["CurrentDiffers"], bold: true);
            }
        }
        else
        {
            pdf.Paragraph(t["Draft"], bold: true);
        }

        pdf.Heading(t["Approvals"], 3);
        pdf.Table(
            [new TableColumn(t["Col.Party"], 200), new TableColumn(t["ApprovalStatus"], 300)],
            data.Approval.Parties.Select(p => (IReadOnlyList<string>)
            [
                Name(data, p.Party),
                p.Approved && p.At is { } at ? t.Format("Approval.By", p.ApprovedBy, t.Moment(at)) : t["Approval.None"],
            ]));
    }

    private static void Scorecard(PdfComposer pdf, PeriodReportData data, ReportLanguage t)
    {
        var card = data.Scorecard;
        pdf.Heading(t.Format("Scorecard", card.Year));
        pdf.Facts(
        [
            (t.Format("OverallScore", card.Year), t.Score(card.OverallScore)),
            (t["PeriodScore"], t.Score(data.Settlement.PeriodScore)),
            (t["Aggregation"], t.Page("Aggregation." + card.ScoreAggregation)),
        ]);
        pdf.Heading(t["YearScores"], 3);
        pdf.Table(
            [new TableColumn(t["Col.Year"], 80), new TableColumn(t["Col.Months"], 80, CellAlign.Right), new TableColumn(t["Col.Score"], 80, CellAlign.Right)],
            card.Trend.Select(p => (IReadOnlyList<string>)[p.Year.ToString(CultureInfo.InvariantCulture), p.MonthWeight.ToString(CultureInfo.InvariantCulture), t.Score(p.OverallScore)]));
        var definitions = data.Definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        TableColumn[] columns =
        [
            new(t["Col.Indicator"], 150), new(t["Col.Value"], 42, CellAlign.Right), new(t["Col.Minus100"], 36, CellAlign.Right),
            new(t["Col.Zero"], 36, CellAlign.Right), new(t["Col.Plus100"], 36, CellAlign.Right), new(t["Col.Score"], 40, CellAlign.Right),
            new(t["Col.Weight"], 36, CellAlign.Right), new(t["Col.EffectiveWeight"], 36, CellAlign.Right), new(t["Col.Source"], 60), new(t["Col.N"], 27, CellAlign.Right),
        ];
        foreach (var kra in card.Kras)
        {
            pdf.Paragraph(t.Format("Kra", kra.Code, t.IsFinnish ? kra.NameFi : kra.NameEn, t.Score(kra.Score), t.Percent(kra.Weight), t.Percent(kra.EffectiveWeight)), bold: true);
            pdf.Table(columns, kra.Indicators.Select(i => (IReadOnlyList<string>)
            [
                definitions.TryGetValue(i.Code, out var d) ? (t.IsFinnish ? d.NameFi : d.NameEn) : i.Code,
                t.Number(i.Value),
                t.Number(i.Minus100),
                t.Number(i.Zero),
                t.Number(i.Plus100),
                t.Score(i.Score),
                t.Percent(i.Weight),
                t.Percent(i.EffectiveWeight),
                Source(i, t),
                N(data, i),
            ]));
        }

        pdf.Heading(t["ScoreExplanation"], 3);
        if (data.FromLockedSnapshot)
        {
            pdf.Paragraph(t["LockedNoLines"]);
        }

        foreach (var line in card.Lines)
        {
            pdf.Paragraph(t.Explain(line, p => Name(data, p), id => data.Labelled(id, t.IsFinnish)));
        }
    }

    private static string Source(IndicatorRow i, ReportLanguage t) => i.ValueSource switch
    {
        "measured" => t["Source.measured"],
        "carriedForward" => t.Format("Source.carriedForward", i.ValueYear?.ToString(CultureInfo.InvariantCulture)),
        _ => t["Source.missing"],
    };

    /// <summary>The alliance unit's count behind the value (blank when suppressed or entered by hand).</summary>
    private static string N(PeriodReportData data, IndicatorRow i)
    {
        var trend = data.Trends.FirstOrDefault(x => x.Indicator == i.Code);
        var point = trend?.Points.FirstOrDefault(p => p.IsAllianceUnit && p.Year == i.ValueYear);
        return point?.N is { } n ? n.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "\u00a0", StringComparison.Ordinal) : "–";
    }

    private static void Trends(PdfComposer pdf, PeriodReportData data, ReportLanguage t)
    {
        pdf.Heading(t["Trends"]);
        pdf.Paragraph(t["Trend.Help"]);
        var definitions = data.Definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var trend in data.Trends)
        {
            definitions.TryGetValue(trend.Indicator, out var d);
            var name = d is null ? trend.Indicator : t.IsFinnish ? d.NameFi : d.NameEn;
            if (!trend.Points.Any(p => p.Value is not null))
            {
                pdf.Heading(name, 3);
                pdf.Paragraph(t["Trend.NoData"]);
                continue;
            }

            var png = TrendChart.Render(trend, name, d?.UnitOfMeasure ?? "", t);
            var width = PdfComposer.ContentWidth;
            pdf.Image(png, width, width * TrendChart.Height / TrendChart.Width);
        }
    }

    private static void Settlement(PdfComposer pdf, PeriodReportData data, ReportLanguage t)
    {
        var s = data.Settlement;
        pdf.Heading(t["Settlement"]);
        pdf.Facts(
        [
            (t["PeriodScore"], t.Score(s.PeriodScore)),
            (t["TargetCost"], t.Money(s.TargetCost)),
            (t["ActualCost"], t.Money(s.ActualCost)),
            (t["FeeTotal"], t.Money(s.FeeTotal)),
            (t["CostResult"], t.Money(s.CostResult)),
            (t["Incentive"], t.Money(s.Incentive)),
        ]);

        // Figures as rows, parties as columns: four parties' euros fit the page's width.
        var columns = new List<TableColumn> { new("", 110) };
        columns.AddRange(s.Parties.Select(p => new TableColumn(p.Name, 97, CellAlign.Right)));
        IReadOnlyList<string> Row(string label, Func<PartyRow, decimal?> figure) => [label, .. s.Parties.Select(p => t.Money(figure(p)))];
        pdf.Table(columns,
        [
            [t["Col.Role"], .. s.Parties.Select(p => t["Role." + p.Role])],
            Row(t["Col.TargetCost"], p => p.TargetCost),
            Row(t["Col.ActualCost"], p => p.ActualCost),
            Row(t["Col.NonReimbursable"], p => p.NonReimbursable),
            Row(t["Col.Fee"], p => p.Fee),
            Row(t["Col.Share"], p => p.Share),
            Row(t["Col.Incentive"], p => p.Incentive),
            Row(t["Col.Compensation"], p => p.Compensation),
            Row(t["Col.Payment"], p => p.Payment),
        ]);

        pdf.Heading(t["SettlementExplanation"], 3);
        if (data.FromLockedSnapshot)
        {
            pdf.Paragraph(t["LockedNoLines"]);
        }

        foreach (var line in s.Lines)
        {
            pdf.Paragraph(t.Explain(line, p => Name(data, p), id => data.Labelled(id, t.IsFinnish)));
        }
    }

    private static void PublicFunding(PdfComposer pdf, PeriodReportData data, ReportLanguage t)
    {
        if (data.PublicFunding is not { } f)
        {
            return;
        }

        pdf.Heading(t["Funding"]);
        pdf.Facts(
        [
            (t["Funding.Ceiling"], $"{t.Money(f.Ceiling)} ({t.Date(f.From)}–{t.Date(f.To)})"),
            (t["Funding.Cumulative"], t.Format("Funding.CumulativeValue", t.Money(f.Cumulative), f.MonthsSettled, f.MonthsInSpan)),
            (t["Funding.Projected"], t.Money(f.Projected)),
        ]);
        if (f.ProjectionExceedsCeiling)
        {
            pdf.Paragraph(t.Format("Funding.Warning", t.Money(f.Projected), t.Money(f.Ceiling)), bold: true);
        }

        pdf.Paragraph(t["Funding.Help"]);
        pdf.Table(
            [new TableColumn(t["Col.Year"], 70), new TableColumn(t["Col.Months"], 70, CellAlign.Right), new TableColumn(t["Funding.Paid"], 150, CellAlign.Right), new TableColumn(t["Funding.CumulativeColumn"], 150, CellAlign.Right)],
            f.Years.Select(y => (IReadOnlyList<string>)[y.Year.ToString(CultureInfo.InvariantCulture), y.Months.ToString(CultureInfo.InvariantCulture), t.Money(y.Paid), t.Money(y.Cumulative)]));
    }

    private static void Appendix(PdfComposer pdf, PeriodReportData data, ReportLanguage t)
    {
        pdf.Heading(t["Appendix"]);
        var rows = data.Scorecard.Kras.SelectMany(k => k.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (var d in data.Definitions)
        {
            pdf.Heading($"{(t.IsFinnish ? d.NameFi : d.NameEn)} ({d.Id})", 3);
            pdf.Paragraph(d.Description);
            var facts = new List<(string, string)>
            {
                (t["Def.Unit"], d.UnitOfMeasure),
                (t["Def.Direction"], t[d.Direction == Direction.Higher ? "Direction.higher" : "Direction.lower"]),
                (t["Def.Kind"], t.Page("Kind." + d.Kind.ToString().ToLowerInvariant())),
                (t["Def.SourceSystem"], d.SourceSystem),
                (t["Def.MinimumCount"], d.MinimumCount.ToString(CultureInfo.InvariantCulture)),
                (t["Def.Version"], d.Version.ToString(CultureInfo.InvariantCulture)),
                (t["Def.Parameters"], d.Parameters.Count == 0 ? t["None"] : string.Join("; ", d.Parameters.Select(p => $"{p.Name} = {Convert.ToString(p.Default, t.Culture)}"))),
            };
            if (rows.TryGetValue(d.Id, out var row))
            {
                facts.Add((t["Def.Missing"], t.Page("MissingRule." + row.MissingRule)));
                facts.Add((t.Format("Def.Levels", data.Scorecard.Year), $"−100: {t.Number(row.Minus100)}; 0: {t.Number(row.Zero)}; +100: {t.Number(row.Plus100)}"));
            }

            pdf.Facts(facts);
        }

        pdf.Heading(t["PeriodParameters"], 3);
        pdf.Facts(data.Parameters.Count == 0
            ? [(t["Def.Parameters"], t["None"])]
            : data.Parameters.Select(p => (p.Name, t.Number(p.Value))));
    }
}
