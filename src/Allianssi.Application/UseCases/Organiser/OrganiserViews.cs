using System.Text.Json;
using Allianssi.Domain;
using Allianssi.Domain.Organiser;
using Allianssi.Domain.Scoring;

namespace Allianssi.Application.UseCases.Organiser;

/// <summary>A saved version of the organiser model: the JSON of organiser-payments.md section 1.</summary>
public sealed record OrganiserModelView(int Year, int Version, string Organiser, DateTimeOffset SavedAt, string SavedBy, JsonElement Model);

/// <summary>A version in the model's history (without the JSON).</summary>
public sealed record OrganiserModelVersionView(int Year, int Version, string Organiser, DateTimeOffset SavedAt, string SavedBy);

/// <summary>One provider's capitation in a month.</summary>
public sealed record ProviderMonthView(string Party, long Listed, decimal CoefficientSum, decimal Amount, IReadOnlyList<string> Explanation)
{
    /// <summary>The explanation as data, for a page or document that words it in the reader's language (not in the JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Explanation> Lines { get; init; } = [];
}

/// <summary>One month of capitation: the population of its first day, N, and the providers the reader may see.</summary>
public sealed record CapitationMonthView(string Month, long Population, decimal? MeanCoefficient, IReadOnlyList<ProviderMonthView> Providers);

/// <summary>A provider's year.</summary>
public sealed record ProviderYearView(string Party, long ListedPersonMonths, decimal Amount);

/// <summary>Person-months of a provider in one age-sex group with one combination of need factors (the chart's bars).</summary>
public sealed record CoefficientGroupView(string Party, string Group, string Needs, long PersonMonths, decimal RawCoefficient);

/// <summary>Capitation of a year (organiser-payments.md section 2), as the reader may see it.</summary>
/// <param name="Total">The sum over the providers shown.</param>
public sealed record CapitationView(
    int Year, IReadOnlyList<CapitationMonthView> Months, IReadOnlyList<ProviderYearView> Providers,
    long Unclassified, long NonResidents, decimal Total, IReadOnlyList<CoefficientGroupView> Distribution, IReadOnlyList<string> Warnings)
{
    /// <summary>The warnings as data, worded in the reader's language by the page (not in the JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Explanation> WarningLines { get; init; } = [];
}

/// <summary>An aim's score.</summary>
public sealed record AimScoreView(string Id, decimal? Score, decimal EffectiveWeight);

/// <summary>An indicator's value, count and score for a provider's units together.</summary>
public sealed record AimIndicatorView(string Id, string Aim, decimal? Value, long? N, decimal? Score, decimal EffectiveWeight, string ValueSource);

/// <summary>A provider's triple-aim result (section 3).</summary>
public sealed record ProviderBonusView(
    string Party, decimal Capitation, decimal Pool, decimal? Score, IReadOnlyList<AimScoreView> Aims,
    IReadOnlyList<AimIndicatorView> Indicators, decimal Bonus, IReadOnlyList<string> Explanation)
{
    /// <summary>The explanation as data, for a page that words it in the reader's language (not in the JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Explanation> Lines { get; init; } = [];
}

/// <summary>The triple-aim results of the providers the reader may see.</summary>
public sealed record TripleAimView(int Year, IReadOnlyList<ProviderBonusView> Providers);

/// <summary>A product's price.</summary>
public sealed record ProductPriceView(string Id, string Name, decimal Cost, long Outputs, decimal? UnitPrice);

/// <summary>An invoice line; <see cref="Explanation"/> words it (<c>7 doctor_visit x 108.3333333333 = 758.33 + residual 0.01 = 758.34</c>).</summary>
public sealed record InvoiceLineView(string Product, long Quantity, decimal UnitPrice, decimal Amount, decimal ResidualCents, string Explanation)
{
    /// <summary>The explanation as data (in a frozen run read back, recomputed from its frozen figures; null only when that fails and its <see cref="Explanation"/> text stands); not in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Explanation? Line { get; init; }
}

/// <summary>A member's invoice for the year.</summary>
public sealed record MemberInvoiceView(
    string Municipality, long Population, IReadOnlyList<InvoiceLineView> Lines, decimal Overhead, decimal Total, decimal Budget,
    IReadOnlyList<decimal> Advances, decimal TrueUp, IReadOnlyList<string> Explanation)
{
    /// <summary>The explanation as data (in a frozen run read back, recomputed from its frozen figures; empty only when that fails and the texts stand); not in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Explanation> ExplanationLines { get; init; } = [];
}

