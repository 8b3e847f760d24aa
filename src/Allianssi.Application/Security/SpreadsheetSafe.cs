using System.Globalization;
using System.Text;

namespace Allianssi.Application.Security;

/// <summary>
/// Cells for CSV and Excel exports that a spreadsheet cannot run as a formula (CSV injection,
/// OWASP): text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// gets a leading apostrophe. Numbers are written as numbers (invariant culture), so a negative
/// amount stays a number. Every CSV export (API, CLI and the pages' table downloads) is written
/// by <see cref="Csv"/>, so this is the one place that decides what a spreadsheet may run.
/// </summary>
public static class SpreadsheetSafe
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Text as a spreadsheet will show it, never as a formula.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return FormulaStarts.Contains(value[0]) ? "'" + value : value;
    }

    /// <summary>A number cell (invariant culture, so <c>-1234.5</c>).</summary>
    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>One CSV field: neutralised, quoted when it holds a separator, a quote or a line break.</summary>
    public static string CsvField(string? value)
    {
        var text = Text(value);
        return text.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>
    /// A CSV document (comma-separated, CRLF line ends, RFC 4180) from a header and rows. Numeric
    /// cells (<see cref="decimal"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>) are
    /// written as numbers; every other cell is text and neutralised.
    /// </summary>
    public static string Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(CsvField))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        decimal d => Number(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        _ => CsvField(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
