using System.Globalization;
using Allianssi.Domain.Contracts;

namespace Allianssi.Domain.Scenarios;

/// <summary>The validation rules of the commercial model, each error naming its field.</summary>
internal static class ScenarioRules
{
    /// <summary>Weight and share sums are compared with this tolerance.</summary>
    internal const decimal Tolerance = Weight.SumTolerance;

    public static List<ScenarioError> Check(Scenario s)
    {
        var errors = new List<ScenarioError>();
        // The text stays the invariant English the API and the CLI show; the code's arguments are the party, key result
        // area or indicator the error concerns (a page names it), then the message's own values.
        void Error(FormattableString path, string code, FormattableString message, params ScenarioSubject[] subjects) =>
            errors.Add(new ScenarioError(path.ToString(CultureInfo.InvariantCulture), message.ToString(CultureInfo.InvariantCulture))
            {
                Code = code,
                Arguments = [.. subjects, .. message.GetArguments()],
            });

        // Span
        if (s.Span.IsEmpty)
        {
            Error($"span", "scenario.spanEmpty", $"the span names no year");
        }

        var seenYears = new HashSet<int>();
        for (var i = 0; i < s.Span.Length; i++)
        {
            var year = s.Span[i];
            if (!s.Period.Covers(year))
            {
                Error($"span[{i}]", "scenario.yearOutsidePeriod", $"year {year} is outside period {s.Period.Id} ({s.Period.Dates})");
            }
            else if (!seenYears.Add(year))
            {
                Error($"span[{i}]", "scenario.yearTwice", $"year {year} is named twice");
            }
        }

        var spanIsValid = errors.Count == 0;

        // Parties
        var ids = new HashSet<PartyId>();
        for (var i = 0; i < s.Parties.Length; i++)
        {
            var p = s.Parties[i];
            if (!ids.Add(p.Id))
            {
                Error($"parties[{i}].id", "scenario.partyTwice", $"party id {p.Id} is used twice", Party(p.Id));
            }

            if (p.IsPurchaser)
            {
                if (p.Fee is not null)
                {
                    Error($"parties[{i}].fee", "scenario.purchaserFee", $"a purchaser earns no fee", Party(p.Id));
                }

                if (p.GainShare != 0m)
                {
                    Error($"parties[{i}].gainShare", "scenario.purchaserGainShare", $"a purchaser has no gain share of its own (purchasers take the rest)", Party(p.Id));
                }

                if (p.PainShare != 0m)
                {
                    Error($"parties[{i}].painShare", "scenario.purchaserPainShare", $"a purchaser has no pain share of its own (purchasers take the rest)", Party(p.Id));
                }

                if (p.IncentiveShare != 0m)
                {
                    Error($"parties[{i}].incentiveShare", "scenario.purchaserIncentiveShare", $"a purchaser pays the incentive and has no incentive share", Party(p.Id));
                }

                if (p.GainCap is { } pgc && pgc != Money.Zero)
                {
                    Error($"parties[{i}].gainCap", "scenario.purchaserGainCap", $"a purchaser has no gain cap", Party(p.Id));
                }

                if (p.PainCap is PainCap.Fee || (p.PainCap is PainCap.Amount a && a.Limit != Money.Zero))
                {
                    Error($"parties[{i}].painCap", "scenario.purchaserPainCap", $"a purchaser has no pain cap", Party(p.Id));
                }

                continue;
            }

            if (p.GainShare is < 0m or > 1m)
            {
                Error($"parties[{i}].gainShare", "scenario.gainShareRange", $"must lie in 0..1, is {p.GainShare}", Party(p.Id));
            }

            if (p.PainShare is < 0m or > 1m)
            {
                Error($"parties[{i}].painShare", "scenario.painShareRange", $"must lie in 0..1, is {p.PainShare}", Party(p.Id));
            }

            if (p.IncentiveShare < 0m)
            {
                Error($"parties[{i}].incentiveShare", "scenario.incentiveShareNegative", $"must not be negative, is {p.IncentiveShare}", Party(p.Id));
            }

            if (p.GainCap is { } gc && gc < Money.Zero)
            {
                Error($"parties[{i}].gainCap", "scenario.gainCapNegative", $"must not be negative, is {gc.Euros}", Party(p.Id));
            }

            if (p.PainCap is PainCap.Amount pc && pc.Limit < Money.Zero)
            {
                Error($"parties[{i}].painCap", "scenario.painCapNegative", $"must not be negative, is {pc.Limit.Euros}", Party(p.Id));
            }

            if (p.Fee is FeeTerms.PercentOfActual { Rate: < 0m } rate)
            {
                Error($"parties[{i}].fee.rate", "scenario.feeRateNegative", $"must not be negative, is {rate.Rate}", Party(p.Id));
            }

            if (p.Fee is FeeTerms.Fixed fixedFee && fixedFee.AmountPerYear < Money.Zero)
            {
                Error($"parties[{i}].fee.amount", "scenario.feeAmountNegative", $"must not be negative, is {fixedFee.AmountPerYear.Euros}", Party(p.Id));
            }
        }

        if (!s.Parties.Any(p => p.IsPurchaser))
        {
            Error($"parties", "scenario.noPurchaser", $"at least one party must be a purchaser");
        }

        var others = s.NonPurchasers.ToList();
        if (others.Sum(p => p.GainShare) > 1m + Tolerance)
        {
            Error($"parties", "scenario.gainSharesSum", $"gainShare of the non-purchasers adds up to {others.Sum(p => p.GainShare)}, more than 1");
        }

        if (others.Sum(p => p.PainShare) > 1m + Tolerance)
        {
            Error($"parties", "scenario.painSharesSum", $"painShare of the non-purchasers adds up to {others.Sum(p => p.PainShare)}, more than 1");
        }

        if (others.Count == 0)
        {
            Error($"parties", "scenario.noIncentiveReceiver", $"no producer or partner: the incentive shares must add up to 1 over the non-purchasers, and nobody could receive the incentive");
        }
        else if (Math.Abs(others.Sum(p => p.IncentiveShare) - 1m) > Tolerance)
        {
            Error($"parties", "scenario.incentiveSharesSum", $"incentiveShare of the non-purchasers adds up to {others.Sum(p => p.IncentiveShare)}, not 1");
        }

        // Money entries
        var purchasers = s.Purchasers.Select(p => p.Id).ToHashSet();
        for (var i = 0; i < s.TargetCosts.Length; i++)
        {
            var t = s.TargetCosts[i];
            if (!purchasers.Contains(t.Purchaser))
            {
                Error($"targetCosts[{i}].purchaser", "scenario.targetCostNotPurchaser", $"{t.Purchaser} is not a purchaser of the scenario", Party(t.Purchaser));
            }

            if (!s.Period.Covers(t.Year))
            {
                Error($"targetCosts[{i}].year", "scenario.targetCostYear", $"year {t.Year} is outside period {s.Period.Id} ({s.Period.Dates})");
            }
        }

        for (var i = 0; i < s.Adjustments.Length; i++)
        {
            var a = s.Adjustments[i];
            if (!purchasers.Contains(a.Purchaser))
            {
                Error($"adjustments[{i}].purchaser", "scenario.adjustmentNotPurchaser", $"{a.Purchaser} is not a purchaser of the scenario", Party(a.Purchaser));
            }

            if (!s.Period.Covers(a.Year))
            {
                Error($"adjustments[{i}].year", "scenario.adjustmentYear", $"year {a.Year} is outside period {s.Period.Id} ({s.Period.Dates})");
            }
        }

        for (var i = 0; i < s.Ledger.Length; i++)
        {
            var l = s.Ledger[i];
            if (!ids.Contains(l.Party))
            {
                Error($"ledger[{i}].party", "scenario.ledgerNotParty", $"{l.Party} is not a party of the scenario", Party(l.Party));
            }

            if (!s.Period.Covers(l.Year))
            {
                Error($"ledger[{i}].year", "scenario.ledgerYear", $"year {l.Year} is outside period {s.Period.Id} ({s.Period.Dates})");
            }
        }

        var spanYears = s.Span.ToHashSet();
        var tak = s.TargetCosts.Where(t => spanYears.Contains(t.Year)).Sum(t => t.Amount.Euros)
            + s.Adjustments.Where(a => spanYears.Contains(a.Year)).Sum(a => a.Amount.Euros);
        if (spanIsValid && tak <= 0m)
        {
            Error($"targetCosts", "scenario.targetCostNotPositive", $"the target cost of the span (with adjustments) must be positive, is {tak}");
        }

        // Incentive
        if (s.Incentive.Pool < Money.Zero)
        {
            Error($"incentive.pool", "scenario.poolNegative", $"must not be negative, is {s.Incentive.Pool.Euros}");
        }

        if (s.Incentive.SanctionCap < Money.Zero)
        {
            Error($"incentive.sanctionCap", "scenario.sanctionCapNegative", $"must not be negative, is {s.Incentive.SanctionCap.Euros}");
        }

        // Scorecard
        var indicatorIds = new HashSet<string>(StringComparer.Ordinal);
        var kraIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < s.Kras.Length; i++)
        {
            var kra = s.Kras[i];
            if (!kraIds.Add(kra.Id))
            {
                Error($"kras[{i}].id", "scenario.kraTwice", $"KRA id {kra.Id} is used twice", Kra(kra.Id));
            }

            if (kra.Weight.Percent <= 0m)
            {
                Error($"kras[{i}].weight", "scenario.kraWeightNotPositive", $"KRA {kra.Id} weight must be positive, is {kra.Weight.Percent}", Kra(kra.Id));
            }

            if (kra.Indicators.IsEmpty)
            {
                Error($"kras[{i}].indicators", "scenario.kraNoIndicator", $"KRA {kra.Id} has no indicator", Kra(kra.Id));
            }

            for (var j = 0; j < kra.Indicators.Length; j++)
            {
                var ind = kra.Indicators[j];
                if (!indicatorIds.Add(ind.Id))
                {
                    Error($"kras[{i}].indicators[{j}].id", "scenario.indicatorTwice", $"indicator id {ind.Id} is used twice", Indicator(ind.Id));
                }

                if (ind.Weight.Percent <= 0m)
                {
                    Error($"kras[{i}].indicators[{j}].weight", "scenario.indicatorWeightNotPositive", $"indicator {ind.Id} weight must be positive, is {ind.Weight.Percent}", Indicator(ind.Id));
                }

                foreach (var (year, levels) in ind.Levels)
                {
                    if (!levels.IsStrictlyMonotone)
                    {
                        Error($"kras[{i}].indicators[{j}].levels.{year}", "scenario.levelsNotMonotone", $"indicator {ind.Id} levels for {year} are not strictly monotone (minus100 {levels.Minus100}, zero {levels.Zero}, plus100 {levels.Plus100})", Indicator(ind.Id));
                    }
                }

                var missingYears = s.Span.Where(y => ind.NeedsLevels(y) && ind.LevelsFor(y) is null).Order().ToList();
                if (missingYears.Count > 0)
                {
                    Error($"kras[{i}].indicators[{j}].levels", "scenario.indicatorNoLevels", $"indicator {ind.Id} has no levels for {string.Join(", ", missingYears)} or any earlier year", Indicator(ind.Id));
                }
            }

            var sum = kra.Indicators.Sum(x => x.Weight.Percent);
            if (!kra.Indicators.IsEmpty && Math.Abs(sum - kra.Weight.Percent) > Tolerance)
            {
                Error($"kras[{i}].weight", "scenario.indicatorWeightsSum", $"indicator weights of KRA {kra.Id} add up to {sum}, not its weight {kra.Weight.Percent}", Kra(kra.Id));
            }
        }

        var total = s.Kras.Sum(k => k.Weight.Percent);
        if (Math.Abs(total - 100m) > Tolerance)
        {
            Error($"kras", "scenario.kraWeightsSum", $"KRA weights add up to {total}, not 100");
        }

        return errors;
    }

    private static ScenarioSubject Party(PartyId id) => new(ScenarioSubjectKind.Party, id.Value);

    private static ScenarioSubject Kra(string id) => new(ScenarioSubjectKind.Kra, id);

    private static ScenarioSubject Indicator(string id) => new(ScenarioSubjectKind.Indicator, id);
}
