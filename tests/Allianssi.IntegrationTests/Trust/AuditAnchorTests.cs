using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// Entries cut off the end of the audit log are found against the checkpoints kept outside the
/// audit table (own fixture: the log stays cut).
/// </summary>
public abstract class AuditAnchorTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenTheTailDeletedWithTheTriggerDropped_WhenVerifying_ThenTheMissingRangeIsReported()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        var admin = await app.ClientForAsync("admin");
        for (var i = 0; i < 3; i++)
        {
            (await analyst.PostAsJsonAsync("/api/alliances/tesoma/ledger", new { party = "tampere", year = 2019, account = $"Anchor test {i}", amount = 1m + i, reimbursable = true }, Ct)).EnsureSuccessStatusCode();
        }

        // A verification while intact records the head outside the audit table.
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        Assert.True(before.GetProperty("isIntact").GetBoolean());
        var head = before.GetProperty("entries").GetInt64();

        // Someone with the owner's rights drops the append-only trigger and deletes the last two entries.
        await using (var db = app.OpenStore())
        {
            await db.Database.ExecuteSqlRawAsync(app.Store == Store.Sqlite ? "DROP TRIGGER \"AuditLog_append_only_delete\"" : "DROP TRIGGER \"AuditLog_append_only\" ON \"AuditLog\"", Ct);
            var cut = await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditLog\" WHERE \"Sequence\" > {head - 2}", Ct);
            Assert.True(cut >= 2, $"{cut} rows deleted");
        }

        var after = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);

        Assert.False(after.GetProperty("isIntact").GetBoolean());
        var broken = after.GetProperty("firstBreak");
        Assert.Equal(head - 1, broken.GetProperty("sequence").GetInt64());
        Assert.Contains($"entries {head - 1}-{head} are missing", broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(head - 2, after.GetProperty("entries").GetInt64());

        // The command line's check (the same function) says the same and records no new checkpoint.
        await using var store = app.OpenStore();
        var anchors = await store.AuditAnchors.CountAsync(Ct);
        var cli = await AuditChain.VerifyAnchoredAsync(store, null, TimeProvider.System, Ct);
        Assert.False(cli.IsIntact);
        Assert.Equal(head - 1, cli.FirstBreak!.Sequence);
        Assert.Equal(anchors, await store.AuditAnchors.CountAsync(Ct));
    }

    [Fact]
    public async Task GivenACheckpoint_WhenItIsChangedOrDeletedThroughTheStore_ThenItIsRefused()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");
        _ = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        await using var db = app.OpenStore();
        var anchor = await db.AuditAnchors.OrderByDescending(a => a.Id).FirstAsync(Ct);

        anchor.Sequence += 10;
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);

        // The database refuses it too while its trigger is in place.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditAnchors\" WHERE \"Id\" = {anchor.Id}", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditAnchors\" SET \"Sequence\" = 0 WHERE \"Id\" = {anchor.Id}", Ct));
    }
}

public sealed class SqliteAuditAnchorTests(SqliteFixture app) : AuditAnchorTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresAuditAnchorTests(PostgresFixture app) : AuditAnchorTests(app), IClassFixture<PostgresFixture>;
