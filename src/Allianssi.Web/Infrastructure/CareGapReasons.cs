using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// A care gap's reason in the reader's language. The analytical store words reasons in English
/// (one or more phrases joined by "; "); each known phrase is reworded from the resources
/// <c>CareGapReason.*</c> with its numbers in the current culture, and an unknown phrase stays as it is.
/// </summary>
internal static partial class CareGapReasons
{
    public static string Localize(IStringLocalizer<Strings> text, string reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(reason) ? reason : string.Join("; ", reason.Split("; ").Select(p => Phrase(text, p)));
    }

    private static string Phrase(IStringLocalizer<Strings> text, string phrase)
    {
        var fixedKey = phrase switch
        {
            "no care plan within 12 months" => "NoCarePlan",
            "the care plan does not cover every disease" => "PlanMissesDisease",
            "no HbA1c result" => "NoHbA1c",
            "no LDL result" => "NoLdl",
            "no dental care plan within 12 months" => "NoDentalPlan",
            "functional ability (ADL-H) worse at the last assessment than at the first" => "AdlWorse",
            _ => null,
        };
        if (fixedKey is not null)
        {
            return Worded(text, fixedKey) ?? phrase;
        }

        var m = Above().Match(phrase);
        return m.Success && Worded(text, m.Groups["what"].Value == "HbA1c" ? "HbA1cAbove" : "LdlAbove", Number(m.Groups["value"].Value), Number(m.Groups["limit"].Value)) is { } worded
            ? worded
            : phrase;
    }

    private static string? Worded(IStringLocalizer<Strings> text, string key, params object[] values)
    {
        var s = text["CareGapReason." + key, values];
        return s.ResourceNotFound ? null : s.Value;
    }

    // The store prints numbers with printf('%g'): invariant, decimal point.
    private static string Number(string invariant) =>
        decimal.TryParse(invariant, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.CurrentCulture) : invariant;

    [GeneratedRegex(@"^latest (?<what>HbA1c|LDL) (?<value>[-0-9.e+]+) (?<unit>mmol/mol|mmol/l) ≥ (?<limit>[-0-9.e+]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Above();
}
