namespace Allianssi.Application.UseCases.Scoring;

/// <summary>A purchaser's target cost for the span, with the adjustments that make it.</summary>
public sealed record TargetCostRow(string Purchaser, int Year, decimal Amount, IReadOnlyList<AdjustmentRow> Adjustments);

/// <summary>An adjustment with its reason and decision.</summary>
public sealed record AdjustmentRow(int Id, string Purchaser, int Year, decimal Amount, string Reason, string Decision);

/// <summary>One party's money in a settlement (published amounts, rounded to cents).</summary>
public sealed record PartyRow(
    string Code,
    string Name,
    string Role,
    decimal TargetCost,
    decimal ActualCost,
    decimal NonReimbursable,
    decimal Fee,
    decimal Share,
    decimal Incentive,
    decimal? Compensation,
    decimal? Payment);

/// <summary>The settlement of a period (or one year of it), the same numbers as <c>allianssi settle</c>.</summary>
public sealed record SettlementView(
    string Alliance,
    string Period,
    IReadOnlyList<int> Span,
    decimal PeriodScore,
    decimal TargetCost,
    decimal ActualCost,
    decimal FeeTotal,
    decimal CostResult,
    decimal Incentive,
    IReadOnlyList<TargetCostRow> TargetCosts,
    IReadOnlyList<PartyRow> Parties,
    IReadOnlyList<string> Explanation) : ResultView
{
    /// <summary>Set when a period is settled "to date": the last year of the span, earlier than the period's last year
    /// or still in progress. Null (and not written) for a whole period or one year.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? ToDateThrough { get; init; }

    /// <summary>Whether the span's last year is still in progress, so the result is "so far"; only written when true.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool SoFar { get; init; }

    /// <summary>The years of the period that are scored (the years a page offers to settle one by one); not in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> ScoredYears { get; init; } = [];

    /// <summary>Where the span's numbers come from (not in the JSON, so approved snapshots keep their hashes).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SettlementSources? Sources { get; init; }
}

/// <summary>
/// Where a settlement's numbers come from: the indicator values scored in the span by source (computed
/// from import batches, the latest computation's time; entered by hand; illustrative), and the
/// open-book ledger lines of the span (the reference example's illustrative lines among them).
/// </summary>
public sealed record SettlementSources(int Computed, int Entered, int Illustrative, DateTimeOffset? ComputedAt, int LedgerLines, int IllustrativeLedgerLines);
