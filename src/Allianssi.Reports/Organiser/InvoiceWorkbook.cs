using Allianssi.Application.UseCases.Organiser;
using ClosedXML.Excel;

namespace Allianssi.Reports.Organiser;

/// <summary>
/// The whole invoice run as an Excel workbook (ClosedXML): the price list, one sheet per member and
/// one for others. Every figure is a number cell with a number format, never text.
/// </summary>
public static class InvoiceWorkbook
{
    private const string Euros = "#,##0.00 \"€\"";
    private const string Price = "#,##0.000000";
    private const string Count = "#,##0";

    /// <summary>Renders the run; <paramref name="label"/> gives the UI's text for a resource key.</summary>
    public static byte[] Render(InvoiceRunView run, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(label);
        using var workbook = new XLWorkbook();
        var prices = workbook.AddWorksheet(Sheet(label("Organiser.PriceList")));
        Header(prices, label("Organiser.Product"), label("Organiser.Name"), label("Organiser.Cost"), label("Organiser.Outputs"), label("Organiser.UnitPrice"));
        var row = 2;
        foreach (var p in run.Products)
        {
            prices.Cell(row, 1).Value = p.Id;
            prices.Cell(row, 2).Value = p.Name;
            Number(prices.Cell(row, 3), p.Cost, Euros);
            Number(prices.Cell(row, 4), p.Outputs, Count);
            if (p.UnitPrice is { } price)
            {
                Number(prices.Cell(row, 5), price, Price);
            }

            row++;
        }

        prices.Cell(row, 1).Value = label("Organiser.Overhead");
        Number(prices.Cell(row, 3), run.OverheadCost, Euros);
        Widths(prices);

        foreach (var member in run.Members)
        {
            var sheet = workbook.AddWorksheet(Sheet($"{label("Organiser.Member")} {member.Municipality}"));
            Lines(sheet, run, member.Lines, label);
            var r = member.Lines.Count + 2;
            sheet.Cell(r, 1).Value = label("Organiser.Overhead");
            Number(sheet.Cell(r++, 4), member.Overhead, Euros);
            sheet.Cell(r, 1).Value = label("Organiser.Total");
            sheet.Cell(r, 1).Style.Font.Bold = true;
            Number(sheet.Cell(r++, 4), member.Total, Euros);
            sheet.Cell(r, 1).Value = label("Organiser.Budget");
            Number(sheet.Cell(r++, 4), member.Budget, Euros);
            sheet.Cell(r, 1).Value = member.TrueUp >= 0m ? label("Organiser.TrueUpInvoice") : label("Organiser.TrueUpCredit");
            Number(sheet.Cell(r++, 4), member.TrueUp, Euros);
            r++;
            sheet.Cell(r++, 1).Value = label("Organiser.Advances");
            for (var m = 0; m < member.Advances.Count; m++)
            {
                Number(sheet.Cell(r, 1), m + 1, "0");
                Number(sheet.Cell(r++, 4), member.Advances[m], Euros);
            }

            Widths(sheet);
        }

        if (run.Others is { } others)
        {
            var sheet = workbook.AddWorksheet(Sheet(label("Organiser.Others")));
            Lines(sheet, run, others.Lines, label);
            var r = others.Lines.Count + 2;
            sheet.Cell(r, 1).Value = label("Organiser.Total");
            Number(sheet.Cell(r, 4), others.Total, Euros);
            Widths(sheet);
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Lines(IXLWorksheet sheet, InvoiceRunView run, IReadOnlyList<InvoiceLineView> lines, Func<string, string> label)
    {
        Header(sheet, label("Organiser.Product"), label("Organiser.Quantity"), label("Organiser.UnitPrice"), label("Organiser.Amount"));
        var row = 2;
        foreach (var line in lines)
        {
            sheet.Cell(row, 1).Value = run.Products.FirstOrDefault(p => p.Id == line.Product)?.Name ?? line.Product;
            Number(sheet.Cell(row, 2), line.Quantity, Count);
            Number(sheet.Cell(row, 3), line.UnitPrice, Price);
            Number(sheet.Cell(row, 4), line.Amount, Euros);
            row++;
        }
    }

    // Fixed widths: ClosedXML 0.95's AdjustToContents measures text with System.Drawing, which .NET does not support on Linux.
    private static void Widths(IXLWorksheet sheet)
    {
        sheet.Column(1).Width = 34;
        for (var c = 2; c <= 5; c++)
        {
            sheet.Column(c).Width = 18;
        }
    }

    private static void Header(IXLWorksheet sheet, params string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = names[i];
            sheet.Cell(1, i + 1).Style.Font.Bold = true;
        }
    }

    private static void Number(IXLCell cell, decimal value, string format)
    {
        cell.Value = value;
        cell.Style.NumberFormat.Format = format;
    }

    // Excel sheet names: at most 31 characters, none of []:*?/\.
    private static string Sheet(string name)
    {
        var clean = new string([.. name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0)]);
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
