using System.Globalization;

namespace Allianssi.Domain;

/// <summary>A weight as a percentage of the whole scorecard [paino].</summary>
/// <remarks>
/// Non-negative. Configured weights are positive; an <em>effective</em> weight is zero when the
/// missing-value rule drops the indicator or key result area for a year.
/// </remarks>
public readonly record struct Weight : IComparable<Weight>
{
    /// <summary>Creates a weight; throws if negative.</summary>
    public Weight(decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        Percent = percent;
    }

    /// <summary>The weight in percent of the whole scorecard.</summary>
    public decimal Percent { get; }

    /// <summary>How far apart two sums of weights (or of shares) may be and still be equal: 1e-9, as commercial-model.md
    /// section 3 allows.</summary>
    public const decimal SumTolerance = 0.000000001m;

    /// <summary>A dropped item's weight.</summary>
    public static Weight None => default;

    /// <inheritdoc/>
    public int CompareTo(Weight other) => Percent.CompareTo(other.Percent);

    /// <summary>Compares weights.</summary>
    public static bool operator <(Weight left, Weight right) => left.Percent < right.Percent;

    /// <summary>Compares weights.</summary>
    public static bool operator >(Weight left, Weight right) => left.Percent > right.Percent;

    /// <summary>Compares weights.</summary>
    public static bool operator <=(Weight left, Weight right) => left.Percent <= right.Percent;

    /// <summary>Compares weights.</summary>
    public static bool operator >=(Weight left, Weight right) => left.Percent >= right.Percent;

    /// <inheritdoc/>
    public override string ToString() => Numbers.Format(Percent);
}
