using System.Collections.Immutable;
using System.Globalization;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Organiser;

/// <summary>One indicator's value for a provider's units taken together.</summary>
/// <param name="Id">Indicator id.</param>
/// <param name="Value">The value for the year; null when missing.</param>
/// <param name="N">The count behind it; null when unknown.</param>
public sealed record ProviderIndicatorValue(string Id, decimal? Value, long? N);

/// <summary>A provider's triple-aim result for a year (organiser-payments.md section 3).</summary>
/// <param name="Party">The provider.</param>
/// <param name="Capitation">Its yearly capitation (the pool's base).</param>
/// <param name="Pool">poolRate x capitation, full precision.</param>
/// <param name="Score">S_p, the overall score; null when no indicator could be scored.</param>
/// <param name="Year">The year's scores (aims, indicators, effective weights); null with <see cref="Score"/>.</param>
/// <param name="Values">The indicator values with their n, in model order.</param>
/// <param name="Bonus">round2(pool x S / 100); 0 below zero without sanction.</param>
/// <param name="Explanations">One line per figure.</param>
public sealed record ProviderBonus(
    PartyId Party,
    Money Capitation,
    Money Pool,
    Score? Score,
    YearScore? Year,
    ImmutableArray<ProviderIndicatorValue> Values,
    Money Bonus,
    ImmutableArray<Explanation> Explanations);

/// <summary>Scores a provider with the alliance's scorer (aims as KRAs) and turns the score into a bonus.</summary>
public static class TripleAimBonus
{
    /// <summary>bonus = round2(pool x S / 100) when S &gt;= 0 or with sanction; 0 when S &lt; 0 without sanction.</summary>
    public static Money Bonus(Money pool, Score score, bool sanction) =>
        score.Value < 0m && !sanction ? Money.Zero : new Money(pool.Euros * score.Value / 100m).RoundedToCents();

    /// <summary>Scores one provider for <paramref name="year"/> from its indicator values.</summary>
    public static ProviderBonus Score(TripleAimTerms terms, PartyId party, int year, Money capitation, IReadOnlyList<ProviderIndicatorValue> values)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(values);
        var byId = values.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var aims = terms.Aims.Select(aim => new KeyResultArea(aim.Id, aim.Weight, aim.Indicators.Select(i =>
            i.WithValues(byId.TryGetValue(i.Id, out var v) && v.Value is { } value ? [new KeyValuePair<int, decimal>(year, value)] : [])))).ToList();
        var explanations = new List<Explanation>();
        var pool = capitation * terms.PoolRate;
        explanations.Add(new Explanation(Invariant($"tripleAim.{party}.pool"), pool.Euros,
            Invariant($"{party} pool = pool rate {Numbers.Format(terms.PoolRate)} x capitation {capitation} = {pool}"))
        {
            Template = "organiser.tripleAim.pool", Arguments = [party, terms.PoolRate, capitation, pool],
        });
        var yearScore = Scorer.ScoreYear(aims, year, 12, explanations);
        Money bonus;
        if (yearScore is null)
        {
            bonus = Money.Zero;
            explanations.Add(new Explanation(Invariant($"tripleAim.{party}.bonus"), 0m,
                Invariant($"{party} {year}: no indicator can be scored; no bonus"))
            {
                Template = "organiser.tripleAim.noScore", Arguments = [party, year],
            });
        }
        else
        {
            var s = yearScore.OverallScore;
            bonus = Bonus(pool, s, terms.Sanction);
            explanations.Add(s.Value < 0m && !terms.Sanction
                ? new Explanation(Invariant($"tripleAim.{party}.bonus"), bonus.Euros,
                    Invariant($"{party} bonus: score {s} is below zero and the model has no sanction: 0.00"))
                {
                    Template = "organiser.tripleAim.belowZero", Arguments = [party, s, bonus],
                }
                : new Explanation(Invariant($"tripleAim.{party}.bonus"), bonus.Euros,
                    Invariant($"{party} bonus = round2(pool {pool} x score {Numbers.Format(s.Value)} / 100) = {bonus}{(bonus.Euros < 0m ? " (a repayment)" : string.Empty)}"))
                {
                    Template = bonus.Euros < 0m ? "organiser.tripleAim.repayment" : "organiser.tripleAim.bonus", Arguments = [party, pool, s.Value, bonus],
                });
        }

        return new ProviderBonus(party, capitation, pool, yearScore?.OverallScore, yearScore, [.. values], bonus, [.. explanations]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
