using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests.Reports;

/// <summary>
/// The public-funding ceiling (seed 001: at most 140 M EUR over Tesoma's ten years): the position sums
/// the purchasers' payments of each settled year, the projection is linear over the span's 120 months,
/// and an alliance projected over its ceiling gets the warning in the API and in the period report.
/// </summary>
public abstract class PublicFundingTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenTheReferenceAlliance_WhenItsPublicFundingIsRead_ThenThePositionSumsThePurchasersPaymentsAndStaysUnderTheCeiling()
    {
        app.SkipIfUnavailable();
        var viewer = await app.ClientForAsync("tampere.viewer");
        var position = (await viewer.GetFromJsonAsync<PublicFundingPosition>($"{A}/public-funding", Json, Ct))!;

        Assert.Equal(140_000_000m, position.Ceiling);
        Assert.Equal(new DateOnly(2018, 4, 1), position.From);
        Assert.Equal(new DateOnly(2028, 3, 31), position.To);
        Assert.Equal(120, position.MonthsInSpan);
        Assert.Equal(9, position.Years[0].Months);
        Assert.Equal(3, position.Years[^1].Months);
        var settled = position.Years.Where(y => y.Paid is not null).ToList();
        Assert.Equal(Enumerable.Range(2018, 7), settled.Select(y => y.Year));
        var cumulative = 0m;
        foreach (var year in settled)
        {
            var period = year.Year <= 2021 ? "P1" : "P2";
            var settlement = (await viewer.GetFromJsonAsync<SettlementView>($"{A}/periods/{period}/settlement?year={year.Year}", Json, Ct))!;
            var paid = settlement.Parties.Where(p => p.Role == "purchaser").Sum(p => p.Payment ?? 0m);
            cumulative += paid;
            Assert.Equal(paid, year.Paid);
            Assert.Equal(cumulative, year.Cumulative);
        }

        Assert.Equal(cumulative, position.Cumulative);
        Assert.Equal(9 + (6 * 12), position.MonthsSettled);
        Assert.Equal(Math.Round(cumulative / 81m * 120m, 2, MidpointRounding.AwayFromZero), position.Projected);
        Assert.False(position.ProjectionExceedsCeiling);
    }

    [Fact]
    public async Task GivenACeilingTheProjectionExceeds_WhenReadAndReported_ThenTheApiAndTheReportWarn()
    {
        app.SkipIfUnavailable();
        await SetCeilingAsync(40_000_000m);
        try
        {
            var viewer = await app.ClientForAsync("tampere.viewer");
            var position = (await viewer.GetFromJsonAsync<PublicFundingPosition>($"{A}/public-funding", Json, Ct))!;
            Assert.True(position.ProjectionExceedsCeiling);
            Assert.True(position.Projected > 40_000_000m);

            var pdf = await (await viewer.GetAsync($"{A}/periods/P2/report?lang=fi", Ct)).Content.ReadAsByteArrayAsync(Ct);
            var text = string.Join(" ", PeriodReportTests.PageTexts(pdf));
            Assert.Contains("Varoitus: ennuste", text, StringComparison.Ordinal);
            Assert.Contains("ylittää enimmäismäärän 40 000 000,00 €", text, StringComparison.Ordinal);
        }
        finally
        {
            await SetCeilingAsync(140_000_000m);
        }
    }

    [Fact]
    public async Task GivenALeader_WhenTheCeilingIsChangedThroughTheApi_ThenThePositionUsesItAndTheChangeIsAudited()
    {
        app.SkipIfUnavailable();
        var leader = await app.ClientForAsync("pirha.leadership");
        try
        {
            var response = await leader.PutAsJsonAsync($"{A}/configuration/public-funding-ceiling", new { amount = 150_000_000.50m, from = "2018-04-01", to = "2029-03-31" }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var viewer = await app.ClientForAsync("tampere.viewer");
            var position = (await viewer.GetFromJsonAsync<PublicFundingPosition>($"{A}/public-funding", Json, Ct))!;
            Assert.Equal(150_000_000.50m, position.Ceiling);
            Assert.Equal(new DateOnly(2029, 3, 31), position.To);
            Assert.Equal(132, position.MonthsInSpan);

            var admin = await app.ClientForAsync("admin");
            var audit = await admin.GetStringAsync("/api/audit?action=set-public-funding-ceiling", Ct);
            Assert.Contains("pirha.leadership", audit, StringComparison.Ordinal);
            Assert.Contains("140000000", audit, StringComparison.Ordinal);
            Assert.Contains("150000000.5", audit, StringComparison.Ordinal);
        }
        finally
        {
            (await leader.PutAsJsonAsync($"{A}/configuration/public-funding-ceiling", new { amount = 140_000_000m, from = "2018-04-01", to = "2028-03-31" }, Ct)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task GivenAnInvalidCeiling_WhenPut_ThenEachFieldIsNamedAndNothingIsSaved()
    {
        app.SkipIfUnavailable();
        var leader = await app.ClientForAsync("tampere.leadership");
        var response = await leader.PutAsJsonAsync($"{A}/configuration/public-funding-ceiling", new { amount = -5m, from = "2018-04-01", to = "2017-12-31" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("must be positive, is -5", errors.GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("before its first day 2018-04-01", errors.GetProperty("to")[0].GetString(), StringComparison.Ordinal);

        response = await leader.PutAsJsonAsync($"{A}/configuration/public-funding-ceiling", new { amount = 1m }, Ct);
        errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["from", "to"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

        var analyst = await app.ClientForAsync("tampere.analyst");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PutAsJsonAsync($"{A}/configuration/public-funding-ceiling", new { amount = 1m, from = "2018-04-01", to = "2028-03-31" }, Ct)).StatusCode);

        var viewer = await app.ClientForAsync("tampere.viewer");
        var position = (await viewer.GetFromJsonAsync<PublicFundingPosition>($"{A}/public-funding", Json, Ct))!;
        Assert.Equal(140_000_000m, position.Ceiling);
        Assert.Equal(new DateOnly(2028, 3, 31), position.To);
    }

    private async Task SetCeilingAsync(decimal amount)
    {
        _ = await app.ClientForAsync(null); // starts the application, which migrates and seeds the store
        await using var db = app.OpenStore();
        var alliance = await db.Alliances.SingleAsync(a => a.Code == "tesoma", Ct);
        alliance.PublicFundingCeiling = new Domain.Money(amount);
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqlitePublicFundingTests(SqliteFixture app) : PublicFundingTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresPublicFundingTests(PostgresFixture app) : PublicFundingTests(app), IClassFixture<PostgresFixture>;
