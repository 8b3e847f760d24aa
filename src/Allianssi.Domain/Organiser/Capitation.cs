using System.Collections.Immutable;
using System.Globalization;

namespace Allianssi.Domain.Organiser;

/// <summary>
/// Persons of one month who share everything the coefficient depends on: counted by the analytical
/// store's SQL, priced here at full decimal precision.
/// </summary>
/// <param name="Month">1..12.</param>
/// <param name="Provider">The provider the persons are listed at on the month's first day; null: not listed at a provider.</param>
/// <param name="Group">Index of the matching age-sex group in <see cref="CapitationTerms.AgeSexWeights"/>.</param>
/// <param name="NeedMask">Bit i set when need factor i applies.</param>
/// <param name="Municipality">The persons' municipality (one of the model's).</param>
/// <param name="Persons">How many persons.</param>
/// <param name="VisitCost">The sum of their visits' <c>cost_eur</c> in the month (empty counts 0).</param>
public sealed record CapitationCell(int Month, PartyId? Provider, int Group, long NeedMask, string Municipality, long Persons, decimal VisitCost);

/// <summary>One provider's capitation in one month.</summary>
/// <param name="Party">The provider.</param>
/// <param name="Listed">Persons summed into <see cref="CoefficientSum"/> (resident, classified, listed there).</param>
/// <param name="CoefficientSum">Sum of the normalised coefficients c', full precision.</param>
/// <param name="Amount">round2(base price x coefficient sum).</param>
/// <param name="VisitCost">Costs of those persons' visits in the month (for the cost index).</param>
public sealed record ProviderMonth(PartyId Party, long Listed, decimal CoefficientSum, Money Amount, decimal VisitCost);

/// <summary>One month of capitation.</summary>
/// <param name="Month">1..12.</param>
/// <param name="FirstDay">d, the day the month's population and listings are taken on.</param>
/// <param name="Population">Residents counted on d (listed or not).</param>
/// <param name="MeanCoefficient">N_d, the mean raw coefficient (1 without normalisation; null when the population is empty).</param>
/// <param name="Providers">Every provider of the model, in model order.</param>
public sealed record CapitationMonth(int Month, DateOnly FirstDay, long Population, decimal? MeanCoefficient, ImmutableArray<ProviderMonth> Providers)
{
    /// <summary><c>2023-01</c>.</summary>
    public string Label => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>One provider's year.</summary>
public sealed record ProviderYear(PartyId Party, long ListedPersonMonths, Money Amount);

/// <summary>A year of capitation (organiser-payments.md section 2).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Months">January to December.</param>
/// <param name="Providers">Yearly sums of the rounded monthly amounts, in model order.</param>
/// <param name="Unclassified">Distinct persons resident and listed at a provider on some first day but not classified.</param>
/// <param name="NonResidents">Distinct non-residents listed at a provider on some first day.</param>
/// <param name="Total">The sum of the providers' yearly amounts.</param>
/// <param name="Cells">The counted cells (the distribution by group and need factor).</param>
/// <param name="Explanations">One line per published figure.</param>
public sealed record CapitationResult(
    int Year,
    ImmutableArray<CapitationMonth> Months,
    ImmutableArray<ProviderYear> Providers,
    long Unclassified,
    long NonResidents,
    Money Total,
    ImmutableArray<CapitationCell> Cells,
    ImmutableArray<Explanation> Explanations);

/// <summary>The arithmetic of needs-based capitation: coefficients, normalisation, rounding.</summary>
public static class CapitationCalculator
{
    /// <summary>The raw coefficient c = w x (1 + sum of the applying addends) x f.</summary>
    public static decimal RawCoefficient(CapitationTerms terms, int group, long needMask, string municipality)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return terms.AgeSexWeights[group].Weight * (1m + Addends(terms, needMask)) * terms.MunicipalityFactor(municipality);
    }

    /// <summary>The sum of the addends of the factors whose bit is set.</summary>
    public static decimal Addends(CapitationTerms terms, long needMask)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sum = 0m;
        for (var i = 0; i < terms.NeedFactors.Length; i++)
        {
            if ((needMask & (1L << i)) != 0)
            {
                sum += terms.NeedFactors[i].Addend;
            }
        }

