using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Sandbox;

namespace Allianssi.Indicators.Tests;

/// <summary>
/// Issue 11 item 6, memory: an own indicator that is allowed but needs more memory than the store's limit and more
/// spill than its cap is refused at validation and suspended at compute with <see cref="SandboxCodes.MemoryLimit"/>,
/// and the rest of the work still runs; custom queries run one at a time per store (<see cref="SandboxGate"/>).
/// </summary>
public sealed class SandboxMemoryTests : IDisposable
{
    // A hash aggregate over 50 million distinct numbers: hundreds of megabytes of hash table, which a 64 MB store with a
    // 16 MB spill cap cannot hold. Only allow-listed parts (range is a number series).
    private const string Hungry = "SELECT 'u' AS unit_id, d.range AS subject, 1.0 AS value FROM (SELECT DISTINCT range FROM range(50000000)) d";
    private const string Fine = "SELECT unit_id, response_id AS subject, score AS value FROM survey_responses";

    private readonly TestStore _s = new(memoryLimit: "64MB", maxTempDirectorySize: "16MB");

    public SandboxMemoryTests()
    {
        _s.Unit("u").Unit("v")
            .Survey("partner", "u", "2019-03-01", 4).Survey("partner", "u", "2019-04-01", 5)
            .Survey("partner", "v", "2019-03-01", 2).Survey("partner", "v", "2019-05-01", 3);
        _s.Flush();
    }

    public void Dispose() => _s.Dispose();

    private static IndicatorDefinition Custom(string sql, string id) => new()
    {
        Id = id, Version = 1, NameFi = "Oma", NameEn = "Own", Description = "test", UnitOfMeasure = "score",
        Direction = Direction.Higher, Kind = AggregationKind.Mean, SourceSystem = "custom", Sql = sql, IsCustom = true, MinimumCount = 1,
    };

    [Fact]
    public void GivenAnAllowedButMemoryHungryQuery_WhenValidated_ThenRefusedWithTheMemoryCode()
    {
        using (var connection = _s.Store.Open())
        {
            Assert.Null(CustomIndicatorSandbox.Check(connection, Hungry, TimeSpan.FromSeconds(30)));
        }

        var validation = new CustomIndicatorSandbox(_s.Store).Validate(Custom(Hungry, "hungry"), TestStore.P1, 2019);

        Assert.False(validation.IsValid);
        Assert.Equal(SandboxCodes.MemoryLimit, validation.Code);
        Assert.Equal("SBX011: The query needed more memory than the limit and was stopped.", Assert.Single(validation.Errors));
        Assert.False(SandboxGate.IsHeld(_s.Store));
    }

    [Fact]
    public void GivenAMemoryHungryDefinitionAtCompute_WhenComputingAll_ThenItIsReportedForSuspension_AndTheOthersAreComputed()
    {
        var engine = new IndicatorEngine(_s.Store);
        var failures = new List<CustomFailure>();
        var builtIn = Custom(Fine, "builtin") with { IsCustom = false };

        var results = engine.ComputeAll([Custom(Hungry, "hungry"), Custom(Fine, "fine"), builtIn], TestStore.P1, failures, [2019]);

        var failure = Assert.Single(failures);
        Assert.Equal(("hungry", SandboxCodes.MemoryLimit, true), (failure.Indicator, failure.Code, failure.Suspends));
        Assert.DoesNotContain(results, r => r.Indicator == "hungry");
        Assert.Equal([("u", 4.5), ("v", 2.5)], results.Where(r => r.Indicator == "fine").Select(r => (r.Unit, r.Value!.Value)).ToList());
        Assert.Equal([("u", 4.5), ("v", 2.5)], results.Where(r => r.Indicator == "builtin").Select(r => (r.Unit, r.Value!.Value)).ToList());
        // The failed query's spill is given back: the same store computes again afterwards.
        Assert.Equal(2, engine.Compute(Custom(Fine, "fine"), TestStore.P1, 2019).Count);
    }

    [Fact]
    public async Task GivenACustomQueryHoldsTheGate_WhenAnotherIsValidated_ThenItWaitsWhileBuiltInsStillRun()
    {
        var sandbox = new CustomIndicatorSandbox(_s.Store);
        var engine = new IndicatorEngine(_s.Store);
        Task<SqlValidation> waiting;
        Task<SandboxRows> gatedRun;
        using (SandboxGate.Enter(_s.Store))
        {
            waiting = Task.Run(() => sandbox.Validate(Custom(Fine, "fine"), TestStore.P1, 2019));
            var builtIn = engine.Compute(Custom(Fine, "builtin") with { IsCustom = false }, TestStore.P1, 2019);

            Assert.Equal(4.5, builtIn.Single(r => r.Unit == "u").Value);
            // The application's own read of the units does not queue behind an analyst's query; a gated Run does.
            var units = new CustomIndicatorSandbox(_s.Store) { RunThroughGate = false }.Run("SELECT unit_id FROM units ORDER BY unit_id");
            Assert.Equal(["u", "v"], units.Rows.Select(r => (string?)r[0]).ToList());
            gatedRun = Task.Run(() => sandbox.Run("SELECT unit_id FROM units"));
            var first = await Task.WhenAny(waiting, gatedRun, Task.Delay(TimeSpan.FromMilliseconds(300)));
            Assert.NotSame(waiting, first);
            Assert.NotSame(gatedRun, first);
        }

        Assert.Equal(2, (await gatedRun.WaitAsync(TimeSpan.FromSeconds(30))).Rows.Count);

        var validation = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
    }
}
