using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// An indicator's unit of measure in the reader's language and its values at display precision:
/// euros with cents, a score on 1-5 with two decimals, everything else (percentages, percentage
/// points, days, NPS) with one. The CSV exports keep the exact value.
/// </summary>
internal static class Measures
{
    /// <summary>The unit of measure in words (<c>EUR/client</c> is <c>€/asiakas</c> in Finnish); an unknown one as it is.</summary>
    public static string Unit(IStringLocalizer<Strings> text, string? unitOfMeasure)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = Key(unitOfMeasure);
        if (key is null)
        {
            return unitOfMeasure ?? "";
        }

        var word = text["Measure." + key];
        return word.ResourceNotFound ? unitOfMeasure ?? "" : word.Value;
    }

    /// <summary>The decimals a value of the unit is shown with.</summary>
    public static int Decimals(string? unitOfMeasure) => Key(unitOfMeasure) switch
    {
        "EurPerClient" => 2,
        "Score1To5" => 2,
        _ => 1,
    };

    /// <summary>A value at the unit's display precision in the current culture (<c>1 975,49</c>, <c>72,1</c>); a dash for none.</summary>
    public static string Value(double? value, string? unitOfMeasure)
    {
        if (value is not { } v || double.IsNaN(v) || double.IsInfinity(v))
        {
            return "–";
        }

        var decimals = Decimals(unitOfMeasure);
        return Math.Round((decimal)v, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);
    }

    /// <summary>The value rounded to the unit's display precision, for a chart.</summary>
    public static double Rounded(double value, string? unitOfMeasure) => Math.Round(value, Decimals(unitOfMeasure), MidpointRounding.AwayFromZero);

    private static string? Key(string? unitOfMeasure) => unitOfMeasure?.Trim() switch
    {
        "%" => "Percent",
        "EUR/client" => "EurPerClient",
        "percentage points" => "PercentagePoints",
        "NPS (-100..100)" => "Nps",
        "score (1-5)" => "Score1To5",
        "days" => "Days",
        _ => null,
    };
}
