using System.Globalization;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Settlements;

/// <summary>Settles a scenario: scores the span and computes the money (commercial model, section 5).</summary>
public static class Settler
{
    /// <summary>Settles the scenario's span.</summary>
    /// <exception cref="InvalidScenarioException">A year of the span in which no indicator can be scored.</exception>
    public static Settlement Settle(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var scorecard = Scorer.Score(scenario.Kras, scenario.Period, scenario.Span);
        return new Computation(scenario, scorecard).Run();
    }

    /// <summary>Rounds to cents, half away from zero.</summary>
    /// <remarks>
    /// Scores such as 250/3 have no finite decimal form, so a product like pool * S / 100 that is
    /// exactly a half cent arrives as 126,970.97499…9 in 28-digit decimal arithmetic. Rounding first
    /// to 12 decimals removes that representation error (about 1e-20 on amounts of this size)
    /// before the half-away-from-zero rounding to cents; see docs/adr/0001.
    /// </remarks>
    internal static decimal Cents(decimal euros) =>
        Math.Round(Math.Round(euros, 12, MidpointRounding.AwayFromZero), 2, MidpointRounding.AwayFromZero);

    private sealed class Computation(Scenario scenario, Scorecard scorecard)
    {
        private readonly List<Explanation> _lines = [];
        private readonly HashSet<int> _span = [.. scenario.Span];

