using System.Globalization;

namespace Allianssi.Domain;

/// <summary>An amount of money in euros, VAT excluded (arvonlisäveroton).</summary>
/// <remarks>
/// Arithmetic keeps full decimal precision; only <see cref="RoundedToCents"/> rounds, half away
/// from zero (see docs/adr/0001-decimal-money-and-rounding.md). Negative amounts are allowed:
/// adjustments, credit notes and overruns are signed.
/// </remarks>
public readonly record struct Money(decimal Euros) : IComparable<Money>
{
    /// <summary>Zero euros.</summary>
    public static Money Zero => default;

    /// <summary>This amount rounded to whole cents, half away from zero.</summary>
    public Money RoundedToCents() => new(Math.Round(Euros, 2, MidpointRounding.AwayFromZero));

    /// <summary>Sum of the amounts.</summary>
    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = 0m;
        foreach (var amount in amounts)
        {
            total += amount.Euros;
        }

        return new Money(total);
    }

    /// <inheritdoc/>
    public int CompareTo(Money other) => Euros.CompareTo(other.Euros);

    /// <summary>Adds two amounts.</summary>
    public static Money operator +(Money left, Money right) => new(left.Euros + right.Euros);

    /// <summary>Subtracts two amounts.</summary>
    public static Money operator -(Money left, Money right) => new(left.Euros - right.Euros);

    /// <summary>Negates an amount.</summary>
    public static Money operator -(Money value) => new(-value.Euros);

    /// <summary>Scales an amount by a factor (a rate, a share, a fraction of TAK).</summary>
    public static Money operator *(Money left, decimal factor) => new(left.Euros * factor);

    /// <summary>Compares amounts.</summary>
    public static bool operator <(Money left, Money right) => left.Euros < right.Euros;

    /// <summary>Compares amounts.</summary>
    public static bool operator >(Money left, Money right) => left.Euros > right.Euros;

    /// <summary>Compares amounts.</summary>
    public static bool operator <=(Money left, Money right) => left.Euros <= right.Euros;

    /// <summary>Compares amounts.</summary>
    public static bool operator >=(Money left, Money right) => left.Euros >= right.Euros;

    /// <summary>Named alternative to the + operator.</summary>
    public static Money Add(Money left, Money right) => left + right;

    /// <summary>Named alternative to the - operator.</summary>
    public static Money Subtract(Money left, Money right) => left - right;

    /// <summary>Named alternative to the unary - operator.</summary>
    public static Money Negate(Money value) => -value;

    /// <summary>Named alternative to the * operator.</summary>
    public static Money Multiply(Money left, decimal factor) => left * factor;

    /// <summary>Rounded to cents, invariant culture, thousands separated: <c>15,742,783.00</c>.</summary>
    public override string ToString() =>
        RoundedToCents().Euros.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
