using Allianssi.Application.Security;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// A page's table as CSV (UTF-8 with BOM for spreadsheets) behind a <c>data:</c> link, so any
/// table can be downloaded as shown. Written by <see cref="SpreadsheetSafe.Csv"/>, as the API's
/// exports: numeric cells (pass the number, not its text) stay numbers, every other cell is text
/// and neutralised.
/// </summary>
internal static class TableCsv
{
    /// <summary>The CSV as a <c>data:</c> URI for an <c>&lt;a download&gt;</c> link, in <paramref name="format"/>
    /// (<see cref="WebCsv.Current"/>); the byte order mark is written in every language, since the
    /// file is opened by a spreadsheet, which needs it to read ä and ö as UTF-8.</summary>
    public static string DataUri(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CsvFormat? format = null)
    {
        format ??= CsvFormat.Invariant;
        return "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String((format with { ByteOrderMark = true }).Encode(SpreadsheetSafe.Csv(header, rows, format)));
    }
}
