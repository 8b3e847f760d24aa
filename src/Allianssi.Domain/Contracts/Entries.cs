namespace Allianssi.Domain.Contracts;

/// <summary>A purchaser's agreed target cost for one calendar year [tavoitekustannus, TAK], VAT excluded.</summary>
public sealed record TargetCost(PartyId Purchaser, int Year, Money Amount);

/// <summary>A signed change to a purchaser's target cost for one year [tavoitekustannuksen muutos].</summary>
/// <param name="Purchaser">Whose target cost changes.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Amount">Signed amount added to the target cost.</param>
/// <param name="Reason">Why, in the words of the decision.</param>
/// <param name="Decision">Reference to the decision (body, date, section).</param>
public sealed record TargetCostAdjustment(PartyId Purchaser, int Year, Money Amount, string Reason, string Decision);

/// <summary>A line of the open-book ledger [avoimet kirjat]: a party's cost for a year.</summary>
/// <param name="Party">Whose cost.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Amount">Signed amount (credit notes are negative).</param>
/// <param name="Reimbursable">Only reimbursable lines count as actual cost; the others are shown, never summed.</param>
public sealed record LedgerEntry(PartyId Party, int Year, Money Amount, bool Reimbursable);

/// <summary>The incentive terms [kannustin]: the bonus pool and the sanction cap.</summary>
/// <param name="Pool">Paid in full at score +100.</param>
/// <param name="SanctionCap">Charged in full at score -100.</param>
public sealed record IncentiveTerms(Money Pool, Money SanctionCap);