        public Settlement Run()
        {
            var parties = scenario.Parties;
            var purchasers = parties.Where(p => p.IsPurchaser).ToList();
            var others = parties.Where(p => !p.IsPurchaser).ToList();

            // Target cost
            var takJ = purchasers.ToDictionary(p => p.Id, TargetCostOf);
            var tak = takJ.Values.Sum();
            Line("targetCost", tak, $"TAK = {Terms(purchasers.Select(p => (p.Id.Value, takJ[p.Id])))} = {M(tak)}", "targetCost", PartyTerms(purchasers.Select(p => (p.Id, takJ[p.Id]))), Eur(tak));
            var largest = purchasers.OrderByDescending(p => takJ[p.Id]).First().Id; // stable: ties keep file order

            // Actual cost
            var ac = new Dictionary<PartyId, decimal>();
            var nonReimbursable = new Dictionary<PartyId, decimal>();
            foreach (var p in parties)
            {
                ac[p.Id] = LedgerSum(p.Id, reimbursable: true, "actualCost", "AC");
                nonReimbursable[p.Id] = LedgerSum(p.Id, reimbursable: false, "nonReimbursable", "non-reimbursable (shown, not in AC)");
            }

            var acTotal = ac.Values.Sum();
            Line("actualCost", acTotal, $"AC = {Terms(parties.Select(p => (p.Id.Value, ac[p.Id])))} = {M(acTotal)}", "actualCost", PartyTerms(parties.Select(p => (p.Id, ac[p.Id]))), Eur(acTotal));

            // Fees
            var fee = parties.ToDictionary(p => p.Id, p => FeeOf(p, ac[p.Id]));
            var feeTotal = others.Sum(p => fee[p.Id]);
            if (others.Count == 0)
            {
                Line("feeTotal", feeTotal, "FeeTotal = 0.00 (no producer or partner)", "feeTotal.none", Eur(0m));
            }
            else
            {
                Line("feeTotal", feeTotal, $"FeeTotal = {Terms(others.Select(p => (p.Id.Value, fee[p.Id])))} = {M(feeTotal)}", "feeTotal", PartyTerms(others.Select(p => (p.Id, fee[p.Id]))), Eur(feeTotal));
            }

            // Cost result
            var d = tak - acTotal - (scenario.TargetCostIncludesFee ? feeTotal : 0m);
            if (scenario.TargetCostIncludesFee)
            {
                Line("costResult", d, $"D = TAK {M(tak)} - AC {M(acTotal)} - fees {M(feeTotal)} = {M(d)}", "costResult.withFees", Eur(tak), Eur(acTotal), Eur(feeTotal), Eur(d));
            }
            else
            {
                Line("costResult", d, $"D = TAK {M(tak)} - AC {M(acTotal)} = {M(d)} (the target cost excludes fees)", "costResult.withoutFees", Eur(tak), Eur(acTotal), Eur(d));
            }

            // Shares
            var shareRaw = others.ToDictionary(p => p.Id, p => ShareOf(p, d, fee[p.Id]));
            var rest = d - shareRaw.Values.Sum();
            var share = shareRaw.ToDictionary(kv => kv.Key, kv => Cents(kv.Value));
            var shareText = new Dictionary<PartyId, string>();
            foreach (var p in purchasers)
            {
                share[p.Id] = Cents(rest * takJ[p.Id] / tak);
                shareText[p.Id] = $"share {p.Id} = (D {M(d)} - non-purchaser shares {M(shareRaw.Values.Sum())}) * TAK_{p.Id} {M(takJ[p.Id])} / TAK {M(tak)}";
            }

            var shareResidual = Cents(d) - share.Values.Sum();
            share[largest] += shareResidual;
            foreach (var p in purchasers)
            {
                var hasResidual = p.Id == largest && shareResidual != 0m;
                var residual = hasResidual ? $" + rounding residual {M(shareResidual)}" : string.Empty;
                object[] args = [p.Id, Eur(d), Eur(shareRaw.Values.Sum()), Eur(takJ[p.Id]), Eur(tak), .. hasResidual ? [Eur(shareResidual)] : Array.Empty<object>(), Eur(share[p.Id])];
                Line($"share.{p.Id}", share[p.Id], $"{shareText[p.Id]}{residual} = {M(share[p.Id])}", hasResidual ? "share.purchaser.residual" : "share.purchaser", args);
            }

            // Incentive
            var s = scorecard.PeriodScore.Value;
            var b = s >= 0m ? scenario.Incentive.Pool.Euros * s / 100m : scenario.Incentive.SanctionCap.Euros * s / 100m;
            if (s >= 0m)
            {
                Line("incentive", b, $"B = pool {M(scenario.Incentive.Pool.Euros)} * S {Short(s)} / 100 = {M(b)}", "incentive.pool", Eur(scenario.Incentive.Pool.Euros), ShortNumber(s), Eur(b));
            }
            else
            {
                Line("incentive", b, $"B = sanctionCap {M(scenario.Incentive.SanctionCap.Euros)} * S {Short(s)} / 100 = {M(b)}", "incentive.sanction", Eur(scenario.Incentive.SanctionCap.Euros), ShortNumber(s), Eur(b));
            }
            var incentive = new Dictionary<PartyId, decimal>();
            foreach (var p in others)
            {
                incentive[p.Id] = Cents(b * p.IncentiveShare);
                Line($"incentive.{p.Id}", incentive[p.Id], $"incentive {p.Id} = B {M(b)} * incentiveShare {N(p.IncentiveShare)} = {M(incentive[p.Id])}", "incentive.other", p.Id, Eur(b), p.IncentiveShare, Eur(incentive[p.Id]));
            }

            foreach (var p in purchasers)
            {
                incentive[p.Id] = Cents(-b * takJ[p.Id] / tak);
            }

            var incentiveResidual = -incentive.Values.Sum();
            incentive[largest] += incentiveResidual;
            foreach (var p in purchasers)
            {
                var hasResidual = p.Id == largest && incentiveResidual != 0m;
                var residual = hasResidual ? $" + rounding residual {M(incentiveResidual)}" : string.Empty;
                object[] args = [p.Id, Eur(b), Eur(takJ[p.Id]), Eur(tak), .. hasResidual ? [Eur(incentiveResidual)] : Array.Empty<object>(), Eur(incentive[p.Id])];
                Line($"incentive.{p.Id}", incentive[p.Id], $"incentive {p.Id} = -B {M(b)} * TAK_{p.Id} {M(takJ[p.Id])} / TAK {M(tak)}{residual} = {M(incentive[p.Id])}", hasResidual ? "incentive.purchaser.residual" : "incentive.purchaser", args);
            }

            // Compensation and payment
            var compensation = new Dictionary<PartyId, decimal>();
            foreach (var p in others)
            {
                compensation[p.Id] = Cents(ac[p.Id]) + Cents(fee[p.Id]) + share[p.Id] + incentive[p.Id];
                Line($"compensation.{p.Id}", compensation[p.Id],
                    $"compensation {p.Id} = AC {M(ac[p.Id])} + fee {M(fee[p.Id])} + share {M(share[p.Id])} + incentive {M(incentive[p.Id])} = {M(compensation[p.Id])}",
                    "compensation", p.Id, Eur(ac[p.Id]), Eur(fee[p.Id]), Eur(share[p.Id]), Eur(incentive[p.Id]), Eur(compensation[p.Id]));
            }

            var payable = compensation.Values.Sum();
            var payment = purchasers.ToDictionary(p => p.Id, p => Cents(payable * takJ[p.Id] / tak));
            var paymentResidual = payable - payment.Values.Sum();
            payment[largest] += paymentResidual;
            foreach (var p in purchasers)
            {
                var hasResidual = p.Id == largest && paymentResidual != 0m;
                var residual = hasResidual ? $" + rounding residual {M(paymentResidual)}" : string.Empty;
                object[] args = [p.Id, Eur(payable), Eur(takJ[p.Id]), Eur(tak), .. hasResidual ? [Eur(paymentResidual)] : Array.Empty<object>(), Eur(payment[p.Id])];
                Line($"payment.{p.Id}", payment[p.Id],
                    $"payment {p.Id} = non-purchaser compensation {M(payable)} * TAK_{p.Id} {M(takJ[p.Id])} / TAK {M(tak)}{residual} = {M(payment[p.Id])}",
                    hasResidual ? "payment.residual" : "payment", args);
            }

            var lines = parties.Select(p => new PartySettlement(
                p.Id,
                p.Role,
                new Money(p.IsPurchaser ? Cents(takJ[p.Id]) : 0m),
                new Money(Cents(ac[p.Id])),
                new Money(Cents(nonReimbursable[p.Id])),
                new Money(Cents(fee[p.Id])),
                new Money(share[p.Id]),
                new Money(incentive[p.Id]),
                p.IsPurchaser ? null : new Money(compensation[p.Id]),
                p.IsPurchaser ? new Money(payment[p.Id]) : null)).ToList();

            return new Settlement(
                scenario.Period.Id,
                [.. scenario.Span.Order()],
                scorecard,
                new Money(Cents(tak)),
                new Money(Cents(acTotal)),
                new Money(Cents(feeTotal)),
                new Money(Cents(d)),
                new Money(Cents(b)),
                [.. lines],
                [.. scorecard.Explanations, .. _lines]);
        }

