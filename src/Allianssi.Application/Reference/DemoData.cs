using Allianssi.Application.Data.Entities;
using Allianssi.Domain;
using Allianssi.Domain.Reference;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;
using MissingRule = Allianssi.Domain.Scoring.MissingRule;

namespace Allianssi.Application.Reference;

/// <summary>
/// Illustrative indicator values and open-book ledger lines for a reference alliance, so that
/// the scorecard and settlement have something to show. Deterministic and synthetic: for Tesoma's
/// P1 they are the domain's <see cref="TesomaIllustration"/>; later years are generated.
/// </summary>
public static class DemoData
{
    /// <summary>The source label of the values this class makes.</summary>
    public const string ValueSource = "demo (illustrative)";

    private static readonly (string Account, decimal Part)[] Accounts =
    [
        ("Henkilöstökulut", 0.62m),
        ("Palvelujen ostot", 0.21m),
        ("Aineet ja tarvikkeet", 0.07m),
        ("Vuokrat", 0.10m),
    ];

    /// <summary>Values per indicator and year for the alliance's own unit, up to <paramref name="lastYear"/>.</summary>
    public static IEnumerable<IndicatorValue> Values(Alliance alliance, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        var seed = 0;
        foreach (var indicator in alliance.KeyResultAreas.SelectMany(k => k.Indicators))
        {
            seed++;
            var levels = indicator.Levels.OrderBy(l => l.Year).First().Levels;
            var illustrated = IllustratedValues(alliance, indicator.Code);
            foreach (var (year, value) in illustrated)
            {
                yield return new IndicatorValue { Indicator = indicator, Unit = alliance.ScoredUnit, Year = year, Value = value, Source = ValueSource };
            }

            var firstGenerated = illustrated.Count > 0 ? IllustrationLastYear + 1 : alliance.Dates.Start.Year;
            for (var year = firstGenerated; year <= lastYear; year++)
            {
                // The school health survey is biennial (odd years): the other years are missing
                // and the carry-forward rule applies. One indicator starts a year late (reweight).
                if (indicator.Missing == MissingRule.CarryForward && year % 2 == 0)
                {
                    continue;
                }

                if (indicator.Code == "dental_care_plan" && year == alliance.Dates.Start.Year)
                {
                    continue;
                }

                // Between "expected" and "excellent", improving over the years with a wobble.
                var fraction = 0.45m + (0.03m * (year - alliance.Dates.Start.Year)) + (((seed * 7) + year) % 5 * 0.04m) - 0.08m;
                fraction = Math.Clamp(fraction, -0.5m, 1.1m);
                var value = levels.Zero + (fraction * (levels.Plus100 - levels.Zero));
                yield return new IndicatorValue
                {
                    Indicator = indicator,
                    Unit = alliance.ScoredUnit,
                    Year = year,
                    Value = Math.Round(value, 2, MidpointRounding.AwayFromZero),
                    Source = ValueSource,
                };
            }
        }
    }

    /// <summary>Which services each Tesoma party leads (illustrative, for the overview).</summary>
    public static IReadOnlyDictionary<string, string> Services { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tampere"] = "Kotihoito, sosiaalityö / home care, social work",
        ["pirha"] = "Kotihoito, sosiaalityö (2023-) / home care, social work (from 2023)",
        ["mehilainen"] = "Terveysasema, suun terveydenhuolto / health station, dental care",
        ["setlementti"] = "Olohuone, järjestöyhteistyö / drop-in living room, NGO cooperation",
    };

    /// <summary>The last year (end of P1) that the domain's Tesoma illustration covers.</summary>
    private const int IllustrationLastYear = 2021;

    private static IReadOnlyDictionary<int, decimal> IllustratedValues(Alliance alliance, string indicator) =>
        alliance.Code == "tesoma" && TesomaIllustration.Values.TryGetValue(indicator, out var values)
            ? values
            : new Dictionary<int, decimal>();

    /// <summary>Ledger lines per party and year for every year that has a target cost.</summary>
    public static IEnumerable<LedgerLine> Ledger(Alliance alliance, IReadOnlyList<TargetCost> targetCosts, IReadOnlyList<TargetCostAdjustment> adjustments)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        ArgumentNullException.ThrowIfNull(targetCosts);
        ArgumentNullException.ThrowIfNull(adjustments);
        if (alliance.Code == "tesoma")
        {
            // P1: the domain's illustration, so the web's P1 settlement equals `allianssi settle --example tesoma`.
            foreach (var entry in TesomaIllustration.Ledger)
            {
                yield return new LedgerLine
                {
                    Party = alliance.Parties.Single(p => p.Code == entry.Party.Value),
                    Year = entry.Year,
                    Account = entry.Reimbursable ? "Kustannukset yhteensä" : "Ei korvattavat kulut",
                    Description = ValueSource,
                    Amount = entry.Amount,
                    Reimbursable = entry.Reimbursable,
                };
            }
        }

        foreach (var year in targetCosts.Select(t => t.Year).Distinct().Order().Where(y => alliance.Code != "tesoma" || y > IllustrationLastYear))
        {
            var target = (Money.Sum(targetCosts.Where(t => t.Year == year).Select(t => t.Amount))
                + Money.Sum(adjustments.Where(t => t.Year == year).Select(t => t.Amount))).Euros;
            var purchasers = alliance.Parties.Where(p => p.Role == PartyRole.Purchaser && (p.From is null || p.From.Value.Year <= year)).ToList();
            foreach (var party in alliance.Parties)
            {
                if (party.From is { } from && from.Year > year)
                {
                    continue;
                }

                var part = party.Role switch
                {
                    PartyRole.Producer => 0.55m,
                    PartyRole.Partner => 0.02m,
                    _ => 0.30m / purchasers.Count,
                };
                var wobble = 1m + ((year % 3) - 1) * 0.01m;
                var total = target * part * wobble;
                foreach (var (account, share) in Accounts)
                {
                    yield return new LedgerLine
                    {
                        Party = party,
                        Year = year,
                        Account = account,
                        Description = "demo (illustrative)",
                        Amount = new Money(total * share).RoundedToCents(),
                        Reimbursable = true,
                    };
                }

                if (party.Role == PartyRole.Producer)
                {
                    yield return new LedgerLine
                    {
                        Party = party,
                        Year = year,
                        Account = "Edustuskulut",
                        Description = "not reimbursable: shown, never summed",
                        Amount = new Money(12_000m),
                        Reimbursable = false,
                    };
                }
            }
        }
    }
}
