using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Allianssi.Application.Data;

/// <summary>
/// Enums stored as their member names (<c>Purchaser</c>, <c>CarryForward</c>), the columns' values since
/// the first migration. Unlike EF's own string conversion, a stored name that is no member fails loudly
/// instead of reading as the enum's first member.
/// </summary>
internal static class StoredNames
{
    /// <summary>Stores the enum property as its member name in a column of at most <paramref name="maxLength"/> characters.</summary>
    public static PropertyBuilder<TEnum> StoredAsName<TEnum>(this PropertyBuilder<TEnum> property, int maxLength)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.HasConversion(new StoredNameConverter<TEnum>()).HasMaxLength(maxLength);
    }

    /// <summary>The member's name.</summary>
    /// <exception cref="InvalidOperationException">The value is not a named member.</exception>
    public static string ToName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value.ToString()
            : throw new InvalidOperationException($"Cannot store {typeof(TEnum).Name} value {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}: it is not a member.");

    /// <summary>The member with exactly this name.</summary>
    /// <exception cref="InvalidOperationException">The stored name is no member of <typeparamref name="TEnum"/>.</exception>
    public static TEnum FromName<TEnum>(string name)
        where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Contains(name, StringComparer.Ordinal)
            ? Enum.Parse<TEnum>(name)
            : throw new InvalidOperationException(
                $"The operational store holds '{name}' where a {typeof(TEnum).Name} is stored; known: {string.Join(", ", Enum.GetNames<TEnum>())}. The database was written by another version or changed by hand.");
}

/// <summary>Enum member to its name and back; an unknown or numeric name is refused with the type and the name.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class StoredNameConverter<TEnum>() : ValueConverter<TEnum, string>(value => StoredNames.ToName(value), name => StoredNames.FromName<TEnum>(name))
    where TEnum : struct, Enum;
