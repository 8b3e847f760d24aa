using System.Globalization;

namespace Allianssi.Import.Text;

/// <summary>
/// Parsers for the value formats of real Finnish extracts (data-model.md, "File conventions").
/// Each returns false rather than throwing; callers turn a false into a diagnostic.
/// </summary>
public static class Values
{
    /// <summary><c>YYYY-MM-DD</c>, or Finnish <c>d.M.yyyy</c> (<c>1.4.2018</c>, <c>01.04.2018</c>).</summary>
    /// <remarks>A date followed by a midnight time (<c>2018-04-01T00:00</c>, as spreadsheets export dates) is also a date.</remarks>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        text = text.Trim();
        if (TryParseTimestamp(text, out var timestamp) && timestamp.TimeOfDay == TimeSpan.Zero && text.Length > 10)
        {
            date = DateOnly.FromDateTime(timestamp);
            return true;
        }

        return TryParseDatePart(text, out date, out var consumed) && consumed == text.Length;
    }

    /// <summary>
    /// <c>YYYY-MM-DDTHH:mm[:ss]</c> (a space for the T is accepted), or <c>d.M.yyyy HH:mm[:ss]</c>.
    /// Local (Europe/Helsinki) time; no offset.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out DateTime timestamp)
    {
        timestamp = default;
        text = text.Trim();
        if (!TryParseDatePart(text, out var date, out var consumed) || consumed >= text.Length)
        {
            return false;
        }

        var separator = text[consumed];
        if (separator != 'T' && separator != ' ')
        {
            return false;
        }

        var time = text[(consumed + 1)..].TrimStart();
        if (!TryTwoOrOneDigits(ref time, out var hour) || time.IsEmpty || time[0] != ':')
        {
            return false;
        }

        time = time[1..];
        if (!TryExactDigits(ref time, 2, out var minute))
        {
            return false;
        }

        var second = 0;
        if (!time.IsEmpty)
        {
            if (time[0] != ':')
            {
                return false;
            }

            time = time[1..];
            if (!TryExactDigits(ref time, 2, out second))
            {
                return false;
            }

            // Fractions of a second, as some systems write them, are dropped.
            if (!time.IsEmpty && time[0] == '.' && time.Length > 1 && AllDigits(time[1..]))
            {
                time = [];
            }
        }

        if (!time.IsEmpty || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        timestamp = date.ToDateTime(new TimeOnly(hour, minute, second), DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryParseDatePart(ReadOnlySpan<char> text, out DateOnly date, out int consumed)
    {
        date = default;
        consumed = 0;
        var rest = text;
        if (text.Length >= 10 && text[4] == '-' && text[7] == '-')
        {
            if (!int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                || !int.TryParse(text[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                || !int.TryParse(text[8..10], NumberStyles.None, CultureInfo.InvariantCulture, out var d))
            {
                return false;
            }

            consumed = 10;
            return TryMake(y, m, d, out date);
        }

        if (!TryTwoOrOneDigits(ref rest, out var day) || rest.IsEmpty || rest[0] != '.')
        {
            return false;
        }

        rest = rest[1..];
        if (!TryTwoOrOneDigits(ref rest, out var month) || rest.IsEmpty || rest[0] != '.')
        {
            return false;
        }

        rest = rest[1..];
        if (!TryExactDigits(ref rest, 4, out var year))
        {
            return false;
        }

        consumed = text.Length - rest.Length;
        return TryMake(year, month, day, out date);
    }

    private static bool TryMake(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryTwoOrOneDigits(ref ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        var n = 0;
        while (n < text.Length && n < 2 && char.IsAsciiDigit(text[n]))
        {
            value = (value * 10) + (text[n] - '0');
            n++;
        }

        text = text[n..];
        return n > 0;
    }

    private static bool TryExactDigits(ref ReadOnlySpan<char> text, int count, out int value)
    {
        value = 0;
        if (text.Length < count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        text = text[count..];
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A decimal with a comma or point as the decimal separator and optional space, no-break
    /// space (U+00A0) or narrow no-break space (U+202F) thousands separators: <c>1 234,56</c>.
    /// A leading minus (or U+2212) is a negative number. Both a comma and a point is ambiguous and refused.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        Span<char> buffer = stackalloc char[64];
        return Normalise(text, buffer, out var length) && decimal.TryParse(buffer[..length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>As <see cref="TryParseDecimal"/>, for a floating-point column.</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        Span<char> buffer = stackalloc char[64];
        return Normalise(text, buffer, out var length)
            && double.TryParse(buffer[..length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>A whole number, with optional space thousands separators (<c>12 000</c>).</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        Span<char> buffer = stackalloc char[64];
        return Normalise(text, buffer, out var length)
            && buffer[..length].IndexOf('.') < 0
            && int.TryParse(buffer[..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool Normalise(ReadOnlySpan<char> text, Span<char> buffer, out int length)
    {
        length = 0;
        text = text.Trim();
        var separators = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '\u00A0' or '\u202F')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return false;
            }

            char normalised;
            if (c is ',' or '.')
            {
                separators++;
                normalised = '.';
            }
            else if (c == '\u2212')
            {
                normalised = '-';
            }
            else
            {
                normalised = c;
            }

            buffer[length++] = normalised;
        }

        return length > 0 && separators <= 1;
    }

    /// <summary><c>1/0</c>, <c>true/false</c>, <c>kyllä/ei</c>, <c>yes/no</c>, case-insensitive.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("kyllä", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("ei", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }
}
