using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Words for the codes that the use cases return (score aggregation, missing-value rules): a user
/// reads <c>kuukausilla painotettu keskiarvo</c>, never <c>monthWeightedMean</c>. An unknown code
/// is shown as it is.
/// </summary>
internal static partial class CodeText
{
    /// <summary>A period's score aggregation (<c>monthWeightedMean</c>, <c>finalYear</c>).</summary>
    public static string Aggregation(IStringLocalizer<Strings> text, string code) => Word(text, "Aggregation." + code, code);

    /// <summary>A missing-value rule (<c>zero</c>, <c>minus100</c>, <c>carryForward</c>, <c>reweight</c>).</summary>
    public static string MissingRule(IStringLocalizer<Strings> text, string code) => Word(text, "MissingRule." + code, code);

    /// <summary>The rule applied to a year without a value (<c>carryForward from 2019</c> or a rule code).</summary>
    public static string Applied(IStringLocalizer<Strings> text, string applied)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = CarriedFrom().Match(applied ?? "");
        return m.Success ? text["MissingRule.carriedFrom", m.Groups[1].Value].Value : MissingRule(text, applied ?? "");
    }

    private static string Word(IStringLocalizer<Strings> text, string key, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = text[key];
        return word.ResourceNotFound ? code : word.Value;
    }

    [GeneratedRegex(@"^carryForward from (\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex CarriedFrom();
}
