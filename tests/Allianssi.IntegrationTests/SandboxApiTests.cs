using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Store;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The custom-indicator sandbox through the API (issue 11 items 1, 2 and 6): refusals carry a code
/// and no stored value and are audited; an own indicator cannot supply n; one that runs past the
/// limit at compute is suspended until its author saves a new version.
/// </summary>
public abstract class SandboxApiTests(IndicatorFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the fixture stores per person (pseudonyms ps000..ps209, birth dates from 1960, E11.9): none may appear in an answer.</summary>
    private void AssertNoStoredValue(string body)
    {
        foreach (var secret in new[] { "ps0", "ps1", "ps2", "1960-", "1961-", "E11.9", "mmol", app.DataDirectory })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("SELECT unit_id, person_id AS subject, TRUE AS in_denominator, TRUE AS in_numerator FROM listings WHERE error((SELECT string_agg(p.person_id||'|'||p.birth_date||'|'||p.postal_code||'|'||d.code, ';') FROM diagnoses d JOIN persons p USING (person_id))) IS NULL", "SBX004")]
    [InlineData("SELECT unit_id, person_id AS subject, TRUE AS in_denominator, TRUE AS in_numerator FROM listings WHERE CAST((SELECT string_agg(p.person_id||'|'||p.birth_date||'|'||d.code, ';') FROM diagnoses d JOIN persons p USING (person_id)) AS INTEGER) = 1", "SBX004")]
    [InlineData("SELECT unit_id, person_id AS subject, TRUE AS in_denominator, CAST(person_id || birth_date AS INTEGER) = 1 AS in_numerator FROM listings JOIN persons USING (person_id)", "SBX009")]
    [InlineData("SELECT 'tesoma' AS unit_id, name AS subject, TRUE AS in_denominator, value <> '' AS in_numerator FROM duckdb_settings()", "SBX004")]
    public async Task GivenTheIssuesLeakingSql_WhenPostedAsACustomIndicator_ThenRefusedWithItsCode_NoStoredValueInTheAnswer_AndAudited(string sql, string code)
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        var name = "leak_" + Guid.NewGuid().ToString("N")[..8];

        var response = await analyst.PostAsJsonAsync("/api/indicators/custom", Custom(name, sql, "proportion"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        AssertNoStoredValue(body);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("sql")[0].GetString()!;
        Assert.StartsWith(code + ": ", message, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "refuse-custom-indicator" && a.EntityKey == name + "/v1").ToListAsync(Ct);
        var entry = Assert.Single(audit);
        Assert.Equal("tampere.analyst", entry.Actor);
        Assert.Contains(code, entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", entry.After ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.False(await db.CustomIndicatorDefinitions.AnyAsync(d => d.Code == name, Ct));
    }

    /// <summary>Issue 11 item 2: a formula indicator chose <c>999 AS n</c> and its value reached the public page.</summary>
    [Fact]
    public async Task GivenAFormulaWithItsOwnN_WhenPosted_ThenRefused_AndAStoredOneIsSuspendedAtCompute_WithNoResults()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        const string Sql = "SELECT unit_id, CAST(year(min(birth_date)) AS DOUBLE) AS value, 1.0 AS numerator, 1.0 AS denominator, 999 AS n FROM persons JOIN listings USING (person_id) GROUP BY unit_id";

        var response = await analyst.PostAsJsonAsync("/api/indicators/custom", Custom("own_n", Sql, "formula"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("SBX013: ", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("sql")[0].GetString(), StringComparison.Ordinal);

        // One saved before this rule existed is held to it at compute.
        await StoreDirectlyAsync("old_formula", Sql, "Formula");
        var run = await ComputeAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(run.LeftOut!, f => f.Indicator == "old_formula" && f.Code == "SBX013");
        Assert.DoesNotContain(run.Results, r => r.Indicator == "old_formula");
        await using var db = app.OpenStore();
        Assert.False(await db.IndicatorResults.AnyAsync(r => r.IndicatorId == "old_formula", Ct));
        Assert.Equal("SBX013", (await db.CustomIndicatorDefinitions.SingleAsync(d => d.Code == "old_formula", Ct)).SuspendedCode);
    }

    /// <summary>Issue 11 item 6: a body that passed validation ran for minutes at every later compute.</summary>
    [Fact]
    public async Task GivenAnOwnIndicatorPastTheTimeLimitAtCompute_WhenComputed_ThenSuspended_ShownInTheApi_NotRunAgain_UntilANewVersion()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        const string Slow = "SELECT l.unit_id, l.person_id AS subject, TRUE AS in_denominator, TRUE AS in_numerator FROM listings l, range(CASE WHEN $year = 2019 THEN 1000000000 ELSE 1 END) a, range(CASE WHEN $year = 2019 THEN 1000000000 ELSE 1 END) b";
        await StoreDirectlyAsync("slow_one", Slow, "Proportion");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = await ComputeAsync(TimeSpan.FromSeconds(1));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), started.Elapsed.ToString());
        Assert.Contains(first.LeftOut!, f => f.Indicator == "slow_one" && f.Code == "SBX010");
        Assert.Contains(first.Results, r => r.Indicator == "chronic_care_plan");

        var listed = await analyst.GetFromJsonAsync<JsonElement>("/api/indicators/custom", Ct);
        var slow = listed.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "slow_one");
        Assert.Equal("SBX010", slow.GetProperty("suspendedCode").GetString());
        await using (var db = app.OpenStore())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "suspend-custom-indicator" && a.EntityKey == "slow_one/v1", Ct));
        }

        started.Restart();
        var second = await ComputeAsync(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(second.LeftOut!, f => f.Indicator == "slow_one");
        Assert.DoesNotContain(second.Results, r => r.Indicator == "slow_one");

        var fixedVersion = await analyst.PostAsJsonAsync("/api/indicators/custom",
            Custom("slow_one", "SELECT unit_id, person_id AS subject, TRUE AS in_denominator, TRUE AS in_numerator FROM listings", "proportion"), Ct);
        Assert.Equal(HttpStatusCode.OK, fixedVersion.StatusCode);
        var third = await ComputeAsync(TimeSpan.FromSeconds(30));
        var tesoma = third.Results.Single(r => r.Indicator == "slow_one" && r.Unit == "tesoma");
        Assert.Equal((100.0, 10L, 2), (tesoma.Value, tesoma.N, tesoma.DefinitionVersion));
    }

    private async Task StoreDirectlyAsync(string code, string sql, string kind)
    {
        await using var db = app.OpenStore();
        var alliance = await db.Alliances.SingleAsync(a => a.Code == "tesoma", Ct);
        db.CustomIndicatorDefinitions.Add(new CustomIndicatorDefinition
        {
            AllianceId = alliance.Id, Code = code, Version = 1, NameFi = "Oma", NameEn = "Own", Direction = "Higher", Kind = kind,
            Sql = sql, CreatedBy = "tampere.analyst", CreatedAt = DateTimeOffset.UnixEpoch,
        });
        await db.SaveChangesAsync(Ct);
    }

    private async Task<ComputeRun> ComputeAsync(TimeSpan customTimeout)
    {
        await using var db = app.OpenStore();
        var compute = new ComputeIndicators(db, TimeProvider.System, new AnalyticalStoreLocation(app.AnalyticalPath)) { CustomQueryTimeout = customTimeout };
        var outcome = await compute.ExecuteAsync("tesoma", "P1", 2019, new Actor("tampere.analyst", Roles.Analyst, "tampere"), null, Ct);
        Assert.True(outcome.IsOk, outcome.Message);
        return outcome.Value!;
    }

    private static object Custom(string code, string sql, string kind) =>
        new { code, nameFi = "Oma", nameEn = "Own", kind, direction = "higher", sql, period = "P1" };
}

public sealed class SqliteSandboxApiTests(SqliteIndicatorFixture app) : SandboxApiTests(app), IClassFixture<SqliteIndicatorFixture>;

public sealed class PostgresSandboxApiTests(PostgresIndicatorFixture app) : SandboxApiTests(app), IClassFixture<PostgresIndicatorFixture>;
