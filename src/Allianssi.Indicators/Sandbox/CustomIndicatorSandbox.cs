using System.Data.Common;
using System.Globalization;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Store;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Allianssi.Indicators.Sandbox;

/// <summary>
/// Validates and runs analysts' own indicator SQL so that it cannot escape: the connection comes
/// from <see cref="AnalyticalStore.Open"/> (external access off, configuration locked), the SQL
/// must be one SELECT (or WITH ... SELECT) statement built only from allow-listed parts
/// (<see cref="SqlAllowList"/>), every run happens inside a transaction that is rolled back, under a
/// time limit, and returns at most <see cref="RowLimit"/> rows. Refusals and failures carry a
/// <see cref="SandboxCodes"/> code and a fixed message, never DuckDB's text.
/// </summary>
public sealed class CustomIndicatorSandbox
{
    /// <summary>The time limit of one custom query, at validation and at compute alike.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly AnalyticalStore _store;

    /// <summary>Creates a sandbox over <paramref name="store"/>.</summary>
    public CustomIndicatorSandbox(AnalyticalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The time limit of one statement (default <see cref="DefaultTimeout"/>).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The most rows a preview run returns (default 10 000).</summary>
    public int RowLimit { get; init; } = 10_000;

    /// <summary>
    /// Whether <see cref="Run"/> waits for <see cref="SandboxGate"/> (default true, as validation and the engine always
    /// do for an analyst's SQL). The application's own fixed reads of small tables (the units) set it to false, so a
    /// page's unit names never wait behind an analyst's 30-second query.
    /// </summary>
    public bool RunThroughGate { get; init; } = true;

    /// <summary>The longest SQL text accepted.</summary>
    public int MaxSqlLength { get; init; } = 100_000;

    /// <summary>Whether an analyst's own indicator may have <paramref name="kind"/>: only kinds whose values and counts the engine aggregates itself.</summary>
    public static bool IsAllowedKind(AggregationKind kind) =>
        kind is AggregationKind.Proportion or AggregationKind.Mean or AggregationKind.Ratio or AggregationKind.Nps or AggregationKind.Median;

    /// <summary>
    /// Checks a definition before it is saved, for every year of <paramref name="period"/>: the
    /// complete computation must finish within <see cref="Timeout"/> for each year, so a body that
    /// only does its work in some years is caught here rather than at compute.
    /// </summary>
    public SqlValidation Validate(IndicatorDefinition definition, ComputationPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var rows = 0;
        foreach (var year in period.Years)
        {
            var validation = Validate(definition, period, year);
            if (!validation.IsValid)
            {
                return validation;
            }

            rows = Math.Max(rows, validation.UnitRows);
        }

        return new SqlValidation(true, [], rows);
    }

    /// <summary>
    /// Checks a definition before it is saved: the kind is one the engine aggregates, the SQL is one
    /// SELECT that parses and uses only allowed parts, returns the columns its kind requires, and the
    /// complete computation finishes on the current data within <see cref="Timeout"/> for the given
    /// period and year.
    /// </summary>
    public SqlValidation Validate(IndicatorDefinition definition, ComputationPeriod period, int year)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(period);
        if (!IsAllowedKind(definition.Kind))
        {
            return SqlValidation.Fail(new SandboxRefusal(SandboxCodes.KindRefused, definition.Kind.ToString().ToLowerInvariant()));
        }

        if (string.IsNullOrWhiteSpace(definition.Sql) || definition.Sql.Length > MaxSqlLength)
        {
            return SqlValidation.Fail(new SandboxRefusal(SandboxCodes.Empty, null));
        }

        IReadOnlyDictionary<string, object> parameters;
        try
        {
            parameters = IndicatorEngine.ResolveParameters(definition, period, year);
        }
        catch (ArgumentException)
        {
            return SqlValidation.Fail(new SandboxRefusal(SandboxCodes.ParameterInvalid, null));
        }

        var sql = SqlLiteral.Bind(definition.Sql, parameters);
        var unknown = SqlLiteral.Placeholders(sql);
        if (unknown.Count > 0)
        {
            return SqlValidation.Fail(new SandboxRefusal(SandboxCodes.ParameterInvalid, string.Join(", ", unknown.Order(StringComparer.Ordinal).Select(n => "$" + n))));
        }

        // One custom query at a time per store, as at compute (SandboxGate): the memory it may take is the store's limit.
        using var gate = SandboxGate.Enter(_store);
        using var connection = _store.Open();
        try
        {
            if (Check(connection, sql, Timeout) is { } refused)
            {
                return SqlValidation.Fail(refused);
            }

            var columns = SandboxedQuery.Run(connection, $"SELECT * FROM (\n{sql}\n) AS custom LIMIT 0", Timeout, ColumnNames);
            var missing = AggregationKinds.RequiredColumns(definition.Kind).Where(c => !columns.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return SqlValidation.Fail(new SandboxRefusal(SandboxCodes.ColumnsMissing,
                    $"{string.Join(", ", missing)} for a {definition.Kind.ToString().ToLowerInvariant()} indicator"));
            }

            var aggregate = IndicatorEngine.BuildQuery(definition.Kind, sql, custom: true);
            var rows = SandboxedQuery.Run(connection, aggregate, Timeout, reader =>
            {
                var count = 0;
                while (reader.Read())
                {
                    count++;
                }

                return count;
            });
            return new SqlValidation(true, [], rows);
        }
        catch (SandboxTimeoutException e)
        {
            return SqlValidation.Fail(new SandboxRefusal(SandboxCodes.TimeLimit, null), e.GetType().Name);
        }
        catch (DuckDBException e)
        {
            return SqlValidation.Fail(Refusal(e), e.GetType().Name + "/" + e.ErrorType);
        }
    }

