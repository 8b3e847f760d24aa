using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>Computing and storing indicator results, directly and as a background job through the API.</summary>
public abstract class ComputeIndicatorsTests(IndicatorFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenUnchangedInputs_WhenComputingTwice_ThenStoredResultsAreIdentical()
    {
        app.SkipIfUnavailable();
        var first = await ComputeAndReadAsync();
        var second = await ComputeAndReadAsync();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GivenTwoComputationsOfOnePeriodAtOnce_WhenBothStore_ThenBothSucceedAndOneSetOfResultsRemains()
    {
        app.SkipIfUnavailable();
        var expected = await ComputeAndReadAsync();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => ComputeAsync("P1", null), Ct)));

        await using var db = app.OpenStore();
        var rows = await db.IndicatorResults.AsNoTracking().Where(r => r.Period == "P1").CountAsync(Ct);
        Assert.Equal(expected.Count, rows);
    }

    [Fact]
    public async Task GivenStore_WhenComputing_ThenEveryUnitTheTotalAndProvenanceAreStored()
    {
        app.SkipIfUnavailable();
        await ComputeAsync("P1", 2019);

        await using var db = app.OpenStore();
        var rows = await db.IndicatorResults.AsNoTracking().Where(r => r.Period == "P1" && r.Year == 2019 && r.IndicatorId == "chronic_care_plan").ToListAsync(Ct);
        Assert.Equal(["*", "hervanta", "lielahti", "tesoma"], rows.Select(r => r.UnitId).Order(StringComparer.Ordinal));
        var tesoma = rows.Single(r => r.UnitId == "tesoma");
        Assert.True(tesoma.IsAllianceUnit);
        Assert.Equal(10, tesoma.Denominator);
        Assert.Equal(8, tesoma.Numerator);
        Assert.Equal(80.0, tesoma.Value);
        Assert.Equal(30, rows.Single(r => r.UnitId == "*").Denominator);
        Assert.Equal(18, rows.Single(r => r.UnitId == "*").Numerator);
        Assert.Equal("[1]", tesoma.BatchIdsJson);
        Assert.Contains("\"minimumCount\":", tesoma.ParametersJson, StringComparison.Ordinal);
        Assert.True(tesoma.DefinitionVersion >= 1);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "compute-indicators", Ct));
    }

    [Fact]
    public async Task GivenDataEndingIn2019_WhenComputingWholePeriods_ThenNoYearAfterTheDataHasAResultOrAPublicScore()
    {
        app.SkipIfUnavailable();
        // The fixture's last event is in 2019 and its listings are still open; P3 (2025-2028) has no data at all.
        await ComputeAsync("P1", null);
        await ComputeAsync("P3", null);

        await using var db = app.OpenStore();
        var years = await db.IndicatorResults.AsNoTracking().Where(r => r.Period == "P1" || r.Period == "P3")
            .Select(r => new { r.Period, r.Year }).Distinct().ToListAsync(Ct);
        Assert.Contains(years, y => y.Period == "P1" && y.Year == 2019);
        Assert.DoesNotContain(years, y => y.Year > 2019);

        var client = await app.ClientForAsync(null);
        var published = await client.GetFromJsonAsync<JsonElement>("/api/public/tesoma", Ct);
        var p3 = published.GetProperty("periods").EnumerateArray().Where(p => p.GetProperty("period").GetString() == "P3").ToList();
        Assert.All(p3, p => Assert.Empty(p.GetProperty("years").EnumerateArray()));
        Assert.DoesNotContain(published.GetProperty("indicators").EnumerateArray(), i => i.GetProperty("year").GetInt32() > 2019);
    }

    [Fact]
    public async Task GivenAnalyst_WhenPostingCompute_ThenJobIsAcceptedAndSucceedsWithProgress()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.analyst");

        var response = await client.PostAsJsonAsync("/api/indicators/compute", new { period = "P1", year = 2020 }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = job.GetProperty("id").GetInt64();
        Assert.Equal($"/api/jobs/{id}", response.Headers.Location?.OriginalString);
        JsonElement state = default;
        for (var i = 0; i < 300; i++)
        {
            state = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}", Ct);
            if (state.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled")
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        Assert.True(state.GetProperty("status").GetString() == "succeeded", state.ToString());
        Assert.True(state.GetProperty("total").GetInt32() > 0);
        Assert.Equal(state.GetProperty("total").GetInt32(), state.GetProperty("done").GetInt32());
        Assert.NotNull(state.GetProperty("finishedAt").GetString());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("tampere.viewer", HttpStatusCode.Forbidden)]
    [InlineData("tampere.controller", HttpStatusCode.Forbidden)]
    [InlineData("tampere.leadership", HttpStatusCode.Forbidden)]
    public async Task GivenRoleOtherThanAnalystOrAdmin_WhenPostingCompute_ThenRefused(string? user, HttpStatusCode expected)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(user);

        var response = await client.PostAsJsonAsync("/api/indicators/compute", new { period = "P1" }, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/jobs/1", Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenUnknownPeriod_WhenPostingCompute_ThenValidationProblem()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("admin");

        var response = await client.PostAsJsonAsync("/api/indicators/compute", new { period = "P9" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("period", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task ComputeAsync(string period, int? year)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ComputeIndicators>()
            .ExecuteAsync("tesoma", period, year, new Actor("test.analyst", Roles.Analyst, "tampere"), null, Ct);
        Assert.True(outcome.IsOk, outcome.Message);
    }

    private async Task<List<string>> ComputeAndReadAsync()
    {
        await ComputeAsync("P1", null);
        await using var db = app.OpenStore();
        var rows = await db.IndicatorResults.AsNoTracking().Where(r => r.Period == "P1").ToListAsync(Ct);
        return rows.OrderBy(r => r.IndicatorId, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.UnitId, StringComparer.Ordinal)
            .Select(r => string.Join('|', r.IndicatorId, r.UnitId, r.Year, r.Value, r.Numerator, r.Denominator, r.N, r.Suppressed, r.IsAllianceUnit,
                r.DefinitionVersion, r.ParametersJson, r.BatchIdsJson, r.WindowStart, r.WindowEnd)).ToList();
    }
}

public sealed class SqliteComputeIndicatorsTests(SqliteIndicatorFixture app) : ComputeIndicatorsTests(app), IClassFixture<SqliteIndicatorFixture>;

public sealed class PostgresComputeIndicatorsTests(PostgresIndicatorFixture app) : ComputeIndicatorsTests(app), IClassFixture<PostgresIndicatorFixture>;
