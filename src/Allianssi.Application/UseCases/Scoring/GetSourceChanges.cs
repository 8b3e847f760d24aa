using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Indicators;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// A change of source of a period's scored values: since <paramref name="Since"/> (when the results now
/// used were computed), <paramref name="Computed"/> values of the period come from computed results,
/// <paramref name="ReplacedIllustrative"/> of them instead of illustrative values, and the period score
/// moved from <paramref name="ScoreBefore"/> (the values without any computed result; null when that
/// gave no score) to <paramref name="ScoreNow"/>.
/// </summary>
public sealed record SourceChange(string Period, DateTimeOffset Since, int Computed, int ReplacedIllustrative, decimal? ScoreBefore, decimal ScoreNow);

/// <summary>
/// What the computed results changed, per period, derived from stored data only: the stored values
/// (entered and illustrative), the computed results with their times and batches, scored with and
/// without the computed results. The overview announces it.
/// </summary>
public sealed class GetSourceChanges(AllianssiDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<SourceChange>> ExecuteAsync(string allianceCode, CancellationToken ct = default)
    {
        var loaded = await AllianceData.LoadAsync(db, allianceCode, ct);
        if (loaded is null)
        {
            return [];
        }

        var data = loaded with { ThisYear = time.GetUtcNow().Year };
        var before = data.WithoutComputed();
        var illustrative = data.StoredValues.Where(ComputedValues.IsIllustrative).Select(v => (v.IndicatorId, v.Year)).ToHashSet();
        var changes = new List<SourceChange>();
        foreach (var period in data.Alliance.Periods.OrderBy(p => p.Dates.Start))
        {
            var now = Scorecards.Compute(data, period.Code, null, WhatIfChanges.None);
            if (!now.IsOk)
            {
                continue;
            }

            var years = now.Value!.Trend.Select(t => t.Year).ToHashSet();
            var computed = data.Origins.Where(o => o.Value.Kind == ValueOriginKind.Computed && years.Contains(o.Key.Year)).ToList();
            if (computed.Count == 0)
            {
                continue;
            }

            var old = Scorecards.Compute(before, period.Code, null, WhatIfChanges.None);
            changes.Add(new SourceChange(
                period.Code,
                computed.Min(o => o.Value.At!.Value),
                computed.Count,
                computed.Count(o => illustrative.Contains(o.Key)),
                old.IsOk ? old.Value!.PeriodScore : null,
                now.Value.PeriodScore));
        }

        return changes;
    }
}
