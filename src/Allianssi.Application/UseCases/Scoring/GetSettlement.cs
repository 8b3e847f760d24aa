using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Settlements;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// Settles a period (or one year of it) from the database: the persisted configuration and data
/// become the domain's scenario and the domain's <see cref="Settler"/> computes the money, so the
/// numbers equal <c>allianssi settle</c> on the equivalent scenario file.
/// </summary>
public sealed class GetSettlement(AllianssiDbContext db, CurrentSnapshots current)
{
    public async Task<Outcome<SettlementView>> ExecuteAsync(string allianceCode, string periodCode, int? year, CancellationToken ct = default)
    {
        var data = await AllianceData.LoadAsync(db, allianceCode, ct);
        if (data is null)
        {
            return Outcome<SettlementView>.NotFound($"alliance '{allianceCode}'");
        }

        var outcome = Compute(data, periodCode, year, WhatIfChanges.None);
        return outcome.IsOk
            ? Outcome<SettlementView>.Ok(outcome.Value! with { Locks = await ResultLocks.InForceAsync(db, current, allianceCode, periodCode, year, ct) })
            : outcome;
    }

    internal static Outcome<SettlementView> Compute(AllianceData data, string periodCode, int? year, WhatIfChanges changes)
    {
        var period = data.Period(periodCode);
        if (period is null)
        {
            return Outcome<SettlementView>.NotFound($"period '{periodCode}'");
        }

        var years = AllianceData.YearsOf(period);
        if (year is { } y && !years.Contains(y))
        {
            return Outcome<SettlementView>.Invalid("year", $"{y} is not a year of period {period.Code} ({years[0]}-{years[^1]})");
        }

        IReadOnlyList<int> span = year is { } one ? [one] : years;
        try
        {
            var settlement = Settler.Settle(data.Scenario(period, span, changes));
            return Outcome<SettlementView>.Ok(Build(data, period, settlement));
        }
        catch (InvalidScenarioException e)
        {
            return Outcome<SettlementView>.Invalid(ScorecardViews.Errors(e));
        }
    }

    private static SettlementView Build(AllianceData data, Data.Entities.Period period, Settlement s)
    {
        var span = s.Span.ToHashSet();
        var targetCosts = data.TargetCosts.Where(t => span.Contains(t.Year)).OrderBy(t => t.Year).ThenBy(t => t.PartyId)
            .Select(t => new TargetCostRow(
                data.PartyCode(t.PartyId),
                t.Year,
                t.Amount,
                data.Adjustments.Where(a => a.PartyId == t.PartyId && a.Year == t.Year)
                    .Select(a => new AdjustmentRow(a.Id, data.PartyCode(a.PartyId), a.Year, a.Amount, a.Reason, a.Decision)).ToList()))
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
        };
    }
}