/// <summary>Lines for others: non-members and persons missing from <c>persons</c>.</summary>
public sealed record OthersInvoiceView(IReadOnlyList<InvoiceLineView> Lines, decimal Total);

/// <summary>An issued run or credit note: frozen, with the SHA-256 of its inputs.</summary>
public sealed record IssuedRunView(int Number, string Kind, int? Cancels, string InputsSha256, DateTimeOffset IssuedAt, string IssuedBy);

/// <summary>
/// The invoices of a year (section 4) as the reader may see them: the organiser every member, others
/// and the check; a member only its own invoice. <see cref="Issued"/> is the run in force, if issued.
/// </summary>
public sealed record InvoiceRunView(
    int Year, IReadOnlyList<ProductPriceView> Products, decimal OverheadCost, IReadOnlyList<string> Warnings,
    IReadOnlyList<MemberInvoiceView> Members, OthersInvoiceView? Others, decimal? CheckCosts, decimal? CheckInvoiced,
    IssuedRunView? Issued, string InputsSha256)
{
    /// <summary>The warnings as data (in a frozen run read back, recomputed from its frozen figures); not in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Explanation> WarningLines { get; init; } = [];

    /// <summary>
    /// A frozen run whose explanations could not be recomputed from its model version under today's rules: its
    /// explanation texts are shown as they were issued, in English (a page says so); not in the JSON.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool TextsAsIssued { get; init; }
}

/// <summary>Maps the pure core's results to views, leaving out what the reader may not see.</summary>
public static class OrganiserViewMapper
{
    /// <summary>Capitation, with only the providers <paramref name="maySee"/> admits.</summary>
    public static CapitationView Capitation(OrganiserModel model, CapitationResult result, Func<string, bool> maySee)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(maySee);
        var terms = model.Capitation!;
        var months = result.Months.Select(m => new CapitationMonthView(m.Label, m.Population, m.MeanCoefficient,
            [.. m.Providers.Where(p => maySee(p.Party.Value)).Select(p => new ProviderMonthView(p.Party.Value, p.Listed, p.CoefficientSum, p.Amount.Euros,
                [.. result.Explanations.Where(e => e.Key == $"capitation.{m.Label}.{p.Party}.amount").Select(e => e.Text)])
            {
                Lines = [.. result.Explanations.Where(e => e.Key == $"capitation.{m.Label}.{p.Party}.amount")],
            })])).ToList();
        var providers = result.Providers.Where(p => maySee(p.Party.Value)).Select(p => new ProviderYearView(p.Party.Value, p.ListedPersonMonths, p.Amount.Euros)).ToList();
        var distribution = result.Cells.Where(c => c.Provider is { } party && maySee(party.Value))
            .GroupBy(c => (Party: c.Provider!.Value.Value, c.Group, c.NeedMask))
            .Select(g => new CoefficientGroupView(g.Key.Party, terms.AgeSexWeights[g.Key.Group].Label, Needs(terms, g.Key.NeedMask), g.Sum(c => c.Persons),
                terms.AgeSexWeights[g.Key.Group].Weight * (1m + CapitationCalculator.Addends(terms, g.Key.NeedMask))))
            .OrderBy(g => g.Party, StringComparer.Ordinal).ThenBy(g => g.Group, StringComparer.Ordinal).ThenBy(g => g.Needs, StringComparer.Ordinal).ToList();
        var warnings = new List<Explanation>();
        if (result.Unclassified > 0)
        {
            warnings.Add(new Explanation("capitation.unclassified", result.Unclassified,
                $"{result.Unclassified} listed resident(s) not classified (no birth date, born after the month's first day, or no sex and no 'any' group): not paid for")
            {
                Template = "organiser.capitation.unclassified", Arguments = [result.Unclassified],
            });
        }

        if (result.NonResidents > 0)
        {
            warnings.Add(new Explanation("capitation.nonResidents", result.NonResidents, $"{result.NonResidents} listed person(s) of other municipalities: never paid for")
            {
                Template = "organiser.capitation.nonResidents", Arguments = [result.NonResidents],
            });
        }

