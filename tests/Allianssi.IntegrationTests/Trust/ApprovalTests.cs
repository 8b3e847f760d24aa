using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// Unanimous approval through the API on SQLite and PostgreSQL. Each test works on its own scope
/// (P1; P2/2022; P2/2024) and changes only years no other test's scope covers.
/// </summary>
public abstract class ApprovalTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> StatusAsync(string scope)
    {
        var viewer = await app.ClientForAsync("tampere.viewer");
        return await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/{scope}", Ct);
    }

    private async Task<HttpResponseMessage> ApproveAsync(string party, string scope, object? body = null)
    {
        var client = await app.ClientForAsync($"{party}.leadership");
        return await client.PostAsJsonAsync($"{A}/periods/{scope}", body ?? new { }, Ct);
    }

    private static List<string> Parties(JsonElement status) =>
        status.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("party").GetString()!).ToList();

    [Fact]
    public async Task GivenEveryPartyApproves_WhenTheLastApproves_ThenTheResultIsLockedWithTheSnapshotHashAndItsInputsAreRefused()
    {
        app.SkipIfUnavailable();
        const string scope = "P1/approval";
        var parties = Parties(await StatusAsync(scope));
        Assert.Equal(["tampere", "mehilainen", "setlementti"], parties);

        JsonElement last = default;
        foreach (var party in parties)
        {
            var response = await ApproveAsync(party, scope);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }

        Assert.Equal("locked", last.GetProperty("state").GetString());
        var hash = last.GetProperty("lock").GetProperty("snapshotHash").GetString()!;
        Assert.Equal(last.GetProperty("currentHash").GetString(), hash);
        var viewer = await app.ClientForAsync("tampere.viewer");
        var snapshot = await viewer.GetAsync($"{A}/periods/{scope}/snapshot", Ct);
        var bytes = await snapshot.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(hash, snapshot.Headers.GetValues("X-Snapshot-SHA256").Single());
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(bytes)).RootElement;
        Assert.Equal("allianssi-result-snapshot/1", json.GetProperty("format").GetString());
        Assert.True(json.GetProperty("settlement").GetProperty("parties").GetArrayLength() == 3);
        Assert.True(json.GetProperty("scorecards").GetArrayLength() == 4);

        // A ledger line in a locked year is refused with a ProblemDetails that names the lock.
        var analyst = await app.ClientForAsync("mehilainen.analyst");
        var refused = await analyst.PostAsJsonAsync($"{A}/ledger", new { party = "mehilainen", year = 2020, account = "Late invoice", amount = 100m, reimbursable = true }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("P1", problem, StringComparison.Ordinal);
        Assert.Contains(hash, problem, StringComparison.Ordinal);
        var levels = await (await app.ClientForAsync("admin")).PutAsJsonAsync($"{A}/configuration/indicator-values", new { indicator = "nps", year = 2019, value = 99m }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, levels.StatusCode);

        // New data for another period is still recorded, and the locked result stays as approved.
        var other = await analyst.PostAsJsonAsync($"{A}/ledger", new { party = "mehilainen", year = 2023, account = "Next period", amount = 100m, reimbursable = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var after = await StatusAsync(scope);
        Assert.Equal("locked", after.GetProperty("state").GetString());
        Assert.False(after.GetProperty("lock").GetProperty("currentDataDiffers").GetBoolean());
        Assert.All(after.GetProperty("lock").GetProperty("differences").EnumerateArray(), d => Assert.Equal(0m, d.GetProperty("difference").GetDecimal()));
    }

    [Fact]
    public async Task GivenAPartialApproval_WhenAnInputChanges_ThenTheApprovalIsInvalidatedWithTheReason()
    {
        app.SkipIfUnavailable();
        const string scope = "P2/approval?year=2022";
        Assert.Equal(HttpStatusCode.OK, (await ApproveAsync("tampere", scope)).StatusCode);
        var partly = await StatusAsync(scope);
        Assert.Equal("partly-approved", partly.GetProperty("state").GetString());

        var analyst = await app.ClientForAsync("mehilainen.analyst");
        (await analyst.PostAsJsonAsync($"{A}/ledger", new { party = "mehilainen", year = 2022, account = "Correction", amount = 250m, reimbursable = true }, Ct)).EnsureSuccessStatusCode();

        var status = await StatusAsync(scope);
        Assert.Equal("open", status.GetProperty("state").GetString());
        var invalidated = status.GetProperty("invalidated").EnumerateArray().Single();
        Assert.Equal("tampere", invalidated.GetProperty("party").GetString());
        Assert.Equal("the ledger line of mehilainen for 2022 changed after the approval", invalidated.GetProperty("reason").GetString());
        // Stored as a code with its arguments, so the page can show it in the reader's language.
        Assert.Equal("code:ledger-line|mehilainen|2022", invalidated.GetProperty("storedReason").GetString());
        var admin = await app.ClientForAsync("admin");
        var audit = await admin.GetStringAsync("/api/audit?action=invalidate-approval", Ct);
        Assert.Contains("ledger line of mehilainen for 2022", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenALock_WhenEveryPartyConsentsToReopen_ThenItIsReopenedOnRecordAndInputsCanChange()
    {
        app.SkipIfUnavailable();
        const string scope = "P2/approval?year=2024";
        const string reopen = "P2/approval/reopen?year=2024";
        var parties = Parties(await StatusAsync(scope));
        Assert.Equal(4, parties.Count);
        foreach (var party in parties)
        {
            (await ApproveAsync(party, scope)).EnsureSuccessStatusCode();
        }

        Assert.Equal("locked", (await StatusAsync(scope)).GetProperty("state").GetString());
        var again = await ApproveAsync("tampere", scope);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        for (var i = 0; i < parties.Count; i++)
        {
            var client = await app.ClientForAsync($"{parties[i]}.leadership");
            var response = await client.PostAsJsonAsync($"{A}/periods/{reopen}", new { reason = "Late ledger correction agreed" }, Ct);
            response.EnsureSuccessStatusCode();
            var state = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString();
            Assert.Equal(i < parties.Count - 1 ? "locked" : "open", state);
        }

        var status = await StatusAsync(scope);
        Assert.Equal(1, status.GetProperty("reopened").GetArrayLength());
        var analyst = await app.ClientForAsync("pirha.analyst");
        var change = await analyst.PostAsJsonAsync($"{A}/ledger", new { party = "pirha", year = 2024, account = "Correction", amount = 5m, reimbursable = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var admin = await app.ClientForAsync("admin");
        var audit = await admin.GetStringAsync("/api/audit?action=reopen-result", Ct);
        Assert.Contains("P2/2024", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAPeriodSettledToDateAndAYearInProgress_WhenApproving_ThenRefusedWithTheStableCodeAndNothingIsLocked()
    {
        app.SkipIfUnavailable();
        // P3 runs 2025 to March 2028; give it data and target costs up to the current year of the app's
        // clock (fixed in 2027: every read of the result, the approval status's snapshot too, uses it).
        var thisYear = app.Clock.GetUtcNow().Year;
        Assert.Equal(2027, thisYear);
        var admin = await app.ClientForAsync("admin");
        var leadership = await app.ClientForAsync("tampere.leadership");
        for (var y = 2025; y <= thisYear; y++)
        {
            foreach (var indicator in new[] { "chronic_care_plan", "nps" })
            {
                (await admin.PutAsJsonAsync($"{A}/configuration/indicator-values", new { indicator, year = y, value = 75m }, Ct)).EnsureSuccessStatusCode();
            }

            (await leadership.PutAsJsonAsync($"{A}/target-costs", new { purchaser = "tampere", year = y, amount = 11_000_000m, note = "test" }, Ct)).EnsureSuccessStatusCode();
        }

        var settlement = await leadership.GetFromJsonAsync<JsonElement>($"{A}/periods/P3/settlement", Ct);
        Assert.Equal(thisYear, settlement.GetProperty("toDateThrough").GetInt32());
        var status = await StatusAsync("P3/approval");
        Assert.Equal("approval.notFinal", status.GetProperty("notApprovable").GetString());
        Assert.Equal(thisYear, status.GetProperty("notFinalThrough").GetInt32());

        foreach (var scope in new[] { "P3/approval", $"P3/approval?year={thisYear}" })
        {
            var refused = await ApproveAsync("tampere", scope);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var message = problem.GetProperty("errors").GetProperty("approval.notFinal")[0].GetString()!;
            Assert.Contains(scope.Contains('?', StringComparison.Ordinal) ? $"{thisYear} is still in progress" : $"period P3 is settled only to date (through {thisYear})", message, StringComparison.Ordinal);
            Assert.Equal("open", (await StatusAsync(scope)).GetProperty("state").GetString());
        }

        // A year of the period that is over is final: it can be approved.
        var pastYear = await StatusAsync("P3/approval?year=2025");
        Assert.False(pastYear.TryGetProperty("notApprovable", out _));
        var approved = await ApproveAsync("tampere", "P3/approval?year=2025");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("partly-approved", (await approved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        var audit = await admin.GetStringAsync("/api/audit?action=approve-result", Ct);
        Assert.DoesNotContain($"\"P3\"", audit, StringComparison.Ordinal);
        Assert.DoesNotContain($"P3/{thisYear}", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tampere.analyst")]
    [InlineData("tampere.viewer")]
    [InlineData("admin")]
    public async Task GivenSomeoneWhoIsNotLeadership_WhenApproving_ThenForbidden(string user)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(user);
        var response = await client.PostAsJsonAsync($"{A}/periods/P3/approval", new { }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GivenTheResultChangedSinceShown_WhenApprovingWithTheOldHash_ThenConflict()
    {
        app.SkipIfUnavailable();
        var response = await ApproveAsync("tampere", "P2/approval", new { resultHash = new string('a', 64) });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("open", (await StatusAsync("P2/approval")).GetProperty("state").GetString());
    }
}

public sealed class SqliteApprovalTests(SqliteClockFixture app) : ApprovalTests(app), IClassFixture<SqliteClockFixture>;

public sealed class PostgresApprovalTests(PostgresClockFixture app) : ApprovalTests(app), IClassFixture<PostgresClockFixture>;
