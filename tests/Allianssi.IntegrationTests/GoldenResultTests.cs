using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.UseCases.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The reference alliance's results, pinned (issue 13: the refactors change no behaviour). The demo store (Tesoma's
/// reference configuration, spec/tesoma-reference.json, with the synthetic demo values and ledger the application
/// seeds) is settled for P1 (2018-04..2021-12, the domain's illustration) and P2 (2022..2024, the generated demo data,
/// adjustments and a purchaser joining in 2023), on a clock frozen in 2027 so that no year of them is in progress.
/// The period score, every party's payment or compensation to the cent and the SHA-256 of the result snapshot an
/// approval would lock are literals here.
/// </summary>
/// <remarks>
/// <para>
/// The hash covers the canonical snapshot JSON (ResultSnapshot): inputs, definitions, scorecards and settlement,
/// including the ids of the ledger lines and adjustments. It holds no timestamp, path or generation: the same on
/// SQLite and PostgreSQL, from run to run, and whatever the reader's culture (checked below with fi-FI and en-GB).
/// </para>
/// <para>
/// When a pin fails: find what changed. A refactor that was meant to change no behaviour has changed a number or the
/// text of a snapshot, and an approved result would no longer match its lock: fix the refactor, not the pin. A
/// deliberate change of the numbers, of the demo data or of the snapshot's format updates the literals here in the
/// same commit, and the commit message says why they changed (and for the hash, that locks approved before it no
/// longer compare equal to a fresh computation).
/// </para>
/// </remarks>
public abstract class GoldenResultTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A period's pins: its score, the settlement's totals, each party's payment (purchasers) or compensation (the others), the snapshot hash.</summary>
    private sealed record Pin(decimal Score, decimal TargetCost, decimal ActualCost, decimal CostResult, decimal Incentive, (string Party, decimal? Payment, decimal? Compensation)[] Parties, string Hash);

    private static readonly Dictionary<string, Pin> Pins = new(StringComparer.Ordinal)
    {
        ["P1"] = new(
            57.982777777777777777777777778m, 57_300_000.00m, 50_424_000.00m, 5_195_500.00m, 173_948.33m,
            [("tampere", 39_626_198.33m, null), ("mehilainen", null, 38_062_198.33m), ("setlementti", null, 1_564_000.00m)],
            "fede52a589cba8f59f8032f03c00424462c1f841e5dd68fdcb0677b5dbc7f997"),
        ["P2"] = new(
            59.616666666666666666666666667m, 49_635_993.00m, 43_193_322.63m, 5_077_364.20m, 178_850.00m,
            [("tampere", 24_595_527.41m, null), ("pirha", 7_786_384.29m, null), ("mehilainen", null, 31_388_961.76m), ("setlementti", null, 992_949.94m)],
            "cb363d13c10305649b303f8cd415452fe2d0d5b7f874f871f9af9603e194eb9f"),
    };

    [Theory]
    [InlineData("P1")]
    [InlineData("P2")]
    public async Task GivenTheReferenceAllianceWithDemoData_WhenAPeriodIsSettled_ThenScorePaymentsAndSnapshotHashAreThePinnedOnes(string period)
    {
        app.SkipIfUnavailable();
        var pin = Pins[period];
        var client = await app.ClientForAsync("tampere.viewer");

        var settlement = await client.GetFromJsonAsync<JsonElement>($"{A}/periods/{period}/settlement", Ct);
        var approval = await client.GetFromJsonAsync<JsonElement>($"{A}/periods/{period}/approval", Ct);

        Assert.Equal(pin.Score, settlement.GetProperty("periodScore").GetDecimal());
        Assert.Equal(pin.TargetCost, settlement.GetProperty("targetCost").GetDecimal());
        Assert.Equal(pin.ActualCost, settlement.GetProperty("actualCost").GetDecimal());
        Assert.Equal(pin.CostResult, settlement.GetProperty("costResult").GetDecimal());
        Assert.Equal(pin.Incentive, settlement.GetProperty("incentive").GetDecimal());
        Assert.Equal(pin.Parties, settlement.GetProperty("parties").EnumerateArray().Select(p =>
            (p.GetProperty("code").GetString()!, Amount(p.GetProperty("payment")), Amount(p.GetProperty("compensation")))).ToArray());
        Assert.Equal(pin.Hash, approval.GetProperty("currentHash").GetString());
    }

    [Theory]
    [InlineData("P1", "fi-FI")]
    [InlineData("P1", "en-GB")]
    [InlineData("P2", "fi-FI")]
    public async Task GivenAReaderInAnotherCulture_WhenTheSnapshotIsComputedAfresh_ThenItsHashIsThePinnedOne(string period, string culture)
    {
        app.SkipIfUnavailable();
        using var client = await app.ClientForAsync(null);
        var pinned = Pins[period].Hash;
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            // Computed afresh (not from the cache) in the reader's culture, as an approval computes it.
            using var scope = app.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<ResultCalculator>().FreshAsync("tesoma", period, null, Ct);

            Assert.Equal(pinned, result.Snapshot.Value!.Hash);
            Assert.Equal(pinned, ResultSnapshot.HashOf(result.Snapshot.Value.Json));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    /// <summary>A money figure of the API, or null when the API writes null.</summary>
    private static decimal? Amount(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
}

public sealed class SqliteGoldenResultTests(SqliteClockFixture app) : GoldenResultTests(app), IClassFixture<SqliteClockFixture>;

public sealed class PostgresGoldenResultTests(PostgresClockFixture app) : GoldenResultTests(app), IClassFixture<PostgresClockFixture>;
