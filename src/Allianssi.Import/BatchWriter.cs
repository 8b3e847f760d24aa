using System.Globalization;
using Allianssi.Store.Schema;
using DuckDB.NET.Data;

namespace Allianssi.Import;

/// <summary>
/// Appends a batch's valid rows to their dataset table inside the caller's DuckDB transaction and,
/// set-based, classifies them against the stored rows and the earlier rows of the file by natural key
/// (new, duplicate, conflict, replace, another party's); then takes out the rows that do not survive and the stored
/// rows they replace.
/// </summary>
/// <remarks>
/// <para>
/// Without replace a key's reference row is the stored row, else the file's first row with that
/// key. With replace (always for persons) each row is compared with the previous row of its key
/// (or the stored row for the first), and the last differing row wins.
/// </para>
/// <para>
/// Replace reaches only the stored rows of the importing party's own batches (<c>ownBatches</c>). A key a row of
/// another party's batch holds is compared with that row in either mode: the same content is a duplicate, different
/// content is rejected as another party's row, and that row is never deleted (issue 11, item 7).
/// </para>
/// <para>
/// The batch's rows are the table's rows with its batch id (uncommitted, so no other connection sees
/// them, and a crash leaves nothing: the transaction never committed). Only the rows whose key is a
/// candidate, one the file has more than once or the store already has, are classified row by row;
/// every other row is new and stays where it was appended, so a file of new keys costs one grouping
/// and one semi-join after the last row (ADR 0006). The candidates' classification runs per bucket of
/// the key's hash (about <see cref="DefaultKeysPerBucket"/> candidate keys each), so its window and joins see
/// one bucket at a time. Work tables (<c>import_keys</c>, <c>import_status</c>) are ordinary tables of
/// the store file, created and dropped inside the transaction.
/// </para>
/// </remarks>
internal sealed class BatchWriter : IDisposable
{
    private const string Keys = "import_keys";
    private const string Status = "import_status";

    /// <summary>Candidate keys per bucket of the classification, unless the caller says otherwise.</summary>
    internal const int DefaultKeysPerBucket = 250_000;

    private readonly DuckDBConnection _connection;
    private readonly DatasetSchema _schema;
    private readonly long _batchId;
    private readonly int _keysPerBucket;
    private readonly string _batch;
    private readonly string _stored;
    private readonly string _ownIds;
    private ChunkAppender? _appender;
    private bool _anyReplace;
    private bool _anyCandidate;

    /// <param name="connection">The store connection, inside the caller's transaction.</param>
    /// <param name="schema">The dataset.</param>
    /// <param name="batchId">The batch being imported.</param>
    /// <param name="ownBatches">The importing party's accepted batches: the only stored rows a replace may take out.</param>
    /// <param name="keysPerBucket">Candidate keys per bucket of the classification.</param>
    public BatchWriter(DuckDBConnection connection, DatasetSchema schema, long batchId, IReadOnlyCollection<long> ownBatches, int keysPerBucket = DefaultKeysPerBucket)
    {
        ArgumentNullException.ThrowIfNull(ownBatches);
        ArgumentOutOfRangeException.ThrowIfLessThan(keysPerBucket, 1);
        _keysPerBucket = keysPerBucket;
        _connection = connection;
        _schema = schema;
        _batchId = batchId;
        _batch = string.Create(CultureInfo.InvariantCulture, $"batch_id = {batchId}");
        _stored = string.Create(CultureInfo.InvariantCulture, $"batch_id <> {batchId}");
        _ownIds = string.Join(", ", ownBatches.Where(b => b != batchId).Order().Select(b => b.ToString(CultureInfo.InvariantCulture)));
        Execute($"""
            DROP TABLE IF EXISTS {Keys}; DROP TABLE IF EXISTS {Status};
            CREATE TABLE {Status} (row_no INTEGER NOT NULL, first_row INTEGER NOT NULL, status VARCHAR NOT NULL);
            """);
        _appender = new ChunkAppender(connection, schema.Name);
    }

    /// <summary>The batch's id, the first value of every row.</summary>
    public long BatchId => _batchId;