        private decimal TargetCostOf(Party purchaser)
        {
            var terms = new List<string>();
            var items = new List<ExplanationTerm>();
            var total = 0m;
            foreach (var t in scenario.TargetCosts.Where(t => t.Purchaser == purchaser.Id && _span.Contains(t.Year)).OrderBy(t => t.Year))
            {
                total += t.Amount.Euros;
                terms.Add(Invariant($"{M(t.Amount.Euros)} ({t.Year})"));
                items.Add(new ExplanationTerm(t.Amount.Euros, Year: t.Year));
            }

            foreach (var a in scenario.Adjustments.Where(a => a.Purchaser == purchaser.Id && _span.Contains(a.Year)).OrderBy(a => a.Year))
            {
                total += a.Amount.Euros;
                terms.Add(Invariant($"{Signed(a.Amount.Euros)} (adjustment {a.Year}: {a.Reason}; {a.Decision})"));
                items.Add(new ExplanationTerm(a.Amount.Euros, Year: a.Year, Adjustment: Invariant($"{a.Reason}; {a.Decision}")));
            }

            Line($"targetCost.{purchaser.Id}", total, $"TAK_{purchaser.Id} = {Join(terms)} = {M(total)}", "targetCost.purchaser", purchaser.Id, new ExplanationTerms(items), Eur(total));
            return total;
        }

        private decimal LedgerSum(PartyId party, bool reimbursable, string key, string label)
        {
            var entries = scenario.Ledger
                .Where(l => l.Party == party && l.Reimbursable == reimbursable && _span.Contains(l.Year))
                .OrderBy(l => l.Year)
                .ToList();
            var total = entries.Sum(l => l.Amount.Euros);
            var terms = entries.Select(l => Invariant($"{M(l.Amount.Euros)} ({l.Year})")).ToList();
            if (entries.Count == 0)
            {
                Line($"{key}.{party}", total, $"{label} {party} = 0.00 (no ledger lines)", key + ".party.none", party, Eur(0m));
            }
            else
            {
                Line($"{key}.{party}", total, $"{label} {party} = {Join(terms)} = {M(total)}", key + ".party", party,
                    new ExplanationTerms([.. entries.Select(l => new ExplanationTerm(l.Amount.Euros, Year: l.Year))]), Eur(total));
            }
            return total;
        }

        private decimal FeeOf(Party p, decimal actualCost)
        {
            var years = scenario.Span.Length;
            switch (p.Fee)
            {
                case FeeTerms.Fixed f when !p.IsPurchaser:
                    var fixedFee = f.AmountPerYear.Euros * years;
                    Line($"fee.{p.Id}", fixedFee, $"fee {p.Id} = fixed {M(f.AmountPerYear.Euros)} * {years} year(s) = {M(fixedFee)}", "fee.fixed", p.Id, Eur(f.AmountPerYear.Euros), years, Eur(fixedFee));
                    return fixedFee;
                case FeeTerms.PercentOfActual r when !p.IsPurchaser:
                    var percentFee = r.Rate * actualCost;
                    Line($"fee.{p.Id}", percentFee, $"fee {p.Id} = rate {N(r.Rate)} * AC {M(actualCost)} = {M(percentFee)}", "fee.rate", p.Id, r.Rate, Eur(actualCost), Eur(percentFee));
                    return percentFee;
                default:
                    Line($"fee.{p.Id}", 0m, p.IsPurchaser ? $"fee {p.Id} = 0.00 (purchasers earn no fee)" : $"fee {p.Id} = 0.00 (no fee)", p.IsPurchaser ? "fee.purchaser" : "fee.none", p.Id, Eur(0m));
                    return 0m;
            }
        }