        return new CapitationView(result.Year, months, providers, result.Unclassified, result.NonResidents, providers.Sum(p => p.Amount), distribution, [.. warnings.Select(w => w.Text)])
        {
            WarningLines = warnings,
        };
    }

    /// <summary>The triple-aim results of the providers <paramref name="maySee"/> admits.</summary>
    public static TripleAimView TripleAim(int year, IReadOnlyList<ProviderBonus> providers, Func<string, bool> maySee)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(maySee);
        return new TripleAimView(year, [.. providers.Where(p => maySee(p.Party.Value)).Select(p => new ProviderBonusView(
            p.Party.Value, p.Capitation.Euros, p.Pool.Euros, p.Score?.Value,
            [.. (p.Year?.Kras ?? []).Select(k => new AimScoreView(k.Id, k.Score?.Value, k.EffectiveWeight.Percent))],
            [.. p.Values.Select(v =>
            {
                var scored = p.Year?.Indicators.FirstOrDefault(i => i.Id == v.Id);
                return new AimIndicatorView(v.Id, scored?.KraId ?? string.Empty, v.Value, v.N, scored?.Score?.Value, scored?.EffectiveWeight.Percent ?? 0m,
                    scored?.ValueSource switch { ValueSource.Measured => "measured", ValueSource.CarriedForward => "carriedForward", _ => "missing" });
            })],
            p.Bonus.Euros, [.. p.Explanations.Select(e => e.Text)])
        {
            Lines = p.Explanations,
        })]);
    }

    /// <summary>The invoices: everything for the organiser; for a member only its own invoice and the price list.</summary>
    public static InvoiceRunView Invoices(InvoiceRun run, Func<string, bool> maySeeMember, bool maySeeAll, IssuedRunView? issued, string inputsSha256)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(maySeeMember);
        InvoiceLineView Line(InvoiceLine l, string owner)
        {
            var line = run.Explanations.FirstOrDefault(e => e.Key == $"invoice.{owner}.{l.Product}.amount");
            return new(l.Product, l.Quantity, l.UnitPrice, l.Amount.Euros, l.ResidualCents.Euros, line?.Text ?? string.Empty) { Line = line };
        }

        var members = run.Members.Where(m => maySeeAll || maySeeMember(m.Municipality)).Select(m =>
        {
            var own = run.Explanations.Where(e => e.Key.StartsWith($"invoice.{m.Municipality}.", StringComparison.Ordinal)).ToList();
            return new MemberInvoiceView(
                m.Municipality, m.Population, [.. m.Lines.Select(l => Line(l, m.Municipality))], m.Overhead.Euros, m.Total.Euros, m.Budget.Euros,
                [.. m.Advances.Select(a => a.Euros)], m.TrueUp.Euros, [.. own.Select(e => e.Text)])
            {
                ExplanationLines = own,
            };
        }).ToList();
        return new InvoiceRunView(
            run.Year,
            [.. run.Products.Select(p => new ProductPriceView(p.Id, p.Name, p.Cost.Euros, p.Outputs, p.UnitPrice))],
            run.OverheadCost.Euros,
            [.. run.Warnings],
            members,
            maySeeAll ? new OthersInvoiceView([.. run.Others.Lines.Select(l => Line(l, "others"))], run.Others.Total.Euros) : null,
            maySeeAll ? run.CheckCosts.Euros : null,
            maySeeAll ? run.CheckInvoiced.Euros : null,
            issued,
            inputsSha256)
        {
            // A product with costs but no outputs: its price line has no figure and is the warning.
            WarningLines = [.. run.Explanations.Where(e => e.Figure is null && e.Key.EndsWith(".unitPrice", StringComparison.Ordinal))],
        };
    }

    private static string Needs(CapitationTerms terms, long mask)
    {
        var names = terms.NeedFactors.Where((_, i) => (mask & (1L << i)) != 0).Select(f => f.Id).ToList();
        return names.Count == 0 ? "-" : string.Join(" + ", names);
    }
}

/// <summary>Which person-month to explain: the pseudonym as in the analytical store and the month 1-12.</summary>
public sealed record PersonMonthQuery(int? Month, string? Pseudonym);