    /// <summary>The appender the rows go through until <see cref="FinishAppending"/>.</summary>
    public ChunkAppender Appender => _appender ?? throw new InvalidOperationException("Appending is finished.");

    /// <summary>Flushes the appender; returns row numbers rejected by set-based reference checks.</summary>
    public IReadOnlyList<int> FinishAppending()
    {
        _appender!.Close();
        _appender.Dispose();
        _appender = null;
        var rejected = new List<int>();
        if (_schema.SelfReference is { } reference)
        {
            // The referenced row may be stored or anywhere in this file (the table holds both now).
            var table = _schema.Name;
            var key = _schema.KeyColumns[0];
            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                DELETE FROM {table} WHERE {_batch} AND {reference} IS NOT NULL
                  AND {reference} NOT IN (SELECT {key} FROM {table})
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

    /// <summary>Classifies the batch's rows; returns (row, status) for every row that is not simply new.</summary>
    public IEnumerable<(int Row, RowStatus Status)> Classify(bool replace)
    {
        var table = _schema.Name;
        var keyColumns = Enumerable.Range(0, _schema.KeyExpressions.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"k{i}")).ToList();
        var keyList = string.Join(", ", keyColumns);
        var aliased = string.Join(", ", _schema.KeyExpressions.Select((e, i) => $"{string.Format(CultureInfo.InvariantCulture, e, "x")} AS {keyColumns[i]}"));
        var match = (string a, string b) => string.Join(" AND ", _schema.KeyExpressions.Select(e =>
            $"{string.Format(CultureInfo.InvariantCulture, e, a)} IS NOT DISTINCT FROM {string.Format(CultureInfo.InvariantCulture, e, b)}"));
        var isCandidate = (string alias) => string.Join(" AND ", _schema.KeyExpressions.Select((e, i) =>
            $"k.{keyColumns[i]} IS NOT DISTINCT FROM {string.Format(CultureInfo.InvariantCulture, e, alias)}"));

        // The candidates: keys this file has more than once, and keys the store already has. Repeats are found by
        // grouping one 64-bit hash of the key rather than its columns (a collision only adds a candidate, which the
        // exact classification below then finds new); the store is searched only when it has rows of this dataset.
        var stored = Scalar($"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {_stored} LIMIT 1)") > 0;
        var storeMatches = stored
            ? $"UNION SELECT {aliased} FROM {table} x WHERE x.{_batch} AND EXISTS (SELECT 1 FROM {table} t WHERE t.{_stored} AND {match("t", "x")})"
            : string.Empty;
        Execute($"""
            CREATE TABLE {Keys} AS
              WITH repeated AS (SELECT h FROM (SELECT hash({KeysOf("x")}) AS h FROM {table} x WHERE x.{_batch}) GROUP BY h HAVING count(*) > 1)
              SELECT DISTINCT {aliased} FROM {table} x WHERE x.{_batch} AND hash({KeysOf("x")}) IN (SELECT h FROM repeated)
              {storeMatches};
            """);
        var candidates = Scalar($"SELECT count(*) FROM {Keys}");
        _anyCandidate = candidates > 0;
        var buckets = (int)Math.Max(1, (candidates + _keysPerBucket - 1) / _keysPerBucket);
        var same = (string a, string b) => string.Join(" AND ", _schema.Columns.Select(c => $"{a}.{c.Name} IS NOT DISTINCT FROM {b}.{c.Name}"));
        for (var bucket = 0; candidates > 0 && bucket < buckets; bucket++)
        {
            // The store's side is cut to the same bucket, so the (decorrelated) EXISTS joins build on one bucket of it.
            var inBucket = (string alias) => buckets == 1 ? "TRUE" : string.Create(CultureInfo.InvariantCulture, $"hash({KeysOf(alias)}) % {buckets} = {bucket}");
            var hasStore = stored ? $"EXISTS (SELECT 1 FROM {table} t WHERE t.{_stored} AND {inBucket("t")} AND {match("t", "x")})" : "FALSE";
            var storeEqual = stored ? $"EXISTS (SELECT 1 FROM {table} t WHERE t.{_stored} AND {inBucket("t")} AND {match("t", "x")} AND {same("t", "x")})" : "FALSE";
            var hasForeign = stored ? $"EXISTS (SELECT 1 FROM {table} t WHERE t.{_stored} AND NOT {Own("t")} AND {inBucket("t")} AND {match("t", "x")})" : "FALSE";
            var status = replace
                ? $"""
                   CASE WHEN {hasForeign} THEN (CASE WHEN {storeEqual} THEN 'duplicate' ELSE 'foreign' END)
                        WHEN x.occ = 1 THEN (CASE WHEN NOT {hasStore} THEN 'new' WHEN {storeEqual} THEN 'duplicate' ELSE 'replace' END)
                        WHEN {same("x", "p")} THEN 'duplicate' ELSE 'replace' END
                   """
                : $"""
                   CASE WHEN {hasStore} THEN (CASE WHEN {storeEqual} THEN 'duplicate' WHEN {hasForeign} THEN 'foreign' ELSE 'conflict' END)
                        WHEN x.occ = 1 THEN 'new'
                        WHEN {same("x", "f")} THEN 'duplicate' ELSE 'conflict' END
                   """;
            Execute($"""
                INSERT INTO {Status}
                WITH s AS (
                  SELECT * FROM {table} x
                  WHERE x.{_batch} AND {inBucket("x")} AND EXISTS (SELECT 1 FROM {Keys} k WHERE {isCandidate("x")})),
                g AS (
                  SELECT x.*, row_number() OVER w AS occ, first_value(x.row_no) OVER w AS first_row,
                    lag(x.row_no) OVER w AS prev_row, lead(x.row_no) OVER w AS next_row
                  FROM s x WINDOW w AS (PARTITION BY {KeysOf("x")} ORDER BY x.row_no)),
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
                "foreign" => RowStatus.OtherParty,
                _ => RowStatus.Replace,
            };
            _anyReplace |= rowStatus == RowStatus.Replace;
            yield return (reader.GetInt32(0), rowStatus);
        }
    }

    /// <summary>Deletes the stored rows being replaced and the batch's rows that do not survive; drops the work tables.</summary>
    /// <remarks>
    /// Every row of a key the file has more than once is in the status table, so a batch row is taken out exactly when the
    /// status table has it and it is not its key's last new-or-replacing row.
    /// </remarks>
    public void TakeOutLosingAndReplacedRows()
    {
        var table = _schema.Name;
        if (_anyReplace)
        {
            var match = string.Join(" AND ", _schema.KeyExpressions.Select(e =>
                $"{string.Format(CultureInfo.InvariantCulture, e, "t")} IS NOT DISTINCT FROM {string.Format(CultureInfo.InvariantCulture, e, "x")}"));
            Execute($"""
                DELETE FROM {table} t WHERE t.{_stored} AND {Own("t")} AND EXISTS (
                  SELECT 1 FROM {table} x JOIN {Status} s ON s.row_no = x.row_no WHERE x.{_batch} AND s.status = 'replace' AND {match});
                """);
        }

        if (!_anyCandidate)
        {
            // Every row is new: nothing to take out.
            Execute($"DROP TABLE IF EXISTS {Keys}; DROP TABLE {Status};");
            return;
        }

        Execute($"""
            DELETE FROM {table} WHERE {_batch} AND row_no IN (
              SELECT row_no FROM (
                SELECT row_no, max(row_no) FILTER (WHERE status IN ('new', 'replace')) OVER (PARTITION BY first_row) AS keep FROM {Status})
              WHERE keep IS DISTINCT FROM row_no);
            DROP TABLE IF EXISTS {Keys}; DROP TABLE {Status};
            """);
    }

    /// <summary>Whether a row under <paramref name="alias"/> belongs to one of the importing party's own batches.</summary>
    private string Own(string alias) => _ownIds.Length == 0 ? "FALSE" : $"{alias}.batch_id IN ({_ownIds})";

    private string KeysOf(string alias) => string.Join(", ", _schema.KeyExpressions.Select(e => string.Format(CultureInfo.InvariantCulture, e, alias)));

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

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
    /// <summary>Different content from a stored row of another party's batch, with or without replace: rejected.</summary>
    OtherParty,
}
