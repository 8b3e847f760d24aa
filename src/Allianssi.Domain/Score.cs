using System.Globalization;

namespace Allianssi.Domain;

/// <summary>A score on the scorecard scale -100 (poor) .. 0 (expected) .. +100 (excellent) [pisteet].</summary>
/// <remarks>Kept at full decimal precision; displayed with one decimal.</remarks>
public readonly record struct Score : IComparable<Score>
{
    /// <summary>The lowest score, -100.</summary>
    public static readonly Score Minimum = new(-100m);

    /// <summary>The expected level, 0.</summary>
    public static readonly Score Expected = new(0m);

    /// <summary>The highest score, +100.</summary>
    public static readonly Score Maximum = new(100m);

    /// <summary>Creates a score; throws unless -100 &lt;= value &lt;= 100.</summary>
    public Score(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, -100m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100m);
        Value = value;
    }

    /// <summary>The score at full precision.</summary>
    public decimal Value { get; }

    /// <summary>A score from a value that may lie a rounding step outside the scale.</summary>
    public static Score Clamped(decimal value) => new(Math.Clamp(value, -100m, 100m));

    /// <inheritdoc/>
    public int CompareTo(Score other) => Value.CompareTo(other.Value);

    /// <summary>Compares scores.</summary>
    public static bool operator <(Score left, Score right) => left.Value < right.Value;

    /// <summary>Compares scores.</summary>
    public static bool operator >(Score left, Score right) => left.Value > right.Value;

    /// <summary>Compares scores.</summary>
    public static bool operator <=(Score left, Score right) => left.Value <= right.Value;

    /// <summary>Compares scores.</summary>
    public static bool operator >=(Score left, Score right) => left.Value >= right.Value;

    /// <summary>One decimal, invariant culture: <c>58.0</c>.</summary>
    public override string ToString() =>
        Math.Round(Value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}
