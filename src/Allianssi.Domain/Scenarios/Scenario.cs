using System.Collections.Immutable;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Scenarios;

/// <summary>
/// Everything one settlement needs: the contract's terms for a period, the settled span of years,
/// target costs and their adjustments, the open-book ledger, and the scorecard with its values.
/// </summary>
/// <remarks>
/// The aggregate root: construction checks every rule of the commercial model and throws
/// <see cref="InvalidScenarioException"/> with all errors, each naming its field by its path in the
/// scenario file (<c>kras[0].indicators[1].weight</c>). A constructed scenario is valid and immutable;
/// the <c>With…</c> methods return new, re-validated scenarios.
/// </remarks>
public sealed class Scenario
{
    /// <summary>Creates and validates a scenario.</summary>
    /// <exception cref="InvalidScenarioException">Any rule is broken; all errors are reported.</exception>
    public Scenario(
        ContractPeriod period,
        IEnumerable<int> span,
        IEnumerable<Party> parties,
        IEnumerable<TargetCost> targetCosts,
        IEnumerable<TargetCostAdjustment> adjustments,
        IEnumerable<LedgerEntry> ledger,
        bool targetCostIncludesFee,
        IncentiveTerms incentive,
        IEnumerable<KeyResultArea> kras)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(targetCosts);
        ArgumentNullException.ThrowIfNull(adjustments);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(incentive);
        ArgumentNullException.ThrowIfNull(kras);
        Period = period;
        Span = [.. span];
        Parties = [.. parties];
        TargetCosts = [.. targetCosts];
        Adjustments = [.. adjustments];
        Ledger = [.. ledger];
        TargetCostIncludesFee = targetCostIncludesFee;
        Incentive = incentive;
        Kras = [.. kras];

        var errors = ScenarioRules.Check(this);
        if (errors.Count > 0)
        {
            throw new InvalidScenarioException(errors);
        }
    }

    /// <summary>The contract period [sopimusjakso].</summary>
    public ContractPeriod Period { get; }

    /// <summary>The settled calendar years, in the order given; all inside the period.</summary>
    public ImmutableArray<int> Span { get; }

    /// <summary>The parties in file order (order decides ties for residual cents).</summary>
    public ImmutableArray<Party> Parties { get; }

    /// <summary>Target costs per purchaser and year [tavoitekustannus].</summary>
    public ImmutableArray<TargetCost> TargetCosts { get; }

    /// <summary>Signed target cost adjustments.</summary>
    public ImmutableArray<TargetCostAdjustment> Adjustments { get; }

    /// <summary>The open-book ledger [avoimet kirjat].</summary>
    public ImmutableArray<LedgerEntry> Ledger { get; }

    /// <summary>Whether the target cost already contains the fees (then D subtracts FeeTotal).</summary>
    public bool TargetCostIncludesFee { get; }

    /// <summary>Bonus pool and sanction cap.</summary>
    public IncentiveTerms Incentive { get; }

    /// <summary>The scorecard: key result areas with their indicators.</summary>
    public ImmutableArray<KeyResultArea> Kras { get; }

    /// <summary>The purchasers in file order.</summary>
    public IEnumerable<Party> Purchasers => Parties.Where(p => p.IsPurchaser);

    /// <summary>The producers and partners in file order.</summary>
    public IEnumerable<Party> NonPurchasers => Parties.Where(p => !p.IsPurchaser);

    /// <summary>The same scenario settled over other years of the period (e.g. one year).</summary>
    public Scenario WithSpan(IEnumerable<int> span) =>
        new(Period, span, Parties, TargetCosts, Adjustments, Ledger, TargetCostIncludesFee, Incentive, Kras);

    /// <summary>The same scenario with another ledger.</summary>
    public Scenario WithLedger(IEnumerable<LedgerEntry> ledger) =>
        new(Period, Span, Parties, TargetCosts, Adjustments, ledger, TargetCostIncludesFee, Incentive, Kras);

    /// <summary>The same scenario with other indicator values (e.g. from the indicator engine).</summary>
    /// <param name="values">Values by indicator id and year; indicators not named keep their values.</param>
    public Scenario WithIndicatorValues(IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var kras = Kras.Select(k => new KeyResultArea(
            k.Id,
            k.Weight,
            k.Indicators.Select(i => values.TryGetValue(i.Id, out var v) ? i.WithValues(v) : i)));
        return new(Period, Span, Parties, TargetCosts, Adjustments, Ledger, TargetCostIncludesFee, Incentive, kras);
    }
}
