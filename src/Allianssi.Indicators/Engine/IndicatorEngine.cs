using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Sandbox;
using Allianssi.Indicators.Store;
using DuckDB.NET.Data;

namespace Allianssi.Indicators.Engine;

/// <summary>
/// Computes definitions over the analytical store: one set-based query per (definition, year)
/// that aggregates the body's per-subject rows per unit (GROUP BY unit) and returns a row for every
/// unit in <c>units</c>, including units without subjects (value null).
/// </summary>
/// <remarks>
/// Sums are taken over DECIMAL and counts over integers, and rows are ordered by unit id, so
/// recomputing unchanged inputs gives bit-identical results. Every query runs in a transaction that
/// is rolled back, on a connection with external access off and configuration locked.
/// </remarks>
public sealed class IndicatorEngine
{
    /// <summary>The pseudo-unit id of <see cref="ComputeTotal"/>: all subjects of all units together.</summary>
    public const string AllUnits = "*";

    private readonly AnalyticalStore _store;

    /// <summary>Creates an engine over <paramref name="store"/>.</summary>
    public IndicatorEngine(AnalyticalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The time limit of one query (default ten minutes: built-ins over a whole country).</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Computes <paramref name="definition"/> for every unit for year <paramref name="year"/> of <paramref name="period"/>.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="period">The contract period (dates and per-period parameters).</param>
    /// <param name="year">A calendar year the period touches; the window is the part of it inside the period.</param>
    /// <param name="parameters">Overrides of parameter values (win over per-period values and defaults).</param>
    /// <param name="cancellationToken">Stops the query.</param>
    public IReadOnlyList<IndicatorResult> Compute(
        IndicatorDefinition definition, ComputationPeriod period, int year,
        IReadOnlyDictionary<string, object>? parameters = null, CancellationToken cancellationToken = default)
    {
        using var connection = _store.Open();
        return Compute(connection, new Dictionary<string, IReadOnlyList<long>>(), definition, period, year, parameters, overall: false, cancellationToken);
    }

    /// <summary>
    /// Computes the same definition over all subjects of all units as one pseudo-unit
    /// <see cref="AllUnits"/> (no grouping by unit): for additive kinds its numerator and
    /// denominator equal the sums of the per-unit ones.
    /// </summary>
    public IndicatorResult ComputeTotal(
        IndicatorDefinition definition, ComputationPeriod period, int year,
        IReadOnlyDictionary<string, object>? parameters = null, CancellationToken cancellationToken = default)
    {
        using var connection = _store.Open();
        return Compute(connection, new Dictionary<string, IReadOnlyList<long>>(), definition, period, year, parameters, overall: true, cancellationToken).Single();
    }

    /// <summary>
    /// Computes every definition for every unit and every year of the period (or the given years),
    /// on one connection, ordered by definition (as given), year and unit.
    /// </summary>
    public IReadOnlyList<IndicatorResult> ComputeAll(
        IEnumerable<IndicatorDefinition> definitions, ComputationPeriod period, IEnumerable<int>? years = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(period);
        var defs = definitions.ToList();
        var yearList = (years ?? period.Years).ToList();
        var batches = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        var results = new List<IndicatorResult>();
        var total = defs.Count * yearList.Count;
        var done = 0;
        using var connection = _store.Open();
        foreach (var definition in defs)
        {
            foreach (var year in yearList)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.AddRange(Compute(connection, batches, definition, period, year, null, overall: false, cancellationToken));
                progress?.Report((++done, total));
            }
        }

        return results;
    }

    /// <summary>
    /// The parameter values a computation uses: window (<c>start</c>, <c>end</c>, <c>year</c>),
    /// period (<c>periodStart</c>, <c>periodEnd</c>), <c>minimumCount</c>, and each definition
    /// parameter from <paramref name="overrides"/>, else the period's parameters, else its default.
    /// </summary>
    public static ImmutableSortedDictionary<string, object> ResolveParameters(
        IndicatorDefinition definition, ComputationPeriod period, int year, IReadOnlyDictionary<string, object>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(period);
        var window = period.WindowFor(year);
        var values = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        values["start"] = window.Start;
        values["end"] = window.End;
        values["year"] = (long)window.Year;
        values["periodStart"] = period.Start;
        values["periodEnd"] = period.End;
        foreach (var p in definition.Parameters)
        {
            object? value = overrides is not null && overrides.TryGetValue(p.Name, out var o) ? o
                : period.Parameters.TryGetValue(p.Name, out var pp) ? pp
                : p.Derived switch
                {
                    DerivedDefault.YearBeforePeriodStart => (long)(period.Start.Year - 1),
                    _ => p.Default,
                };
            values[p.Name] = p.Coerce(value ?? throw new ArgumentException($"parameter {p.Name} of {definition.Id} has no value", nameof(overrides)));
        }

        object? minimum = overrides is not null && overrides.TryGetValue("minimumCount", out var m) ? m
            : period.Parameters.TryGetValue("minimumCount", out var pm) ? pm : definition.MinimumCount;
        values["minimumCount"] = Convert.ToInt64(minimum, CultureInfo.InvariantCulture);
        return values.ToImmutable();
    }

