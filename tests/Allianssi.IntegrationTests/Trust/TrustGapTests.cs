using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Audit;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Web;
using Allianssi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// A locked result in the exports and on pages, the public results' caching, and the audit of
/// account events and migrations, on SQLite and PostgreSQL. Each class has its own database: the
/// tests lock P1, P2/2022 and P2/2024 and change only years those locks do not cover (P2/2022 sees
/// only a computed result, which a lock does not refuse, added and removed again by one test). Tests run in
/// any order, so a scope read as unlocked is one no test locks (P2/2023).
/// </summary>
public abstract class TrustGapTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> LockAsync(string scope)
    {
        var viewer = await app.ClientForAsync("tampere.viewer");
        var status = await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/{scope}", Ct);
        if (status.GetProperty("state").GetString() == "locked")
        {
            return status.GetProperty("lock").GetProperty("snapshotHash").GetString()!;
        }

        JsonElement last = default;
        foreach (var party in status.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("party").GetString()!))
        {
            var client = await app.ClientForAsync($"{party}.leadership");
            var response = await client.PostAsJsonAsync($"{A}/periods/{scope}", new { }, Ct);
            response.EnsureSuccessStatusCode();
            last = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }

        Assert.Equal("locked", last.GetProperty("state").GetString());
        return last.GetProperty("lock").GetProperty("snapshotHash").GetString()!;
    }

    [Fact]
    public async Task GivenALockedPeriod_WhenReadingTheSettlementAndScorecardAsJsonAndCsv_ThenEachCarriesTheSnapshotHash()
    {
        app.SkipIfUnavailable();
        var hash = await LockAsync("P1/approval");
        var viewer = await app.ClientForAsync("tampere.viewer");

        var settlement = await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/settlement", Ct);
        var scorecard = await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/P1/scorecard?year=2020", Ct);
        var settlementCsv = await viewer.GetStringAsync($"{A}/periods/P1/settlement?format=csv&culture=en-GB", Ct);
        var scorecardCsv = await viewer.GetStringAsync($"{A}/periods/P1/scorecard?year=2020&format=csv&culture=en-GB", Ct);
        var open = await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/P2/settlement?year=2023", Ct);
        var openCsv = await viewer.GetStringAsync($"{A}/periods/P2/settlement?year=2023&format=csv&culture=en-GB", Ct);

        var locked = settlement.GetProperty("locks").EnumerateArray().Single();
        Assert.Equal(hash, locked.GetProperty("snapshotHash").GetString());
        Assert.Equal("P1", locked.GetProperty("scope").GetString());
        Assert.False(locked.GetProperty("currentDataDiffers").GetBoolean());
        Assert.Equal(hash, scorecard.GetProperty("locks").EnumerateArray().Single().GetProperty("snapshotHash").GetString());
        foreach (var csv in new[] { settlementCsv, scorecardCsv })
        {
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.EndsWith(",locked_scope,snapshot_sha256", lines[0], StringComparison.Ordinal);
            Assert.True(lines.Length > 2);
            Assert.All(lines.Skip(1), l => Assert.EndsWith($",P1,{hash}", l, StringComparison.Ordinal));
        }

        Assert.False(open.TryGetProperty("locks", out _));
        Assert.DoesNotContain(hash, openCsv, StringComparison.Ordinal);
        Assert.All(openCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), l => Assert.EndsWith(",,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenALockedYear_WhenReadAgain_ThenTheCurrentSnapshotIsNotRecomputedUntilAnInputChanges()
    {
        app.SkipIfUnavailable();
        var hash = await LockAsync("P2/approval?year=2022");
        var viewer = await app.ClientForAsync("tampere.viewer");
        var snapshots = app.Services.GetRequiredService<ResultCalculations>();
        async Task<bool> DiffersAsync(string what)
        {
            var view = await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/P2/{what}?year=2022", Ct);
            var locked = view.GetProperty("locks").EnumerateArray().Single();
            Assert.Equal(hash, locked.GetProperty("snapshotHash").GetString());
            return locked.GetProperty("currentDataDiffers").GetBoolean();
        }

        Assert.False(await DiffersAsync("scorecard"));
        var computed = snapshots.Count;
        Assert.False(await DiffersAsync("settlement"));
        Assert.False(await DiffersAsync("scorecard"));
        Assert.Equal(computed, snapshots.Count);

        // A computation over newer data: a lock does not refuse it, and the locked year's current result changes.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
        var alliance = await db.Alliances.AsNoTracking().SingleAsync(a => a.Code == "tesoma", Ct);
        var indicator = await db.Indicators.AsNoTracking().Where(i => i.KeyResultArea!.AllianceId == alliance.Id).Select(i => i.Code).FirstAsync(Ct);
        var result = new IndicatorResult
        {
            AllianceId = alliance.Id, Period = "P2", IndicatorId = indicator, UnitId = alliance.ScoredUnit, Year = 2022, Value = 0.5, N = 100,
            IsAllianceUnit = true, DefinitionVersion = 1, ParametersJson = "{}", BatchIdsJson = "[]",
            WindowStart = new DateOnly(2022, 1, 1), WindowEnd = new DateOnly(2022, 12, 31), ComputedAt = DateTimeOffset.UnixEpoch,
        };
        db.IndicatorResults.Add(result);
        await db.SaveChangesAsync(Ct);
        try
        {
            Assert.True(await DiffersAsync("scorecard"));
            Assert.True(await DiffersAsync("settlement"));
            Assert.Equal(computed + 1, snapshots.Count);
        }
        finally
        {
            db.IndicatorResults.Remove(result);
            await db.SaveChangesAsync(Ct);
        }

        Assert.False(await DiffersAsync("settlement"));
    }

    [Fact]
    public async Task GivenALockedYear_WhenAPageSavesAChangeThatFeedsIt_ThenItGetsAConflictNamingTheLockInTheUsersLanguage()
    {
        app.SkipIfUnavailable();
        var hash = await LockAsync("P2/approval?year=2024");
        await using var scope = app.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<UseCaseRunner>();
        var actor = new Actor("tampere.leadership", Roles.Leadership, "tampere");
        var input = new AdjustmentInput("tampere", 2024, -100m, "Synthetic correction", "Leadership team 1.1.2025");
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<Strings>>();
            var outcome = await runner.RunAsync<RecordAdjustment, Outcome<AdjustmentDto>>(u => u.ExecuteAsync("tesoma", input, actor, Ct));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            var english = ValidationText.Refusal(text, outcome);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fi-FI");
            var finnish = ValidationText.Refusal(text, outcome);

            Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
            Assert.Equal("conflict.resultLocked", outcome.Code);
            Assert.StartsWith("The result P2/2024 is locked by approval", english, StringComparison.Ordinal);
            Assert.Contains(hash, english, StringComparison.Ordinal);
            Assert.StartsWith("Tulos P2/2024 on lukittu hyväksynnällä", finnish, StringComparison.Ordinal);
            Assert.Contains(hash, finnish, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        // Nothing was stored: the adjustments of 2024 are as before.
        var viewer = await app.ClientForAsync("tampere.viewer");
        var adjustments = await viewer.GetFromJsonAsync<JsonElement>($"{A}/adjustments", Ct);
        Assert.DoesNotContain(adjustments.EnumerateArray(), a => a.GetProperty("reason").GetString() == "Synthetic correction");
    }

    [Fact]
    public async Task GivenThePublicPage_WhenRequestedAgain_ThenItIsServedFromTheCacheWithoutACookie()
    {
        app.SkipIfUnavailable();
        var anonymous = await app.ClientForAsync(null);

        using var first = await anonymous.GetAsync("/public?alliance=tesoma&cachetest=1", Ct);
        using var second = await anonymous.GetAsync("/public?alliance=tesoma&cachetest=1", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.True(second.Headers.Age is not null, "the second response was not served from the output cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task GivenCachedPublicResults_WhenAnInputChanges_ThenTheNextRequestShowsTheChange()
    {
        app.SkipIfUnavailable();
        var anonymous = await app.ClientForAsync(null);
        var admin = await app.ClientForAsync("admin");
        // 2023 (P2) is covered by no lock of these tests.
        (await admin.PutAsJsonAsync($"{A}/configuration/indicator-values", new { indicator = "nps", year = 2023, value = -1000m }, Ct)).EnsureSuccessStatusCode();
        var low = await anonymous.GetStringAsync("/api/public/tesoma", Ct);
        Assert.Equal(low, await anonymous.GetStringAsync("/api/public/tesoma", Ct));

        (await admin.PutAsJsonAsync($"{A}/configuration/indicator-values", new { indicator = "nps", year = 2023, value = 1000m }, Ct)).EnsureSuccessStatusCode();
        var high = await anonymous.GetStringAsync("/api/public/tesoma", Ct);

        Assert.NotEqual(low, high);
    }

    [Fact]
    public async Task GivenSignInAttempts_WhenAudited_ThenSuccessAndFailureAreRecordedWithoutThePassword()
    {
        app.SkipIfUnavailable();
        var anonymous = await app.ClientForAsync(null);
        const string wrong = "Not-the-password-7";
        const string typo = "Typed-into-the-name-field-9";
        var failed = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "setlementti.viewer", password = wrong }, Ct);
        var unknown = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = typo, password = wrong }, Ct);
        var succeeded = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "setlementti.viewer", password = AppFixture.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);

        var admin = await app.ClientForAsync("admin");
        var failures = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=sign-in-failed", Ct);
        var successes = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=sign-in&actor=setlementti.viewer", Ct);
        var everything = await admin.GetStringAsync("/api/audit?format=csv&take=1000", Ct);

        var mine = failures.EnumerateArray().Single(e => e.GetProperty("actor").GetString() == "setlementti.viewer");
        Assert.Equal("viewer", mine.GetProperty("role").GetString());
        Assert.Equal("setlementti", mine.GetProperty("party").GetString());
        Assert.Contains("wrong-credentials", mine.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains(failures.EnumerateArray(), e => e.GetProperty("actor").GetString() == "(unknown user)");
        var success = successes.EnumerateArray().Single();
        Assert.Contains("api-token", success.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(typo, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(AppFixture.Password, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAStoreMigratedOnStart_WhenReadingTheAudit_ThenTheMigrationIsRecorded()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");

        var entries = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=migrate-store", Ct);

        var entry = entries.EnumerateArray().Last();
        Assert.Equal("system", entry.GetProperty("actor").GetString());
        Assert.Contains("applied", entry.GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenALedgerLine_WhenAdded_ThenTheLineAndItsAuditEntryAreCommittedTogetherNamingTheLine()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("mehilainen.analyst");
        var response = await analyst.PostAsJsonAsync($"{A}/ledger", new { party = "mehilainen", year = 2023, account = "Audit atomicity", amount = 12m, reimbursable = true }, Ct);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();

        await using var db = app.OpenStore();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "add-ledger-line" && a.EntityKey == id.ToString(CultureInfo.InvariantCulture), Ct);
        Assert.Contains("Audit atomicity", entry.After, StringComparison.Ordinal);
        Assert.Equal("mehilainen.analyst", entry.Actor);
    }
}

public sealed class SqliteTrustGapTests(SqliteFixture app) : TrustGapTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresTrustGapTests(PostgresFixture app) : TrustGapTests(app), IClassFixture<PostgresFixture>;

/// <summary>The audit page's cheap check: only entries since the last intact check, and the checkpoint entry itself (own database: it breaks the chain).</summary>
public abstract class AuditCheckpointTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AuditVerification> VerifyAsync(bool full)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var verify = scope.ServiceProvider.GetRequiredService<VerifyAuditLog>();
        return full ? await verify.ExecuteAsync(Ct) : await verify.ExecuteSinceCheckpointAsync(Ct);
    }

    private async Task AddLineAsync(string account)
    {
        var analyst = await app.ClientForAsync("tampere.analyst");
        (await analyst.PostAsJsonAsync("/api/alliances/tesoma/ledger", new { party = "tampere", year = 2019, account, amount = 1m, reimbursable = true }, Ct)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task GivenACheckpoint_WhenEntriesAreAddedOrTheCheckpointEntryIsEdited_ThenTheCheapCheckReadsOnlyNewEntriesAndStillFindsTheEdit()
    {
        app.SkipIfUnavailable();
        await AddLineAsync("Checkpoint 1");
        var full = await VerifyAsync(full: true);
        Assert.True(full.IsIntact);
        Assert.Equal(0, full.CheckedAfter);

        await AddLineAsync("Checkpoint 2");
        var since = await VerifyAsync(full: false);
        Assert.True(since.IsIntact);
        Assert.Equal(full.Entries, since.CheckedAfter);
        Assert.True(since.Entries > full.Entries);

        // Edit the entry the cheap check now starts from, with the append-only trigger dropped.
        await using var db = app.OpenStore();
        var sqlite = app.Store == Store.Sqlite;
        await db.Database.ExecuteSqlRawAsync(sqlite ? "DROP TRIGGER \"AuditLog_append_only_update\"" : "DROP TRIGGER \"AuditLog_append_only\" ON \"AuditLog\"", Ct);
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditLog\" SET \"Actor\" = 'someone else' WHERE \"Sequence\" = {since.Entries}", Ct);

        var cheap = await VerifyAsync(full: false);
        var all = await VerifyAsync(full: true);

        Assert.False(cheap.IsIntact);
        Assert.Equal(since.Entries, cheap.FirstBreak!.Sequence);
        Assert.False(all.IsIntact);
        Assert.Equal(since.Entries, all.FirstBreak!.Sequence);
    }
}

public sealed class SqliteAuditCheckpointTests(SqliteFixture app) : AuditCheckpointTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresAuditCheckpointTests(PostgresFixture app) : AuditCheckpointTests(app), IClassFixture<PostgresFixture>;
