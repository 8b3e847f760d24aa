using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Alliances;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Results;
using Allianssi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>
/// A stored alliance or period whose start is after its end (a row changed by hand, or an old database) is read back
/// as an error with the stable code <c>STO001</c> naming the row by its code and the columns <c>Start</c> and
/// <c>End</c>, not as an <see cref="ArgumentException"/> from EF's materialiser; other alliances still read.
/// Each test changes the rows inside a transaction it rolls back.
/// </summary>
public abstract class StoredDatesTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAPeriodStoredWithItsStartAfterItsEnd_WhenTheAlliancesPeriodsAreRead_ThenTheErrorNamesThePeriodAndItsColumnsAndOtherAlliancesStillRead()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await AddOtherAllianceAsync(db);
        var p1 = await db.Periods.Where(p => p.Alliance!.Code == "tesoma" && p.Code == "P1").Select(p => p.Id).SingleAsync(Ct);
        // An open approval of P2: every save checks it against the periods it covers.
        var p2 = await db.Periods.SingleAsync(p => p.Alliance!.Code == "tesoma" && p.Code == "P2", Ct);
        var tampere = await db.Parties.SingleAsync(p => p.AllianceId == p2.AllianceId && p.Code == "tampere", Ct);
        db.ResultApprovals.Add(new ResultApproval
        {
            AllianceId = p2.AllianceId, PeriodId = p2.Id, PartyId = tampere.Id, Kind = ApprovalKind.Approve,
            ApprovedBy = "synthetic.user", At = DateTimeOffset.UnixEpoch, ResultHash = new string('0', 64),
        });
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        // The two dates swapped by hand: 2021-12-31..2018-04-01.
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""UPDATE "Periods" SET "Start" = "End", "End" = "Start" WHERE "Id" = {p1}""", Ct));

        var error = await Assert.ThrowsAsync<StoredDataException>(() => new GetAllianceOverview(db).ExecuteAsync("tesoma", Ct));

        Assert.Equal("STO001", error.Code);
        Assert.Equal(["tesoma/P1"], error.Rows);
        Assert.Equal(["Start", "End"], error.Fields);
        Assert.Equal(
            "STO001: the operational store holds dates that cannot be read: period tesoma/P1 has Start 2021-12-31 after End 2018-04-01 "
            + "(columns Periods.Start and Periods.End). A start is never after its end: the row was changed by hand or written by another version. "
            + "Correct the two dates.",
            error.Message);

        // The settlement of another period of the same alliance reads the alliance's periods too: the same error.
        using (var scope = app.Services.CreateScope())
        {
            var calculator = new ResultCalculator(db, scope.ServiceProvider.GetRequiredService<IMemoryCache>(), scope.ServiceProvider.GetRequiredService<StoreChanges>(), TimeProvider.System, new ResultCalculations());
            var settling = await Assert.ThrowsAsync<StoredDataException>(() => calculator.FreshAsync("tesoma", "P2", null, Ct));
            Assert.Equal(["tesoma/P1"], settling.Rows);
        }

        // Another alliance reads as before, and the list of alliances still shows both.
        var other = await new GetAllianceOverview(db).ExecuteAsync("synthetic", Ct);
        Assert.Equal([("S1", new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31))], other!.Periods.Select(p => (p.Code, p.Start, p.End)));
        Assert.Equal(["synthetic", "tesoma"], (await new ListAlliances(db).ExecuteAsync(Ct)).Select(a => a.Code));

        // A change to the other alliance saves: the approval check reads only the periods it guards, not tesoma's P1.
        var s1 = await db.Periods.SingleAsync(p => p.Alliance!.Code == "synthetic" && p.Code == "S1", Ct);
        db.PeriodParameters.Add(new PeriodParameter { PeriodId = s1.Id, Name = "minimumCount", Value = 5m });
        await db.SaveChangesAsync(Ct);
        Assert.Equal(5m, await db.PeriodParameters.Where(x => x.PeriodId == s1.Id && x.Name == "minimumCount").Select(x => x.Value).SingleAsync(Ct));
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task GivenAnAllianceStoredWithItsStartAfterItsEnd_WhenItIsRead_ThenTheErrorNamesTheAllianceAndItsColumns()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await AddOtherAllianceAsync(db);
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""UPDATE "Alliances" SET "End" = '2017-12-31' WHERE "Code" = 'tesoma'""", Ct));

        var error = await Assert.ThrowsAsync<StoredDataException>(() => new GetAllianceOverview(db).ExecuteAsync("tesoma", Ct));

        Assert.Equal("STO001", error.Code);
        Assert.Equal(["tesoma"], error.Rows);
        Assert.Contains("alliance tesoma has Start 2018-04-01 after End 2017-12-31 (columns Alliances.Start and Alliances.End)", error.Message, StringComparison.Ordinal);
        Assert.Equal("synthetic", (await new GetAllianceOverview(db).ExecuteAsync("synthetic", Ct))!.Code);

        // A change that looks the alliance up by its code is refused the same way, and saves nothing.
        var before = await db.TargetCosts.CountAsync(Ct);
        var setting = await Assert.ThrowsAsync<StoredDataException>(() => new SetTargetCost(db, TimeProvider.System)
            .ExecuteAsync("tesoma", new TargetCostDto("tampere", 2030, 1m, "synthetic"), Actor.System, Ct));
        Assert.Equal(["tesoma"], setting.Rows);
        Assert.Equal(before, await db.TargetCosts.CountAsync(Ct));
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task GivenAnIndicatorWeightChangedByHandToANegativeNumber_WhenTheAllianceIsSettled_ThenTheErrorNamesTheIndicatorByItsCodes()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var nps = await db.Indicators.Where(i => i.Code == "nps" && i.KeyResultArea!.Alliance!.Code == "tesoma")
            .Select(i => new { i.Id, Kra = i.KeyResultArea!.Code }).SingleAsync(Ct);
        Assert.Equal(1, await db.Database.ExecuteSqlAsync($"""UPDATE "Indicators" SET "Weight" = -5 WHERE "Id" = {nps.Id}""", Ct));

        using var scope = app.Services.CreateScope();
        var calculator = new ResultCalculator(db, scope.ServiceProvider.GetRequiredService<IMemoryCache>(), scope.ServiceProvider.GetRequiredService<StoreChanges>(), TimeProvider.System, new ResultCalculations());
        var error = await Assert.ThrowsAsync<StoredDataException>(() => calculator.FreshAsync("tesoma", "P1", null, Ct));

        Assert.Equal("STO002", error.Code);
        Assert.Equal([$"tesoma/{nps.Kra}/nps"], error.Rows);
        Assert.Equal(["Weight"], error.Fields);
        Assert.StartsWith($"STO002: the operational store holds negative weights: tesoma/{nps.Kra}/nps (column Weight).", error.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task GivenAPeriodStoredWithItsStartAfterItsEnd_WhenTheApiOrTheConfigurationPageReadsIt_ThenTheAnswerCarriesTheCodeAndThePeriod()
    {
        await ReadyAsync();
        var client = await app.ClientForAsync("tampere.viewer");
        await SwapP1DatesAsync();
        try
        {
            var api = await client.GetAsync("/api/alliances/tesoma", Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
            var problem = await api.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("STO001", problem.GetProperty("code").GetString());
            Assert.Equal(["tesoma/P1"], problem.GetProperty("rows").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(["Start", "End"], problem.GetProperty("fields").EnumerateArray().Select(r => r.GetString()));
            Assert.StartsWith("STO001: the operational store holds dates that cannot be read: period tesoma/P1 has Start 2021-12-31 after End 2018-04-01",
                problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var page = await client.GetAsync("/configuration?culture=fi-FI", Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
            Assert.Contains("<h1>Tallennettuja tietoja ei voi lukea</h1>", html, StringComparison.Ordinal);
            Assert.Contains("Tietokannassa on arvoja, joita ei voi lukea (STO001: tesoma/P1).", html, StringComparison.Ordinal);
        }
        finally
        {
            await SwapP1DatesAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/alliances/tesoma", Ct)).StatusCode);
    }

    /// <summary>Swaps P1's two dates in the store, committed (the application reads them): once to break the row, once more to mend it.</summary>
    private async Task SwapP1DatesAsync()
    {
        await using var db = app.OpenStore();
        Assert.Equal(1, await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Periods" SET "Start" = "End", "End" = "Start" WHERE "Code" = 'P1' AND "AllianceId" = (SELECT "Id" FROM "Alliances" WHERE "Code" = 'tesoma')""", Ct));
    }

    /// <summary>A second, synthetic alliance with one period (2030), to show that a bad row of one alliance leaves it readable.</summary>
    private static async Task AddOtherAllianceAsync(AllianssiDbContext db)
    {
        var alliance = new Alliance
        {
            Code = "synthetic",
            Name = "Synthetic alliance",
            Dates = new DateSpan(new DateOnly(2030, 1, 1), new DateOnly(2031, 12, 31)),
            ScoredUnit = "synthetic",
        };
        alliance.Periods.Add(new Period { Code = "S1", Dates = new DateSpan(new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31)) });
        db.Alliances.Add(alliance);
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
    }

    private async Task ReadyAsync()
    {
        app.SkipIfUnavailable();
        using var client = await app.ClientForAsync(null);
    }
}

public sealed class SqliteStoredDatesTests(SqliteFixture app) : StoredDatesTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresStoredDatesTests(PostgresFixture app) : StoredDatesTests(app), IClassFixture<PostgresFixture>;
