using Allianssi.Application.Security;
using Allianssi.Import.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// An import's diagnostics as CSV in the reader's language, as the page shows them: the severity
/// in words and the message by its code (<c>Diagnostic.IMPnnn</c>) for a Finnish reader, with the
/// reader's own English detail beside it; the spreadsheet's line number beside the data-row number.
/// Finnish CSV conventions (<see cref="WebCsv.Current"/>) and the byte order mark in every language.
/// </summary>
internal static class DiagnosticsCsv
{
    private static readonly string[] Header = ["code", "row", "column", "severity", "message", "lineInFile", "detail"];

    /// <summary>The CSV as bytes (UTF-8 with the byte order mark, so a spreadsheet reads ä and ö).</summary>
    public static byte[] Bytes(IEnumerable<Diagnostic> diagnostics, IStringLocalizer<Strings> text)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(text);
        var format = WebCsv.Current(text) with { ByteOrderMark = true };
        var rows = diagnostics.Select(d =>
        {
            var message = Message(d, text);
            return (IReadOnlyList<object?>)
            [
                d.Code, d.Row, d.Column, text["Severity." + d.Severity].Value, message,
                d.Row > 0 ? d.Row + 1 : null, message == d.Message ? null : d.Message,
            ];
        });
        return format.Encode(SpreadsheetSafe.Csv(Header, rows, format));
    }

    /// <summary>The diagnostic's message in the reader's language: the code's Finnish text for a Finnish reader, else the reader's message.</summary>
    public static string Message(Diagnostic d, IStringLocalizer<Strings> text)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(text);
        return Cultures.IsFinnish && text["Diagnostic." + d.Code] is { ResourceNotFound: false } finnish ? finnish.Value : d.Message;
    }

    /// <summary>The same as a <c>data:</c> link (a dry run has no stored batch to link to).</summary>
    public static string DataUri(IEnumerable<Diagnostic> diagnostics, IStringLocalizer<Strings> text) =>
        "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String(Bytes(diagnostics, text));
}
