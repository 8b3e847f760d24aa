using Allianssi.Application.Security;
using Allianssi.Indicators.CareGaps;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>
/// CSV of the indicator tables, written by <see cref="SpreadsheetSafe.Csv"/>: numbers stay
/// numbers, text cells that a spreadsheet would run as a formula are neutralised.
/// </summary>
public static class IndicatorCsv
{
    /// <summary>
    /// The results per unit and year; the value exactly (the pages round it to display precision). With
    /// <paramref name="unitName"/>, a last column <c>unitName</c> names each unit (<c>*</c> is the municipality).
    /// </summary>
    public static string Results(IndicatorResults results, CsvFormat? format = null, Func<string, string>? unitName = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        string[] header = ["indicator", "unit", "year", "period", "value", "numerator", "denominator", "n", "suppressed", "allianceUnit", "definitionVersion"];
        return SpreadsheetSafe.Csv(unitName is null ? header : [.. header, "unitName"],
            results.Points.Select(p =>
            {
                object?[] row =
                [
                    results.Indicator, p.Unit, p.Year, p.Period, p.Value, p.Numerator, p.Denominator, p.N,
                    p.Suppressed, p.IsAllianceUnit, p.DefinitionVersion, // yes and no in the reader's words (CsvWord)
                ];
                return (IReadOnlyList<object?>)(unitName is null ? row : [.. row, unitName(p.Unit)]);
            }),
            format ?? CsvFormat.Invariant);
    }

    /// <summary>
    /// The care gaps; <paramref name="reason"/> turns a stored reason into the reader's language (as it is when null);
    /// with <paramref name="unitName"/>, a last column <c>unitName</c> names each unit.
    /// </summary>
    public static string CareGaps(IEnumerable<CareGap> gaps, CsvFormat? format = null, Func<string, string>? reason = null, Func<string, string>? unitName = null) =>
        SpreadsheetSafe.Csv(unitName is null ? ["unit", "pseudonym", "reason"] : ["unit", "pseudonym", "reason", "unitName"],
            gaps.Select(g =>
            {
                object?[] row = [g.Unit, g.Subject, reason is null ? g.Reason : reason(g.Reason)];
                return (IReadOnlyList<object?>)(unitName is null ? row : [.. row, unitName(g.Unit)]);
            }),
            format ?? CsvFormat.Invariant);
}
