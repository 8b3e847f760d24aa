using System.Data.Common;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The entities hold the domain's own enums (issue 13 item 2); the columns keep the member names they
/// had since the first migration, and a name that is no member fails loudly instead of reading as the first one.
/// </summary>
public abstract class StoredEnumTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenTheReferenceAlliance_WhenItsColumnsAreReadAsText_ThenTheyHoldTheMemberNames()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();

        Assert.Equal(["Purchaser", "Purchaser", "Producer", "Partner"], await TextsAsync(db, """SELECT "Role" FROM "Parties" ORDER BY "Id" """));
        Assert.Equal(["None", "None", "PercentOfActual", "None"], await TextsAsync(db, """SELECT "FeeType" FROM "Parties" ORDER BY "Id" """));
        Assert.Contains("CarryForward", await TextsAsync(db, """SELECT "Missing" FROM "Indicators" ORDER BY "Id" """));
        Assert.Equal(["MonthWeightedMean"], (await TextsAsync(db, """SELECT "ScoreAggregation" FROM "Periods" ORDER BY "Id" """)).Distinct());
        var parties = await db.Parties.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Role).ToListAsync(Ct);
        Assert.Equal([PartyRole.Purchaser, PartyRole.Purchaser, PartyRole.Producer, PartyRole.Partner], parties);
        Assert.Equal(2, await db.Indicators.CountAsync(i => i.Missing == MissingRule.CarryForward, Ct));
    }

    [Fact]
    public async Task GivenARoleChangedByHandToAnUnknownName_WhenThePartyIsRead_ThenReadingFailsNamingTheTypeAndTheName()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "Parties" SET "Role" = 'Sponsor' WHERE "Code" = 'setlementti'""", Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Parties.AsNoTracking().SingleAsync(p => p.Code == "setlementti", Ct));

        Assert.Contains("'Sponsor' where a PartyRole is stored", error.Message, StringComparison.Ordinal);
        Assert.Contains("known: Purchaser, Producer, Partner", error.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync(Ct);
    }

    private async Task ReadyAsync()
    {
        app.SkipIfUnavailable();
        using var client = await app.ClientForAsync(null);
    }

    private static async Task<List<string>> TextsAsync(Application.Data.AllianssiDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(Ct);
        }

        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var texts = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }
}

public sealed class SqliteStoredEnumTests(SqliteFixture app) : StoredEnumTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresStoredEnumTests(PostgresFixture app) : StoredEnumTests(app), IClassFixture<PostgresFixture>;
