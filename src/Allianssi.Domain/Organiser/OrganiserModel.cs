using System.Collections.Immutable;
using System.Globalization;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Organiser;

/// <summary>
/// The organiser model [järjestäjän malli] of organiser-payments.md section 1: the organiser's
/// municipalities, its providers with their units, and the terms of capitation, the triple-aim
/// bonus and invoicing. Versioned per year like an alliance's configuration.
/// </summary>
/// <remarks>
/// Immutable and validated: <see cref="OrganiserModelReader"/> builds it only when every rule of
/// section 1 holds, and names each broken rule by its JSON path otherwise. Each section is optional
/// here; a computation that needs a missing section refuses with that section's path.
/// </remarks>
public sealed record OrganiserModel(
    string Organiser,
    ImmutableArray<string> Municipalities,
    ImmutableArray<OrganiserProvider> Providers,
    CapitationTerms? Capitation,
    TripleAimTerms? TripleAim,
    InvoicingTerms? Invoicing)
{
    /// <summary>The provider (party) of a unit, or null when the unit belongs to no provider.</summary>
    public PartyId? ProviderOf(string unitId) =>
        Providers.FirstOrDefault(p => p.Units.Contains(unitId, StringComparer.Ordinal))?.Party;
}

/// <summary>A provider [palveluntuottaja]: a party and the units it runs for the organiser.</summary>
public sealed record OrganiserProvider(PartyId Party, ImmutableArray<string> Units);

/// <summary>The terms of needs-based capitation (section 2) [tarvevakioitu kapitaatio].</summary>
/// <param name="BasePricePerMonth">Euros per person-month at coefficient 1.</param>
/// <param name="AgeSexWeights">Groups that cover every age once for F and for M.</param>
/// <param name="NeedFactors">Diagnosis-based addends.</param>
/// <param name="MunicipalityFactors">Factor per municipality code; absent means 1.</param>
/// <param name="Normalise">Whether coefficients are divided by the month's mean.</param>
public sealed record CapitationTerms(
    decimal BasePricePerMonth,
    ImmutableArray<AgeSexWeight> AgeSexWeights,
    ImmutableArray<NeedFactor> NeedFactors,
    ImmutableSortedDictionary<string, decimal> MunicipalityFactors,
    bool Normalise)
{
    /// <summary>The municipality factor f of a code (default 1).</summary>
    public decimal MunicipalityFactor(string municipality) =>
        MunicipalityFactors.TryGetValue(municipality, out var f) ? f : 1m;
}

/// <summary>One age-sex group with its weight; <see cref="ToAge"/> null means no upper bound.</summary>
/// <param name="FromAge">First age in completed years.</param>
/// <param name="ToAge">Last age (inclusive), or null.</param>
/// <param name="Sex"><c>any</c>, <c>F</c> or <c>M</c>.</param>
/// <param name="Weight">The weight w, positive.</param>
public sealed record AgeSexWeight(int FromAge, int? ToAge, string Sex, decimal Weight)
{
    /// <summary>Whether the group is for both sexes (and for persons without a sex).</summary>
    public bool IsAny => Sex == "any";

    /// <summary>As in explanations: <c>F 18-64</c>, <c>any 75+</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Sex} {FromAge}{(ToAge is { } to ? "-" + to.ToString(CultureInfo.InvariantCulture) : "+")}");
}

/// <summary>A need factor: an addend for a person with a matching diagnosis before the month.</summary>
/// <param name="Id">Identifier, e.g. <c>diabetes</c>.</param>
/// <param name="Codes">ICD-10 code prefixes, compared case-insensitively, dots as written.</param>
/// <param name="LookbackYears">Only diagnoses recorded within this many years before the month; null: any time before.</param>
/// <param name="Addend">Added to 1 in the coefficient; not negative.</param>
public sealed record NeedFactor(string Id, ImmutableArray<string> Codes, int? LookbackYears, decimal Addend);

/// <summary>The terms of the triple-aim bonus (section 3): aims play the role of key result areas.</summary>
/// <param name="PoolRate">The pool as a share of the provider's yearly capitation.</param>
/// <param name="Sanction">Whether a negative score is repaid.</param>
/// <param name="Aims">Quality, efficacy, cost-efficiency (or as configured), weighted like KRAs.</param>
public sealed record TripleAimTerms(decimal PoolRate, bool Sanction, ImmutableArray<KeyResultArea> Aims);

/// <summary>The terms of invoicing member municipalities (section 4).</summary>
/// <param name="Members">Member municipality codes (a subset of the model's municipalities).</param>
/// <param name="Products">Products priced by their outputs.</param>
/// <param name="OverheadAccounts">Ledger accounts of the overhead, shared by population.</param>
/// <param name="Budgets">Each member's budget B_m for the year (the base of its advances).</param>
public sealed record InvoicingTerms(
    ImmutableArray<string> Members,
    ImmutableArray<InvoiceProduct> Products,
    ImmutableArray<string> OverheadAccounts,
    ImmutableSortedDictionary<string, decimal> Budgets)
{
    /// <summary>
    /// Which party of the system speaks for a member (<c>"memberParties": { "837": "tampere" }</c>), so that
    /// its users see that member's invoice and no other; an extension of the spec's JSON, optional.
    /// </summary>
    public ImmutableSortedDictionary<string, string> MemberParties { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}

/// <summary>A product [suorite] with its cost accounts and how its outputs are counted.</summary>
public sealed record InvoiceProduct(string Id, string Name, ImmutableArray<string> CostAccounts, ProductOutput Output);

/// <summary>How a product's outputs are counted.</summary>
/// <param name="Dataset"><c>visits</c> or <c>service_periods</c>.</param>
/// <param name="Services">Services counted (case-insensitive).</param>
/// <param name="Professionals">For visits: only these professionals (case-insensitive); null: any.</param>
/// <param name="Measure">For service periods: <c>days</c>.</param>
public sealed record ProductOutput(string Dataset, ImmutableArray<string> Services, ImmutableArray<string>? Professionals, string? Measure)
{
    /// <summary>Whether outputs are visits.</summary>
    public bool IsVisits => Dataset == "visits";
}
