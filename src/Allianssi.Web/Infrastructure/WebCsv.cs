using System.Text;
using Allianssi.Application.Security;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// The CSV format for the reader's language: Finnish readers get <c>;</c>, decimal comma, the
/// UTF-8 byte order mark and Finnish headers (Finnish Excel opens it into columns and numbers);
/// English readers get the invariant CSV with its column names. Headers come from the resource
/// key <c>Csv.{column}</c>; a column without one keeps its name. Fixed words in cells (a totals
/// row's label, yes and no: <see cref="CsvWord"/>) come from <c>CsvWord.{key}</c>.
/// </summary>
internal static class WebCsv
{
    /// <summary>The format for the current UI culture.</summary>
    public static CsvFormat Current(IStringLocalizer<Strings> text) => Cultures.IsFinnish
        ? CsvFormat.Finnish(name => Header(text, name), key => Word(text, key))
        : CsvFormat.Invariant with { HeaderText = name => Header(text, name), WordText = key => Word(text, key) };

    /// <summary>An API response with the CSV in <paramref name="format"/> (byte order mark included when it has one).</summary>
    public static IResult Result(string csv, CsvFormat format) =>
        Results.Bytes(format.Encode(csv), "text/csv; charset=utf-8");

    private static string Word(IStringLocalizer<Strings> text, string key)
    {
        var word = text["CsvWord." + key];
        return word.ResourceNotFound ? key : word.Value;
    }

    private static string Header(IStringLocalizer<Strings> text, string name)
    {
        var header = text["Csv." + name];
        return header.ResourceNotFound ? name : header.Value;
    }
}
