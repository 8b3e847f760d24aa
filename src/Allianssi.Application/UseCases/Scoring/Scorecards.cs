using Allianssi.Application.UseCases.Common;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// Scores a period from an alliance's data (every year scored, the period score) with one year in
/// detail: KRAs, then indicators with value, levels, score, effective weight and the missing rule
/// applied. Pure: the use cases read it through the result calculator (<c>UseCases/Results</c>),
/// what-if and the public results call it on their own data.
/// </summary>
internal static class Scorecards
{
    /// <summary>
    /// The years of a period that are scored: only years that have happened and have data. After the
    /// last year with any value, carry-forward and the missing rules would otherwise score years that
    /// have not happened (P3 2026-2028 scored without data).
    /// </summary>
    public static List<int> ScoredYears(AllianceData data, IReadOnlyList<int> years, IReadOnlyList<KeyResultArea> kras)
    {
        var last = Math.Min(data.ThisYear, data.LastValueYear ?? int.MinValue);
        return years.Where(y => y <= last && Scorer.ScoreYear(kras, y, 12) is not null).ToList();
    }

    public static Outcome<ScorecardView> Compute(AllianceData data, string periodCode, int? year, WhatIfChanges changes)
    {
        var period = data.Period(periodCode);
        if (period is null)
        {
            return Outcome<ScorecardView>.NotFound("notFound.period", $"period '{periodCode}'");
        }

        var years = AllianceData.YearsOf(period);
        if (year is { } asked && !years.Contains(asked))
        {
            return YearRefusals.OutsidePeriod<ScorecardView>(asked, period.Code, years[0], years[^1]);
        }

        try
        {
            var kras = data.Kras(changes);
            var scored = ScoredYears(data, years, kras);
            if (scored.Count == 0)
            {
                return Outcome<ScorecardView>.Invalid(NotYet.Field, "form.periodNoDataYet", $"period {period.Code} has no year with data yet");
            }

            if (year is { } later && later > scored[^1])
            {
                return Outcome<ScorecardView>.Invalid(NotYet.Field, "form.yearNoDataYet", $"{later} has no data yet: period {period.Code} is scored up to {scored[^1]}");
            }

            var chosen = year ?? scored[^1];
            var card = Scorer.Score(kras, AllianceData.ToDomain(period), scored);
            var view = ScorecardViews.Build(data, period, card, chosen, kras);
            return Outcome<ScorecardView>.Ok(view with
            {
                YearSoFar = data.InProgress(chosen),
                ToDateThrough = scored[^1] < years[^1] || data.InProgress(scored[^1]) ? scored[^1] : null,
            });
        }
        catch (InvalidScenarioException e)
        {
            return Outcome<ScorecardView>.Invalid(ScorecardViews.Errors(e)) with { Coded = e.Errors };
        }
    }
}

/// <summary>
/// The field under which scoring and settling refuse a period or year that has no data yet (the
/// pages word it in the reader's language; the API keeps the English message).
/// </summary>
public static class NotYet
{
    /// <summary>The error field: no year of the period (or not the asked year) has data yet.</summary>
    public const string Field = "noDataYet";

    /// <summary>The error field: the span to date has a year without any target cost; its values are the years.</summary>
    public const string TargetCostYears = "targetCosts.missingYears";
}
