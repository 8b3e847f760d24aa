using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// The scorecard of a period (every year scored, the period score) with one year in detail:
/// KRAs, then indicators with value, levels, score, effective weight and the missing rule applied.
/// </summary>
public sealed class GetScorecard(AllianssiDbContext db, CurrentSnapshots current, TimeProvider time)
{
    public async Task<Outcome<ScorecardView>> ExecuteAsync(string allianceCode, string periodCode, int? year, CancellationToken ct = default)
    {
        var data = await AllianceData.LoadAsync(db, allianceCode, ct);
        if (data is null)
        {
            return Outcome<ScorecardView>.NotFound($"alliance '{allianceCode}'");
        }

        var outcome = Compute(data with { ThisYear = time.GetUtcNow().Year }, periodCode, year, WhatIfChanges.None);
        return outcome.IsOk
            ? Outcome<ScorecardView>.Ok(outcome.Value! with { Locks = await ResultLocks.InForceAsync(db, current, allianceCode, periodCode, year, ct) })
            : outcome;
    }

    internal static Outcome<ScorecardView> Compute(AllianceData data, string periodCode, int? year, WhatIfChanges changes)
    {
        var period = data.Period(periodCode);
        if (period is null)
        {
            return Outcome<ScorecardView>.NotFound($"period '{periodCode}'");
        }

        var years = AllianceData.YearsOf(period);
        if (year is { } asked && !years.Contains(asked))
        {
            return Outcome<ScorecardView>.Invalid("year", $"{asked} is not a year of period {period.Code} ({years[0]}-{years[^1]})");
        }

        try
        {
            var kras = data.Kras(changes);
            // Only years that have happened and have data are scored: after the last year with any value, carry-forward
            // and the missing rules would otherwise score years that have not happened (P3 2026-2028 scored without data).
            var last = Math.Min(data.ThisYear, data.LastValueYear ?? int.MinValue);
            var scored = years.Where(y => y <= last && Scorer.ScoreYear(kras, y, 12) is not null).ToList();
            if (scored.Count == 0)
            {
                return Outcome<ScorecardView>.Invalid("year", $"period {period.Code} has no year with data yet");
            }

            var chosen = year ?? scored[^1];
            var card = Scorer.Score(kras, AllianceData.ToDomain(period), scored);
            return Outcome<ScorecardView>.Ok(ScorecardViews.Build(data, period, card, chosen, kras));
        }
        catch (InvalidScenarioException e)
        {
            return Outcome<ScorecardView>.Invalid(ScorecardViews.Errors(e));
        }
    }
}
