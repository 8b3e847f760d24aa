using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>The hash-chained audit log through the API: who, party and role; filters; CSV; tamper detection.</summary>
public abstract class AuditTrailTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenChangesThroughTheApi_WhenVerifying_ThenTheChainIsIntactAndEntriesNameWhoPartyAndRole()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("mehilainen.analyst");
        (await analyst.PostAsJsonAsync($"{A}/ledger", new { party = "mehilainen", year = 2019, account = "Audit test", amount = 10m, reimbursable = true }, Ct)).EnsureSuccessStatusCode();
        var admin = await app.ClientForAsync("admin");

        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        var entries = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=add-ledger-line&party=mehilainen", Ct);

        Assert.True(verify.GetProperty("isIntact").GetBoolean(), verify.ToString());
        Assert.True(verify.GetProperty("entries").GetInt64() >= 2);
        var entry = entries.EnumerateArray().First();
        Assert.Equal("mehilainen.analyst", entry.GetProperty("actor").GetString());
        Assert.Equal("mehilainen", entry.GetProperty("party").GetString());
        Assert.Equal("analyst", entry.GetProperty("role").GetString());
        Assert.Equal(64, entry.GetProperty("hash").GetString()!.Length);
        Assert.All(entries.EnumerateArray(), e => Assert.Equal("add-ledger-line", e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task GivenFilters_WhenExportingCsv_ThenOnlyMatchingEntriesAsTextCsv()
    {
        app.SkipIfUnavailable();
        var leadership = await app.ClientForAsync("tampere.leadership");
        (await leadership.PostAsJsonAsync($"{A}/adjustments", new { purchaser = "tampere", year = 2019, amount = -10m, reason = "=cmd|' /C calc'!A0", decision = "@SUM(1+1)" }, Ct)).EnsureSuccessStatusCode();
        var admin = await app.ClientForAsync("admin");

        var response = await admin.GetAsync("/api/audit?format=csv&culture=en-GB&action=record-adjustment&actor=tampere.leadership", Ct);
        var csv = await response.Content.ReadAsStringAsync(Ct);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,at,actor,party,role,action,entity,key,before,after,hash", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length >= 2);
        Assert.All(lines.Skip(1), l => Assert.Contains(",tampere.leadership,tampere,leadership,record-adjustment,", l, StringComparison.Ordinal));
        var future = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}", Ct);
        Assert.Equal(0, future.GetArrayLength());
    }
}

public sealed class SqliteAuditTrailTests(SqliteFixture app) : AuditTrailTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresAuditTrailTests(PostgresFixture app) : AuditTrailTests(app), IClassFixture<PostgresFixture>;

/// <summary>An audit row edited directly in the database is found and named (own fixture: the chain stays broken).</summary>
public abstract class AuditTamperTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAnEntryEditedInTheDatabase_WhenVerifying_ThenThatEntryIsNamedAsTheFirstBreak()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        for (var i = 0; i < 3; i++)
        {
            (await analyst.PostAsJsonAsync("/api/alliances/tesoma/ledger", new { party = "tampere", year = 2019, account = $"Tamper test {i}", amount = 1m + i, reimbursable = true }, Ct)).EnsureSuccessStatusCode();
        }

        await using var db = app.OpenStore();
        var target = await db.AuditEntries.Where(a => a.Action == "add-ledger-line").OrderBy(a => a.Sequence).Skip(1).Select(a => new { a.Id, a.Sequence }).FirstAsync(Ct);
        var sqlite = app.Store == Store.Sqlite;
        // The database itself refuses the edit while the append-only trigger is in place.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditLog\" SET \"After\" = '{{}}' WHERE \"Id\" = {target.Id}", Ct));

        // Someone with the owner's rights drops the trigger and edits the row.
        await db.Database.ExecuteSqlRawAsync(sqlite ? "DROP TRIGGER \"AuditLog_append_only_update\"" : "DROP TRIGGER \"AuditLog_append_only\" ON \"AuditLog\"", Ct);
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditLog\" SET \"After\" = REPLACE(\"After\", 'Tamper test 1', 'Quietly changed') WHERE \"Id\" = {target.Id}", Ct);

        var admin = await app.ClientForAsync("admin");
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);

        Assert.False(verify.GetProperty("isIntact").GetBoolean());
        var broken = verify.GetProperty("firstBreak");
        Assert.Equal(target.Sequence, broken.GetProperty("sequence").GetInt64());
        Assert.Equal(target.Id, broken.GetProperty("id").GetInt64());
        Assert.Contains("changed", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(target.Sequence - 1, verify.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task GivenTheAuditLog_WhenAnUpdateIsAttemptedThroughTheStore_ThenItIsRefused()
    {
        app.SkipIfUnavailable();
        // Start the app first (it migrates the store): this test may run first in its class.
        _ = await app.ClientForAsync("admin");
        await using var db = app.OpenStore();
        var entry = await db.AuditEntries.OrderBy(a => a.Sequence).FirstAsync(Ct);

        entry.Actor = "someone else";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditTamperTests(SqliteFixture app) : AuditTamperTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresAuditTamperTests(PostgresFixture app) : AuditTamperTests(app), IClassFixture<PostgresFixture>;
