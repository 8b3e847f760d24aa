using System.Globalization;
using System.Text;
using Allianssi.Indicators.CareGaps;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>
/// CSV (RFC 4180, CRLF) of the indicator tables. Text cells that a spreadsheet would run as a
/// formula (starting with = + - @, tab or carriage return) get a leading apostrophe.
/// </summary>
public static class IndicatorCsv
{
    public static string Results(IndicatorResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Csv(["indicator", "unit", "year", "period", "value", "numerator", "denominator", "n", "suppressed", "allianceUnit", "definitionVersion"],
            results.Points.Select(p => new[]
            {
                results.Indicator, p.Unit, Num(p.Year), p.Period, Num(p.Value), Num(p.Numerator), Num(p.Denominator), Num(p.N),
                p.Suppressed ? "true" : "false", p.IsAllianceUnit ? "true" : "false", Num(p.DefinitionVersion),
            }));
    }

    public static string CareGaps(IEnumerable<CareGap> gaps) =>
        Csv(["unit", "pseudonym", "reason"], gaps.Select(g => new[] { g.Unit, g.Subject, g.Reason }));

    /// <summary>A text cell a spreadsheet shows as text, never as a formula.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Num<T>(T? value)
        where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    private static string Num<T>(T value)
        where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static bool IsPlainNumber(string c) =>
        c.Length > 0 && c[0] != '+'
        && double.TryParse(c, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

    private static string Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(Cell))).Append("\r\n");
        foreach (var row in rows)
        {
            // Numbers are formatted invariantly above; a negative number stays a number (no apostrophe).
            // Only as formatted: no leading '+' or white space, which text could carry into a spreadsheet.
            sb.Append(string.Join(',', row.Select(c => IsPlainNumber(c) ? c : Cell(c)))).Append("\r\n");
        }

        return sb.ToString();
    }
}
