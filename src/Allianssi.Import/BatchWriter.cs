using System.Globalization;
using Allianssi.Import.Schema;
using DuckDB.NET.Data;

namespace Allianssi.Import;

/// <summary>
/// Stages a batch's valid rows in a table of the store file and, set-based inside the caller's DuckDB
/// transaction, classifies each against the store and the earlier rows of the file by natural
/// key (new, duplicate, conflict, replace), then writes the survivors and removes replaced rows.
/// </summary>
/// <remarks>
/// <para>
/// Without replace a key's reference row is the stored row, else the file's first row with that
/// key. With replace (always for persons) each row is compared with the previous row of its key
/// (or the stored row for the first), and the last differing row wins.
/// </para>
/// <para>
/// Memory: the staging tables are ordinary tables of the store file, created and dropped inside the
/// batch's transaction, so DuckDB writes their row groups to the file as they fill instead of holding
/// them in memory (a <c>TEMP</c> table lives in the in-memory temp catalog), and a crash leaves nothing
/// behind: the transaction never committed. Classification runs per bucket of the natural key's hash
/// (about <see cref="RowsPerBucket"/> staged rows each), so its window and joins see one bucket at a
/// time. Only rows that are not simply new, or share their key with another row of the file, are kept
/// in the status table.
/// </para>
/// </remarks>
internal sealed class BatchWriter : IDisposable
{
    public const string Stage = "import_stage";
    private const string Status = "import_status";

    /// <summary>Staged rows per key bucket of the classification.</summary>
    internal const int RowsPerBucket = 250_000;

    private readonly DuckDBConnection _connection;
    private readonly DatasetSchema _schema;
    private readonly long _batchId;
    private DuckDBAppender? _appender;
    private long _staged;
    private bool _anyReplace;

    public BatchWriter(DuckDBConnection connection, DatasetSchema schema, long batchId)
    {
        _connection = connection;
        _schema = schema;
        _batchId = batchId;
        Execute($"""
            DROP TABLE IF EXISTS {Stage}; DROP TABLE IF EXISTS {Status};
            CREATE TABLE {Stage} AS SELECT * FROM {schema.Name} LIMIT 0;
            CREATE TABLE {Status} (row_no INTEGER NOT NULL, first_row INTEGER NOT NULL, status VARCHAR NOT NULL);
            """);
        _appender = connection.CreateAppender(Stage);
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
        _staged++;
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
        var buckets = (int)Math.Max(1, (_staged + RowsPerBucket - 1) / RowsPerBucket);
        var bucketOf = (string alias) => string.Create(CultureInfo.InvariantCulture, $"hash({Keys(alias)}) % {buckets}");
        var match = (string a, string b) => string.Join(" AND ", _schema.KeyExpressions.Select(e =>
            $"{string.Format(CultureInfo.InvariantCulture, e, a)} IS NOT DISTINCT FROM {string.Format(CultureInfo.InvariantCulture, e, b)}"));
        var same = (string a, string b) => string.Join(" AND ", _schema.Columns.Select(c => $"{a}.{c.Name} IS NOT DISTINCT FROM {b}.{c.Name}"));
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            // The store's side is cut to the same bucket, so the (decorrelated) EXISTS joins build on one bucket of it.
            var inBucket = (string alias) => buckets == 1 ? "TRUE" : string.Create(CultureInfo.InvariantCulture, $"{bucketOf(alias)} = {bucket}");
            var hasStore = $"EXISTS (SELECT 1 FROM {_schema.Name} t WHERE {inBucket("t")} AND {match("t", "x")})";
            var storeEqual = $"EXISTS (SELECT 1 FROM {_schema.Name} t WHERE {inBucket("t")} AND {match("t", "x")} AND {same("t", "x")})";
            var status = replace
                ? $"""
                   CASE WHEN x.occ = 1 THEN (CASE WHEN NOT {hasStore} THEN 'new' WHEN {storeEqual} THEN 'duplicate' ELSE 'replace' END)
                        WHEN {same("x", "p")} THEN 'duplicate' ELSE 'replace' END
                   """
                : $"""
                   CASE WHEN {hasStore} THEN (CASE WHEN {storeEqual} THEN 'duplicate' ELSE 'conflict' END)
                        WHEN x.occ = 1 THEN 'new'
                        WHEN {same("x", "f")} THEN 'duplicate' ELSE 'conflict' END
                   """;
            Execute($"""
                INSERT INTO {Status}
                WITH s AS (SELECT * FROM {Stage} x WHERE {inBucket("x")}),
                g AS (
                  SELECT x.*, row_number() OVER w AS occ, first_value(x.row_no) OVER w AS first_row,
                    lag(x.row_no) OVER w AS prev_row, lead(x.row_no) OVER w AS next_row
                  FROM s x WINDOW w AS (PARTITION BY {Keys("x")} ORDER BY x.row_no)),
                c AS (
                  SELECT x.row_no, x.first_row, {status} AS status, x.occ > 1 OR x.next_row IS NOT NULL AS shared_key
                  FROM g x LEFT JOIN s f ON f.row_no = x.first_row LEFT JOIN s p ON p.row_no = x.prev_row)
                SELECT row_no, first_row, status FROM c WHERE status <> 'new' OR shared_key;
                """);
        }

        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT row_no, status FROM {Status} WHERE status <> 'new' ORDER BY row_no";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var rowStatus = reader.GetString(1) switch
            {
                "duplicate" => RowStatus.Duplicate,
                "conflict" => RowStatus.Conflict,
                _ => RowStatus.Replace,
            };
            _anyReplace |= rowStatus == RowStatus.Replace;
            yield return (reader.GetInt32(0), rowStatus);
        }
    }

    /// <summary>Deletes the stored rows being replaced and inserts each key's surviving row; drops the staging tables.</summary>
    /// <remarks>
    /// Every row of a key the file has more than once is in the status table, so a staged row is left out exactly when the
    /// status table has it and it is not its key's last new-or-replacing row.
    /// </remarks>
    public void Write()
    {
        if (_anyReplace)
        {
            var match = string.Join(" AND ", _schema.KeyExpressions.Select(e =>
                $"{string.Format(CultureInfo.InvariantCulture, e, "t")} IS NOT DISTINCT FROM {string.Format(CultureInfo.InvariantCulture, e, "x")}"));
            Execute($"""
                DELETE FROM {_schema.Name} t WHERE EXISTS (
                  SELECT 1 FROM {Stage} x JOIN {Status} s ON s.row_no = x.row_no WHERE s.status = 'replace' AND {match});
                """);
        }

        Execute($"""
            INSERT INTO {_schema.Name}
              SELECT * FROM {Stage} WHERE row_no NOT IN (
                SELECT row_no FROM (
                  SELECT row_no, max(row_no) FILTER (WHERE status IN ('new', 'replace')) OVER (PARTITION BY first_row) AS keep FROM {Status})
                WHERE keep IS DISTINCT FROM row_no);
            DROP TABLE {Stage}; DROP TABLE {Status};
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