        private decimal ShareOf(Party p, decimal d, decimal feeK)
        {
            decimal raw, result;
            string text, template;
            object[] args;
            if (d >= 0m)
            {
                raw = p.GainShare * d;
                result = p.GainCap is { } cap ? Math.Min(raw, cap.Euros) : raw;
                text = p.GainCap is { } c
                    ? Invariant($"share {p.Id} = min(gainShare {N(p.GainShare)} * D {M(d)} = {M(raw)}, gainCap {M(c.Euros)})")
                    : Invariant($"share {p.Id} = gainShare {N(p.GainShare)} * D {M(d)}");
                (template, args) = p.GainCap is { } c2
                    ? ("share.gain.capped", [p.Id, p.GainShare, Eur(d), Eur(raw), Eur(c2.Euros), Eur(result)])
                    : ("share.gain", new object[] { p.Id, p.GainShare, Eur(d), Eur(result) });
            }
            else
            {
                raw = p.PainShare * d;
                var limit = p.PainCap switch
                {
                    PainCap.Fee => (decimal?)feeK,
                    PainCap.Amount a => a.Limit.Euros,
                    _ => null,
                };
                result = limit is { } l ? Math.Max(raw, -l) : raw;
                text = p.PainCap switch
                {
                    PainCap.Fee => Invariant($"share {p.Id} = max(painShare {N(p.PainShare)} * D {M(d)} = {M(raw)}, -painCap = -fee {M(feeK)})"),
                    PainCap.Amount a => Invariant($"share {p.Id} = max(painShare {N(p.PainShare)} * D {M(d)} = {M(raw)}, -painCap {M(a.Limit.Euros)})"),
                    _ => Invariant($"share {p.Id} = painShare {N(p.PainShare)} * D {M(d)}"),
                };
                (template, args) = p.PainCap switch
                {
                    PainCap.Fee => ("share.pain.fee", [p.Id, p.PainShare, Eur(d), Eur(raw), Eur(feeK), Eur(result)]),
                    PainCap.Amount a => ("share.pain.capped", [p.Id, p.PainShare, Eur(d), Eur(raw), Eur(a.Limit.Euros), Eur(result)]),
                    _ => ("share.pain", new object[] { p.Id, p.PainShare, Eur(d), Eur(result) }),
                };
            }

            Line($"share.{p.Id}", Cents(result), $"{text} = {M(result)}", template, args);
            return result;
        }

        // Every number in these texts is already formatted by M, N or Short (invariant culture). The
        // template and its typed arguments let a UI word the same line in its language (ADR 0002).
        private void Line(string key, decimal figure, string text, string template, params object[] args) =>
            _lines.Add(new Explanation(key, figure, text) { Template = template, Arguments = args });

        private static Money Eur(decimal euros) => new(euros);

        // The value as Short shows it (six decimals at most), so that every surface shows the same digits.
        private static decimal ShortNumber(decimal value) => Numbers.Normalize(Math.Round(value, 6, MidpointRounding.AwayFromZero));

        private static ExplanationTerms PartyTerms(IEnumerable<(PartyId Party, decimal Amount)> terms) =>
            new([.. terms.Select(t => new ExplanationTerm(t.Amount, t.Party))]);

        private static string Terms(IEnumerable<(string Id, decimal Amount)> terms)
        {
            var list = terms.Select(t => Invariant($"{t.Id} {M(t.Amount)}")).ToList();
            return list.Count == 0 ? "0.00" : string.Join(" + ", list);
        }

        private static string Join(List<string> terms) => terms.Count == 0 ? "0.00" : string.Join(" ", terms.Select((t, i) => i == 0 ? t : (t.StartsWith('-') ? "- " + t[1..] : "+ " + t)));

        private static string Signed(decimal euros) => M(euros);

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Money text: rounded to cents, thousands separated, invariant.</summary>
    private static string M(decimal euros) => new Money(euros).ToString();

    private static string N(decimal value) => Numbers.Format(value);

    private static string Short(decimal value) => Numbers.Format(Math.Round(value, 6, MidpointRounding.AwayFromZero));
}
