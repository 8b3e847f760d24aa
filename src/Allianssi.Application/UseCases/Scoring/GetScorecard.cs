using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// The scorecard of a period (every year scored, the period score) with one year in detail:
/// KRAs, then indicators with value, levels, score, effective weight and the missing rule applied.
/// </summary>
public sealed class GetScorecard(AllianssiDbContext db, CurrentSnapshots current)
{
    public async Task<Outcome<ScorecardView>> ExecuteAsync(string allianceCode, string periodCode, int? year, CancellationToken ct = default)
    {
        var data = await AllianceData.LoadAsync(db, allianceCode, ct);
        if (data is null)
        {
            return Outcome<ScorecardView>.NotFound($"alliance '{allianceCode}'");
        }

        var outcome = Compute(data, periodCode, year, WhatIfChanges.None);
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
        var chosen = year ?? years[^1];
        if (!years.Contains(chosen))
        {
            return Outcome<ScorecardView>.Invalid("year", $"{chosen} is not a year of period {period.Code} ({years[0]}-{years[^1]})");
        }

        try
        {
            var kras = data.Kras(changes);
            // An open period has years without any value yet: score the years that can be scored.
            var scored = years.Where(y => Scorer.ScoreYear(kras, y, 12) is not null).ToList();
            var card = Scorer.Score(kras, AllianceData.ToDomain(period), scored.Count > 0 ? scored : years);
            return Outcome<ScorecardView>.Ok(ScorecardViews.Build(data, period, card, chosen, kras));
        }
        catch (InvalidScenarioException e)
        {
            return Outcome<ScorecardView>.Invalid(ScorecardViews.Errors(e));
        }
    }
}
