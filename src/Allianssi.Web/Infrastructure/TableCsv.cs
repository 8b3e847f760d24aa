using System.Globalization;
using System.Text;
using Allianssi.Application.UseCases.Indicators;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// A page's table as CSV (RFC 4180, CRLF, UTF-8 with BOM for spreadsheets) behind a <c>data:</c>
/// link, so any table can be downloaded as shown. Text cells get the same neutralisation as the
/// API's exports (<see cref="IndicatorCsv.Cell"/>: a leading = + - @ becomes text); numbers are
/// written invariantly and stay numbers.
/// </summary>
internal static class TableCsv
{
    public static string Build(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(IndicatorCsv.Cell))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>The CSV as a <c>data:</c> URI for an <c>&lt;a download&gt;</c> link.</summary>
    public static string DataUri(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Build(header, rows))]);

    /// <summary>A number cell: invariant, empty when absent.</summary>
    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Number(decimal?)"/>
    public static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Number(decimal?)"/>
    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Cell(string? value) =>
        // A number only as Number() writes it: no leading '+', white space or group separators.
        value is { Length: > 0 } && value[0] != '+' && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? value
            : IndicatorCsv.Cell(value);
}
