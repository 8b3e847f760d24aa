using Allianssi.Application.Security;
using Allianssi.Indicators.CareGaps;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>
/// CSV of the indicator tables, written by <see cref="SpreadsheetSafe.Csv"/>: numbers stay
/// numbers, text cells that a spreadsheet would run as a formula are neutralised.
/// </summary>
public static class IndicatorCsv
{
    /// <summary>The results per unit and year; the value exactly (the pages round it to three decimals).</summary>
    public static string Results(IndicatorResults results, CsvFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return SpreadsheetSafe.Csv(["indicator", "unit", "year", "period", "value", "numerator", "denominator", "n", "suppressed", "allianceUnit", "definitionVersion"],
            results.Points.Select(p => (IReadOnlyList<object?>)
            [
                results.Indicator, p.Unit, p.Year, p.Period, p.Value, p.Numerator, p.Denominator, p.N,
                p.Suppressed ? "true" : "false", p.IsAllianceUnit ? "true" : "false", p.DefinitionVersion,
            ]),
            format ?? CsvFormat.Invariant);
    }

    /// <summary>The care gaps; <paramref name="reason"/> turns a stored reason into the reader's language (as it is when null).</summary>
    public static string CareGaps(IEnumerable<CareGap> gaps, CsvFormat? format = null, Func<string, string>? reason = null) =>
        SpreadsheetSafe.Csv(["unit", "pseudonym", "reason"], gaps.Select(g => (IReadOnlyList<object?>)[g.Unit, g.Subject, reason is null ? g.Reason : reason(g.Reason)]), format ?? CsvFormat.Invariant);
}
