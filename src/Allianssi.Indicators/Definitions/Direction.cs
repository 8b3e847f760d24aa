namespace Allianssi.Indicators.Definitions;

/// <summary>Which way is better.</summary>
public enum Direction
{
    /// <summary>A higher value is better.</summary>
    Higher,

    /// <summary>A lower value is better.</summary>
    Lower,
}