        return sum;
    }

    /// <summary>
    /// Prices the counted cells of <paramref name="year"/>: N_d per month, each provider's sum of c'
    /// and its amount round2(base x sum), the yearly sums of the rounded months.
    /// </summary>
    public static CapitationResult Compute(OrganiserModel model, int year, IReadOnlyList<CapitationCell> cells, long unclassified, long nonResidents)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cells);
        var terms = model.Capitation ?? throw new InvalidOrganiserModelException([new Scenarios.ScenarioError("capitation", "the model has no capitation section")]);
        var explanations = new List<Explanation>();
        var months = new List<CapitationMonth>();
        var byMonth = cells.ToLookup(c => c.Month);
        for (var m = 1; m <= 12; m++)
        {
            var d = new DateOnly(year, m, 1);
            var label = d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var monthCells = byMonth[m].ToList();
            var population = monthCells.Sum(c => c.Persons);
            var rawSum = monthCells.Sum(c => c.Persons * RawCoefficient(terms, c.Group, c.NeedMask, c.Municipality));
            decimal? mean = !terms.Normalise ? 1m : population == 0 ? null : rawSum / population;
            explanations.Add(!terms.Normalise
                ? new Explanation(Invariant($"capitation.{label}.meanCoefficient"), mean, Invariant($"{label}: no normalisation, N = 1"))
                {
                    Template = "organiser.capitation.noNormalisation", Arguments = [label],
                }
                : mean is { } n
                    ? new Explanation(Invariant($"capitation.{label}.meanCoefficient"), mean,
                        Invariant($"{label}: N = sum of raw coefficients {Numbers.Format(rawSum)} / population {population} = {Short(n)}"))
                    {
                        Template = "organiser.capitation.mean", Arguments = [label, rawSum, population, Math.Round(n, 10, MidpointRounding.AwayFromZero)],
                    }
                    : new Explanation(Invariant($"capitation.{label}.meanCoefficient"), mean, Invariant($"{label}: no resident counted on {d:yyyy-MM-dd}; nothing is paid"))
                    {
                        Template = "organiser.capitation.empty", Arguments = [label, d],
                    });
            var providers = new List<ProviderMonth>();
            foreach (var provider in model.Providers)
            {
                var own = monthCells.Where(c => c.Provider == provider.Party).ToList();
                var listed = own.Sum(c => c.Persons);
                var rawOwn = own.Sum(c => c.Persons * RawCoefficient(terms, c.Group, c.NeedMask, c.Municipality));
                // c' summed: sum(c) / N = sum(c) x population / sum over the population, multiplied first for precision.
                var coefficientSum = !terms.Normalise ? rawOwn : rawSum == 0m ? 0m : rawOwn * population / rawSum;
                var amount = new Money(terms.BasePricePerMonth * coefficientSum).RoundedToCents();
                providers.Add(new ProviderMonth(provider.Party, listed, coefficientSum, amount, own.Sum(c => c.VisitCost)));
                explanations.Add(new Explanation(
                    Invariant($"capitation.{label}.{provider.Party}.amount"), amount.Euros,
                    Invariant($"{provider.Party} {label}: {listed} listed, sum of c' {Short(coefficientSum)}; round2({Numbers.Format(terms.BasePricePerMonth)} x {Short(coefficientSum)}) = {amount}"))
                {
                    Template = "organiser.capitation.providerMonth",
                    Arguments = [provider.Party, label, listed, Math.Round(coefficientSum, 10, MidpointRounding.AwayFromZero), terms.BasePricePerMonth, amount],
                });
            }

            months.Add(new CapitationMonth(m, d, population, mean, [.. providers]));
        }

        var years = model.Providers.Select(p =>
        {
            var own = months.Select(mo => mo.Providers.Single(x => x.Party == p.Party)).ToList();
            var amount = Money.Sum(own.Select(x => x.Amount));
            explanations.Add(new Explanation(
                Invariant($"capitation.{year}.{p.Party}.amount"), amount.Euros,
                Invariant($"{p.Party} {year}: sum of the twelve rounded months {string.Join(" + ", own.Select(x => x.Amount.ToString()))} = {amount}"))
            {
                Template = "organiser.capitation.providerYear",
                Arguments = [p.Party, year, new ExplanationTerms([.. own.Select(x => new ExplanationTerm(x.Amount.Euros))]), amount],
            });
            return new ProviderYear(p.Party, own.Sum(x => x.Listed), amount);
        }).ToList();
        var total = Money.Sum(years.Select(y => y.Amount));
        explanations.Add(new Explanation(Invariant($"capitation.{year}.total"), total.Euros,
            Invariant($"total {year} = {string.Join(" + ", years.Select(y => Invariant($"{y.Party} {y.Amount}")))} = {total}"))
        {
            Template = "organiser.capitation.total",
            Arguments = [year, new ExplanationTerms([.. years.Select(y => new ExplanationTerm(y.Amount.Euros, y.Party))]), total],
        });
        return new CapitationResult(year, [.. months], [.. years], unclassified, nonResidents, total, [.. cells], [.. explanations]);
    }

    /// <summary>
    /// The explanation of one person-month: <c>w 0.95 (F 18-64) x (1 + 0.45 diabetes) x 1.05 (604) / N 1.0412 = 1.3894</c>.
    /// </summary>
    public static string ExplainPersonMonth(CapitationTerms terms, int group, long needMask, string municipality, decimal? mean)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var g = terms.AgeSexWeights[group];
        var factors = terms.NeedFactors.Where((f, i) => (needMask & (1L << i)) != 0).ToList();
        var needs = factors.Count == 0 ? "(1 + 0)" : "(1 + " + string.Join(" + ", factors.Select(f => Invariant($"{Numbers.Format(f.Addend)} {f.Id}"))) + ")";
        var c = RawCoefficient(terms, group, needMask, municipality);
        var n = mean ?? 1m;
        var normalised = n == 0m ? 0m : c / n;
        return Invariant($"w {Numbers.Format(g.Weight)} ({g.Label}) x {needs} x {Numbers.Format(terms.MunicipalityFactor(municipality))} ({municipality}) / N {Round(n, 4)} = {Round(normalised, 4)}");
    }

    /// <summary>
    /// The need-adjusted cost index of each provider (organiser-payments.md section 3): 100 x (C_g / W_g) / (C_all / W_all);
    /// null when W_g, W_all or C_all is 0.
    /// </summary>
    public static ImmutableArray<CostIndex> NeedAdjustedCostIndex(CapitationResult capitation)
    {
        ArgumentNullException.ThrowIfNull(capitation);
        var all = capitation.Months.SelectMany(m => m.Providers).ToList();
        var wAll = all.Sum(p => p.CoefficientSum);
        var cAll = all.Sum(p => p.VisitCost);
        return [.. capitation.Providers.Select(p =>
        {
            var own = all.Where(x => x.Party == p.Party).ToList();
            var w = own.Sum(x => x.CoefficientSum);
            var c = own.Sum(x => x.VisitCost);
            decimal? value = w == 0m || wAll == 0m || cAll == 0m ? null : 100m * (c / w) / (cAll / wAll);
            var text = value is { } v
                ? Invariant($"need_adjusted_cost_index {p.Party} {capitation.Year}: 100 x ({Numbers.Format(c)} / {Short(w)}) / ({Numbers.Format(cAll)} / {Short(wAll)}) = {Round(v, 4)}")
                : Invariant($"need_adjusted_cost_index {p.Party} {capitation.Year}: no value (need units {Short(w)}, all need units {Short(wAll)}, all costs {Numbers.Format(cAll)})");
            return new CostIndex(p.Party, capitation.Year, value, own.Sum(x => x.Listed), c, w, cAll, wAll, text);
        })];
    }

    private static string Short(decimal value) => Numbers.Format(Math.Round(value, 10, MidpointRounding.AwayFromZero));

    private static string Round(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The need-adjusted cost index of one provider and year.</summary>
/// <param name="Party">The provider (its units taken together).</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Value">The index (100 = the providers' average); null when not computable.</param>
/// <param name="N">Listed person-months.</param>
/// <param name="Cost">C_g.</param>
/// <param name="NeedUnits">W_g.</param>
/// <param name="CostAll">C_all.</param>
/// <param name="NeedUnitsAll">W_all.</param>
/// <param name="Explanation">The formula with its figures.</param>
public sealed record CostIndex(PartyId Party, int Year, decimal? Value, long N, decimal Cost, decimal NeedUnits, decimal CostAll, decimal NeedUnitsAll, string Explanation);
