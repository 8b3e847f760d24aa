using Allianssi.Application.UseCases.Common;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Settlements;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// Settles a period (or one year of it) from an alliance's data: the persisted configuration and data
/// become the domain's scenario and the domain's <see cref="Settler"/> computes the money, so the
/// numbers equal <c>allianssi settle</c> on the equivalent scenario file. Pure: the use cases read
/// it through the result calculator (<c>UseCases/Results</c>); what-if calls it with its changes.
/// </summary>
internal static class Settlements
{
    public static Outcome<SettlementView> Compute(AllianceData data, string periodCode, int? year, WhatIfChanges changes)
    {
        var period = data.Period(periodCode);
        if (period is null)
        {
            return Outcome<SettlementView>.NotFound("notFound.period", $"period '{periodCode}'");
        }

        var years = AllianceData.YearsOf(period);
        if (year is { } y && !years.Contains(y))
        {
            return YearRefusals.OutsidePeriod<SettlementView>(y, period.Code, years[0], years[^1]);
        }

        // Only years that are scored are settled: a period that runs into the future settles "to date",
        // the span from its first year up to its last scored year, with the target costs of that span
        // (commercial-model.md section 5 settles "a period, or one year of it": any span of its years).
        var scored = Scorecards.ScoredYears(data, years, data.Kras(changes));
        if (scored.Count == 0)
        {
            return Outcome<SettlementView>.Invalid(NotYet.Field, "form.periodNoDataYet", $"period {period.Code} has no year with data yet");
        }

        if (year is { } later && later > scored[^1])
        {
            return Outcome<SettlementView>.Invalid(NotYet.Field, "form.yearNoDataYet", $"{later} has no data yet: period {period.Code} is scored up to {scored[^1]}");
        }

        IReadOnlyList<int> span = year is { } one ? [one] : years.Where(y => y <= scored[^1]).ToList();
        var toDate = year is null && (span[^1] < years[^1] || data.InProgress(span[^1]));
        var withoutTarget = span.Where(y => !data.TargetCosts.Any(t => t.Year == y)).ToList();
        if (withoutTarget.Count > 0)
        {
            // No target cost is agreed for a year of the span: the money cannot be settled (the spec's
            // target cost of the span would be missing, not zero). Say so instead of the domain's check.
            var list = string.Join(", ", withoutTarget.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return Outcome<SettlementView>.Invalid(new Dictionary<string, string[]>
            {
                ["targetCosts"] = [$"no target cost is recorded for {list}, so period {period.Code} cannot be settled{(toDate ? " to date" : "")}; its scores are on the scorecard"],
                [NotYet.TargetCostYears] = [.. withoutTarget.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            });
        }

        try
        {
            var settlement = Settler.Settle(data.Scenario(period, span, changes));
            return Outcome<SettlementView>.Ok(Build(data, period, settlement) with
            {
                ToDateThrough = toDate ? span[^1] : null,
                SoFar = data.InProgress(span[^1]),
                ScoredYears = scored,
            });
        }
        catch (InvalidScenarioException e)
        {
            return Outcome<SettlementView>.Invalid(ScorecardViews.Errors(e)) with { Coded = e.Errors };
        }
    }

    private static SettlementView Build(AllianceData data, Data.Entities.Period period, Settlement s)
    {
        var span = s.Span.ToHashSet();
        var targetCosts = data.TargetCosts.Where(t => span.Contains(t.Year)).OrderBy(t => t.Year).ThenBy(t => t.PartyId)
            .Select(t => new TargetCostRow(
                data.PartyCode(t.PartyId),
                t.Year,
                t.Amount.Euros,
                data.Adjustments.Where(a => a.PartyId == t.PartyId && a.Year == t.Year)
                    .Select(a => new AdjustmentRow(a.Id, data.PartyCode(a.PartyId), a.Year, a.Amount.Euros, a.Reason, a.Decision)).ToList()))
            .ToList();
        var parties = s.Parties.Select(p =>
        {
            var entity = data.Alliance.Parties.Single(x => x.Code == p.Id.Value);
            return new PartyRow(
                p.Id.Value,
                entity.Name,
                Alliances.Text.Role(entity.Role),
                p.TargetCost.Euros,
                p.ActualCost.Euros,
                p.NonReimbursable.Euros,
                p.Fee.Euros,
                p.Share.Euros,
                p.Incentive.Euros,
                p.Compensation?.Euros,
                p.Payment?.Euros);
        }).ToList();
        return new SettlementView(
            data.Alliance.Code,
            period.Code,
            [.. s.Span],
            s.PeriodScore.Value,
            s.TargetCost.Euros,
            s.ActualCost.Euros,
            s.FeeTotal.Euros,
            s.CostResult.Euros,
            s.Incentive.Euros,
            targetCosts,
            parties,
            s.Explanations.Select(e => e.Text).ToList())
        {
            Lines = s.Explanations,
            Sources = SourcesOf(data, span),
        };
    }

    private static SettlementSources SourcesOf(AllianceData data, HashSet<int> span)
    {
        var origins = data.Origins.Where(o => span.Contains(o.Key.Year)).Select(o => o.Value).ToList();
        var ledger = data.Ledger.Where(l => span.Contains(l.Year)).ToList();
        return new SettlementSources(
            origins.Count(o => o.Kind == Indicators.ValueOriginKind.Computed),
            origins.Count(o => o.Kind == Indicators.ValueOriginKind.Entered),
            origins.Count(o => o.Kind == Indicators.ValueOriginKind.Illustrative),
            origins.Where(o => o.Kind == Indicators.ValueOriginKind.Computed).Max(o => o.At),
            ledger.Count,
            ledger.Count(l => l.Description == Reference.DemoData.ValueSource));
    }
}
