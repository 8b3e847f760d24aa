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

    /// <summary>
    /// One row per party with the money of the settlement (in cents, as published), then the totals.
    /// The period score is shown rounded to one decimal, as on the pages, and exact beside it,
    /// since the incentive is computed from the exact score. Every row says whether the result is
    /// "so far" (its last year is in progress) and up to which year a period settled to date runs.
    /// </summary>
    public static string Settlement(SettlementView view, CsvFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (scope, hash) = ResultLockInfo.CsvCells(view.Locks);
        string[] header = ["alliance", "period", "span", "party", "name", "role", "target_cost", "actual_cost", "non_reimbursable", "fee", "share", "incentive", "compensation", "payment", "period_score", "period_score_exact", "so_far", "to_date_through", .. LockColumns];
        var span = string.Join(' ', view.Span);
        var rows = view.Parties.Select(p => (IReadOnlyList<object?>)
            [view.Alliance, view.Period, span, p.Code, p.Name, p.Role, p.TargetCost, p.ActualCost, p.NonReimbursable, p.Fee, p.Share, p.Incentive, p.Compensation, p.Payment, Score(view.PeriodScore), view.PeriodScore, view.SoFar, view.ToDateThrough, scope, hash])
            .Append([view.Alliance, view.Period, span, CsvWord.Total, null, null, view.TargetCost, view.ActualCost, null, view.FeeTotal, null, view.Incentive, null, null, Score(view.PeriodScore), view.PeriodScore, view.SoFar, view.ToDateThrough, scope, hash]);
        return SpreadsheetSafe.Csv(header, rows, format ?? CsvFormat.Invariant);
    }

    /// <summary>
    /// One row per indicator of the year in detail (with its key result area's score), then the
    /// year's overall score. Scores are rounded to one decimal as on the pages, with the exact
    /// score beside each (the next level of aggregation uses the exact one). Key result areas and
    /// indicators are named (<paramref name="name"/>: a name for an id, in the reader's language) beside
    /// their ids, and every row says whether the year is "so far" (in progress).
    /// </summary>
    public static string Scorecard(ScorecardView view, CsvFormat? format = null, Func<string, string>? name = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        name ??= id => id;
        var (scope, hash) = ResultLockInfo.CsvCells(view.Locks);
        string[] header = ["alliance", "period", "year", "kra", "kra_name", "kra_score", "kra_score_exact", "indicator", "indicator_name", "value", "value_year", "value_source", "minus100", "zero", "plus100", "score", "score_exact", "weight", "effective_weight", "missing_rule_applied", "so_far", .. LockColumns];
        var rows = view.Kras.SelectMany(k => k.Indicators.Select(i => (IReadOnlyList<object?>)
            [view.Alliance, view.Period, view.Year, k.Code, name(k.Code), Score(k.Score), k.Score, i.Code, name(i.Code), i.Value, i.ValueYear, i.ValueSource, i.Minus100, i.Zero, i.Plus100, Score(i.Score), i.Score, i.Weight, i.EffectiveWeight, i.MissingRuleApplied, view.YearSoFar, scope, hash]))
            .Append([view.Alliance, view.Period, view.Year, new CsvWord("overall"), null, Score(view.OverallScore), view.OverallScore, null, null, null, null, null, null, null, null, Score(view.OverallScore), view.OverallScore, null, null, null, view.YearSoFar, scope, hash]);
        return SpreadsheetSafe.Csv(header, rows, format ?? CsvFormat.Invariant);
    }

    /// <summary>A score at its display precision (one decimal, half away from zero, as commercial-model.md shows it).</summary>
    private static decimal? Score(decimal? score) => score is { } s ? Math.Round(s, 1, MidpointRounding.AwayFromZero) : null;
}
