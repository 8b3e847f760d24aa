using System.Globalization;
using Allianssi.Domain.Scenarios;

namespace Allianssi.Domain.Organiser;

/// <summary>The validation rules of organiser-payments.md section 1, each error naming its field by JSON path.</summary>
/// <remarks>
/// The rules that need the data (every provider unit exists in <c>units</c>, every member has
/// population rows) are checked against the analytical store before a computation, by the caller.
/// </remarks>
public static class OrganiserModelRules
{
    /// <summary>Every broken rule of a structurally sound model; empty when it is valid.</summary>
    public static IReadOnlyList<ScenarioError> Check(OrganiserModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new List<ScenarioError>();
        void Error(FormattableString path, string code, FormattableString message) =>
            errors.Add(ScenarioError.Create(path.ToString(CultureInfo.InvariantCulture), code, message));

        var municipalities = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Municipalities.Length; i++)
        {
            if (!municipalities.Add(model.Municipalities[i]))
            {
                Error($"municipalities[{i}]", "organiser.municipalityTwice", $"municipality {model.Municipalities[i]} is named twice");
            }
        }

        var parties = new HashSet<string>(StringComparer.Ordinal);
        var unitOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Providers.Length; i++)
        {
            var provider = model.Providers[i];
            if (!parties.Add(provider.Party.Value))
            {
                Error($"providers[{i}].party", "organiser.providerTwice", $"provider {provider.Party} is named twice");
            }

            if (provider.Units.IsEmpty)
            {
                Error($"providers[{i}].units", "organiser.providerNoUnit", $"provider {provider.Party} has no unit");
            }

            for (var j = 0; j < provider.Units.Length; j++)
            {
                var unit = provider.Units[j];
                if (unitOwner.TryGetValue(unit, out var owner))
                {
                    Error($"providers[{i}].units[{j}]", "organiser.unitOwned", $"unit {unit} already belongs to provider {owner}: a unit belongs to one provider");
                }
                else
                {
                    unitOwner[unit] = provider.Party.Value;
                }
            }
        }

        if (model.Capitation is { } capitation)
        {
            CheckCapitation(capitation, municipalities, Error);
        }

        if (model.TripleAim is { } tripleAim)
        {
            if (model.Capitation is null)
            {
                Error($"capitation", "organiser.poolNeedsCapitation", $"the triple-aim pool is a share of the capitation: the model needs a capitation section");
            }

            CheckTripleAim(tripleAim, Error);
        }

        if (model.Invoicing is { } invoicing)
        {
            CheckInvoicing(invoicing, municipalities, Error);
        }

        return errors;
    }

    private static void CheckCapitation(CapitationTerms c, HashSet<string> municipalities, Action<FormattableString, string, FormattableString> error)
    {
        if (c.BasePricePerMonth <= 0m)
        {
            error($"capitation.basePricePerMonth", "organiser.basePriceNotPositive", $"the base price must be positive, is {c.BasePricePerMonth}");
        }

        for (var i = 0; i < c.AgeSexWeights.Length; i++)
        {
            var group = c.AgeSexWeights[i];
            if (group.Weight <= 0m)
            {
                error($"capitation.ageSexWeights[{i}].weight", "organiser.weightNotPositive", $"the weight must be positive, is {group.Weight}");
            }

            if (group.FromAge < 0)
            {
                error($"capitation.ageSexWeights[{i}].fromAge", "organiser.ageNegative", $"an age cannot be negative, is {group.FromAge}");
            }

            if (group.ToAge is { } to && to < group.FromAge)
            {
                error($"capitation.ageSexWeights[{i}].toAge", "organiser.toAgeBelowFromAge", $"toAge {to} is below fromAge {group.FromAge}");
            }
        }

        foreach (var sex in new[] { "F", "M" })
        {
            CheckCoverage(c, sex, error);
        }

        var factorIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < c.NeedFactors.Length; i++)
        {
            var factor = c.NeedFactors[i];
            if (!factorIds.Add(factor.Id))
            {
                error($"capitation.needFactors[{i}].id", "organiser.needFactorTwice", $"need factor {factor.Id} is named twice");
            }

            if (factor.Addend < 0m)
            {
                error($"capitation.needFactors[{i}].addend", "organiser.addendNegative", $"an addend cannot be negative, is {factor.Addend}");
            }

            if (factor.Codes.IsEmpty)
            {
                error($"capitation.needFactors[{i}].codes", "organiser.needFactorNoCode", $"need factor {factor.Id} has no code");
            }

            if (factor.LookbackYears is <= 0)
            {
                error($"capitation.needFactors[{i}].lookbackYears", "organiser.lookbackNotPositive", $"the lookback must be a positive number of years or null, is {factor.LookbackYears}");
            }
        }

        if (c.NeedFactors.Length > 60)
        {
            error($"capitation.needFactors", "organiser.tooManyNeedFactors", $"at most 60 need factors, has {c.NeedFactors.Length}");
        }

        foreach (var (code, factor) in c.MunicipalityFactors)
        {
            if (factor <= 0m)
            {
                error($"capitation.municipalityFactors.{code}", "organiser.municipalityFactorNotPositive", $"the factor must be positive, is {factor}");
            }

            if (!municipalities.Contains(code))
            {
                error($"capitation.municipalityFactors.{code}", "organiser.municipalityUnknown", $"municipality {code} is not one of the model's municipalities");
            }
        }
    }

    // Every age from 0 upwards must be covered exactly once for the sex, by its own groups and the "any" groups.
    private static void CheckCoverage(CapitationTerms c, string sex, Action<FormattableString, string, FormattableString> error)
    {
        var groups = c.AgeSexWeights
            .Select((g, i) => (Group: g, Index: i))
            .Where(x => x.Group.IsAny || x.Group.Sex == sex)
            .Where(x => x.Group.FromAge >= 0 && (x.Group.ToAge is null || x.Group.ToAge >= x.Group.FromAge))
            .OrderBy(x => x.Group.FromAge)
            .ToList();
        var next = 0;
        var open = false;
        foreach (var (group, index) in groups)
        {
            if (open || group.FromAge < next)
            {
                error($"capitation.ageSexWeights[{index}]", "organiser.agesOverlap", $"ages {group.Label} overlap another group for sex {sex}: every age must be covered exactly once");
                continue;
            }

            if (group.FromAge > next)
            {
                error($"capitation.ageSexWeights", "organiser.agesGap", $"no group covers ages {next}-{group.FromAge - 1} for sex {sex}");
            }

            if (group.ToAge is { } to)
            {
                next = to + 1;
            }
            else
            {
                open = true;
            }
        }

        if (!open)
        {
            error($"capitation.ageSexWeights", "organiser.agesOpenEnd", $"no group covers ages from {next} upwards for sex {sex} (the last group needs toAge null)");
        }
    }

    private static void CheckTripleAim(TripleAimTerms t, Action<FormattableString, string, FormattableString> error)
    {
        if (t.PoolRate < 0m)
        {
            error($"tripleAim.poolRate", "organiser.poolRateNegative", $"the pool rate cannot be negative, is {t.PoolRate}");
        }

        if (t.Aims.IsEmpty)
        {
            error($"tripleAim.aims", "organiser.noAim", $"the triple aim has no aim");
            return;
        }

        var aimIds = new HashSet<string>(StringComparer.Ordinal);
        var indicatorIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Aims.Length; i++)
        {
            var aim = t.Aims[i];
            if (!aimIds.Add(aim.Id))
            {
                error($"tripleAim.aims[{i}].id", "organiser.aimTwice", $"aim {aim.Id} is named twice");
            }

            if (aim.Indicators.IsEmpty)
            {
                error($"tripleAim.aims[{i}].indicators", "organiser.aimNoIndicator", $"aim {aim.Id} has no indicator");
            }

            for (var j = 0; j < aim.Indicators.Length; j++)
            {
                var indicator = aim.Indicators[j];
                if (!indicatorIds.Add(indicator.Id))
                {
                    error($"tripleAim.aims[{i}].indicators[{j}].id", "organiser.indicatorTwice", $"indicator {indicator.Id} is used twice");
                }

                if (indicator.Levels.IsEmpty)
                {
                    error($"tripleAim.aims[{i}].indicators[{j}].levels", "organiser.indicatorNoLevels", $"indicator {indicator.Id} has no levels");
                }

                foreach (var (year, levels) in indicator.Levels)
                {
                    if (!levels.IsStrictlyMonotone)
                    {
                        error($"tripleAim.aims[{i}].indicators[{j}].levels.{year}", "organiser.levelsNotMonotone", $"indicator {indicator.Id} levels for {year} are not strictly monotone (minus100 {levels.Minus100}, zero {levels.Zero}, plus100 {levels.Plus100})");
                    }
                }
            }

            var sum = aim.Indicators.Sum(x => x.Weight.Percent);
            if (!aim.Indicators.IsEmpty && Math.Abs(sum - aim.Weight.Percent) > ScenarioRules.Tolerance)
            {
                error($"tripleAim.aims[{i}].weight", "organiser.indicatorWeightsSum", $"indicator weights of aim {aim.Id} add up to {sum}, not its weight {aim.Weight.Percent}");
            }
        }

        var total = t.Aims.Sum(a => a.Weight.Percent);
        if (Math.Abs(total - 100m) > ScenarioRules.Tolerance)
        {
            error($"tripleAim.aims", "organiser.aimWeightsSum", $"aim weights add up to {total}, not 100");
        }
    }

    private static void CheckInvoicing(InvoicingTerms v, HashSet<string> municipalities, Action<FormattableString, string, FormattableString> error)
    {
        if (v.Members.IsEmpty)
        {
            error($"invoicing.members", "organiser.noMember", $"invoicing has no member");
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < v.Members.Length; i++)
        {
            var member = v.Members[i];
            if (!municipalities.Contains(member))
            {
                error($"invoicing.members[{i}]", "organiser.memberUnknown", $"member {member} is not one of the model's municipalities");
            }

            if (!members.Add(member))
            {
                error($"invoicing.members[{i}]", "organiser.memberTwice", $"member {member} is named twice");
            }
            else if (!v.Budgets.ContainsKey(member))
            {
                error($"invoicing.budgets.{member}", "organiser.memberNoBudget", $"member {member} has no budget");
            }
        }

        foreach (var code in v.MemberParties.Keys.Where(code => !members.Contains(code)))
        {
            error($"invoicing.memberParties.{code}", "organiser.notMember", $"{code} is not a member");
        }

        foreach (var code in v.Budgets.Keys.Where(code => !members.Contains(code)))
        {
            error($"invoicing.budgets.{code}", "organiser.notMember", $"{code} is not a member");
        }

        var accountOwner = new Dictionary<string, string?>(StringComparer.Ordinal);
        var productIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < v.Products.Length; i++)
        {
            var product = v.Products[i];
            if (!productIds.Add(product.Id))
            {
                error($"invoicing.products[{i}].id", "organiser.productTwice", $"product {product.Id} is named twice");
            }

            if (product.Output.Services.IsEmpty)
            {
                error($"invoicing.products[{i}].output.service", "organiser.productNoService", $"product {product.Id} counts no service");
            }

            for (var j = 0; j < product.CostAccounts.Length; j++)
            {
                var account = product.CostAccounts[j];
                if (!accountOwner.TryAdd(account, product.Id))
                {
                    error($"invoicing.products[{i}].costAccounts[{j}]", "organiser.accountTaken", $"account {account} is already in product {accountOwner[account]}: an account is in at most one product or the overhead");
                }
            }
        }

        for (var j = 0; j < v.OverheadAccounts.Length; j++)
        {
            var account = v.OverheadAccounts[j];
            // The owner of an account is a product's id, or null for the overhead itself (an account named twice there).
            if (!accountOwner.TryAdd(account, null))
            {
                if (accountOwner[account] is { } owner)
                {
                    error($"invoicing.overhead.costAccounts[{j}]", "organiser.accountTaken", $"account {account} is already in product {owner}: an account is in at most one product or the overhead");
                }
                else
                {
                    error($"invoicing.overhead.costAccounts[{j}]", "organiser.accountTwiceInOverhead", $"account {account} is named twice in the overhead");
                }
            }
        }
    }
}
