using System.Globalization;
using Allianssi.Application.UseCases.Organiser;
using Allianssi.Domain.Reference;
using Allianssi.Reports.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Allianssi.Reports.Organiser;

/// <summary>
/// A member municipality's invoice as a PDF (PDFsharp): its lines with quantities, unit prices and
/// amounts, the overhead share, the total, the advances and the true-up, and each line's explanation.
/// Amounts in the reader's culture (fi-FI: <c>1 234,56 €</c>). No personal data: invoices are aggregates.
/// </summary>
public static class InvoicePdf
{
    /// <summary>Renders the invoice of <paramref name="member"/>.</summary>
    /// <param name="run">The run the invoice belongs to (its price list, issue number and inputs' SHA-256).</param>
    /// <param name="member">The member's invoice.</param>
    /// <param name="organiser">The organiser's name or code.</param>
    /// <param name="label">The UI's text for a resource key (e.g. <c>Organiser.Invoice</c>), in the reader's language.</param>
    /// <param name="culture">The reader's culture for amounts and dates.</param>
    /// <param name="explain">Words an explanation line in the reader's language; without it (or for a frozen run, whose
    /// lines are texts) the lines are the domain's English texts.</param>
    public static byte[] Render(InvoiceRunView run, MemberInvoiceView member, string organiser, Func<string, string> label, CultureInfo culture, Func<Domain.Explanation, string>? explain = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(culture);
        // One font resolver per process (PDFsharp refuses a second once a font was used): the reports' DejaVu Sans.
        ReportFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"{label("Organiser.Invoice")} {Municipalities.Name(member.Municipality)} {run.Year}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);
        var regular = new XFont(ReportFonts.Family, 10, XFontStyleEx.Regular);
        var small = new XFont(ReportFonts.Family, 8, XFontStyleEx.Regular);
        var bold = new XFont(ReportFonts.Family, 10, XFontStyleEx.Bold);
        var title = new XFont(ReportFonts.Family, 16, XFontStyleEx.Bold);
        double left = 50, right = page.Width.Point - 50, y = 60;
        string Money(decimal value) => value.ToString("C2", culture);
        string Number(decimal value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), culture);

        void Text(string text, XFont font, double x, XStringFormat? format = null) =>
            gfx.DrawString(text, font, XBrushes.Black, new XRect(x, y, right - x, 14), format ?? XStringFormats.TopLeft);

        void Row(string name, string quantity, string price, string amount, XFont font)
        {
            Text(name, font, left);
            gfx.DrawString(quantity, font, XBrushes.Black, new XRect(left, y, 300, 14), XStringFormats.TopRight);
            gfx.DrawString(price, font, XBrushes.Black, new XRect(left, y, 400, 14), XStringFormats.TopRight);
            gfx.DrawString(amount, font, XBrushes.Black, new XRect(left, y, right - left, 14), XStringFormats.TopRight);
            y += 16;
        }

        Text($"{label("Organiser.Invoice")} {run.Year}", title, left);
        y += 26;
        Text($"{label("Organiser.Member")}: {Municipalities.Name(member.Municipality)}   {label("Organiser.Organiser")}: {organiser}", regular, left);
        y += 16;
        Text($"{label("Organiser.Population")}: {member.Population.ToString("N0", culture)}", regular, left);
        y += 16;
        if (run.Issued is { } issued)
        {
            Text($"{label("Organiser.IssuedRun")} {issued.Number.ToString(culture)}, {issued.IssuedAt.ToString("d", culture)}; SHA-256 {issued.InputsSha256}", small, left);
            y += 14;
        }

        y += 10;
        Row(label("Organiser.Product"), label("Organiser.Quantity"), label("Organiser.UnitPrice"), label("Organiser.Amount"), bold);
        gfx.DrawLine(XPens.Black, left, y, right, y);
        y += 4;
        foreach (var line in member.Lines)
        {
            var name = run.Products.FirstOrDefault(p => p.Id == line.Product)?.Name ?? line.Product;
            Row(name, line.Quantity.ToString("N0", culture), Number(line.UnitPrice, 4), Money(line.Amount), regular);
        }

        Row(label("Organiser.Overhead"), string.Empty, string.Empty, Money(member.Overhead), regular);
        gfx.DrawLine(XPens.Black, left, y, right, y);
        y += 4;
        Row(label("Organiser.Total"), string.Empty, string.Empty, Money(member.Total), bold);
        y += 8;
        Row(label("Organiser.Budget"), string.Empty, string.Empty, Money(member.Budget), regular);
        Row(label("Organiser.Advances"), string.Empty, string.Empty, $"11 × {Money(member.Advances[0])} + {Money(member.Advances[^1])}", regular);
        Row(member.TrueUp >= 0m ? label("Organiser.TrueUpInvoice") : label("Organiser.TrueUpCredit"), string.Empty, string.Empty, Money(member.TrueUp), bold);
        y += 12;
        Text(label("Organiser.Explanation"), bold, left);
        y += 16;
        var lines = explain is not null && member.ExplanationLines.Count > 0
            ? member.Lines.Select(l => l.Line is { } x ? explain(x) : l.Explanation).Concat(member.ExplanationLines.Select(explain))
            : member.Lines.Select(l => l.Explanation).Concat(member.Explanation);
        foreach (var line in lines)
        {
            if (y > page.Height.Point - 60)
            {
                page = document.AddPage();
                gfx.Dispose();
                gfx = XGraphics.FromPdfPage(page);
                y = 60;
            }

            Text(line, small, left);
            y += 12;
        }

        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }
}
