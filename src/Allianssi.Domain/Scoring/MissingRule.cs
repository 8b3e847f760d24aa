namespace Allianssi.Domain.Scoring;

/// <summary>What happens when a year has no value for an indicator.</summary>
public enum MissingRule
{
    /// <summary>The indicator drops out; its weight goes to the scored indicators of its KRA (default).</summary>
    Reweight,

    /// <summary>The indicator scores 0 and keeps its weight.</summary>
    Zero,

    /// <summary>The indicator scores -100 and keeps its weight.</summary>
    Minus100,

    /// <summary>The latest earlier year's value, scored with this year's levels; none earlier: reweight.</summary>
    CarryForward,
}

/// <summary>Where an indicator's value for a year came from.</summary>
public enum ValueSource
{
    /// <summary>Measured in the year itself.</summary>
    Measured,

    /// <summary>Taken from the latest earlier year (rule carryForward).</summary>
    CarriedForward,

    /// <summary>No value: scored by the missing rule or dropped.</summary>
    Missing,
}
