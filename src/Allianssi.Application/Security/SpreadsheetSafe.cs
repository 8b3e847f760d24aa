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
    /// written as numbers; a <see cref="bool"/> or a <see cref="CsvWord"/> as its word (<c>true</c>,
    /// <c>total</c>); every other cell is text and neutralised.
    /// </summary>
    public static string Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) => Csv(header, rows, CsvFormat.Invariant);

    /// <summary>
    /// A CSV document in <paramref name="format"/>: its separator between cells, its decimal mark in
    /// numbers, its texts for the header and for the fixed words (<see cref="CsvFormat.Word"/>). Text
    /// cells are neutralised as in the invariant CSV.
    /// </summary>
    public static string Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CsvFormat format)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(format);
        var separator = format.Separator.ToString();
        var sb = new StringBuilder();
        sb.Append(string.Join(separator, header.Select(h => CsvField(format.Header(h))))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(separator, row.Select(c => Cell(c, format)))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Cell(object? value, CsvFormat format) => value switch
    {
        null => "",
        decimal d => d.ToString(format.Numbers),
        int i => i.ToString(format.Numbers),
        long l => l.ToString(format.Numbers),
        double x => x.ToString("R", format.Numbers),
        bool b => CsvField(format.Word(b ? CsvWord.True.Key : CsvWord.False.Key)),
        CsvWord w => CsvField(format.Word(w.Key)),
        _ => CsvField(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}

/// <summary>
/// How a CSV document is written for its reader: the invariant form (<c>,</c> between cells,
/// <c>.</c> in numbers) for English and for programs, the Finnish form (<c>;</c> between cells,
/// decimal comma, UTF-8 byte order mark) that Finnish Excel opens into columns and numbers.
/// Numbers never get a thousands separator or the Unicode minus sign (U+2212) that fi-FI uses,
/// since a spreadsheet would read either as text.
/// </summary>
/// <param name="Separator">Between cells.</param>
/// <param name="Numbers">The decimal mark and the minus sign of number cells.</param>
/// <param name="ByteOrderMark">Whether a file or response starts with the UTF-8 byte order mark
/// (Excel reads a file without it in the Windows code page, so ä and ö break).</param>
/// <param name="HeaderText">The header's text for a column name; the name itself when null.</param>
/// <param name="WordText">The text of a fixed word in a cell (<see cref="CsvWord"/>: <c>total</c>, <c>true</c>,
/// <c>false</c>) in the reader's language; the word itself when null.</param>
public sealed record CsvFormat(char Separator, NumberFormatInfo Numbers, bool ByteOrderMark, Func<string, string>? HeaderText = null, Func<string, string>? WordText = null)
{
    /// <summary>Comma-separated, decimal point, column names as they are.</summary>
    public static CsvFormat Invariant { get; } = new(',', NumberFormatInfo.InvariantInfo, false);

    /// <summary>Semicolon-separated, decimal comma, byte order mark; <paramref name="headerText"/> gives the Finnish headers.</summary>
    public static CsvFormat Finnish(Func<string, string>? headerText = null, Func<string, string>? wordText = null)
    {
        var numbers = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        numbers.NumberDecimalSeparator = ",";
        numbers.NumberGroupSeparator = "";
        return new(';', NumberFormatInfo.ReadOnly(numbers), true, headerText, wordText);
    }

    /// <summary>The header cell of the column <paramref name="name"/>.</summary>
    public string Header(string name) => HeaderText?.Invoke(name) ?? name;

    /// <summary>The cell text of the fixed word <paramref name="key"/> (<see cref="CsvWord"/>).</summary>
    public string Word(string key) => WordText?.Invoke(key) ?? key;

    /// <summary>The document as bytes, with the byte order mark when the format has one.</summary>
    public byte[] Encode(string csv) =>
        ByteOrderMark ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)] : Encoding.UTF8.GetBytes(csv);
}

/// <summary>
/// A fixed word in a CSV cell, such as the label of a totals row or a yes/no value, written in the
/// reader's language by <see cref="CsvFormat.Word"/> (the invariant CSV keeps the key itself:
/// <c>total</c>, <c>true</c>, <c>false</c>).
/// </summary>
/// <param name="Key">The word's key, also its invariant text.</param>
public readonly record struct CsvWord(string Key)
{
    /// <summary>The label of a totals row.</summary>
    public static CsvWord Total { get; } = new("total");

    /// <summary>Yes (a <see cref="bool"/> cell that is true).</summary>
    public static CsvWord True { get; } = new("true");

    /// <summary>No.</summary>
    public static CsvWord False { get; } = new("false");
}
