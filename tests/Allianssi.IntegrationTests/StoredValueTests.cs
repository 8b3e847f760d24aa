using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.UseCases.Results;
using Allianssi.Domain;
using Allianssi.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The entities hold the domain's value types (issue 13 item 2): money as <see cref="Money"/>, weights as
/// <see cref="Weight"/> (each through one converter into the exact-decimal column it had since the first
/// migration), reference levels as <see cref="ReferenceLevels"/> and date spans as <see cref="DateSpan"/> (complex
/// types over the columns they had). A value comes back to the last of its ten decimals, the columns hold the plain
/// numbers and dates, a query filters on them in SQL, and a value the type refuses (a negative weight written by
/// hand) fails loudly naming the type.
/// </summary>
public abstract class StoredValueTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenMoneyAndWeightsWithTenDecimals_WhenSavedAndReadBack_ThenEveryValueAndEveryColumnIsExact()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var alliance = await db.Alliances.Include(a => a.Parties).Include(a => a.Periods)
            .Include(a => a.KeyResultAreas).ThenInclude(k => k.Indicators).ThenInclude(i => i.Levels)
            .SingleAsync(a => a.Code == "tesoma", Ct);
        var mehilainen = alliance.Parties.Single(p => p.Code == "mehilainen");
        var tampere = alliance.Parties.Single(p => p.Code == "tampere");
        alliance.IncentivePool = new Money(1_234_567.8912345678m);
        alliance.SanctionCap = new Money(-0.0000000001m);
        alliance.PublicFundingCeiling = null;
        mehilainen.FeeAmount = new Money(987_654_321_098_765.4321098765m);
        mehilainen.GainCap = new Money(0.5m);
        mehilainen.PainCap = null;
        var kra = alliance.KeyResultAreas.OrderBy(k => k.SortOrder).First();
        kra.Weight = new Weight(33.3333333333m);
        var indicator = kra.Indicators.OrderBy(i => i.SortOrder).First();
        indicator.Weight = Weight.None;
        var level = indicator.Levels.OrderBy(l => l.Year).First();
        level.Levels = new ReferenceLevels(0.1234567891m, -2.5m, -1_000_000.0000000001m);
        alliance.Dates = new DateSpan(new DateOnly(2017, 12, 31), new DateOnly(2031, 2, 28));
        var p1 = alliance.Periods.Single(p => p.Code == "P1");
        p1.Dates = new DateSpan(new DateOnly(2016, 2, 29), new DateOnly(2016, 2, 29));
        var line = new LedgerLine { PartyId = tampere.Id, Year = 2024, Account = "Round trip", Amount = new Money(-42.0000000007m), Reimbursable = false };
        db.LedgerLines.Add(line);
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();

        var read = await db.Alliances.AsNoTracking().Include(a => a.Parties).Include(a => a.Periods)
            .Include(a => a.KeyResultAreas).ThenInclude(k => k.Indicators).ThenInclude(i => i.Levels)
            .SingleAsync(a => a.Code == "tesoma", Ct);
        Assert.Equal(1_234_567.8912345678m, read.IncentivePool.Euros);
        Assert.Equal(-0.0000000001m, read.SanctionCap.Euros);
        Assert.Null(read.PublicFundingCeiling);
        var readParty = read.Parties.Single(p => p.Code == "mehilainen");
        Assert.Equal(987_654_321_098_765.4321098765m, readParty.FeeAmount?.Euros);
        Assert.Equal(new Money(0.5m), readParty.GainCap);
        Assert.Null(readParty.PainCap);
        var readKra = read.KeyResultAreas.OrderBy(k => k.SortOrder).First();
        Assert.Equal(33.3333333333m, readKra.Weight.Percent);
        var readIndicator = readKra.Indicators.OrderBy(i => i.SortOrder).First();
        Assert.Equal(Weight.None, readIndicator.Weight);
        Assert.Equal(new ReferenceLevels(0.1234567891m, -2.5m, -1_000_000.0000000001m), readIndicator.Levels.Single(l => l.Id == level.Id).Levels);
        Assert.Equal("2017-12-31..2031-02-28", read.Dates.ToString());
        Assert.Equal("2016-02-29..2016-02-29", read.Periods.Single(p => p.Code == "P1").Dates.ToString());
        Assert.Equal(-42.0000000007m, (await db.LedgerLines.AsNoTracking().SingleAsync(l => l.Id == line.Id, Ct)).Amount.Euros);

        // The columns hold the plain decimals, and a query compares a converted property by its column.
        Assert.Equal(-42.0000000007m, await DecimalAsync(db, $"""SELECT "Amount" FROM "LedgerLines" WHERE "Id" = {line.Id}"""));
        Assert.Equal(33.3333333333m, await DecimalAsync(db, $"""SELECT "Weight" FROM "KeyResultAreas" WHERE "Id" = {readKra.Id}"""));
        Assert.Equal(987_654_321_098_765.4321098765m, await DecimalAsync(db, """SELECT "FeeAmount" FROM "Parties" WHERE "Code" = 'mehilainen'"""));
        Assert.Equal(-1_000_000.0000000001m, await DecimalAsync(db, $"SELECT \"Plus100\" FROM \"IndicatorLevels\" WHERE \"Id\" = {level.Id}"));
        Assert.Equal("2016-02-29", await TextAsync(db, $"SELECT CAST(\"Start\" AS TEXT) FROM \"Periods\" WHERE \"Id\" = {p1.Id}"));
        Assert.Equal("2031-02-28", await TextAsync(db, $"SELECT CAST(\"End\" AS TEXT) FROM \"Alliances\" WHERE \"Id\" = {alliance.Id}"));
        Assert.Equal(-2.5m, await DecimalAsync(db, $"SELECT \"Zero\" FROM \"IndicatorLevels\" WHERE \"Id\" = {level.Id}"));
        Assert.Equal(line.Id, await db.LedgerLines.Where(l => l.Amount == new Money(-42.0000000007m)).Select(l => l.Id).SingleAsync(Ct));
        Assert.Equal(["P1"], await db.Periods.Where(p => p.Alliance!.Code == "tesoma" && p.Dates.Start < new DateOnly(2017, 1, 1)).Select(p => p.Code).ToListAsync(Ct));
        Assert.Equal(2031, await db.Alliances.Where(a => a.Code == "tesoma").Select(a => a.Dates.End.Year).SingleAsync(Ct));
        Assert.Equal(level.Id, await db.IndicatorLevels.Where(l => l.Levels.Zero == -2.5m && l.IndicatorId == indicator.Id).Select(l => l.Id).SingleAsync(Ct));
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task GivenAWeightChangedByHandToANegativeNumber_WhenTheKeyResultAreaIsRead_ThenReadingFailsNamingTheTypeAndTheValue()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var id = await db.KeyResultAreas.OrderBy(k => k.Id).Select(k => k.Id).FirstAsync(Ct);
        await db.Database.ExecuteSqlAsync($"""UPDATE "KeyResultAreas" SET "Weight" = -5 WHERE "Id" = {id}""", Ct);

        var error = await Assert.ThrowsAsync<StoredDataException>(() => db.KeyResultAreas.AsNoTracking().SingleAsync(k => k.Id == id, Ct));

        Assert.Equal("STO002", error.Code);
        Assert.StartsWith("STO002: the operational store holds -5 where a Weight is stored", error.Message, StringComparison.Ordinal);
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task GivenAnOpenApproval_WhenOnlyThePeriodsDatesChange_ThenTheApprovalIsInvalidatedNamingThePeriod()
    {
        await ReadyAsync();
        await using var db = app.OpenStore();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var period = await db.Periods.Include(p => p.Alliance).SingleAsync(p => p.Alliance!.Code == "tesoma" && p.Code == "P1", Ct);
        var party = await db.Parties.SingleAsync(p => p.AllianceId == period.AllianceId && p.Code == "tampere", Ct);
        var approval = new ResultApproval
        {
            AllianceId = period.AllianceId, PeriodId = period.Id, PartyId = party.Id, Kind = ApprovalKind.Approve,
            ApprovedBy = "synthetic.user", At = DateTimeOffset.UnixEpoch, ResultHash = new string('0', 64),
        };
        db.ResultApprovals.Add(approval);
        await db.SaveChangesAsync(Ct);

        period.Dates = new DateSpan(period.Dates.Start, period.Dates.End.AddDays(-1));
        await db.SaveChangesAsync(Ct);

        db.ChangeTracker.Clear();
        var read = await db.ResultApprovals.AsNoTracking().SingleAsync(a => a.Id == approval.Id, Ct);
        Assert.NotNull(read.InvalidatedAt);
        Assert.Contains("P1", read.InvalidationReason, StringComparison.Ordinal);
        Assert.Contains("period-dates", read.InvalidationReason, StringComparison.Ordinal);
        await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public async Task GivenTheReferenceAlliance_WhenItsResultSnapshotIsMade_ThenTheValueTypesAreWrittenAsThePlainNumbersAndDatesTheyWereBefore()
    {
        await ReadyAsync();
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ResultCalculator>().FreshAsync("tesoma", "P1", null, Ct);

        // The hash of a locked result covers this text: a value type written as an object would change every hash.
        var json = JsonNode.Parse(result.Snapshot.Value!.Json)!;
        var definitions = json["definitions"]!;
        Assert.Equal("2018-04-01", definitions["periodStart"]!.GetValue<string>());
        Assert.Equal("2021-12-31", definitions["periodEnd"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, definitions["incentivePool"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, definitions["sanctionCap"]!.GetValueKind());
        var kra = definitions["keyResultAreas"]![0]!;
        Assert.Equal(JsonValueKind.Number, kra["weight"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, kra["indicators"]![0]!["weight"]!.GetValueKind());
        var levels = kra["indicators"]![0]!["levels"]![0]!;
        Assert.Equal(["minus100", "plus100", "year", "zero"], levels.AsObject().Select(p => p.Key));
        Assert.Equal(JsonValueKind.Number, levels["minus100"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, json["inputs"]!["ledger"]![0]!["amount"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, json["inputs"]!["targetCosts"]![0]!["amount"]!.GetValueKind());
        Assert.All(definitions["parties"]!.AsArray(), p => Assert.Contains(p!["gainCap"]?.GetValueKind(), new JsonValueKind?[] { null, JsonValueKind.Number }));
    }

    [Fact]
    public async Task GivenEitherStore_WhenTheApiAnswersWithMoneyAndShares_ThenNoNumberCarriesTheStoredScalesTrailingZeros()
    {
        await ReadyAsync();
        var client = await app.ClientForAsync("tampere.viewer");

        // PostgreSQL reads numeric(28,10) as 6000000.0000000000; the API writes the number as SQLite gives it.
        var settlement = await client.GetStringAsync("/api/alliances/tesoma/periods/P1/settlement", Ct);
        var ledger = await client.GetStringAsync("/api/alliances/tesoma/ledger?party=mehilainen&year=2019", Ct);

        foreach (var json in new[] { settlement, ledger })
        {
            Assert.Empty(System.Text.RegularExpressions.Regex.Matches(json, @"[:\[,]-?\d+\.\d*0(?=[,}\]])").Select(m => m.Value));
        }

        // There were numbers to check: the target cost and the ledger's amounts, read from the store.
        Assert.Equal(JsonValueKind.Number, JsonNode.Parse(settlement)!["targetCost"]!.GetValueKind());
        Assert.NotEmpty(JsonNode.Parse(ledger)!.AsArray());
    }

    private async Task ReadyAsync()
    {
        app.SkipIfUnavailable();
        using var client = await app.ClientForAsync(null);
    }

    private static async Task<decimal> DecimalAsync(AllianssiDbContext db, string sql) =>
        Convert.ToDecimal(await ScalarAsync(db, sql), CultureInfo.InvariantCulture);

    private static async Task<string?> TextAsync(AllianssiDbContext db, string sql) =>
        Convert.ToString(await ScalarAsync(db, sql), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(AllianssiDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return await command.ExecuteScalarAsync(Ct);
    }
}

public sealed class SqliteStoredValueTests(SqliteFixture app) : StoredValueTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresStoredValueTests(PostgresFixture app) : StoredValueTests(app), IClassFixture<PostgresFixture>;