    /// <summary>
    /// Runs one SELECT in the sandbox and returns its rows (at most <see cref="RowLimit"/>; more
    /// is an error). Placeholders are bound from <paramref name="parameters"/>.
    /// </summary>
    /// <exception cref="SandboxException">The SQL is refused, fails, exceeds the row limit or the time limit.</exception>
    public SandboxRows Run(string sql, IReadOnlyDictionary<string, object>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (sql.Length > MaxSqlLength)
        {
            throw new SandboxException(new SandboxRefusal(SandboxCodes.Empty, null));
        }

        var bound = parameters is null ? sql : SqlLiteral.Bind(sql, parameters);
        using var gate = RunThroughGate ? SandboxGate.Enter(_store, cancellationToken) : null;
        using var connection = _store.Open();
        try
        {
            if (Check(connection, bound, Timeout) is { } refused)
            {
                throw new SandboxException(refused);
            }

            var limited = $"SELECT * FROM (\n{bound}\n) AS custom LIMIT {(RowLimit + 1L).ToString(CultureInfo.InvariantCulture)}";
            var rows = SandboxedQuery.Run(connection, limited, Timeout, reader =>
            {
                var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                var list = new List<object?[]>();
                while (reader.Read())
                {
                    if (list.Count == RowLimit)
                    {
                        throw new SandboxException(new SandboxRefusal(SandboxCodes.RowLimit, $"more than {RowLimit} rows"));
                    }

                    var values = new object?[reader.FieldCount];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }

                    list.Add(values);
                }

                return new SandboxRows(names, list);
            }, cancellationToken);
            return rows;
        }
        catch (SandboxTimeoutException e)
        {
            throw new SandboxException(new SandboxRefusal(SandboxCodes.TimeLimit, null), e.GetType().Name);
        }
        catch (DuckDBException e)
        {
            // Not kept as the inner exception: its message may quote data, and whoever logs this would log that too.
            throw new SandboxException(Refusal(e), e.GetType().Name + "/" + e.ErrorType);
        }
    }

    /// <summary>
    /// Null when <paramref name="sql"/> is exactly one SELECT statement built only from allowed
    /// parts (<see cref="SqlAllowList"/>); else the refusal. Runs DuckDB's parser only, not the query.
    /// </summary>
    public static SandboxRefusal? Check(DuckDBConnection connection, string sql, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        string json;
        try
        {
            json = SandboxedQuery.Run(connection, "SELECT json_serialize_sql(" + SqlLiteral.Format(sql) + ")", timeout, reader =>
            {
                reader.Read();
                return reader.GetString(0);
            });
        }
        catch (DuckDBException)
        {
            return new SandboxRefusal(SandboxCodes.DoesNotParse, null);
        }

        return SqlAllowList.Check(json);
    }

    /// <summary>The refusal for a DuckDB error: the kind of error decides the code; its text is never used.</summary>
    public static SandboxRefusal Refusal(DuckDBException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ErrorType switch
        {
            DuckDBErrorType.OutOfMemory => new SandboxRefusal(SandboxCodes.MemoryLimit, null),
            DuckDBErrorType.Interrupt => new SandboxRefusal(SandboxCodes.TimeLimit, null),
            // Binding happens before any row is read, so these name the analyst's own mistakes; still no text.
            DuckDBErrorType.Binder or DuckDBErrorType.Catalog => new SandboxRefusal(SandboxCodes.QueryFailed, "an unknown column, table or function, or a wrong type"),
            _ => new SandboxRefusal(SandboxCodes.QueryFailed, null),
        };
    }

    private static HashSet<string> ColumnNames(DbDataReader reader)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            names.Add(reader.GetName(i));
        }

        return names;
    }
}

/// <summary>The outcome of <see cref="CustomIndicatorSandbox.Validate(IndicatorDefinition, ComputationPeriod, int)"/>.</summary>
/// <param name="IsValid">Whether the definition may be saved.</param>
/// <param name="Errors">Why not, in words for the analyst (code and fixed message).</param>
/// <param name="UnitRows">Rows the test computation produced (one per unit).</param>
public sealed record SqlValidation(bool IsValid, IReadOnlyList<string> Errors, int UnitRows)
{
    /// <summary>The refusal's <see cref="SandboxCodes"/> code; null when valid.</summary>
    public string? Code { get; init; }

    /// <summary>For the server log: the type of the exception behind a failure (never its message); null otherwise.</summary>
    public string? Cause { get; init; }

    internal static SqlValidation Fail(SandboxRefusal refusal, string? cause = null) =>
        new(false, [refusal.Message], 0) { Code = refusal.Code, Cause = cause };
}

/// <summary>Rows of a sandboxed query.</summary>
public sealed record SandboxRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>A sandboxed query was refused or failed; the message is the code and a fixed text, never DuckDB's.</summary>
public sealed class SandboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SandboxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SandboxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a refusal.</summary>
    /// <param name="refusal">The code and detail.</param>
    /// <param name="cause">The type of the exception behind it, for the server log (its message is dropped).</param>
    public SandboxException(SandboxRefusal refusal, string? cause = null)
        : base((refusal ?? throw new ArgumentNullException(nameof(refusal))).Message)
    {
        Code = refusal.Code;
        Cause = cause;
    }

    /// <summary>The <see cref="SandboxCodes"/> code, or null for an exception made from a message alone.</summary>
    public string? Code { get; }

    /// <summary>The type of the exception behind the failure, for the server log.</summary>
    public string? Cause { get; }
}
