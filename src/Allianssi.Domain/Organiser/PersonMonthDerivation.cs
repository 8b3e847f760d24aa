using System.Collections.Immutable;

namespace Allianssi.Domain.Organiser;

/// <summary>A need factor that applies to a person in a month, with its addend.</summary>
public sealed record AppliedNeedFactor(string Id, decimal Addend);

/// <summary>
/// How one person-month's capitation coefficient is derived (organiser-payments.md sections 2 and 5):
/// c = w x (1 + sum of the applying addends) x f, c' = c / N of the month, and the person's share of the
/// provider's month, base price x c'. Holds the pseudonym's classification only, never an identifier.
/// </summary>
/// <param name="Group">The age-sex group's label (<c>F 18-64</c>); null when the person is not classified (no birth date, born after the month's first day, or no matching group).</param>
/// <param name="Weight">The group's weight w; null when not classified.</param>
/// <param name="MunicipalityFactor">f of the person's municipality (1 when the model sets none).</param>
/// <param name="RawCoefficient">c; null when not classified.</param>
/// <param name="Mean">N of the month (1 without normalisation).</param>
/// <param name="Coefficient">c' = c / N, full precision; null when not classified.</param>
/// <param name="Provider">The provider the person is listed at on the month's first day; null: none (counted in N, paid to no one).</param>
/// <param name="Share">base price x c', full precision; null when nothing is paid for the person-month. The provider's month is round2 of the sum over its persons.</param>
public sealed record PersonMonthDerivation(
    int Year,
    int Month,
    string Municipality,
    string? Group,
    decimal? Weight,
    ImmutableArray<AppliedNeedFactor> Needs,
    decimal MunicipalityFactor,
    decimal? RawCoefficient,
    decimal Mean,
    decimal? Coefficient,
    string? Provider,
    decimal BasePricePerMonth,
    decimal? Share)
{
    /// <summary>The derivation of a classified (or unclassified) person-month with the month's N.</summary>
    /// <param name="mean">N of the month as the capitation computed it (null counts as 1).</param>
    public static PersonMonthDerivation Of(CapitationTerms terms, int year, int month, int? group, long needMask, string municipality, string? provider, decimal? mean)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var needs = terms.NeedFactors.Where((_, i) => (needMask & (1L << i)) != 0).Select(f => new AppliedNeedFactor(f.Id, f.Addend)).ToImmutableArray();
        var n = mean is { } m && m != 0m ? m : 1m;
        var factor = terms.MunicipalityFactor(municipality);
        if (group is not { } g)
        {
            return new PersonMonthDerivation(year, month, municipality, null, null, needs, factor, null, n, null, provider, terms.BasePricePerMonth, null);
        }

        var raw = CapitationCalculator.RawCoefficient(terms, g, needMask, municipality);
        var normalised = raw / n;
        return new PersonMonthDerivation(year, month, municipality, terms.AgeSexWeights[g].Label, terms.AgeSexWeights[g].Weight, needs, factor, raw, n, normalised,
            provider, terms.BasePricePerMonth, provider is null ? null : terms.BasePricePerMonth * normalised);
    }
}
