using System.Globalization;
using Allianssi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Allianssi.Application.Data;

/// <summary>
/// The domain's value types stored in the columns they had since the first migration: <see cref="Money"/> and
/// <see cref="Weight"/> through one converter each, as exact decimals (precision 28, scale 10), registered once for
/// every property of the type in <see cref="AllianssiDbContext"/>'s conventions; <see cref="DateSpan"/> and
/// <see cref="Domain.Scoring.ReferenceLevels"/> as EF complex types over their old columns (<c>Start</c>/<c>End</c>,
/// <c>Minus100</c>/<c>Zero</c>/<c>Plus100</c>).
/// </summary>
/// <remarks>
/// A stored weight the type refuses (negative, written by hand or by another version) fails loudly when it is read,
/// naming the type and the value, instead of reading as something else. Levels are stored as given: whether they are
/// strictly monotone is the forms' and the scenario validation's rule, not the store's.
/// </remarks>
internal static class StoredValues
{
    /// <summary>A span's two days in the columns <c>Start</c> and <c>End</c> (the entity's columns since the first migration).</summary>
    public static void AsStartAndEnd(ComplexPropertyBuilder<DateSpan> span)
    {
        span.Property(s => s.Start).HasColumnName(nameof(DateSpan.Start));
        span.Property(s => s.End).HasColumnName(nameof(DateSpan.End));
    }

    /// <summary>The weight of a stored percentage.</summary>
    /// <exception cref="StoredDataException">The stored percentage is negative (<see cref="StoredDataException.NegativeWeight"/>;
    /// a read through <see cref="StoredDates.ReadAsync{T}"/> names the rows).</exception>
    public static Weight WeightOf(decimal percent) =>
        percent >= 0m
            ? new Weight(percent)
            : throw new StoredDataException(StoredDataException.NegativeWeight, [], ["Weight"], string.Create(CultureInfo.InvariantCulture,
                $"{StoredDataException.NegativeWeight}: the operational store holds {Numbers.Normalize(percent)} where a Weight is stored; a weight is not negative. The database was written by another version or changed by hand."), null);
}

/// <summary>Money to its euros and back.</summary>
public sealed class MoneyConverter() : ValueConverter<Money, decimal>(money => money.Euros, euros => new Money(euros));

/// <summary>A weight to its percentage and back; a negative stored percentage is refused.</summary>
public sealed class WeightConverter() : ValueConverter<Weight, decimal>(weight => weight.Percent, percent => StoredValues.WeightOf(percent));
