using Allianssi.Domain;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;

namespace Allianssi.UnitTests;

/// <summary>Synthetic scenarios and the worked example from docs/domain.</summary>
internal static class TestData
{
    public static string WorkedExamplePath => Path.Combine(AppContext.BaseDirectory, "docs", "worked-example.json");

    public static string SettlementDocPath => Path.Combine(AppContext.BaseDirectory, "docs", "settlement.md");

    public static string WorkedExampleJson => File.ReadAllText(WorkedExamplePath);

    public static Scenario WorkedExample() => ScenarioReader.Read(WorkedExampleJson);

    public static readonly ContractPeriod P2 = new("P2", new DateSpan(new DateOnly(2022, 1, 1), new DateOnly(2024, 12, 31)), ScoreAggregation.MonthWeightedMean);

    public static Indicator Indicator(string id, decimal weight, ReferenceLevels levels, MissingRule missing = MissingRule.Reweight, params (int Year, decimal Value)[] values) =>
        new(id, new Weight(weight), missing, [KeyValuePair.Create(2000, levels)], values.Select(v => KeyValuePair.Create(v.Year, v.Value)));

    public static KeyResultArea Kra(string id, params Indicator[] indicators) =>
        new(id, new Weight(indicators.Sum(i => i.Weight.Percent)), indicators);

    /// <summary>
    /// A random but valid scenario: 1-3 purchasers, 0-3 producers/partners, fees of both kinds,
    /// shares with and without caps (amount or "fee"), actual cost from 60 % to 140 % of target
    /// (gains and overruns), and a random scorecard (S from -100 to +100).
    /// </summary>
    public static Scenario Random(int seed)
    {
        var random = new Random(seed);
        var span = random.Next(2) == 0 ? new[] { 2022 } : new[] { 2022, 2023, 2024 };
        var parties = new List<Party>();
        var purchaserCount = random.Next(1, 4);
        for (var i = 0; i < purchaserCount; i++)
        {
            parties.Add(new Party(new PartyId($"purchaser{i}"), PartyRole.Purchaser));
        }

        var otherCount = random.Next(1, 4); // the incentive needs a producer or partner to receive it
        var incentiveRaw = Enumerable.Range(0, otherCount).Select(_ => (decimal)random.Next(0, 5)).ToList();
        if (otherCount > 0 && incentiveRaw.Sum() == 0m)
        {
            incentiveRaw[0] = 1m;
        }

        var gainLeft = 1m;
        var painLeft = 1m;
        for (var k = 0; k < otherCount; k++)
        {
            var gain = Math.Round(gainLeft * (decimal)random.NextDouble(), 3, MidpointRounding.ToZero);
            var pain = Math.Round(painLeft * (decimal)random.NextDouble(), 3, MidpointRounding.ToZero);
            gainLeft -= gain;
            painLeft -= pain;
            FeeTerms? fee = random.Next(3) switch
            {
                0 => null,
                1 => new FeeTerms.Fixed(new Money(random.Next(0, 500_000) + 0.37m)),
                _ => new FeeTerms.PercentOfActual(random.Next(0, 100) / 1000m),
            };
            PainCap? painCap = random.Next(3) switch
            {
                0 => null,
                1 => new PainCap.Fee(),
                _ => new PainCap.Amount(new Money(random.Next(0, 1_000_000) + 0.01m)),
            };
            Money? gainCap = random.Next(2) == 0 ? null : new Money(random.Next(0, 1_000_000) + 0.49m);
            parties.Add(new Party(
                new PartyId($"other{k}"), k % 2 == 0 ? PartyRole.Producer : PartyRole.Partner, fee, gain, pain, gainCap, painCap,
                incentiveRaw[k] / incentiveRaw.Sum()));
        }

        var targetCosts = new List<TargetCost>();
        var ledger = new List<LedgerEntry>();
        foreach (var year in span)
        {
            foreach (var p in parties.Where(p => p.IsPurchaser))
            {
                targetCosts.Add(new TargetCost(p.Id, year, new Money(random.Next(1_000_000, 20_000_000) + (random.Next(100) / 100m))));
            }
        }

        var tak = targetCosts.Sum(t => t.Amount.Euros);
        var acTarget = tak * (0.6m + (decimal)random.NextDouble() * 0.8m);
        foreach (var p in parties)
        {
            var amount = Math.Round(acTarget / parties.Count / span.Length, 2) + random.Next(-999, 999) / 100m;
            foreach (var year in span)
            {
                ledger.Add(new LedgerEntry(p.Id, year, new Money(amount), true));
            }

            if (random.Next(3) == 0)
            {
                ledger.Add(new LedgerEntry(p.Id, span[0], new Money(random.Next(1, 50_000)), false));
            }
        }

        var levels = new ReferenceLevels(0m, 50m, 100m);
        var indicator = Indicator("random", 100m, levels, MissingRule.Reweight, [.. span.Select(y => (y, (decimal)random.Next(-20, 121) + 0.333m))]);
        return new Scenario(
            P2, span, parties, targetCosts, [], ledger, random.Next(2) == 0,
            new IncentiveTerms(new Money(random.Next(0, 500_000) + 0.5m), new Money(random.Next(0, 500_000) + 0.25m)),
            [new KeyResultArea("ATA1", new Weight(100m), [indicator])]);
    }

    /// <summary>A random valid scorecard of 1-4 KRAs with 1-4 indicators each, some values missing.</summary>
    public static IReadOnlyList<KeyResultArea> RandomScorecard(int seed, int year)
    {
        var random = new Random(seed);
        var shapes = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(1, 11)).ToList()).ToList();
        var total = (decimal)shapes.Sum(s => s.Sum());
        var kras = new List<KeyResultArea>();
        var n = 0;
        foreach (var shape in shapes)
        {
            var indicators = new List<Indicator>();
            foreach (var raw in shape)
            {
                var missing = (MissingRule)random.Next(4);
                var high = random.Next(2) == 0;
                var levels = high ? new ReferenceLevels(10m, 20m, 40m) : new ReferenceLevels(40m, 20m, 10m);
                var values = new List<(int, decimal)>();
                if (random.Next(3) > 0)
                {
                    values.Add((year, random.Next(0, 50) + 0.5m));
                }

                if (random.Next(2) == 0)
                {
                    values.Add((year - random.Next(1, 4), random.Next(0, 50)));
                }

                indicators.Add(Indicator($"i{n++}", raw * 100m / total, levels, missing, [.. values]));
            }

            kras.Add(new KeyResultArea($"K{kras.Count}", new Weight(indicators.Sum(i => i.Weight.Percent)), indicators));
        }

        return kras;
    }
}
