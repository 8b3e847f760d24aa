using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Store;
using DuckDB.NET.Data;

namespace Allianssi.Indicators.Sandbox;

/// <summary>
/// Validates and runs analysts' own indicator SQL so that it cannot escape: the connection comes
/// from <see cref="AnalyticalStore.Open"/> (external access off, configuration locked), the SQL
/// must be one SELECT (or WITH ... SELECT) statement, every run happens inside a transaction that
/// is rolled back, under a time limit, and returns at most <see cref="RowLimit"/> rows.
/// </summary>
public sealed class CustomIndicatorSandbox
{
    private readonly AnalyticalStore _store;

    /// <summary>Creates a sandbox over <paramref name="store"/>.</summary>
    public CustomIndicatorSandbox(AnalyticalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The time limit of one statement (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most rows a preview run returns (default 10 000).</summary>
    public int RowLimit { get; init; } = 10_000;

    /// <summary>The longest SQL text accepted.</summary>
    public int MaxSqlLength { get; init; } = 100_000;

    /// <summary>
    /// Checks a definition before it is saved: the SQL is one SELECT statement that parses, returns
    /// the columns its kind requires, and the complete computation finishes on the current data
    /// within <see cref="Timeout"/> for the given period and year.
    /// </summary>
    public SqlValidation Validate(IndicatorDefinition definition, ComputationPeriod period, int year)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(period);
        if (string.IsNullOrWhiteSpace(definition.Sql))
        {
            return SqlValidation.Fail("The SQL is empty.");
        }

        if (definition.Sql.Length > MaxSqlLength)
        {
            return SqlValidation.Fail($"The SQL is longer than {MaxSqlLength} characters.");
        }

        IReadOnlyDictionary<string, object> parameters;
        try
        {
            parameters = IndicatorEngine.ResolveParameters(definition, period, year);
        }
        catch (ArgumentException e)
        {
            return SqlValidation.Fail(e.Message);
        }

        var sql = SqlLiteral.Bind(definition.Sql, parameters);
        var unknown = SqlLiteral.Placeholders(sql);
        if (unknown.Count > 0)
        {
            return SqlValidation.Fail("Unknown parameter(s): " + string.Join(", ", unknown.Order(StringComparer.Ordinal).Select(n => "$" + n)) + ".");
        }

        using var connection = _store.Open();
        var parse = CheckSingleSelect(connection, sql);
        if (parse is not null)
        {
            return SqlValidation.Fail(parse);
        }

        try
        {
            var columns = SandboxedQuery.Run(connection, $"SELECT * FROM (\n{sql}\n) AS custom LIMIT 0", Timeout, ColumnNames);
            var missing = AggregationKinds.RequiredColumns(definition.Kind).Where(c => !columns.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return SqlValidation.Fail($"The query must return the column(s) {string.Join(", ", missing)} for a {definition.Kind.ToString().ToLowerInvariant()} indicator.");
            }

            var aggregate = IndicatorEngine.BuildQuery(definition.Kind, sql);
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
            return SqlValidation.Fail(e.Message);
        }
        catch (DuckDBException e)
        {
            return SqlValidation.Fail("The query failed: " + FirstLine(e.Message));
        }
    }

    /// <summary>
    /// Runs one SELECT in the sandbox and returns its rows (at most <see cref="RowLimit"/>; more
    /// is an error). Placeholders are bound from <paramref name="parameters"/>.
    /// </summary>
    /// <exception cref="SandboxException">The SQL is not one SELECT, fails, exceeds the row limit or the time limit.</exception>
    public SandboxRows Run(string sql, IReadOnlyDictionary<string, object>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (sql.Length > MaxSqlLength)
        {
            throw new SandboxException($"The SQL is longer than {MaxSqlLength} characters.");
        }

        var bound = parameters is null ? sql : SqlLiteral.Bind(sql, parameters);
        using var connection = _store.Open();
        var parse = CheckSingleSelect(connection, bound);
        if (parse is not null)
        {
            throw new SandboxException(parse);
        }

        try
        {
            var limited = $"SELECT * FROM (\n{bound}\n) AS custom LIMIT {(RowLimit + 1L).ToString(CultureInfo.InvariantCulture)}";
            var rows = SandboxedQuery.Run(connection, limited, Timeout, reader =>
            {
                var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                var list = new List<object?[]>();
                while (reader.Read())
                {
                    if (list.Count == RowLimit)
                    {
                        throw new SandboxException($"The query returned more than {RowLimit} rows.");
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
            throw new SandboxException(e.Message, e);
        }
        catch (DuckDBException e)
        {
            throw new SandboxException("The query failed: " + FirstLine(e.Message), e);
        }
    }

    /// <summary>Null when <paramref name="sql"/> is exactly one SELECT statement; else why not.</summary>
    private string? CheckSingleSelect(DuckDBConnection connection, string sql)
    {
        string json;
        try
        {
            json = SandboxedQuery.Run(connection, "SELECT json_serialize_sql(" + SqlLiteral.Format(sql) + ")", Timeout, reader =>
            {
                reader.Read();
                return reader.GetString(0);
            });
        }
        catch (DuckDBException e)
        {
            return "The SQL could not be checked: " + FirstLine(e.Message);
        }

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
            return message.Contains("Only SELECT statements", StringComparison.OrdinalIgnoreCase)
                ? "Only a single SELECT (or WITH ... SELECT) statement is allowed."
                : "The SQL does not parse: " + FirstLine(message);
        }

        var count = root.TryGetProperty("statements", out var statements) ? statements.GetArrayLength() : 0;
        return count == 1 ? null : "Exactly one SELECT statement is allowed.";
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

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

/// <summary>The outcome of <see cref="CustomIndicatorSandbox.Validate"/>.</summary>
/// <param name="IsValid">Whether the definition may be saved.</param>
/// <param name="Errors">Why not, in words for the analyst.</param>
/// <param name="UnitRows">Rows the test computation produced (one per unit).</param>
public sealed record SqlValidation(bool IsValid, IReadOnlyList<string> Errors, int UnitRows)
{
    internal static SqlValidation Fail(string error) => new(false, [error], 0);
}

/// <summary>Rows of a sandboxed query.</summary>
public sealed record SandboxRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>A sandboxed query was refused or failed; the message says why, for the analyst.</summary>
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
}
