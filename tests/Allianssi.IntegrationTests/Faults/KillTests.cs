using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Allianssi.IntegrationTests.Faults;

/// <summary>
/// Fault tests with real processes: the built web app runs as its own OS process, pauses at a
/// fault-injection point in the middle of a computation or an approval, and is killed there
/// (SIGKILL). The store must hold all of that work or none of it, the audit chain must verify
/// with the real <c>allianssi audit verify</c>, and the work must succeed when retried on a new process.
/// </summary>
public abstract class KillTests(Store kind)
{
    private const string Approval = "/api/alliances/tesoma/periods/P1/approval";

    private static readonly Actor Analyst = new("test.analyst", Roles.Analyst, "tampere");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAComputeJobKilledBeforeItsTransactionCommits_ThenTheEarlierResultsStandTheJobIsInterruptedAndARetrySucceeds()
    {
        await using var store = await FaultStore.CreateAsync(kind);
        IndicatorFixture.Fill(store.AnalyticalPath);
        await PrepareAsync(store);
        await using (var db = store.Open())
        {
            var first = await new ComputeIndicators(db, TimeProvider.System, new AnalyticalStoreLocation(store.AnalyticalPath))
                .ExecuteAsync("tesoma", "P1", null, Analyst, null, Ct);
            Assert.True(first.IsOk, first.Message);
        }

        var (count, computedAt) = await ResultsAsync(store);
        // P1 computed up to the data's last year (2019 in IndicatorFixture): 90 results.
        Assert.True(count >= 90, $"the earlier run stored {count} results");

        long jobId;
        var clock = Stopwatch.StartNew();
        await using (var app = await RealApp.StartAsync(store, pauseAt: "compute-before-commit"))
        {
            var analyst = await app.ClientForAsync("tampere.analyst");
            var queued = await analyst.PostAsJsonAsync("/api/indicators/compute", new { period = "P1" }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            jobId = (await queued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
            await app.WaitForLineAsync("fault-injection: paused at compute-before-commit", TimeSpan.FromMinutes(4));
            app.Kill();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{kind}: started, queued and killed inside the results transaction after {clock.ElapsedMilliseconds} ms");

        // Killed with the new results and their audit entry written but not committed: the earlier run's results stand, whole.
        await using (var db = store.Open())
        {
            Assert.Equal(JobStatus.Running, (await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, Ct)).Status);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "compute-indicators", Ct));
        }

        Assert.Equal((count, computedAt), await ResultsAsync(store));
        await AssertAuditVerifiesAsync(store);

        await using (var app = await RealApp.StartAsync(store))
        {
            var analyst = await app.ClientForAsync("tampere.analyst");
            var job = await analyst.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}", Ct);
            Assert.Equal("interrupted", job.GetProperty("status").GetString());
            Assert.StartsWith("interrupted:", job.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.NotNull(job.GetProperty("finishedAt").GetString());

            var retry = await analyst.PostAsJsonAsync("/api/indicators/compute", new { period = "P1" }, Ct);
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
            var retryId = (await retry.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
            var state = await WaitForJobAsync(analyst, retryId);
            Assert.True(state.GetProperty("status").GetString() == "succeeded", state.ToString());
        }

        var (retriedCount, retriedAt) = await ResultsAsync(store);
        Assert.Equal(count, retriedCount);
        Assert.True(retriedAt > computedAt, "the retry replaced the results");
        await using (var db = store.Open())
        {
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "compute-indicators", Ct));
        }

