using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Allianssi.Reports.Pdf;

/// <summary>How a table column aligns its cells.</summary>
public enum CellAlign
{
    Left,
    Right,
}

/// <summary>A table column: header, width in points and alignment (numbers right).</summary>
public sealed record TableColumn(string Header, double Width, CellAlign Align = CellAlign.Left);

/// <summary>
/// Lays out a simple flowing A4 document with PDFsharp (MigraDoc is not available): headings,
/// wrapped paragraphs, tables whose cells wrap, images, and a footer line on every page (the
/// approval status of a report, so that no page can be taken for approved when it is not).
/// </summary>
/// <remarks>
/// The document's metadata (creation date, producer) is fixed from the caller's values, so the
/// same content gives the same text; a report of a locked result is reproducible.
/// </remarks>
public sealed class PdfComposer : IDisposable
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Margin = 48;
    private const double Bottom = PageHeight - Margin - 18;

    private readonly PdfDocument _document = new();
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _small;
    private readonly XFont _header;
    private XGraphics? _gfx;
    private double _y;

    /// <summary>Starts a document with its title and a fixed creation date (for reproducible output).</summary>
    public PdfComposer(string title, DateTimeOffset created)
    {
        ReportFonts.EnsureRegistered();
        _body = new XFont(ReportFonts.Family, 9);
        _bold = new XFont(ReportFonts.Family, 9, XFontStyleEx.Bold);
        _small = new XFont(ReportFonts.Family, 7);
        _header = new XFont(ReportFonts.Family, 7.5, XFontStyleEx.Bold);
        _document.Info.Title = title;
        _document.Info.Creator = "Allianssi";
        _document.Info.CreationDate = created.UtcDateTime;
        _document.Info.ModificationDate = created.UtcDateTime;
        NewPage();
    }

    /// <summary>The width available for content, in points.</summary>
    public static double ContentWidth => PageWidth - (2 * Margin);

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("no page");

    /// <summary>Starts a new page.</summary>
    public void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    /// <summary>A heading; level 1 is the largest.</summary>
    public void Heading(string text, int level = 2)
    {
        var size = level switch { 1 => 18, 2 => 13, _ => 10.5 };
        var font = new XFont(ReportFonts.Family, size, XFontStyleEx.Bold);
        EnsureRoom(size * 2.6);
        _y += level == 1 ? 0 : size * 0.6;
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            Gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, ContentWidth, size * 1.3), XStringFormats.TopLeft);
            _y += size * 1.3;
        }

        _y += size * 0.3;
    }

    /// <summary>A paragraph wrapped to the content width.</summary>
    public void Paragraph(string text, bool bold = false, double indent = 0)
    {
        var font = bold ? _bold : _body;
        foreach (var line in Wrap(text, font, ContentWidth - indent))
        {
            EnsureRoom(12);
            Gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin + indent, _y, ContentWidth - indent, 12), XStringFormats.TopLeft);
            _y += 12;
        }

        _y += 3;
    }

    /// <summary>Label–value pairs in two columns.</summary>
    public void Facts(IEnumerable<(string Label, string Value)> facts)
    {
        foreach (var (label, value) in facts)
        {
            var lines = Wrap(value, _body, ContentWidth - 150);
            EnsureRoom(12 * lines.Count);
            Gfx.DrawString(label, _bold, XBrushes.Black, new XRect(Margin, _y, 145, 12), XStringFormats.TopLeft);
            foreach (var line in lines)
            {
                Gfx.DrawString(line, _body, XBrushes.Black, new XRect(Margin + 150, _y, ContentWidth - 150, 12), XStringFormats.TopLeft);
                _y += 12;
            }
        }

        _y += 4;
    }

    /// <summary>A table; the header repeats on every page it spans, cells wrap within their column.</summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var scale = Math.Min(1.0, ContentWidth / columns.Sum(c => c.Width));
        var widths = columns.Select(c => c.Width * scale).ToArray();
        Row(columns.Select(c => c.Header).ToList(), columns, widths, header: true);
        foreach (var row in rows)
        {
            if (Row(row, columns, widths, header: false))
            {
                Row(columns.Select(c => c.Header).ToList(), columns, widths, header: true);
                Row(row, columns, widths, header: false);
            }
        }

        _y += 6;
    }

    /// <summary>A PNG image at the given size in points.</summary>
    public void Image(byte[] png, double width, double height)
    {
        EnsureRoom(height + 4);
        using var stream = new MemoryStream(png);
        using var image = XImage.FromStream(stream);
        Gfx.DrawImage(image, Margin, _y, width, height);
        _y += height + 4;
    }

    /// <summary>Writes the footer on every page (<paramref name="footer"/> and "page n / N" in the given words) and returns the PDF.</summary>
    public byte[] Finish(string footer, Func<int, int, string> pageOf)
    {
        ArgumentNullException.ThrowIfNull(pageOf);
        _gfx?.Dispose();
        _gfx = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i]);
            var y = PageHeight - Margin + 2;
            gfx.DrawLine(XPens.Gray, Margin, y - 4, PageWidth - Margin, y - 4);
            gfx.DrawString(footer, _small, XBrushes.Black, new XRect(Margin, y, ContentWidth - 60, 10), XStringFormats.TopLeft);
            gfx.DrawString(pageOf(i + 1, count), _small, XBrushes.Black, new XRect(Margin, y, ContentWidth, 10), XStringFormats.TopRight);
        }

        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    /// <summary>Draws one row; returns true when it did not fit and a new page was started instead (the caller repeats the header).</summary>
    private bool Row(IReadOnlyList<string> cells, IReadOnlyList<TableColumn> columns, double[] widths, bool header)
    {
        var font = header ? _header : _body;
        var lines = new List<IReadOnlyList<string>>();
        for (var i = 0; i < columns.Count; i++)
        {
            lines.Add(Wrap(i < cells.Count ? cells[i] : "", font, widths[i] - 4));
        }

        var height = (lines.Max(l => Math.Max(1, l.Count)) * 11) + 3;
        if (_y + height > Bottom)
        {
            NewPage();
            if (!header)
            {
                return true;
            }
        }

        if (header)
        {
            Gfx.DrawRectangle(XBrushes.Gainsboro, Margin, _y, widths.Sum(), height);
        }

        var x = Margin;
        for (var i = 0; i < columns.Count; i++)
        {
            var y = _y + 1.5;
            foreach (var line in lines[i])
            {
                var format = columns[i].Align == CellAlign.Right ? XStringFormats.TopRight : XStringFormats.TopLeft;
                Gfx.DrawString(line, font, XBrushes.Black, new XRect(x + 2, y, widths[i] - 4, 11), format);
                y += 11;
            }

            x += widths[i];
        }

        _y += height;
        Gfx.DrawLine(XPens.LightGray, Margin, _y, Margin + widths.Sum(), _y);
        return false;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Gfx.MeasureString(candidate, font).Width > width)
                {
                    result.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }

                // A single word wider than the column (a hash) is cut into pieces that fit.
                while (Gfx.MeasureString(line, font).Width > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Gfx.MeasureString(line[..cut], font).Width > width)
                    {
                        cut--;
                    }

                    result.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            result.Add(line);
        }

        return result;
    }
}
