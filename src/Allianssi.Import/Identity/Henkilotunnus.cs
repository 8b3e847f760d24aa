namespace Allianssi.Import.Identity;

/// <summary>
/// The Finnish personal identity code (henkilötunnus), <c>DDMMYYCZZZQ</c>: birth date, century
/// sign, individual number (odd = male) and a check character.
/// </summary>
/// <remarks>
/// Century signs: <c>+</c> 1800s; <c>-</c>, <c>Y</c>, <c>X</c>, <c>W</c>, <c>V</c>, <c>U</c> 1900s;
/// <c>A</c>-<c>F</c> 2000s (the 2023 reform added all but <c>+ - A</c>). The check character is
/// the nine digits <c>DDMMYYZZZ</c> as one number mod 31, indexed into <see cref="CheckCharacters"/>.
/// Nothing here ever puts the code into a message.
/// </remarks>
public static class Henkilotunnus
{
    /// <summary>The check characters, indexed by the remainder mod 31.</summary>
    public const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>Whether <paramref name="normalised"/> (trimmed, upper case) has the shape of a henkilötunnus.</summary>
    public static bool LooksLike(ReadOnlySpan<char> normalised)
    {
        if (normalised.Length != 11)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            if (!char.IsAsciiDigit(normalised[i]))
            {
                return false;
            }
        }

        return Century(normalised[6]) != 0
            && char.IsAsciiDigit(normalised[7]) && char.IsAsciiDigit(normalised[8]) && char.IsAsciiDigit(normalised[9])
            && (char.IsAsciiDigit(normalised[10]) || char.IsAsciiLetterUpper(normalised[10]));
    }

    /// <summary>Checks a henkilötunnus-shaped value (see <see cref="LooksLike"/>).</summary>
    public static HetuValidity Validate(ReadOnlySpan<char> normalised, out DateOnly birthDate, out char sex)
    {
        birthDate = default;
        sex = default;
        if (!LooksLike(normalised))
        {
            return HetuValidity.NotAHetu;
        }

        var day = Digits(normalised[..2]);
        var month = Digits(normalised[2..4]);
        var year = Century(normalised[6]) + Digits(normalised[4..6]);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return HetuValidity.ImpossibleDate;
        }

        var individual = Digits(normalised[7..10]);
        var number = (Digits(normalised[..6]) * 1000) + individual;
        if (CheckCharacters[number % 31] != normalised[10])
        {
            return HetuValidity.BadCheckCharacter;
        }

        birthDate = new DateOnly(year, month, day);
        sex = individual % 2 == 1 ? 'M' : 'F';
        return HetuValidity.Valid;
    }

    /// <summary>
    /// Whether a henkilötunnus with a valid check character occurs anywhere in <paramref name="text"/> (any century sign,
    /// letters in either case, a Unicode dash for <c>-</c>), for example inside free text such as a visit id or a name.
    /// </summary>
    /// <remarks>
    /// Runs on every text value of an import, so it is a scan for six digits followed by a century sign before anything
    /// else: text without digits costs one vectorised search, and the check character is computed only for a candidate
    /// of the full shape. A digit run longer than six is tried at its last six digits.
    /// </remarks>
    public static bool OccursIn(ReadOnlySpan<char> text)
    {
        Span<char> candidate = stackalloc char[11];
        var from = text.IndexOfAnyInRange('0', '9');
        while (from >= 0 && from + 11 <= text.Length)
        {
            var sign = from;
            while (sign < text.Length && char.IsAsciiDigit(text[sign]))
            {
                sign++;
            }

            if (sign - from >= 6 && sign + 4 < text.Length && CenturySign(text[sign]) is var century && century != '\0'
                && char.IsAsciiDigit(text[sign + 1]) && char.IsAsciiDigit(text[sign + 2]) && char.IsAsciiDigit(text[sign + 3]))
            {
                text.Slice(sign - 6, 6).CopyTo(candidate);
                candidate[6] = century;
                text.Slice(sign + 1, 3).CopyTo(candidate[7..]);
                candidate[10] = char.ToUpperInvariant(text[sign + 4]);
                if (Validate(candidate, out _, out _) == HetuValidity.Valid)
                {
                    return true;
                }
            }

            if (sign + 1 >= text.Length)
            {
                return false;
            }

            var next = text[(sign + 1)..].IndexOfAnyInRange('0', '9');
            from = next < 0 ? -1 : sign + 1 + next;
        }

        return false;
    }

    /// <summary>The check character for the nine digits <c>DDMMYYZZZ</c> (for building synthetic test codes).</summary>
    public static char CheckCharacter(DateOnly birthDate, int individualNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(individualNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(individualNumber, 999);
        var number = (((birthDate.Day * 10000) + (birthDate.Month * 100) + (birthDate.Year % 100)) * 1000) + individualNumber;
        return CheckCharacters[number % 31];
    }

    private static int Century(char sign) => sign switch
    {
        '+' => 1800,
        '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
        'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
        _ => 0,
    };

    /// <summary>A century sign as <see cref="Century"/> knows it (upper case; a Unicode dash or minus as <c>-</c>), or <c>'\0'</c>.</summary>
    private static char CenturySign(char c)
    {
        if (c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212')
        {
            return '-';
        }

        var upper = char.ToUpperInvariant(c);
        return Century(upper) != 0 ? upper : '\0';
    }

    private static int Digits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}

/// <summary>The outcome of checking a person identifier against the henkilötunnus rules.</summary>
public enum HetuValidity
{
    /// <summary>Not henkilötunnus-shaped: some other source-system identifier, pseudonymised as it is.</summary>
    NotAHetu,

    /// <summary>A valid henkilötunnus.</summary>
    Valid,

    /// <summary>The shape is right but the check character is not.</summary>
    BadCheckCharacter,

    /// <summary>The shape is right but the date does not exist.</summary>
    ImpossibleDate,
}
