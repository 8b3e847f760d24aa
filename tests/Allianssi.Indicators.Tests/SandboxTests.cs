using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Sandbox;

namespace Allianssi.Indicators.Tests;

/// <summary>Custom SQL cannot escape the sandbox: each attempt fails with a message and the store is untouched.</summary>
public sealed class SandboxTests : IDisposable
{
    private readonly TestStore _s = new();
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "allianssi-sandbox-" + Guid.NewGuid().ToString("N"));

    public SandboxTests()
    {
        _s.Unit("u").Unit("v").Survey("partner", "u", "2019-03-01", 4).Survey("partner", "v", "2019-03-01", 2);
        _s.Flush();
        File.WriteAllText(_outside + ".csv", "a,b\n1,2\n");
    }

    public void Dispose()
    {
        File.Delete(_outside + ".csv");
        File.Delete(_outside + ".duckdb");
        File.Delete(_outside + "-out.csv");
        _s.Dispose();
    }

    private CustomIndicatorSandbox Sandbox(double seconds = 30) => new(_s.Store) { Timeout = TimeSpan.FromSeconds(seconds), RowLimit = 100 };

    private static IndicatorDefinition Custom(string sql, AggregationKind kind = AggregationKind.Mean) => new()
    {
        Id = "custom", Version = 1, NameFi = "Oma", NameEn = "Own", Description = "test", UnitOfMeasure = "score",
        Direction = Direction.Higher, Kind = kind, SourceSystem = "test", Sql = sql,
    };

    private void AssertStoreUntouched()
    {
        Assert.Equal(2L, Convert.ToInt64(_s.Scalar("SELECT count(*) FROM units")));
        Assert.Equal(2L, Convert.ToInt64(_s.Scalar("SELECT count(*) FROM survey_responses")));
        Assert.Equal(15L, Convert.ToInt64(_s.Scalar("SELECT count(*) FROM duckdb_tables()")));
        Assert.False(File.Exists(_outside + ".duckdb"));
        Assert.False(File.Exists(_outside + "-out.csv"));
    }

    [Fact]
    public void GivenAValidCustomMean_ThenValidationPasses_AndTheEngineComputesIt()
    {
        var definition = Custom("SELECT unit_id, response_id AS subject, score AS value FROM survey_responses WHERE survey = 'partner' AND answered_on BETWEEN $start AND $end");
        var validation = Sandbox().Validate(definition, TestStore.P1, 2019);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.Equal(2, validation.UnitRows);
        var results = new Engine.IndicatorEngine(_s.Store).Compute(definition, TestStore.P1, 2019);
        Assert.Equal([4.0, 2.0], results.Select(r => r.Value));
    }

    [Theory]
    [InlineData("SELECT unit_id, 1 AS value FROM units", "subject")]
    [InlineData("SELEC unit_id FROM units", "does not parse")]
    [InlineData("SELECT unit_id, unit_id AS subject, 1 AS value FROM units; SELECT 1", "one SELECT")]
    [InlineData("SELECT unit_id, unit_id AS subject, $nope AS value FROM units", "$nope")]
    [InlineData("SELECT unit_id, unit_id AS subject, no_such_column AS value FROM units", "failed")]
    public void GivenInvalidSql_ThenValidationFailsWithAMessage(string sql, string expected)
    {
        var validation = Sandbox().Validate(Custom(sql), TestStore.P1, 2019);
        Assert.False(validation.IsValid);
        Assert.Contains(expected, string.Join("; ", validation.Errors), StringComparison.Ordinal);
        AssertStoreUntouched();
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('{0}.csv')")]
    [InlineData("SELECT * FROM '{0}.csv'")]
    [InlineData("SELECT content FROM read_text('/etc/hostname')")]
    [InlineData("SELECT * FROM glob('/etc/*')")]
    [InlineData("DROP TABLE units")]
    [InlineData("DELETE FROM units")]
    [InlineData("INSERT INTO units VALUES (9, 9, 'x', 'x', '837', 'other', NULL)")]
    [InlineData("UPDATE survey_responses SET score = 0")]
    [InlineData("CREATE TABLE evil AS SELECT 1")]
    [InlineData("COPY units TO '{0}-out.csv'")]
    [InlineData("ATTACH '{0}.duckdb' AS other")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SET lock_configuration = false")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("PRAGMA threads = 1")]
    [InlineData("SELECT 1; DROP TABLE units")]
    [InlineData("SELECT * FROM query('DROP TABLE units')")]
    [InlineData("SELECT * FROM query('DELETE FROM units RETURNING *')")]
    [InlineData("CALL checkpoint()")]
    [InlineData("EXPORT DATABASE '{0}-dir'")]
    public void GivenAnEscapeAttempt_ThenItFailsCleanly_AndTheStoreIsUntouched(string template)
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _outside);
        var e = Assert.Throws<SandboxException>(() => Sandbox().Run(sql));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        var validation = Sandbox().Validate(Custom(sql), TestStore.P1, 2019);
        Assert.False(validation.IsValid);
        AssertStoreUntouched();
        Assert.False(Directory.Exists(_outside + "-dir"));
    }

    [Fact]
    public void GivenAnEndlessRecursiveQuery_ThenTheTimeLimitStopsIt()
    {
        const string Sql = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) AS c FROM t";
        var started = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<SandboxException>(() => Sandbox(1).Run(Sql));
        Assert.Contains("did not finish", e.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20));
        var validation = Sandbox(1).Validate(Custom("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT 'u' AS unit_id, 's' AS subject, max(n) AS value FROM t"), TestStore.P1, 2019);
        Assert.False(validation.IsValid);
        AssertStoreUntouched();
    }

    [Fact]
    public void GivenTooManyRows_ThenTheRowLimitRefuses()
    {
        var e = Assert.Throws<SandboxException>(() => Sandbox().Run("SELECT * FROM range(1000)"));
        Assert.Contains("more than 100 rows", e.Message, StringComparison.Ordinal);
        Assert.Equal(100, Sandbox().Run("SELECT * FROM range(100)").Rows.Count);
    }
}
