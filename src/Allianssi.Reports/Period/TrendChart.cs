using ScottPlot;

namespace Allianssi.Reports.Period;

/// <summary>
/// One indicator's values over the years as a PNG (ScottPlot 5 through SkiaSharp): the alliance unit
/// as a thick line, the municipal total and the other municipal units as thin ones. Suppressed cells
/// are gaps, not zeros.
/// </summary>
internal static class TrendChart
{
    /// <summary>Pixels of the image; drawn at half size in the PDF (about 150 dpi).</summary>
    public const int Width = 1000;

    public const int Height = 380;

    private static readonly Color[] Others =
    [
        Color.FromHex("#7f7f7f"), Color.FromHex("#1f77b4"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"), Color.FromHex("#bcbd22"),
    ];

    public static byte[] Render(IndicatorTrend trend, string title, string unitOfMeasure, ReportLanguage language)
    {
        using var plot = new Plot();
        plot.Font.Set(Pdf.ReportFonts.Family);
        plot.Title(title, size: 20);
        plot.YLabel(unitOfMeasure, size: 16);
        var years = trend.Points.Select(p => p.Year).Distinct().Order().ToList();
        var units = trend.Points.Select(p => p.Unit).Distinct(StringComparer.Ordinal)
            .OrderBy(u => u == trend.AllianceUnit ? 0 : u == "*" ? 1 : 2).ThenBy(u => u, StringComparer.Ordinal).ToList();
        var other = 0;
        foreach (var unit in units)
        {
            var points = trend.Points.Where(p => p.Unit == unit && p.Value is not null).OrderBy(p => p.Year).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => (double)p.Year).ToArray(), points.Select(p => p.Value!.Value).ToArray());
            if (unit == trend.AllianceUnit)
            {
                line.Color = Color.FromHex("#d62728");
                line.LineWidth = 4;
                line.MarkerSize = 9;
                line.LegendText = language.Format("Trend.Alliance", unit);
            }
            else
            {
                line.Color = Others[other++ % Others.Length];
                line.LineWidth = unit == "*" ? 2.5f : 1.5f;
                line.MarkerSize = 5;
                line.LegendText = unit == "*" ? language["Trend.Municipal"] : unit;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            years.Select(y => (double)y).ToArray(), years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("#,0.##", language.Culture),
        };
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        if (years.Count == 1)
        {
            plot.Axes.SetLimitsX(years[0] - 1, years[0] + 1);
        }

        plot.Legend.FontSize = 14;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
