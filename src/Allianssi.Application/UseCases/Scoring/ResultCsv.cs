using Allianssi.Application.Security;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// The scorecard and the settlement as CSV (the API's <c>?format=csv</c>). Every row carries the
/// locked scope and the SHA-256 of the approved snapshot when the result is locked, so a file
/// passed on still says which approved result it belongs to. Text cells are neutralised
/// (<see cref="SpreadsheetSafe"/>).
/// </summary>
public static class ResultCsv
{
    private static readonly string[] LockColumns = ["locked_scope", "snapshot_sha256"];

    /// <summary>One row per party with the money of the settlement, then the totals.</summary>
    public static string Settlement(SettlementView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (scope, hash) = ResultLocks.CsvCells(view.Locks);
        string[] header = ["alliance", "period", "span", "party", "name", "role", "target_cost", "actual_cost", "non_reimbursable", "fee", "share", "incentive", "compensation", "payment", "period_score", .. LockColumns];
        var span = string.Join(' ', view.Span);
        var rows = view.Parties.Select(p => (IReadOnlyList<object?>)
            [view.Alliance, view.Period, span, p.Code, p.Name, p.Role, p.TargetCost, p.ActualCost, p.NonReimbursable, p.Fee, p.Share, p.Incentive, p.Compensation, p.Payment, view.PeriodScore, scope, hash])
            .Append([view.Alliance, view.Period, span, "total", null, null, view.TargetCost, view.ActualCost, null, view.FeeTotal, null, view.Incentive, null, null, view.PeriodScore, scope, hash]);
        return SpreadsheetSafe.Csv(header, rows);
    }

    /// <summary>One row per indicator of the year in detail (with its key result area's score), then the year's overall score.</summary>
    public static string Scorecard(ScorecardView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (scope, hash) = ResultLocks.CsvCells(view.Locks);
        string[] header = ["alliance", "period", "year", "kra", "kra_score", "indicator", "value", "value_year", "value_source", "minus100", "zero", "plus100", "score", "weight", "effective_weight", "missing_rule_applied", .. LockColumns];
        var rows = view.Kras.SelectMany(k => k.Indicators.Select(i => (IReadOnlyList<object?>)
            [view.Alliance, view.Period, view.Year, k.Code, k.Score, i.Code, i.Value, i.ValueYear, i.ValueSource, i.Minus100, i.Zero, i.Plus100, i.Score, i.Weight, i.EffectiveWeight, i.MissingRuleApplied, scope, hash]))
            .Append([view.Alliance, view.Period, view.Year, "overall", view.OverallScore, null, null, null, null, null, null, null, view.OverallScore, null, null, null, scope, hash]);
        return SpreadsheetSafe.Csv(header, rows);
    }
}
