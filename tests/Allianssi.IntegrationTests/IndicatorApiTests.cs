using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>Scorecard from computed results, benchmarks, custom indicators and care gaps through the API.</summary>
public abstract class IndicatorApiTests(IndicatorFixture app)
{
    private const string Scorecard = "/api/alliances/tesoma/periods/P1/scorecard?year=2019";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenComputedResult_WhenNoHandValue_ThenScorecardUsesItLabelledComputed_AndHandValueOverrides()
    {
        app.SkipIfUnavailable();
        await ComputeAsync();
        var analyst = await app.ClientForAsync("tampere.analyst");
        var removed = await analyst.PutAsJsonAsync("/api/alliances/tesoma/configuration/indicator-values", new { indicator = "chronic_care_plan", year = 2019, value = (decimal?)null }, Ct);
        Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync(Ct));

        var computed = Row(await analyst.GetFromJsonAsync<JsonElement>(Scorecard, Ct), "chronic_care_plan");
        Assert.Equal(80m, computed.GetProperty("value").GetDecimal());
        Assert.StartsWith("computed v", computed.GetProperty("valueLabel").GetString(), StringComparison.Ordinal);

        var set = await analyst.PutAsJsonAsync("/api/alliances/tesoma/configuration/indicator-values", new { indicator = "chronic_care_plan", year = 2019, value = 55m }, Ct);
        Assert.True(set.IsSuccessStatusCode);
        var entered = Row(await analyst.GetFromJsonAsync<JsonElement>(Scorecard, Ct), "chronic_care_plan");
        Assert.Equal(55m, entered.GetProperty("value").GetDecimal());
        Assert.Equal("hand-entered", entered.GetProperty("valueLabel").GetString());
    }

    [Fact]
    public async Task GivenComputedResults_WhenReadingBenchmark_ThenEveryUnitAndTotalWithCsv()
    {
        app.SkipIfUnavailable();
        await ComputeAsync();
        var viewer = await app.ClientForAsync("tampere.viewer");

        var body = await viewer.GetFromJsonAsync<JsonElement>("/api/indicators/chronic_care_plan/results", Ct);
        Assert.Equal("tesoma", body.GetProperty("allianceUnit").GetString());
        var units = body.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("year").GetInt32() == 2019).Select(p => p.GetProperty("unit").GetString()).ToList();
        Assert.Equal(["*", "hervanta", "lielahti", "tesoma"], units);
        var csv = await viewer.GetStringAsync("/api/indicators/chronic_care_plan/results?format=csv&culture=en-GB", Ct);
        Assert.StartsWith("indicator,unit,year,period,value", csv, StringComparison.Ordinal);
        Assert.Contains("chronic_care_plan,tesoma,2019,P1,80,8,10,10,false,true", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenMaliciousSql_WhenAddingCustomIndicator_ThenRefusedWithMessageAndNothingSaved()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        string[] attempts =
        [
            "DROP TABLE persons",
            "SELECT unit_id, person_id AS subject, TRUE AS in_denominator, TRUE AS in_numerator FROM persons, listings; DELETE FROM persons",
            "SELECT * FROM read_csv('/etc/passwd')",
            "ATTACH 'other.duckdb' AS other",
        ];
        foreach (var sql in attempts)
        {
            var response = await analyst.PostAsJsonAsync("/api/indicators/custom", Custom("evil_one", sql), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty("sql")[0].GetString()));
        }

        var list = await analyst.GetFromJsonAsync<JsonElement>("/api/indicators/custom", Ct);
        Assert.DoesNotContain(list.EnumerateArray(), d => d.GetProperty("code").GetString() == "evil_one");
        await ComputeAsync();
        Assert.Equal(80m, Row(await analyst.GetFromJsonAsync<JsonElement>("/api/indicators/chronic_care_plan/results", Ct), null, "tesoma"));
    }

    [Fact]
    public async Task GivenValidCustomIndicator_WhenAdded_ThenVersionedAndComputedWithTheOthers()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        const string Sql = "SELECT l.unit_id, l.person_id AS subject, TRUE AS in_denominator, c.person_id IS NOT NULL AS in_numerator FROM listings AS l LEFT JOIN (SELECT DISTINCT person_id FROM care_plans) AS c ON c.person_id = l.person_id";

        var first = await analyst.PostAsJsonAsync("/api/indicators/custom", Custom("any_plan", Sql), Ct);
        var second = await analyst.PostAsJsonAsync("/api/indicators/custom", Custom("any_plan", Sql + " WHERE TRUE"), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        await ComputeAsync();
        var results = await analyst.GetFromJsonAsync<JsonElement>("/api/indicators/any_plan/results", Ct);
        var tesoma = results.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("unit").GetString() == "tesoma" && p.GetProperty("year").GetInt32() == 2019);
        Assert.Equal(80.0, tesoma.GetProperty("value").GetDouble());
        Assert.Equal(2, tesoma.GetProperty("definitionVersion").GetInt32());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("tampere.viewer", HttpStatusCode.Forbidden)]
    [InlineData("tampere.analyst", HttpStatusCode.Forbidden)]
    [InlineData("mehilainen.analyst", HttpStatusCode.Forbidden)]
    [InlineData("tampere.leadership", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("tampere.controller", HttpStatusCode.OK)]
    public async Task GivenRole_WhenReadingCareGaps_ThenOnlyTheControllerGetsThem(string? user, HttpStatusCode expected)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(user);

        var response = await client.GetAsync("/api/indicators/chronic_care_plan/care-gaps?unit=lielahti&year=2019", Ct);
        var csv = await client.GetAsync("/api/indicators/chronic_care_plan/care-gaps?unit=lielahti&year=2019&format=csv", Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected, csv.StatusCode);
    }

    [Fact]
    public async Task GivenController_WhenReadingCareGaps_ThenPseudonymsWithReasons()
    {
        app.SkipIfUnavailable();
        // lielahti is a municipal station (the purchaser's), tesoma the alliance's unit (the producer's).
        var controller = await app.ClientForAsync("tampere.controller");
        var producer = await app.ClientForAsync("mehilainen.controller");

        var plans = await controller.GetFromJsonAsync<JsonElement>("/api/indicators/chronic_care_plan/care-gaps?unit=lielahti&year=2019", Ct);
        var balance = await producer.GetFromJsonAsync<JsonElement>("/api/indicators/chronic_balance/care-gaps?unit=tesoma&year=2019", Ct);
        var csv = await producer.GetStringAsync("/api/indicators/chronic_balance/care-gaps?unit=tesoma&year=2019&format=csv&culture=en-GB", Ct);

        // lielahti: 4 of 10 patients have a plan.
        Assert.Equal(6, plans.GetArrayLength());
        Assert.All(plans.EnumerateArray(), g => Assert.Equal("no care plan within 12 months", g.GetProperty("reason").GetString()));
        var reasons = balance.EnumerateArray().ToDictionary(g => g.GetProperty("subject").GetString()!, g => g.GetProperty("reason").GetString());
        Assert.Equal("latest HbA1c 61 mmol/mol ≥ 53", reasons["ps005"]);
        Assert.Equal("no HbA1c result", reasons["ps009"]);
        Assert.Equal(5, reasons.Count);
        Assert.StartsWith("unit,pseudonym,reason,unitName\r\n", csv, StringComparison.Ordinal);
    }

    private static object Custom(string code, string sql) =>
        new { code, nameFi = "Oma", nameEn = "Own", kind = "proportion", direction = "higher", sql, period = "P1" };

    private async Task ComputeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ComputeIndicators>()
            .ExecuteAsync("tesoma", "P1", 2019, new Actor("test.analyst", Roles.Analyst, "tampere"), null, Ct);
        Assert.True(outcome.IsOk, outcome.Message);
    }

    private static JsonElement Row(JsonElement scorecard, string indicator) =>
        scorecard.GetProperty("kras").EnumerateArray().SelectMany(k => k.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == indicator);

    private static decimal Row(JsonElement results, string? _, string unit) =>
        results.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("unit").GetString() == unit && p.GetProperty("year").GetInt32() == 2019)
            .GetProperty("value").GetDecimal();
}

public sealed class SqliteIndicatorApiTests(SqliteIndicatorFixture app) : IndicatorApiTests(app), IClassFixture<SqliteIndicatorFixture>;

public sealed class PostgresIndicatorApiTests(PostgresIndicatorFixture app) : IndicatorApiTests(app), IClassFixture<PostgresIndicatorFixture>;
