namespace Allianssi.Import.Units;

/// <summary>
/// Converts lab results of the analytes the indicators use to one canonical unit each:
/// HbA1c to mmol/mol (IFCC) and LDL cholesterol to mmol/l.
/// </summary>
/// <remarks>
/// HbA1c: LOINC <c>4548-4</c> (DCCT %) and <c>59261-8</c> (IFCC mmol/mol); IFCC = (DCCT% - 2.15) * 10.929.
/// LDL: <c>22748-8</c> (mmol/l), <c>18262-6</c> and <c>13457-7</c> (mg/dl); mmol/l = mg/dl / 38.67.
/// The unit written on the row decides the conversion, so an HbA1c code reported in the other
/// HbA1c unit still converts correctly. Other test codes pass through unchanged with no analyte.
/// </remarks>
public static class LabUnits
{
    /// <summary>The analyte of the HbA1c codes.</summary>
    public const string HbA1c = "hba1c";

    /// <summary>The analyte of the LDL codes.</summary>
    public const string Ldl = "ldl";

    private static readonly Dictionary<string, string> Analytes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["4548-4"] = HbA1c, ["59261-8"] = HbA1c,
        ["22748-8"] = Ldl, ["18262-6"] = Ldl, ["13457-7"] = Ldl,
    };

    /// <summary>
    /// Converts <paramref name="value"/> in <paramref name="unit"/> for <paramref name="testCode"/>;
    /// false when the test is a known analyte and the unit is not one of its units.
    /// </summary>
    public static bool TryConvert(string testCode, string unit, double value, out LabValue result)
    {
        ArgumentNullException.ThrowIfNull(testCode);
        ArgumentNullException.ThrowIfNull(unit);
        var normalisedUnit = unit.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (!Analytes.TryGetValue(testCode.Trim(), out var analyte))
        {
            result = new LabValue(value, unit.Trim(), null);
            return true;
        }

        double? converted = (analyte, normalisedUnit) switch
        {
            (HbA1c, "%") => (value - 2.15) * 10.929,
            (HbA1c, "mmol/mol") => value,
            (Ldl, "mmol/l") => value,
            (Ldl, "mg/dl") => value / 38.67,
            _ => null,
        };
        if (converted is null)
        {
            result = default;
            return false;
        }

        result = new LabValue(Math.Round(converted.Value, 4), analyte == HbA1c ? "mmol/mol" : "mmol/l", analyte);
        return true;
    }
}

/// <summary>A lab value in its canonical unit.</summary>
/// <param name="Value">The converted value.</param>
/// <param name="Unit">The canonical unit (<c>mmol/mol</c>, <c>mmol/l</c>) or the unit as written for other tests.</param>
/// <param name="Analyte"><c>hba1c</c>, <c>ldl</c> or null.</param>
public readonly record struct LabValue(double Value, string Unit, string? Analyte);
