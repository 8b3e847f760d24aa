namespace Allianssi.Import.Synthetic;

/// <summary>
/// Synthetic Finnish personal identity codes (henkilötunnus, <c>DDMMYYCZZZQ</c>).
/// </summary>
/// <remarks>
/// Individual numbers 900-999 are reserved for temporary and synthetic codes, so a generated code
/// never names a real person. Odd individual number = male. The check character is
/// <c>DDMMYYZZZ mod 31</c> indexed into <see cref="CheckCharacters"/>. When the 50 numbers of one
/// sex on one birth date are used up, the additional century signs of 2023 (<c>Y X W V U</c> for
/// the 1900s, <c>B C D E F</c> for the 2000s) give further distinct codes with the same check
/// character, which is how the register itself extends the space.
/// </remarks>
public static class SyntheticHenkilotunnus
{
    /// <summary>The check-character alphabet.</summary>
    public const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>Individual numbers reserved for synthetic use start here.</summary>
    public const int FirstSyntheticIndividualNumber = 900;

    /// <summary>Distinct codes per birth date and sex in the 1900s and 2000s (6 signs × 50 numbers).</summary>
    public const int CapacityPerDateAndSex = 300;

    private const string Signs1800 = "+";
    private const string Signs1900 = "-YXWVU";
    private const string Signs2000 = "ABCDEF";

    /// <summary>The check character of a birth date and individual number.</summary>
    public static char CheckCharacter(DateOnly birthDate, int individualNumber)
    {
        var nine = (birthDate.Day * 10_000_000L) + (birthDate.Month * 100_000L) + (birthDate.Year % 100 * 1_000L) + individualNumber;
        return CheckCharacters[(int)(nine % 31)];
    }

    /// <summary>
    /// The <paramref name="ordinal"/>-th synthetic code (0-based) for a birth date and sex, or
    /// null when the date's synthetic space for that sex is exhausted.
    /// </summary>
    public static string? Synthetic(DateOnly birthDate, bool male, int ordinal)
    {
        var signs = birthDate.Year switch
        {
            < 1900 => Signs1800,
            < 2000 => Signs1900,
            _ => Signs2000,
        };
        var signIndex = ordinal / 50;
        if (ordinal < 0 || signIndex >= signs.Length || birthDate.Year is < 1800 or > 2099)
        {
            return null;
        }

        var individual = FirstSyntheticIndividualNumber + (2 * (ordinal % 50)) + (male ? 1 : 0);
        return string.Create(11, (birthDate, signs[signIndex], individual), static (span, s) =>
        {
            Write2(span, s.birthDate.Day);
            Write2(span[2..], s.birthDate.Month);
            Write2(span[4..], s.birthDate.Year % 100);
            span[6] = s.Item2;
            span[7] = (char)('0' + (s.individual / 100));
            span[8] = (char)('0' + (s.individual / 10 % 10));
            span[9] = (char)('0' + (s.individual % 10));
            span[10] = CheckCharacter(s.birthDate, s.individual);
        });
    }

    private static void Write2(Span<char> span, int value)
    {
        span[0] = (char)('0' + (value / 10));
        span[1] = (char)('0' + (value % 10));
    }

    /// <summary>
    /// True when <paramref name="code"/> is well-formed, names a real date and its check
    /// character matches (any century sign of data-model.md).
    /// </summary>
    public static bool IsValid(string code, out DateOnly birthDate, out int individualNumber)
    {
        birthDate = default;
        individualNumber = 0;
        if (code is null || code.Length != 11)
        {
            return false;
        }

        for (var i = 0; i < 6; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }

        for (var i = 7; i < 10; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }

        var century = char.ToUpperInvariant(code[6]) switch
        {
            '+' => 1800,
            '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
            'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
            _ => -1,
        };
        if (century < 0)
        {
            return false;
        }

        var day = ((code[0] - '0') * 10) + (code[1] - '0');
        var month = ((code[2] - '0') * 10) + (code[3] - '0');
        var year = century + ((code[4] - '0') * 10) + (code[5] - '0');
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        birthDate = new DateOnly(year, month, day);
        individualNumber = ((code[7] - '0') * 100) + ((code[8] - '0') * 10) + (code[9] - '0');
        return char.ToUpperInvariant(code[10]) == CheckCharacter(birthDate, individualNumber);
    }
}
