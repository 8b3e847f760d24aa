using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Sandbox;
using Allianssi.Store;
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
/// <param name="store">The analytical store the queries read.</param>
public sealed class IndicatorEngine(AnalyticalStore store)
{
    /// <summary>The pseudo-unit id of <see cref="ComputeTotal"/>: all subjects of all units together.</summary>
    public const string AllUnits = "*";

    /// <summary>The default time limit of one query over the store: ten minutes, for built-ins over a whole country.</summary>
    public static readonly TimeSpan DefaultQueryTimeout = TimeSpan.FromMinutes(10);

    private readonly AnalyticalStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The time limit of one query (default <see cref="DefaultQueryTimeout"/>).</summary>
    public TimeSpan QueryTimeout { get; init; } = DefaultQueryTimeout;

    /// <summary>
    /// The time limit of one query of an analyst's own definition: the sandbox's, so that what
    /// validated within the limit is held to the same limit at every compute.
    /// </summary>
    public TimeSpan CustomQueryTimeout { get; init; } = CustomIndicatorSandbox.DefaultTimeout;

    /// <summary>The time all custom definitions of one <see cref="ComputeAll"/> may take together (default five minutes).</summary>
    public TimeSpan CustomJobBudget { get; init; } = TimeSpan.FromMinutes(5);

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
        return Compute(connection, new Dictionary<string, IReadOnlyList<long>>(), definition, period, year, parameters, overall: false, null, cancellationToken);
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
        return Compute(connection, new Dictionary<string, IReadOnlyList<long>>(), definition, period, year, parameters, overall: true, null, cancellationToken).Single();
    }

    /// <summary>
    /// Computes a built-in definition over a unit group: the subjects of all <paramref name="units"/>
    /// taken together as one population (a subject row that two of the units share counts once), as
    /// one pseudo-unit named <paramref name="groupId"/> (organiser-payments.md section 3: a provider's units).
    /// </summary>
    /// <exception cref="ArgumentException">A custom definition (the sandbox checks only the engine's own shapes), or no unit.</exception>
    public IndicatorResult ComputeGroup(
        IndicatorDefinition definition, ComputationPeriod period, int year, string groupId, IReadOnlyCollection<string> units,
        IReadOnlyDictionary<string, object>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        if (definition.IsCustom || units.Count == 0)
        {
            throw new ArgumentException("a unit group is computed for built-in definitions over at least one unit", nameof(definition));
        }

        using var connection = _store.Open();
        var resolved = ResolveParameters(definition, period, year, parameters);
        var body = SqlLiteral.Bind(definition.Sql, resolved);
        var grouped = $"SELECT DISTINCT * EXCLUDE (unit_id) FROM (\n{body}\n) AS member_units WHERE unit_id IN ({string.Join(", ", units.Select(u => SqlLiteral.Format(u)))})";
        var sql = BuildQuery(definition.Kind, $"SELECT {SqlLiteral.Format(groupId)} AS unit_id, * FROM ({grouped}) AS unit_group", overall: true);
        var batchIds = BatchIds(connection, new Dictionary<string, IReadOnlyList<long>>(), definition.Tables, cancellationToken);
        var result = Read(connection, sql, QueryTimeout, definition, year, (long)resolved["minimumCount"], resolved, period.WindowFor(year), batchIds, cancellationToken).Single();
        return result with { Unit = groupId };
    }

    /// <summary>
    /// Computes every definition for every unit and every year of the period (or the given years),
    /// on one connection, ordered by definition (as given), year and unit. A custom definition that
    /// is refused, fails or runs past a limit throws <see cref="SandboxException"/>.
    /// </summary>
    public IReadOnlyList<IndicatorResult> ComputeAll(
        IEnumerable<IndicatorDefinition> definitions, ComputationPeriod period, IEnumerable<int>? years = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default) =>
        ComputeAll(definitions, period, null, years, progress, cancellationToken);

    /// <summary>
    /// Computes every definition for every unit and every year of the period (or the given years),
    /// on one connection, ordered by definition (as given), year and unit; a custom definition that
    /// is refused, fails or runs past a limit is added to <paramref name="customFailures"/> and left
    /// out of the results (none of its years), and the others are still computed.
    /// </summary>
    /// <param name="definitions">The definitions.</param>
    /// <param name="period">The contract period.</param>
    /// <param name="customFailures">Receives the custom definitions left out; when null, their <see cref="SandboxException"/> propagates.</param>
    /// <param name="years">The years (default: all of the period's).</param>
    /// <param name="progress">Receives (done, total) after each definition and year.</param>
    /// <param name="cancellationToken">Stops the computation.</param>
    public IReadOnlyList<IndicatorResult> ComputeAll(
        IEnumerable<IndicatorDefinition> definitions, ComputationPeriod period, ICollection<CustomFailure>? customFailures,
        IEnumerable<int>? years = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(period);
        var defs = definitions.ToList();
        var yearList = (years ?? period.Years).ToList();
        var batches = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        var results = new List<IndicatorResult>();
        var total = defs.Count * yearList.Count;
        var done = 0;
        var budget = new CustomBudget(CustomJobBudget);
        using var connection = _store.Open();
        foreach (var definition in defs)
        {
            var own = new List<IndicatorResult>();
            foreach (var year in yearList)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    own.AddRange(Compute(connection, batches, definition, period, year, null, overall: false, budget, cancellationToken));
                }
                catch (SandboxException e) when (customFailures is not null && definition.IsCustom)
                {
                    // One analyst's definition must not stop everyone's computation: it is reported
                    // (and suspended by the caller), the rest go on.
                    customFailures.Add(new CustomFailure(definition.Id, definition.Version, e.Code ?? SandboxCodes.QueryFailed, e.Cause));
                    own.Clear();
                    done += yearList.Count - yearList.IndexOf(year);
                    progress?.Report((done, total));
                    break;
                }

                progress?.Report((++done, total));
            }

            results.AddRange(own);
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
    /// <param name="kind">How to aggregate.</param>
    /// <param name="boundBody">The body with its parameters written in.</param>
    /// <param name="overall">One pseudo-unit <see cref="AllUnits"/> over all subjects instead of one row per unit.</param>
    /// <param name="custom">
    /// An analyst's body: n is then the number of distinct subjects the aggregate counted, whatever
    /// the rows repeat, and the kinds that take values or counts from the body are refused.
    /// </param>
    public static string BuildQuery(AggregationKind kind, string boundBody, bool overall = false, bool custom = false)
    {
        ArgumentNullException.ThrowIfNull(boundBody);
        if (custom && !CustomIndicatorSandbox.IsAllowedKind(kind))
        {
            throw new ArgumentException($"an own indicator cannot be of kind {kind}", nameof(kind));
        }

        var subjects = overall
            ? $"SELECT '{AllUnits}' AS unit_id, * EXCLUDE (unit_id) FROM (\n{boundBody}\n) AS body"
            : boundBody;
        var units = overall ? $"SELECT '{AllUnits}' AS unit_id" : "SELECT DISTINCT unit_id FROM units";
        const string Sum = "CAST(coalesce(sum(CAST(value AS DECIMAL(38, 10))), 0) AS DOUBLE)";
        const string Percent = "CASE WHEN agg.denominator > 0 THEN 100.0 * agg.numerator / agg.denominator END";
        const string Quotient = "CASE WHEN agg.denominator > 0 THEN agg.numerator / agg.denominator END";
        var aggregation = kind switch
        {
            AggregationKind.Proportion => new Aggregation(
                "CAST(count(*) FILTER (WHERE in_denominator AND in_numerator) AS DOUBLE) AS numerator, CAST(count(*) FILTER (WHERE in_denominator) AS DOUBLE) AS denominator, count(*) FILTER (WHERE in_denominator) AS n",
                Percent),
            AggregationKind.Mean => new Aggregation($"{Sum} AS numerator, CAST(count(value) AS DOUBLE) AS denominator, count(value) AS n", Quotient),
            AggregationKind.Ratio => new Aggregation($"{Sum} AS numerator, CAST(count(*) AS DOUBLE) AS denominator, count(*) AS n", Quotient),
            AggregationKind.Nps => new Aggregation(
                "CAST(count(*) FILTER (WHERE value >= 9) - count(*) FILTER (WHERE value <= 6) AS DOUBLE) AS numerator, CAST(count(value) AS DOUBLE) AS denominator, count(value) AS n",
                Percent),
            AggregationKind.Median => new Aggregation(
                "quantile_cont(stratum_median, 0.5) AS v, CAST(NULL AS DOUBLE) AS numerator, CAST(sum(pairs) AS DOUBLE) AS denominator, CAST(sum(pairs) AS BIGINT) AS n",
                "agg.v", EmptyNumerator: "NULL"),
            AggregationKind.Reported => Aggregation.Published("denominator", emptyN: "NULL"),
            AggregationKind.Formula => Aggregation.Published("n", emptyN: "0"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown aggregation kind"),
        };
        var (aggregate, valueExpression, emptyNumerator, emptyDenominator, emptyN) = aggregation;
        if (custom)
        {
            // The count the suppression rule trusts comes from the engine: distinct subjects among the
            // rows the value was computed from, so repeating a row does not raise it.
            var counted = kind switch
            {
                AggregationKind.Proportion => "count(DISTINCT subject) FILTER (WHERE in_denominator)",
                AggregationKind.Ratio => "count(DISTINCT subject)",
                AggregationKind.Median => "max(subjects)",
                _ => "count(DISTINCT subject) FILTER (WHERE value IS NOT NULL)",
            };
            var n = aggregate.LastIndexOf(" AS n", StringComparison.Ordinal);
            var start = aggregate.LastIndexOf(", ", n, StringComparison.Ordinal) + 2;
            aggregate = aggregate[..start] + counted + aggregate[n..];
        }

        var source = kind == AggregationKind.Median
            ? "(SELECT unit_id, stratum, quantile_cont(CAST(value AS DOUBLE), 0.5) AS stratum_median, count(*) AS pairs FROM subjects WHERE value IS NOT NULL GROUP BY unit_id, stratum) AS strata"
            : "subjects";
        if (custom && kind == AggregationKind.Median)
        {
            source = $"{source} JOIN (SELECT unit_id, count(DISTINCT subject) AS subjects FROM subjects WHERE value IS NOT NULL GROUP BY unit_id) AS distinct_subjects USING (unit_id)";
        }
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
        IReadOnlyDictionary<string, object>? overrides, bool overall, CustomBudget? budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var parameters = ResolveParameters(definition, period, year, overrides);
        var window = period.WindowFor(year);
        var minimumCount = (long)parameters["minimumCount"];
        var body = SqlLiteral.Bind(definition.Sql, parameters);
        var batchIds = BatchIds(connection, batchCache, definition.Tables, cancellationToken);
        if (!definition.IsCustom)
        {
            return Read(connection, BuildQuery(definition.Kind, body, overall), QueryTimeout, definition, year, minimumCount, parameters, window, batchIds, cancellationToken);
        }

        // The same checks as at validation, every time: a definition saved before a rule existed,
        // or data that grew since, is held to today's rules and limits.
        if (!CustomIndicatorSandbox.IsAllowedKind(definition.Kind))
        {
            throw new SandboxException(new SandboxRefusal(SandboxCodes.KindRefused, definition.Kind.ToString().ToLowerInvariant()));
        }

        if (SqlLiteral.Placeholders(body).Count > 0)
        {
            throw new SandboxException(new SandboxRefusal(SandboxCodes.ParameterInvalid, null));
        }

        if (CustomIndicatorSandbox.Check(connection, body, CustomQueryTimeout) is { } refused)
        {
            throw new SandboxException(refused);
        }

        var remaining = budget?.Remaining ?? CustomQueryTimeout;
        if (remaining <= TimeSpan.Zero)
        {
            throw new SandboxException(new SandboxRefusal(SandboxCodes.JobBudgetSpent, null));
        }

        var limit = remaining < CustomQueryTimeout ? remaining : CustomQueryTimeout;
        // One custom query at a time per store, as at validation (SandboxGate); the wait is not the query's time.
        using var gate = SandboxGate.Enter(_store, cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return Read(connection, BuildQuery(definition.Kind, body, overall, custom: true), limit, definition, year, minimumCount, parameters, window, batchIds, cancellationToken);
        }
        catch (SandboxTimeoutException e)
        {
            // Cut short by the job's budget rather than its own limit: skipped this time, not at fault.
            var code = limit < CustomQueryTimeout ? SandboxCodes.JobBudgetSpent : SandboxCodes.TimeLimit;
            throw new SandboxException(new SandboxRefusal(code, null), e.GetType().Name);
        }
        catch (DuckDBException e)
        {
            throw new SandboxException(CustomIndicatorSandbox.Refusal(e), e.GetType().Name + "/" + e.ErrorType);
        }
        finally
        {
            budget?.Spend(clock.Elapsed);
        }
    }

    private static List<IndicatorResult> Read(
        DuckDBConnection connection, string sql, TimeSpan timeout, IndicatorDefinition definition, int year, long minimumCount,
        ImmutableSortedDictionary<string, object> parameters, MeasurementWindow window, List<long> batchIds, CancellationToken cancellationToken)
    {
        return SandboxedQuery.Run(connection, sql, timeout, reader =>
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

    /// <summary>
    /// How one kind aggregates the subjects' rows: the select list of the per-unit aggregate, the value
    /// computed from it, and what a unit without subjects shows.
    /// </summary>
    private sealed record Aggregation(string Select, string Value, string EmptyNumerator = "0.0", string EmptyDenominator = "0.0", string EmptyN = "0")
    {
        /// <summary>A value the body takes from published rows, with n from the column <paramref name="nColumn"/>.</summary>
        public static Aggregation Published(string nColumn, string emptyN) => new(
            $"max(CAST(value AS DOUBLE)) AS v, max(CAST(numerator AS DOUBLE)) AS numerator, max(CAST(denominator AS DOUBLE)) AS denominator, CAST(max({nColumn}) AS BIGINT) AS n",
            "agg.v", "NULL", "NULL", emptyN);
    }

    private sealed class CustomBudget(TimeSpan total)
    {
        private TimeSpan _spent;

        public TimeSpan Remaining => total - _spent;

        public void Spend(TimeSpan elapsed) => _spent += elapsed;
    }

    private static double? NullableDouble(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static long? NullableLong(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
