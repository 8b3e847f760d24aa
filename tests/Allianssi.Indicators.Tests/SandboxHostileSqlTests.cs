using System.Globalization;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Sandbox;

namespace Allianssi.Indicators.Tests;

/// <summary>
/// Hostile custom SQL (issue 11 items 1, 2 and 6): every text is refused with its code, or fails
/// without carrying a stored value out; n is the engine's count; the time limit holds at compute.
/// </summary>
public sealed class SandboxHostileSqlTests : IDisposable
{
    // Synthetic person-level values that must never appear in anything the sandbox returns.
    private const string Pseudonym = "zq7k1pseudo";
    private const string BirthDate = "1957-06-14";
    private const string DiagnosisCode = "E11.93";
    private const string Postal = "33990";

    private const string LeakPayload = "SELECT unit_id, person_id AS subject, 1.0 AS value FROM listings WHERE error((SELECT string_agg(p.person_id||'|'||p.birth_date||'|'||p.postal_code||'|'||d.code, ';') FROM diagnoses d JOIN persons p USING (person_id))) IS NULL";
    private const string CastPayload = "SELECT unit_id, person_id AS subject, 1.0 AS value FROM listings WHERE CAST((SELECT string_agg(p.person_id||'|'||p.birth_date||'|'||d.code, ';') FROM diagnoses d JOIN persons p USING (person_id)) AS INTEGER) = 1";

    private readonly TestStore _s = new();

    public SandboxHostileSqlTests()
    {
        _s.Unit("u").Unit("v")
            .Insert("persons", "person_id, birth_date, sex, municipality_code, postal_code", Pseudonym, new DateOnly(1957, 6, 14), "F", "837", Postal)
            .Listing(Pseudonym, "u", "2015-01-01").Diagnosis(Pseudonym, DiagnosisCode, "2019-02-01", "u")
            .Survey("partner", "u", "2019-03-01", 4).Survey("partner", "v", "2019-03-01", 2);
        _s.Flush();
    }

    public void Dispose() => _s.Dispose();

    private CustomIndicatorSandbox Sandbox(double seconds = 30) => new(_s.Store) { Timeout = TimeSpan.FromSeconds(seconds), RowLimit = 100 };

    private static IndicatorDefinition Custom(string sql, AggregationKind kind = AggregationKind.Mean, string id = "custom") => new()
    {
        Id = id, Version = 1, NameFi = "Oma", NameEn = "Own", Description = "test", UnitOfMeasure = "score",
        Direction = Direction.Higher, Kind = kind, SourceSystem = "custom", Sql = sql, IsCustom = true, MinimumCount = 2,
    };