        await AssertAuditVerifiesAsync(store);
    }

    [Theory]
    [InlineData("commit:approve-result", false)]
    [InlineData("approve-before-lock", true)]
    public async Task GivenTheLastApprovalKilledMidway_ThenItIsStoredWithItsAuditEntryOrNotAtAllAndARetryLocks(string pauseAt, bool approvalSurvives)
    {
        await using var store = await FaultStore.CreateAsync(kind);
        await PrepareAsync(store);
        foreach (var party in new[] { "tampere", "mehilainen" })
        {
            await using var db = store.Open();
            using var cache = new MemoryCache(new MemoryCacheOptions());
            var results = new ResultCalculator(db, cache, new StoreChanges(), TimeProvider.System, new ResultCalculations());
            var approved = await new ApproveResult(db, TimeProvider.System, results)
                .ExecuteAsync("tesoma", "P1", null, new ApproveInput(null), new Actor($"{party}.leadership", Roles.Leadership, party), Ct);
            Assert.True(approved.IsOk, approved.Message);
        }

        await using (var app = await RealApp.StartAsync(store, pauseAt))
        {
            var leadership = await app.ClientForAsync("setlementti.leadership");
            var request = leadership.PostAsJsonAsync(Approval, new { }, Ct);
            await app.WaitForLineAsync($"fault-injection: paused at {pauseAt}", TimeSpan.FromMinutes(4));
            app.Kill();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => request);
        }

        var killed = await ApprovalStateAsync(store);
        Assert.Equal(approvalSurvives ? ["mehilainen", "setlementti", "tampere"] : ["mehilainen", "tampere"], killed.Approvers);
        Assert.Equal(killed.Approvers.Count, killed.ApprovalEntries);
        Assert.Equal(0, killed.Locks);
        Assert.Equal(0, killed.LockEntries);
        await AssertAuditVerifiesAsync(store);

        await using (var app = await RealApp.StartAsync(store))
        {
            var leadership = await app.ClientForAsync("setlementti.leadership");
            var retry = await leadership.PostAsJsonAsync(Approval, new { }, Ct);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal("locked", (await retry.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        }

        var retried = await ApprovalStateAsync(store);
        Assert.Equal(["mehilainen", "setlementti", "tampere"], retried.Approvers);
        Assert.Equal(3, retried.ApprovalEntries);
        Assert.Equal(1, retried.Locks);
        Assert.Equal(1, retried.LockEntries);
        await AssertAuditVerifiesAsync(store);
    }

    /// <summary>Migrations and the demo reference, in this process, before the app starts on the store.</summary>
    private static async Task PrepareAsync(FaultStore store)
    {
        await using var db = store.Open();
        await new MigrateStore(db).ExecuteAsync(Ct);
        var loaded = await new LoadReference(db, TimeProvider.System).ExecuteAsync("tesoma", withDemoData: true, Actor.System, Ct);
        Assert.True(loaded.IsOk, loaded.Message);
    }

    /// <summary>How many results P1 has, and when they were computed (one run writes one time).</summary>
    private static async Task<(int Count, DateTimeOffset ComputedAt)> ResultsAsync(FaultStore store)
    {
        await using var db = store.Open();
        var times = await db.IndicatorResults.AsNoTracking().Where(r => r.Period == "P1").Select(r => r.ComputedAt).ToListAsync(Ct);
        Assert.NotEmpty(times);
        Assert.Single(times.Distinct());
        return (times.Count, times[0]);
    }

    private static async Task<(List<string> Approvers, int ApprovalEntries, int Locks, int LockEntries)> ApprovalStateAsync(FaultStore store)
    {
        await using var db = store.Open();
        var approvers = await db.ResultApprovals.AsNoTracking().Where(a => a.Kind == ApprovalKind.Approve && a.InvalidatedAt == null)
            .Select(a => a.Party!.Code).ToListAsync(Ct);
        return (
            approvers.Order(StringComparer.Ordinal).ToList(),
            await db.AuditEntries.CountAsync(a => a.Action == "approve-result", Ct),
            await db.ResultLocks.CountAsync(Ct),
            await db.AuditEntries.CountAsync(a => a.Action == "lock-result", Ct));
    }

    private static async Task AssertAuditVerifiesAsync(FaultStore store)
    {
        var (exitCode, output) = await store.CliAsync("audit", "verify");
        Assert.True(exitCode == 0, output);
        Assert.Contains("audit log intact", output, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient client, long id)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        JsonElement state;
        do
        {
            await Task.Delay(200, Ct);
            state = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}", Ct);
        }
        while (state.GetProperty("status").GetString() is "queued" or "running" && DateTime.UtcNow < until);
        return state;
    }
}

public sealed class SqliteKillTests() : KillTests(Store.Sqlite);

public sealed class PostgresKillTests() : KillTests(Store.PostgreSql);
