using System.Globalization;
using Allianssi.Import.Schema;
using DuckDB.NET.Data;

namespace Allianssi.Import;

/// <summary>
/// Stages a batch's valid rows in a temporary table and, set-based inside the caller's DuckDB
/// transaction, classifies each against the store and the earlier rows of the file by natural
/// key (new, duplicate, conflict, replace), then writes the survivors and removes replaced rows.
/// </summary>
/// <remarks>
/// Without replace a key's reference row is the stored row, else the file's first row with that
/// key. With replace (always for persons) each row is compared with the previous row of its key
/// (or the stored row for the first), and the last differing row wins.
/// </remarks>
internal sealed class BatchWriter : IDisposable
{
    public const string Stage = "import_stage";
    private const string Status = "import_status";

    private readonly DuckDBConnection _connection;
    private readonly DatasetSchema _schema;
    private readonly long _batchId;
    private DuckDBAppender? _appender;

    public BatchWriter(DuckDBConnection connection, DatasetSchema schema, long batchId)
    {
        _connection = connection;
        _schema = schema;
        _batchId = batchId;
        Execute($"DROP TABLE IF EXISTS temp.{Stage}; DROP TABLE IF EXISTS temp.{Status};");
        Execute($"CREATE TEMP TABLE {Stage} AS SELECT * FROM {schema.Name} LIMIT 0;");
        _appender = connection.CreateAppender("temp", "main", Stage);
    }

    public void Append(int rowNo, object?[] values)
    {
        var row = _appender!.CreateRow().AppendValue(_batchId).AppendValue(rowNo);
        foreach (var value in values)
        {
            row = value switch
            {
                null => row.AppendNullValue(),
                string s => row.AppendValue(s),
                DateOnly d => row.AppendValue(d),
                DateTime t => row.AppendValue(t),
                decimal m => row.AppendValue(m),
                double x => row.AppendValue(x),
                int i => row.AppendValue(i),
                bool b => row.AppendValue(b),
                _ => throw new InvalidOperationException($"No appender for {value.GetType().Name}."),
            };
        }

        row.EndRow();
    }

    /// <summary>Flushes the appender; returns row numbers rejected by set-based reference checks.</summary>
    public IReadOnlyList<int> FinishStaging()
    {
        _appender!.Close();
        _appender.Dispose();
        _appender = null;
        var rejected = new List<int>();
        if (_schema.Name == "units")
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                DELETE FROM {Stage} WHERE parent_id IS NOT NULL
                  AND parent_id NOT IN (SELECT unit_id FROM {Stage} UNION ALL SELECT unit_id FROM units)
                RETURNING row_no
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rejected.Add(reader.GetInt32(0));
            }
        }

        return rejected;
    }

    /// <summary>Classifies the staged rows; returns (row, status) for every row that is not simply new.</summary>
    public IEnumerable<(int Row, RowStatus Status)> Classify(bool replace)
    {
        var keyX = Keys("x");
        var match = (string a, string b) => string.Join(" AND ", _schema.KeyExpressions.Select(e =>
            $"{string.Format(CultureInfo.InvariantCulture, e, a)} IS NOT DISTINCT FROM {string.Format(CultureInfo.InvariantCulture, e, b)}"));
        var same = (string a, string b) => string.Join(" AND ", _schema.Columns.Select(c => $"{a}.{c.Name} IS NOT DISTINCT FROM {b}.{c.Name}"));
        var hasStore = $"EXISTS (SELECT 1 FROM {_schema.Name} t WHERE {match("t", "x")})";
        var storeEqual = $"EXISTS (SELECT 1 FROM {_schema.Name} t WHERE {match("t", "x")} AND {same("t", "x")})";
        var status = replace
            ? $"""
               CASE WHEN g.occ = 1 THEN (CASE WHEN NOT {hasStore} THEN 'new' WHEN {storeEqual} THEN 'duplicate' ELSE 'replace' END)
                    WHEN {same("x", "p")} THEN 'duplicate' ELSE 'replace' END
               """
            : $"""
               CASE WHEN {hasStore} THEN (CASE WHEN {storeEqual} THEN 'duplicate' ELSE 'conflict' END)
                    WHEN g.occ = 1 THEN 'new'
                    WHEN {same("x", "f")} THEN 'duplicate' ELSE 'conflict' END
               """;
        Execute($"""
            CREATE TEMP TABLE {Status} AS
            WITH g AS (
              SELECT x.row_no, row_number() OVER w AS occ, first_value(x.row_no) OVER w AS first_row, lag(x.row_no) OVER w AS prev_row
              FROM {Stage} x WINDOW w AS (PARTITION BY {keyX} ORDER BY x.row_no))
            SELECT g.row_no, g.first_row, {status} AS status
            FROM g JOIN {Stage} x ON x.row_no = g.row_no
              LEFT JOIN {Stage} f ON f.row_no = g.first_row
              LEFT JOIN {Stage} p ON p.row_no = g.prev_row;
            """);

        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT row_no, status FROM {Status} WHERE status <> 'new' ORDER BY row_no";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt32(0), reader.GetString(1) switch
            {
                "duplicate" => RowStatus.Duplicate,
                "conflict" => RowStatus.Conflict,
                _ => RowStatus.Replace,
            });
        }
    }

    /// <summary>Deletes the stored rows being replaced and inserts each key's surviving row.</summary>
    public void Write()
    {
        var match = string.Join(" AND ", _schema.KeyExpressions.Select(e =>
            $"{string.Format(CultureInfo.InvariantCulture, e, "t")} IS NOT DISTINCT FROM {string.Format(CultureInfo.InvariantCulture, e, "x")}"));
        Execute($"""
            DELETE FROM {_schema.Name} t WHERE EXISTS (
              SELECT 1 FROM {Stage} x JOIN {Status} s ON s.row_no = x.row_no WHERE s.status = 'replace' AND {match});
            INSERT INTO {_schema.Name}
              SELECT x.* FROM {Stage} x JOIN (
                SELECT max(row_no) FILTER (WHERE status IN ('new', 'replace')) AS keep FROM {Status} GROUP BY first_row) k
              ON x.row_no = k.keep ORDER BY x.row_no;
            DROP TABLE temp.{Stage}; DROP TABLE temp.{Status};
            """);
    }

    private string Keys(string alias) => string.Join(", ", _schema.KeyExpressions.Select(e => string.Format(CultureInfo.InvariantCulture, e, alias)));

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _appender?.Dispose();
}

/// <summary>How a staged row relates to the rows with its natural key.</summary>
internal enum RowStatus
{
    /// <summary>Same content as its reference row: accepted, changes nothing.</summary>
    Duplicate,
    /// <summary>Different content, no replace: rejected.</summary>
    Conflict,
    /// <summary>Different content, replace: accepted, wins.</summary>
    Replace,
}