    private static void AssertNoPersonLevelValue(string text)
    {
        foreach (var secret in new[] { Pseudonym, BirthDate, "1957", DiagnosisCode, Postal })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Issue 11 item 1: the attack's payloads, each as the analyst's API would return it.</summary>
    [Theory]
    [InlineData(LeakPayload, SandboxCodes.FunctionRefused)]
    [InlineData(CastPayload, SandboxCodes.FunctionRefused)]
    [InlineData("SELECT unit_id, person_id AS subject, CAST(person_id || birth_date AS INTEGER) AS value FROM persons JOIN listings USING (person_id)", SandboxCodes.QueryFailed)]
    [InlineData("SELECT 'u' AS unit_id, name AS subject, 1 AS value FROM duckdb_settings()", SandboxCodes.FunctionRefused)]
    public void GivenTheIssuePayloads_WhenValidated_ThenRefusedWithACode_AndNoPersonLevelValueInTheAnswer(string sql, string code)
    {
        var validation = Sandbox().Validate(Custom(sql), TestStore.P1, 2019);

        Assert.False(validation.IsValid);
        Assert.Equal(code, validation.Code);
        Assert.StartsWith(code + ": ", Assert.Single(validation.Errors), StringComparison.Ordinal);
        AssertNoPersonLevelValue(string.Join("\n", validation.Errors) + validation.Cause);
        var e = Assert.Throws<SandboxException>(() => Sandbox().Run(sql));
        Assert.Equal(code, e.Code);
        Assert.Null(e.InnerException);
        AssertNoPersonLevelValue(e.ToString());
    }

    /// <summary>Hostile texts, each refused with its code (the table the issue asks for: at least 40).</summary>
    public static TheoryData<string, string> Hostile => new()
    {
        { LeakPayload, SandboxCodes.FunctionRefused },
        { CastPayload, SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, name AS subject, 1 AS value FROM duckdb_settings()", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, name AS subject, 1 AS value FROM duckdb_settings", SandboxCodes.TableRefused },
        { "SELECT 'u' AS unit_id, table_name AS subject, 1 AS value FROM duckdb_tables()", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, table_name AS subject, 1 AS value FROM information_schema.tables", SandboxCodes.TableRefused },
        { "SELECT 'u' AS unit_id, relname AS subject, 1 AS value FROM pg_catalog.pg_class", SandboxCodes.TableRefused },
        { "SELECT unit_id, current_setting('temp_directory') AS subject, 1 AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, getenv('HOME') AS subject, 1 AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM read_csv('/etc/passwd')", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM read_text('/etc/hostname')", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM read_parquet('/tmp/x.parquet')", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, file AS subject, 1 AS value FROM glob('/etc/*')", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM '/etc/passwd'", SandboxCodes.TableRefused },
        { "SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM sniff_csv('/etc/passwd')", SandboxCodes.FunctionRefused },
        { "PRAGMA database_list", SandboxCodes.NotOneSelect },
        { "ATTACH '/tmp/other.duckdb' AS other", SandboxCodes.NotOneSelect },
        { "COPY persons TO '/tmp/persons.csv'", SandboxCodes.NotOneSelect },
        { "SET lock_configuration = false", SandboxCodes.NotOneSelect },
        { "INSTALL httpfs", SandboxCodes.NotOneSelect },
        { "LOAD httpfs", SandboxCodes.NotOneSelect },
        { "CALL duckdb_settings()", SandboxCodes.NotOneSelect },
        { "CREATE MACRO leak(x) AS error(x)", SandboxCodes.NotOneSelect },
        { "CREATE SEQUENCE s", SandboxCodes.NotOneSelect },
        { "EXPLAIN SELECT 1", SandboxCodes.NotOneSelect },
        { "SELECT unit_id, unit_id AS subject, 1 AS value FROM units /* x */; -- y\nDROP TABLE units", SandboxCodes.NotOneSelect },
        { "SELECT unit_id, unit_id AS subject, 1 AS value FROM units; SELECT 1", SandboxCodes.NotOneSelect },
        { "SELECT unit_id, unit_id AS subject, nextval('s') AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, leak(1) AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, \"error\"('x') AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, \u0435rror('x') AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, 1 AS value FROM \u0440ersons", SandboxCodes.TableRefused },
        { "SELECT unit_id, unit_id AS subject, ERROR('x') AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, 1 AS value FROM units WHERE unit_id IN (SELECT name FROM (SELECT * FROM (SELECT * FROM duckdb_settings())))", SandboxCodes.FunctionRefused },
        { "SELECT u.unit_id, u.unit_id AS subject, 1 AS value FROM units u, LATERAL (SELECT * FROM read_csv('/etc/passwd')) f", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM query('SELECT * FROM duckdb_settings()')", SandboxCodes.FunctionRefused },
        { "SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM query_table('persons')", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, 1 AS value FROM main.units", SandboxCodes.TableRefused },
        { "SELECT unit_id, unit_id AS subject, 1 AS value FROM system.main.duckdb_settings", SandboxCodes.TableRefused },
        { "WITH s AS (SELECT * FROM duckdb_settings) SELECT 'u' AS unit_id, name AS subject, 1 AS value FROM s", SandboxCodes.TableRefused },
        { "WITH a AS (SELECT * FROM duckdb_views), duckdb_views AS (SELECT 1 AS x) SELECT 'u' AS unit_id, 1 AS subject, 1 AS value FROM a", SandboxCodes.TableRefused },
        { "SELECT unit_id, unit_id AS subject, len(list_transform([1], x -> x)) AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, [1, 2][1] AS value FROM units", SandboxCodes.ConstructRefused },
        { "SELECT unit_id, unit_id AS subject, {'a': 1}.a AS value FROM units", SandboxCodes.ConstructRefused },
        { "SELECT unit_id, unit_id AS subject, 1 AS value FROM units WHERE name COLLATE nocase = 'u'", SandboxCodes.ConstructRefused },
        { "SELECT * FROM units PIVOT (count(*) FOR kind IN ('municipal'))", SandboxCodes.ConstructRefused },
        { "SUMMARIZE persons", SandboxCodes.ConstructRefused },
        { "DESCRIBE persons", SandboxCodes.ConstructRefused },
        { "SELECT unit_id, unit_id AS subject, version() AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, current_database() AS subject, 1 AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, random() AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, length(string_agg(name, ',')) AS value FROM units GROUP BY unit_id", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, len(list(name)) AS value FROM units GROUP BY unit_id", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, length(format('{}', name)) AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, main.abs(1) AS value FROM units", SandboxCodes.FunctionRefused },
        { "SELECT unit_id, unit_id AS subject, $1 AS value FROM units", SandboxCodes.ConstructRefused },
        { "SELECT unit_id, unit_id AS subject, $nope AS value FROM units", SandboxCodes.ParameterInvalid },
        { "SELEC unit_id FROM units", SandboxCodes.DoesNotParse },
        { "SELECT unit_id, 1 AS value FROM units", SandboxCodes.ColumnsMissing },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void GivenHostileSql_WhenValidated_ThenRefusedWithItsCode_AndNothingLeaks(string sql, string code)
    {
        var validation = Sandbox().Validate(Custom(sql), TestStore.P1, 2019);

        Assert.False(validation.IsValid);
        Assert.Equal(code, validation.Code);
        AssertNoPersonLevelValue(string.Join("\n", validation.Errors));
    }

    [Fact]
    public void GivenTheHostileTable_ThenItHoldsAtLeastFortyTexts_AndEveryCodeIsKnown()
    {
        var rows = Hostile.Select(r => ((string)r[0], (string)r[1])).ToList();
        Assert.True(rows.Count >= 40, $"{rows.Count} texts");
        Assert.All(rows, r => Assert.True(SandboxCodes.Messages.ContainsKey(r.Item2)));
        Assert.Equal(SandboxCodes.Messages.Count, SandboxCodes.Messages.Keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT 'u' AS unit_id, 's' AS subject, max(n) AS value FROM t")]
    [InlineData("SELECT a.unit_id, a.response_id AS subject, 1 AS value FROM survey_responses a, range(1000000000) b, range(1000000000) c")]
    public void GivenABombOrACrossJoinForTime_WhenValidated_ThenTheTimeLimitRefusesIt(string sql)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var validation = Sandbox(1).Validate(Custom(sql), TestStore.P1, 2019);

        Assert.Equal(SandboxCodes.TimeLimit, validation.Code);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), started.Elapsed.ToString());
    }

    /// <summary>Issue 11 item 2: a formula chose its own n (999) and so passed suppression.</summary>
    [Theory]
    [InlineData(AggregationKind.Formula, "SELECT unit_id, 1957.0 AS value, 1.0 AS numerator, 1.0 AS denominator, 999 AS n FROM units")]
    [InlineData(AggregationKind.Reported, "SELECT unit_id, 1957.0 AS value, 1.0 AS numerator, 999.0 AS denominator FROM units")]
    public void GivenAnOwnIndicatorThatSuppliesItsOwnValuesOrN_WhenValidatedOrComputed_ThenItIsRefused(AggregationKind kind, string sql)
    {
        var definition = Custom(sql, kind);

        Assert.Equal(SandboxCodes.KindRefused, Sandbox().Validate(definition, TestStore.P1, 2019).Code);
        var failures = new List<CustomFailure>();
        var results = new IndicatorEngine(_s.Store).ComputeAll([definition], TestStore.P1, failures, [2019]);
        Assert.Empty(results);
        Assert.Equal(SandboxCodes.KindRefused, Assert.Single(failures).Code);
        Assert.True(failures[0].Suspends);
    }

    [Fact]
    public void GivenAnOwnIndicatorThatRepeatsOneSubject_WhenComputed_ThenNCountsDistinctSubjects_AndTheValueIsSuppressed()
    {
        // One subject's row repeated 999 times: the old n (rows) was 999 and passed the minimum count.
        const string Sql = "SELECT s.unit_id, s.response_id AS subject, s.score AS value FROM survey_responses s, range(999) r WHERE s.unit_id = 'u'";
        var engine = new IndicatorEngine(_s.Store);

        var custom = engine.Compute(Custom(Sql), TestStore.P1, 2019).Single(r => r.Unit == "u");
        var builtIn = engine.Compute(Custom(Sql) with { IsCustom = false }, TestStore.P1, 2019).Single(r => r.Unit == "u");

        Assert.Equal(1L, custom.N);
        Assert.True(custom.Suppressed);
        Assert.Equal(999L, builtIn.N);
        Assert.Equal(builtIn.Value, custom.Value);
    }

    /// <summary>Issue 11 item 6: a body that does its work only in a later year validated fast, then ran for minutes at every compute.</summary>
    [Fact]
    public void GivenABodyThatIsSlowOnlyInALaterYear_WhenValidatedForThePeriod_ThenTheLaterYearIsCheckedToo()
    {
        const string Sql = "SELECT a.unit_id, a.response_id AS subject, 1 AS value FROM survey_responses a, range(CASE WHEN $year > 2020 THEN 1000000000 ELSE 1 END) b, range(CASE WHEN $year > 2020 THEN 1000000000 ELSE 1 END) c";

        Assert.True(Sandbox(1).Validate(Custom(Sql), TestStore.P1, 2019).IsValid);
        Assert.Equal(SandboxCodes.TimeLimit, Sandbox(1).Validate(Custom(Sql), TestStore.P1).Code);
    }

    [Fact]
    public void GivenACustomDefinitionPastTheTimeLimitAtCompute_WhenComputingAll_ThenItIsReportedForSuspension_AndTheOthersAreComputed()
    {
        const string Slow = "SELECT a.unit_id, a.response_id AS subject, 1 AS value FROM survey_responses a, range(CASE WHEN $year > 2020 THEN 1000000000 ELSE 1 END) b, range(CASE WHEN $year > 2020 THEN 1000000000 ELSE 1 END) c";
        const string Fine = "SELECT unit_id, response_id AS subject, score AS value FROM survey_responses";
        var engine = new IndicatorEngine(_s.Store) { CustomQueryTimeout = TimeSpan.FromSeconds(1) };
        var failures = new List<CustomFailure>();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var results = engine.ComputeAll([Custom(Slow, id: "slow"), Custom(Fine, id: "fine")], TestStore.P1, failures);

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), started.Elapsed.ToString());
        var failure = Assert.Single(failures);
        Assert.Equal(("slow", SandboxCodes.TimeLimit, true), (failure.Indicator, failure.Code, failure.Suspends));
        Assert.DoesNotContain(results, r => r.Indicator == "slow");
        Assert.Equal(4 * 2, results.Count(r => r.Indicator == "fine"));
        Assert.Throws<SandboxException>(() => engine.ComputeAll([Custom(Slow, id: "slow")], TestStore.P1));
    }

    [Fact]
    public void GivenTheJobBudgetIsSpent_WhenComputingAll_ThenTheRestAreSkippedWithoutSuspension()
    {
        const string Fine = "SELECT unit_id, response_id AS subject, score AS value FROM survey_responses";
        var engine = new IndicatorEngine(_s.Store) { CustomJobBudget = TimeSpan.Zero };
        var failures = new List<CustomFailure>();

        var results = engine.ComputeAll([Custom(Fine, id: "fine")], TestStore.P1, failures, [2019]);

        Assert.Empty(results);
        Assert.Equal(SandboxCodes.JobBudgetSpent, Assert.Single(failures).Code);
        Assert.False(failures[0].Suspends);
    }

    /// <summary>
    /// Benign SQL keeps working: every reference body of a kind an analyst may use, entered as an own
    /// indicator, passes the allow-list and computes the built-in's values on seeded data.
    /// </summary>
    [Fact]
    public void GivenTheReferenceBodiesAsOwnIndicators_WhenValidatedAndComputed_ThenTheyPassAndMatchTheBuiltIns()
    {
        using var s = new TestStore();
        EdgeCaseData.Fill(s, 7, persons: 60);
        s.Flush();
        var engine = new IndicatorEngine(s.Store);
        var sandbox = new CustomIndicatorSandbox(s.Store);
        var checkedBodies = 0;
        foreach (var reference in ReferenceCatalog.Definitions.Where(d => CustomIndicatorSandbox.IsAllowedKind(d.Kind)))
        {
            var own = reference with { IsCustom = true };
            var validation = sandbox.Validate(own, TestStore.P1, 2019);
            Assert.True(validation.IsValid, reference.Id + ": " + string.Join("; ", validation.Errors));
            var expected = engine.Compute(reference, TestStore.P1, 2019);
            var actual = engine.Compute(own, TestStore.P1, 2019);
            Assert.Equal(Render(expected, n: false), Render(actual, n: false));
            Assert.All(actual.Zip(expected), p => Assert.True(p.First.N <= p.Second.N, reference.Id));
            checkedBodies++;
        }

        Assert.True(checkedBodies >= 5, checkedBodies.ToString(CultureInfo.InvariantCulture));
    }

    private static string Render(IEnumerable<IndicatorResult> results, bool n) => string.Join("\n", results.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Indicator}|{r.Unit}|{r.Year}|{r.Value:R}|{r.Numerator:R}|{r.Denominator:R}|{(n ? r.N : null)}")));
}