    /// <summary>
    /// The complete aggregation query for a bound body: one row per unit
    /// (unit_id, value, numerator, denominator, n), ordered by unit id.
    /// </summary>
    public static string BuildQuery(AggregationKind kind, string boundBody, bool overall = false)
    {
        ArgumentNullException.ThrowIfNull(boundBody);
        var subjects = overall
            ? $"SELECT '{AllUnits}' AS unit_id, * EXCLUDE (unit_id) FROM (\n{boundBody}\n) AS body"
            : boundBody;
        var units = overall ? $"SELECT '{AllUnits}' AS unit_id" : "SELECT DISTINCT unit_id FROM units";
        const string Sum = "CAST(coalesce(sum(CAST(value AS DECIMAL(38, 10))), 0) AS DOUBLE)";
        var (aggregate, valueExpression, emptyNumerator, emptyDenominator, emptyN) = kind switch
        {
            AggregationKind.Proportion => (
                "CAST(count(*) FILTER (WHERE in_denominator AND in_numerator) AS DOUBLE) AS numerator, CAST(count(*) FILTER (WHERE in_denominator) AS DOUBLE) AS denominator, count(*) FILTER (WHERE in_denominator) AS n",
                "CASE WHEN agg.denominator > 0 THEN 100.0 * agg.numerator / agg.denominator END", "0.0", "0.0", "0"),
            AggregationKind.Mean => (
                $"CAST(coalesce(sum(CAST(value AS DECIMAL(38, 10))), 0) AS DOUBLE) AS numerator, CAST(count(value) AS DOUBLE) AS denominator, count(value) AS n",
                "CASE WHEN agg.denominator > 0 THEN agg.numerator / agg.denominator END", "0.0", "0.0", "0"),
            AggregationKind.Ratio => (
                $"{Sum} AS numerator, CAST(count(*) AS DOUBLE) AS denominator, count(*) AS n",
                "CASE WHEN agg.denominator > 0 THEN agg.numerator / agg.denominator END", "0.0", "0.0", "0"),
            AggregationKind.Nps => (
                "CAST(count(*) FILTER (WHERE value >= 9) - count(*) FILTER (WHERE value <= 6) AS DOUBLE) AS numerator, CAST(count(value) AS DOUBLE) AS denominator, count(value) AS n",
                "CASE WHEN agg.denominator > 0 THEN 100.0 * agg.numerator / agg.denominator END", "0.0", "0.0", "0"),
            AggregationKind.Median => (
                "quantile_cont(stratum_median, 0.5) AS v, CAST(NULL AS DOUBLE) AS numerator, CAST(sum(pairs) AS DOUBLE) AS denominator, CAST(sum(pairs) AS BIGINT) AS n",
                "agg.v", "NULL", "0.0", "0"),
            AggregationKind.Reported => (
                "max(CAST(value AS DOUBLE)) AS v, max(CAST(numerator AS DOUBLE)) AS numerator, max(CAST(denominator AS DOUBLE)) AS denominator, CAST(max(denominator) AS BIGINT) AS n",
                "agg.v", "NULL", "NULL", "NULL"),
            AggregationKind.Formula => (
                "max(CAST(value AS DOUBLE)) AS v, max(CAST(numerator AS DOUBLE)) AS numerator, max(CAST(denominator AS DOUBLE)) AS denominator, CAST(max(n) AS BIGINT) AS n",
                "agg.v", "NULL", "NULL", "0"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown aggregation kind"),
        };
        var source = kind == AggregationKind.Median
            ? "(SELECT unit_id, stratum, quantile_cont(CAST(value AS DOUBLE), 0.5) AS stratum_median, count(*) AS pairs FROM subjects WHERE value IS NOT NULL GROUP BY unit_id, stratum) AS strata"
            : "subjects";
        return $"""
            WITH subjects AS (
            {subjects}
            ),
            agg AS (SELECT unit_id, {aggregate} FROM {source} GROUP BY unit_id)
            SELECT u.unit_id,
                   {valueExpression} AS value,
                   coalesce(agg.numerator, {emptyNumerator}) AS numerator,
                   coalesce(agg.denominator, {emptyDenominator}) AS denominator,
                   coalesce(agg.n, {emptyN}) AS n
            FROM ({units}) AS u LEFT JOIN agg ON agg.unit_id = u.unit_id
            ORDER BY u.unit_id
            """;
    }

    private List<IndicatorResult> Compute(
        DuckDBConnection connection, Dictionary<string, IReadOnlyList<long>> batchCache,
        IndicatorDefinition definition, ComputationPeriod period, int year,
        IReadOnlyDictionary<string, object>? overrides, bool overall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var parameters = ResolveParameters(definition, period, year, overrides);
        var window = period.WindowFor(year);
        var minimumCount = (long)parameters["minimumCount"];
        var sql = BuildQuery(definition.Kind, SqlLiteral.Bind(definition.Sql, parameters), overall);
        var batchIds = BatchIds(connection, batchCache, definition.Tables, cancellationToken);
        return SandboxedQuery.Run(connection, sql, QueryTimeout, reader =>
        {
            var rows = new List<IndicatorResult>();
            while (reader.Read())
            {
                var n = NullableLong(reader, 4);
                rows.Add(new IndicatorResult(
                    definition.Id, reader.GetString(0), year, NullableDouble(reader, 1), NullableDouble(reader, 2), NullableDouble(reader, 3),
                    n, n is { } count && count < minimumCount, definition.Version, parameters, window.Start, window.End, batchIds));
            }

            return rows;
        }, cancellationToken);
    }

    private List<long> BatchIds(DuckDBConnection connection, Dictionary<string, IReadOnlyList<long>> cache, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<long>();
        foreach (var table in tables)
        {
            if (!cache.TryGetValue(table, out var own))
            {
                own = SandboxedQuery.Run(connection, $"SELECT DISTINCT batch_id FROM {table} ORDER BY batch_id", QueryTimeout, reader =>
                {
                    var list = new List<long>();
                    while (reader.Read())
                    {
                        list.Add(reader.GetInt64(0));
                    }

                    return (IReadOnlyList<long>)list;
                }, cancellationToken);
                cache[table] = own;
            }

            ids.UnionWith(own);
        }

        return ids.ToList();
    }

    private static double? NullableDouble(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static long? NullableLong(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
