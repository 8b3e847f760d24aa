using System.Text;

namespace Allianssi.Application.UseCases.Common;

/// <summary>CSV for spreadsheets: quoted when needed, and formula injection neutralised.</summary>
public static class CsvText
{
    /// <summary>
    /// One cell: a text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return
    /// gets a leading apostrophe so a spreadsheet shows it as text instead of running it (OWASP CSV
    /// injection); then it is quoted when it holds the delimiter, a quote or a line break.
    /// </summary>
    public static string Cell(string? value, char delimiter = ',')
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>One line of cells, ending in CRLF.</summary>
    public static void AppendLine(StringBuilder text, IEnumerable<string?> cells, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cells);
        text.AppendJoin(delimiter, cells.Select(c => Cell(c, delimiter))).Append("\r\n");
    }
}
