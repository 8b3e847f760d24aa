using System.Globalization;

namespace Allianssi.Domain;

/// <summary>Invariant-culture formatting shared by explanations and machine output.</summary>
public static class Numbers
{
    /// <summary>The decimal without trailing zeros (58.000 becomes 58), at full precision.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>Full precision, invariant culture, no trailing zeros, no thousands separator.</summary>
    public static string Format(decimal value) =>
        Normalize(value).ToString(CultureInfo.InvariantCulture);
}
