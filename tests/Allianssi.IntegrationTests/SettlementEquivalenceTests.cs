using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Domain.Reference;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Settlements;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests;

/// <summary>Settling from the database gives the same numbers as <c>allianssi settle</c> on the equivalent scenario.</summary>
public abstract class SettlementEquivalenceTests(AppFixture app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task GivenDemoData_WhenSettlingP1FromTheDatabase_ThenNumbersEqualSettleExampleTesoma()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");

        var fromDatabase = await client.GetFromJsonAsync<SettlementView>("/api/alliances/tesoma/periods/P1/settlement", Json, TestContext.Current.CancellationToken);
        var fromDomain = Settler.Settle(TesomaIllustration.P1());

        AssertSame(fromDomain, fromDatabase!);
    }

    [Fact]
    public async Task GivenStoredRows_WhenWrittenAsScenarioFileAndSettled_ThenNumbersEqualTheDatabaseSettlement()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");
        var scenarioJson = await ScenarioFileFromStoreAsync("P2", [2022, 2023, 2024]);

        var fromDatabase = await client.GetFromJsonAsync<SettlementView>("/api/alliances/tesoma/periods/P2/settlement", Json, TestContext.Current.CancellationToken);
        var fromFile = Settler.Settle(ScenarioReader.Read(scenarioJson));

        AssertSame(fromFile, fromDatabase!);
    }

    private static void AssertSame(Settlement expected, SettlementView actual)
    {
        Assert.Equal(expected.PeriodScore.Value, actual.PeriodScore);
        Assert.Equal(expected.TargetCost.Euros, actual.TargetCost);
        Assert.Equal(expected.ActualCost.Euros, actual.ActualCost);
        Assert.Equal(expected.FeeTotal.Euros, actual.FeeTotal);
        Assert.Equal(expected.CostResult.Euros, actual.CostResult);
        Assert.Equal(expected.Incentive.Euros, actual.Incentive);
        Assert.Equal(expected.Parties.Length, actual.Parties.Count);
        foreach (var p in expected.Parties)
        {
            var row = actual.Parties.Single(x => x.Code == p.Id.Value);
            Assert.Equal(p.ActualCost.Euros, row.ActualCost);
            Assert.Equal(p.Fee.Euros, row.Fee);
            Assert.Equal(p.Share.Euros, row.Share);
            Assert.Equal(p.Incentive.Euros, row.Incentive);
            Assert.Equal(p.Compensation?.Euros, row.Compensation);
            Assert.Equal(p.Payment?.Euros, row.Payment);
        }

        Assert.Equal(expected.Explanations.Select(e => e.Text), actual.Explanation);
    }

    /// <summary>Writes the stored rows in the scenario-file format of commercial-model.md section 7, independently of the application's mapper.</summary>
    private async Task<string> ScenarioFileFromStoreAsync(string periodCode, int[] span)
    {
        await using var db = app.OpenStore();
        var alliance = await db.Alliances.AsNoTracking().Include(a => a.Parties).Include(a => a.Periods)
            .Include(a => a.KeyResultAreas).ThenInclude(k => k.Indicators).ThenInclude(i => i.Levels)
            .SingleAsync(a => a.Code == "tesoma", TestContext.Current.CancellationToken);
        var period = alliance.Periods.Single(p => p.Code == periodCode);
        var years = period.Dates.Years.ToHashSet();
        var code = alliance.Parties.ToDictionary(p => p.Id, p => p.Code);
        var values = await db.IndicatorValues.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var targets = await db.TargetCosts.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var adjustments = await db.TargetCostAdjustments.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var ledger = await db.LedgerLines.AsNoTracking().OrderBy(l => l.Id).ToListAsync(TestContext.Current.CancellationToken);

        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var root = new JsonObject
        {
            ["period"] = new JsonObject { ["id"] = period.Code, ["start"] = D(period.Dates.Start), ["end"] = D(period.Dates.End), ["scoreAggregation"] = "monthWeightedMean" },
            ["span"] = new JsonArray([.. span.Select(y => (JsonNode)y)]),
            ["parties"] = new JsonArray([.. alliance.Parties.Where(p => p.From is null || p.From <= period.Dates.End).OrderBy(p => p.Id).Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Code,
                ["role"] = p.Role.ToString().ToLowerInvariant(),
                ["fee"] = p.FeeRate is { } rate ? new JsonObject { ["type"] = "percentOfActual", ["rate"] = rate } : null,
                ["gainShare"] = p.GainShare,
                ["painShare"] = p.PainShare,
                ["painCap"] = p.PainCapIsFee ? "fee" : null,
                ["gainCap"] = null,
                ["incentiveShare"] = p.IncentiveShare,
            })]),
            ["targetCosts"] = new JsonArray([.. targets.Where(t => years.Contains(t.Year)).Select(t => (JsonNode)new JsonObject { ["purchaser"] = code[t.PartyId], ["year"] = t.Year, ["amount"] = t.Amount.Euros })]),
            ["adjustments"] = new JsonArray([.. adjustments.Where(t => years.Contains(t.Year)).Select(t => (JsonNode)new JsonObject { ["purchaser"] = code[t.PartyId], ["year"] = t.Year, ["amount"] = t.Amount.Euros, ["reason"] = t.Reason, ["decision"] = t.Decision })]),
            ["ledger"] = new JsonArray([.. ledger.Where(l => years.Contains(l.Year)).Select(l => (JsonNode)new JsonObject { ["party"] = code[l.PartyId], ["year"] = l.Year, ["amount"] = l.Amount.Euros, ["reimbursable"] = l.Reimbursable })]),
            ["targetCostIncludesFee"] = alliance.TargetCostIncludesFee,
            ["incentive"] = new JsonObject { ["pool"] = alliance.IncentivePool.Euros, ["sanctionCap"] = alliance.SanctionCap.Euros },
            ["kras"] = new JsonArray([.. alliance.KeyResultAreas.OrderBy(k => k.SortOrder).Select(k => (JsonNode)new JsonObject
            {
                ["id"] = k.Code,
                ["weight"] = k.Weight.Percent,
                ["indicators"] = new JsonArray([.. k.Indicators.OrderBy(i => i.SortOrder).Select(i => (JsonNode)new JsonObject
                {
                    ["id"] = i.Code,
                    ["weight"] = i.Weight.Percent,
                    ["missing"] = i.Missing switch { Domain.Scoring.MissingRule.CarryForward => "carryForward", Domain.Scoring.MissingRule.Zero => "zero", Domain.Scoring.MissingRule.Minus100 => "minus100", Domain.Scoring.MissingRule.Reweight => "reweight", var other => throw new InvalidOperationException(other.ToString()) },
                    ["levels"] = new JsonObject(i.Levels.Select(l => KeyValuePair.Create(l.Year.ToString(CultureInfo.InvariantCulture), (JsonNode?)new JsonObject { ["minus100"] = l.Levels.Minus100, ["zero"] = l.Levels.Zero, ["plus100"] = l.Levels.Plus100 }))),
                    ["values"] = new JsonObject(values.Where(v => v.IndicatorId == i.Id).OrderBy(v => v.Year).Select(v => KeyValuePair.Create(v.Year.ToString(CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(v.Value)))),
                })]),
            })]),
        };
        return root.ToJsonString();
    }
}

public sealed class SqliteSettlementEquivalenceTests(SqliteFixture app) : SettlementEquivalenceTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresSettlementEquivalenceTests(PostgresFixture app) : SettlementEquivalenceTests(app), IClassFixture<PostgresFixture>;
