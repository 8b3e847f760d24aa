using System.Globalization;

namespace Allianssi.Indicators.Definitions;

/// <summary>The type of a definition parameter; decides how its value is written into SQL.</summary>
public enum ParameterType
{
    /// <summary>A DOUBLE.</summary>
    Number,

    /// <summary>A BIGINT (e.g. a year).</summary>
    WholeNumber,

    /// <summary>A DATE.</summary>
    Date,

    /// <summary>A VARCHAR.</summary>
    Text,
}

/// <summary>How a parameter's default is derived when it depends on the computation.</summary>
public enum DerivedDefault
{
    /// <summary>The fixed <see cref="IndicatorParameter.Default"/>.</summary>
    None,

    /// <summary>The calendar year before the contract period starts (a baseline year).</summary>
    YearBeforePeriodStart,
}

/// <summary>
/// A named parameter of a definition (a threshold, a baseline year). The body refers to it as
/// <c>$name</c>; the engine writes the value in as a typed SQL literal.
/// </summary>
/// <param name="Name">The name used in the SQL as <c>$Name</c> and in per-period parameter sets.</param>
/// <param name="Type">How the value is typed in SQL.</param>
/// <param name="Default">The default (double, long, DateOnly or string); null when derived.</param>
/// <param name="Description">What it means, with its unit of measure.</param>
/// <param name="Derived">A default derived from the computation instead of <paramref name="Default"/>.</param>
public sealed record IndicatorParameter(
    string Name, ParameterType Type, object? Default, string Description, DerivedDefault Derived = DerivedDefault.None)
{
    /// <summary>Converts <paramref name="value"/> to this parameter's CLR type (double, long, DateOnly, string).</summary>
    public object Coerce(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Type switch
        {
            ParameterType.Number => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            ParameterType.WholeNumber => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ParameterType.Date => value is DateOnly d ? d : DateOnly.ParseExact(Convert.ToString(value, CultureInfo.InvariantCulture)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ParameterType.Text => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => throw new InvalidOperationException("unknown parameter type"),
        };
    }
}
