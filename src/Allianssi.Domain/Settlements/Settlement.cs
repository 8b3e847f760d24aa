using System.Collections.Immutable;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Settlements;

/// <summary>One party's line of a settlement; every amount is published (rounded to cents).</summary>
/// <param name="Id">Party.</param>
/// <param name="Role">Its role.</param>
/// <param name="TargetCost">TAK_j for a purchaser (with adjustments); zero for others.</param>
/// <param name="ActualCost">AC_k: reimbursable ledger lines of the span [toteutunut kustannus].</param>
/// <param name="NonReimbursable">Non-reimbursable ledger lines: shown, never part of AC.</param>
/// <param name="Fee">Fee_k [palkkio]; zero for purchasers.</param>
/// <param name="Share">Share of the cost result D (gain positive, pain negative).</param>
/// <param name="Incentive">Bonus (+) or sanction (-) for a non-purchaser; for a purchaser the
/// negative of what it pays towards the incentive.</param>
/// <param name="Compensation">Non-purchasers: actual cost + fee + share + incentive; null for purchasers.</param>
/// <param name="Payment">Purchasers: their part of all non-purchasers' compensation; null for others.</param>
public sealed record PartySettlement(
    PartyId Id,
    PartyRole Role,
    Money TargetCost,
    Money ActualCost,
    Money NonReimbursable,
    Money Fee,
    Money Share,
    Money Incentive,
    Money? Compensation,
    Money? Payment);

/// <summary>
/// The money of a settled span [tilitys]: target cost, actual cost, fees, the cost result D and its
/// shares, the incentive, and what each party receives or pays, with the scorecard it rests on.
/// </summary>
/// <remarks>
/// Immutable. Totals are published rounded to cents; the shares add up to <see cref="CostResult"/>
/// exactly and the incentive amounts to zero. Every figure has an explanation line in
/// <see cref="Explanations"/> (scoring lines first, then money).
/// </remarks>
public sealed class Settlement
{
    internal Settlement(
        string periodId,
        ImmutableArray<int> span,
        Scorecard scorecard,
        Money targetCost,
        Money actualCost,
        Money feeTotal,
        Money costResult,
        Money incentive,
        ImmutableArray<PartySettlement> parties,
        ImmutableArray<Explanation> explanations)
    {
        PeriodId = periodId;
        Span = span;
        Scorecard = scorecard;
        TargetCost = targetCost;
        ActualCost = actualCost;
        FeeTotal = feeTotal;
        CostResult = costResult;
        Incentive = incentive;
        Parties = parties;
        Explanations = explanations;
    }

    /// <summary>The contract period's id.</summary>
    public string PeriodId { get; }

    /// <summary>The settled years, ascending.</summary>
    public ImmutableArray<int> Span { get; }

    /// <summary>Scores per year and the period score S.</summary>
    public Scorecard Scorecard { get; }

    /// <summary>S, the score the incentive rests on.</summary>
    public Score PeriodScore => Scorecard.PeriodScore;

    /// <summary>TAK: all purchasers' target costs with adjustments [tavoitekustannus].</summary>
    public Money TargetCost { get; }

    /// <summary>AC: all reimbursable ledger lines [toteutunut kustannus].</summary>
    public Money ActualCost { get; }

    /// <summary>FeeTotal: all non-purchasers' fees.</summary>
    public Money FeeTotal { get; }

    /// <summary>D: positive for an underrun (gain), negative for an overrun (pain).</summary>
    public Money CostResult { get; }

    /// <summary>B: bonus (positive) or sanction (negative) from S.</summary>
    public Money Incentive { get; }

    /// <summary>Per party, in file order.</summary>
    public ImmutableArray<PartySettlement> Parties { get; }

    /// <summary>One line per figure: scores, weights, then money.</summary>
    public ImmutableArray<Explanation> Explanations { get; }

    /// <summary>The explanation of a figure by key (e.g. <c>share.mehilainen</c>), or null.</summary>
    public Explanation? Explain(string key) => Explanations.FirstOrDefault(e => e.Key == key);

    /// <summary>The line of a party.</summary>
    /// <exception cref="KeyNotFoundException">No such party.</exception>
    public PartySettlement Party(PartyId id) =>
        Parties.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"no party {id}");
}
