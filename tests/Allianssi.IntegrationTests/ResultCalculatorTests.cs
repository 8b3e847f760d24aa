using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>
/// Issue 13 item 5: one result calculator per scope. A settlement page view (the settlement and the
/// approval panel beside it) and the API settle a scope once, not once per part; a change of
/// configuration or data, made here or by another process (the command line), is read at once.
/// </summary>
public abstract class ResultCalculatorTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");

    private ResultCalculations Calculations => app.Services.GetRequiredService<ResultCalculations>();

    /// <summary>What a reader sees in an element of the page with the given test id (entities decoded, no-break spaces as spaces).</summary>
    private static string Shown(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>(.*?)</", RegexOptions.Singleline);
        Assert.True(match.Success, $"the page shows no {testId}");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
    }

    private static string FinnishMoney(decimal euros) => (euros.ToString("N2", Finnish) + " €").Replace('\u00A0', ' ').Replace('\u2212', '-');

    [Fact]
    public async Task GivenTheSettlementPage_WhenOpened_ThenItsSettlementAndApprovalPanelSettleTheScopeOnce()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.leadership");
        var settlement = await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        var approval = await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/approval", Ct);

        // A new store generation: nothing computed before it is served.
        app.Services.GetRequiredService<StoreChanges>().Advance();
        var before = Calculations.Count;
        var html = await client.GetStringAsync("/settlement?period=P1&culture=fi-FI", Ct);
        Assert.Equal(before + 1, Calculations.Count);

        // Both parts of the page come from that one computation: the settlement's figures and the approval panel's hash.
        Assert.Equal(FinnishMoney(settlement.GetProperty("targetCost").GetDecimal()), Shown(html, "target-cost"));
        Assert.Equal(FinnishMoney(settlement.GetProperty("costResult").GetDecimal()), Shown(html, "cost-result"));
        Assert.Equal(approval.GetProperty("currentHash").GetString(), Shown(html, "current-hash"));

        // The same view again (a second render, another reader, the API) settles nothing until something changes.
        await client.GetStringAsync("/settlement?period=P1&culture=en-GB", Ct);
        await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/approval", Ct);
        await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/scorecard", Ct);
        Assert.Equal(before + 1, Calculations.Count);

        // The API endpoint after a change settles once too.
        app.Services.GetRequiredService<StoreChanges>().Advance();
        var again = await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        Assert.Equal(before + 2, Calculations.Count);
        Assert.Equal(settlement.GetProperty("targetCost").GetDecimal(), again.GetProperty("targetCost").GetDecimal());
    }

    [Fact]
    public async Task GivenACachedResult_WhenSomeoneSignsInOrDownloadsAReport_ThenNothingIsRecomputed()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.leadership");
        var settlement = await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        // The report reads the period and each of its years: computed once here, read from the cache below.
        (await client.GetAsync($"{A}/periods/P1/report?format=pdf&lang=fi", Ct)).EnsureSuccessStatusCode();
        var changes = app.Services.GetRequiredService<StoreChanges>();
        var generation = changes.Generation;
        var computed = Calculations.Count;
        long audited;
        await using (var db = app.OpenStore())
        {
            audited = await db.AuditEntries.LongCountAsync(Ct);
        }

        // Account events and reads, each audited: a sign-in, a failed one, a report downloaded.
        var anonymous = await app.ClientForAsync(null);
        (await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "tampere.viewer", password = AppFixture.Password }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "no.such.user", password = "wrong" }, Ct)).StatusCode);
        (await client.GetAsync($"{A}/periods/P1/report?format=pdf&lang=fi", Ct)).EnsureSuccessStatusCode();
        await using (var db = app.OpenStore())
        {
            Assert.Equal(audited + 3, await db.AuditEntries.LongCountAsync(Ct));
        }

        // None of them changes a result: the cached ones are served, settled no more.
        Assert.Equal(generation, changes.Generation);
        Assert.Equal(computed, Calculations.Count);
        var again = await client.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        Assert.Equal(computed, Calculations.Count);
        Assert.Equal(settlement.GetProperty("targetCost").GetDecimal(), again.GetProperty("targetCost").GetDecimal());
    }

    [Fact]
    public async Task GivenACallersTransaction_WhenItWritesByStatementAndSavesOnlyARead_ThenItsCommitMovesTheStoreGeneration()
    {
        app.SkipIfUnavailable();
        var changes = app.Services.GetRequiredService<StoreChanges>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
        var generation = changes.Generation;
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            // A row written by a statement, which no change tracker sees, beside a tracked save that alone leaves every
            // result as it was (a read, audited).
            Assert.True(await db.TargetCosts.Where(t => t.Year == 2019).ExecuteUpdateAsync(u => u.SetProperty(t => t.Note, t => t.Note + " "), Ct) > 0);
            AuditLog.Record(db, TimeProvider.System, new Actor("tampere.leadership", Roles.Leadership, "tampere"), AuditEntry.DownloadReport, "Report", "P1", null, null);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.True(changes.Generation > generation, "the commit of a caller's transaction may hold writes no save saw");
    }

    [Fact]
    public async Task GivenNoCachedResult_WhenSeveralReadersAskAtOnce_ThenTheScopeIsSettledOnce()
    {
        app.SkipIfUnavailable();
        var readers = await Task.WhenAll(app.ClientForAsync("tampere.leadership"), app.ClientForAsync("tampere.viewer"), app.ClientForAsync("admin"));
        await readers[0].GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        app.Services.GetRequiredService<StoreChanges>().Advance();
        var before = Calculations.Count;

        var read = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            readers[i % readers.Length].GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct)));

        Assert.Equal(before + 1, Calculations.Count);
        Assert.Single(read.Select(r => r.GetProperty("costResult").GetDecimal()).Distinct());
    }

    [Fact]
    public async Task GivenACachedResult_WhenATargetCostChangesHereOrFromTheCommandLine_ThenTheFigureReadIsRecomputed()
    {
        app.SkipIfUnavailable();
        var leadership = await app.ClientForAsync("tampere.leadership");
        async Task<decimal> TargetCostAsync() =>
            (await leadership.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct)).GetProperty("targetCost").GetDecimal();

        var first = await leadership.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        var before = first.GetProperty("targetCost").GetDecimal();
        var row = first.GetProperty("targetCosts").EnumerateArray().First(t => t.GetProperty("purchaser").GetString() == "tampere" && t.GetProperty("year").GetInt32() == 2019);
        var amount = row.GetProperty("amount").GetDecimal();
        var computed = Calculations.Count;
        Assert.Equal(before, await TargetCostAsync());
        Assert.Equal(computed, Calculations.Count);

        // A change through the application: the next read computes again and shows it.
        var set = await leadership.PutAsJsonAsync($"{A}/target-costs", new { purchaser = "tampere", year = 2019, amount = amount + 1_000m, note = "test" }, Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(before + 1_000m, await TargetCostAsync());
        Assert.Equal(computed + 1, Calculations.Count);
        var html = await leadership.GetStringAsync("/settlement?period=P1&culture=fi-FI", Ct);
        Assert.Equal(FinnishMoney(before + 1_000m), Shown(html, "target-cost"));

        // A change by another process (the command line opens the store itself: this process's generation does not
        // move), recorded in the audit log as every change is: the next read computes again and shows it.
        var generation = app.Services.GetRequiredService<StoreChanges>().Generation;
        await using (var db = app.OpenStore())
        {
            var cli = await new SetTargetCost(db, TimeProvider.System)
                .ExecuteAsync("tesoma", new TargetCostDto("tampere", 2019, amount + 2_500m, "test"), new Actor("tampere.leadership", Roles.Leadership, "tampere"), Ct);
            Assert.True(cli.IsOk, cli.Message);
        }

        Assert.Equal(generation, app.Services.GetRequiredService<StoreChanges>().Generation);
        Assert.Equal(before + 2_500m, await TargetCostAsync());
        html = await leadership.GetStringAsync("/settlement?period=P1&culture=fi-FI", Ct);
        Assert.Equal(FinnishMoney(before + 2_500m), Shown(html, "target-cost"));

        var back = await leadership.PutAsJsonAsync($"{A}/target-costs", new { purchaser = "tampere", year = 2019, amount, note = "test" }, Ct);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(before, await TargetCostAsync());
    }

    [Fact]
    public async Task GivenAnEnteredIndicatorValue_WhenTheScorecardIsReadAgain_ThenThePeriodScoreIsRecomputed()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");
        var viewer = await app.ClientForAsync("tampere.viewer");
        async Task<(decimal Scorecard, decimal Settlement)> ScoresAsync() => (
            (await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/scorecard", Ct)).GetProperty("periodScore").GetDecimal(),
            (await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct)).GetProperty("periodScore").GetDecimal());

        var before = await ScoresAsync();
        Assert.Equal(before.Scorecard, before.Settlement);
        var computed = Calculations.Count;

        // New data for a year of the period: the scorecard and the settlement both show the new score, from one computation.
        (await admin.PutAsJsonAsync($"{A}/configuration/indicator-values", new { indicator = "nps", year = 2019, value = 5m }, Ct)).EnsureSuccessStatusCode();
        var after = await ScoresAsync();
        Assert.Equal(computed + 1, Calculations.Count);
        Assert.Equal(after.Scorecard, after.Settlement);
        Assert.NotEqual(before.Scorecard, after.Scorecard);
    }
}

public sealed class SqliteResultCalculatorTests(SqliteFixture app) : ResultCalculatorTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresResultCalculatorTests(PostgresFixture app) : ResultCalculatorTests(app), IClassFixture<PostgresFixture>;
