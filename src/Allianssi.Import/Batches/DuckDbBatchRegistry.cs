using DuckDB.NET.Data;

namespace Allianssi.Import.Batches;

/// <summary>
/// An <see cref="IBatchRegistry"/> in its own DuckDB file (by default <c>&lt;data&gt;/import-registry.duckdb</c>),
/// kept apart from the analytical store because retained uploads hold raw identifiers and indicator
/// SQL must never see them. The interim home of batch records before the operational database held them.
/// </summary>
/// <remarks>
/// The CLI and the web keep batches in the operational database now; an <c>import-registry.duckdb</c> left by an
/// earlier version is ignored, not migrated (docs/flows/README.md). This class remains for the importer's unit tests.
/// </remarks>
public sealed class DuckDbBatchRegistry : IBatchRegistry
{
    private const int ChunkSize = 1 << 20;

    private readonly string _connectionString;

    /// <param name="path">The registry's DuckDB file; created when absent.</param>
    public DuckDbBatchRegistry(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _connectionString = $"Data Source={path};enable_external_access=false";
        Execute("""
            CREATE SEQUENCE IF NOT EXISTS batch_ids START 1;
            CREATE TABLE IF NOT EXISTS batches (
              id BIGINT PRIMARY KEY, dataset VARCHAR NOT NULL, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
              bytes BIGINT NOT NULL, imported_by VARCHAR NOT NULL, started_at TIMESTAMPTZ NOT NULL, replace BOOLEAN NOT NULL,
              status VARCHAR NOT NULL, finished_at TIMESTAMPTZ, party VARCHAR,
              rows_read INTEGER, accepted INTEGER, rejected INTEGER, duplicates INTEGER, conflicts INTEGER, replaced INTEGER);
            CREATE TABLE IF NOT EXISTS upload_chunks (batch_id BIGINT NOT NULL, chunk_no INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (batch_id, chunk_no));
            """);
    }

    /// <inheritdoc/>
    public BatchRecord? FindAccepted(string sha256) =>
        Query("WHERE sha256 = $p AND status = 'Accepted' ORDER BY id LIMIT 1", sha256).FirstOrDefault();

    /// <inheritdoc/>
    public long Begin(BatchStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO batches (id, dataset, file_name, sha256, bytes, imported_by, started_at, replace, status, party)
            VALUES (nextval('batch_ids'), $dataset, $file, $sha, $bytes, $by, $at, $replace, 'Pending', $party) RETURNING id
            """;
        command.Parameters.Add(new DuckDBParameter("dataset", start.Dataset));
        command.Parameters.Add(new DuckDBParameter("file", start.FileName));
        command.Parameters.Add(new DuckDBParameter("sha", start.Sha256));
        command.Parameters.Add(new DuckDBParameter("bytes", start.Bytes));
        command.Parameters.Add(new DuckDBParameter("by", start.ImportedBy));
        command.Parameters.Add(new DuckDBParameter("at", start.StartedAt.UtcDateTime));
        command.Parameters.Add(new DuckDBParameter("replace", start.Replace));
        command.Parameters.Add(new DuckDBParameter("party", start.Party));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public void SaveUpload(long batchId, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var connection = Open();
        using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN TRANSACTION";
            begin.ExecuteNonQuery();
        }

        var buffer = new byte[ChunkSize];
        var chunk = 0;
        while (true)
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = content.Read(buffer, filled, buffer.Length - filled)) > 0)
            {
                filled += read;
            }

            if (filled == 0)
            {
                break;
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO upload_chunks VALUES ($b, $n, $bytes)";
            insert.Parameters.Add(new DuckDBParameter("b", batchId));
            insert.Parameters.Add(new DuckDBParameter("n", chunk++));
            insert.Parameters.Add(new DuckDBParameter("bytes", filled == buffer.Length ? buffer : buffer[..filled]));
            insert.ExecuteNonQuery();
        }

        using var commit = connection.CreateCommand();
        commit.CommandText = "COMMIT";
        commit.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public Stream OpenUpload(long batchId)
    {
        // Chunks are copied to a temporary file so a 1 GB upload never sits in memory.
        var path = Path.GetTempFileName();
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT bytes FROM upload_chunks WHERE batch_id = $b ORDER BY chunk_no";
        command.Parameters.Add(new DuckDBParameter("b", batchId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            using var chunk = reader.GetStream(0);
            chunk.CopyTo(file);
        }

        file.Position = 0;
        return file;
    }

    /// <inheritdoc/>
    public void Complete(long batchId, ImportCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE batches SET status = 'Accepted', finished_at = now(), rows_read = $r, accepted = $a, rejected = $j,
              duplicates = $d, conflicts = $c, replaced = $p WHERE id = $id
            """;
        command.Parameters.Add(new DuckDBParameter("r", counts.RowsRead));
        command.Parameters.Add(new DuckDBParameter("a", counts.Accepted));
        command.Parameters.Add(new DuckDBParameter("j", counts.Rejected));
        command.Parameters.Add(new DuckDBParameter("d", counts.Duplicates));
        command.Parameters.Add(new DuckDBParameter("c", counts.Conflicts));
        command.Parameters.Add(new DuckDBParameter("p", counts.Replaced));
        command.Parameters.Add(new DuckDBParameter("id", batchId));
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public void Abandon(long batchId) =>
        Execute($"UPDATE batches SET status = 'Failed', finished_at = now() WHERE id = {batchId}; DELETE FROM upload_chunks WHERE batch_id = {batchId};");

    /// <inheritdoc/>
    public void MarkReverted(long batchId) => Execute($"UPDATE batches SET status = 'Reverted', finished_at = now() WHERE id = {batchId} AND status = 'Accepted';");

    /// <inheritdoc/>
    public IReadOnlyList<long> PendingBatchIds() => [.. Query("WHERE status = 'Pending' ORDER BY id", null).Select(b => b.Id)];

    /// <inheritdoc/>
    public IReadOnlyList<long> AcceptedBatchIds(string? party) =>
        [.. Query("WHERE status = 'Accepted' ORDER BY id", null).Where(b => b.Start.Party == party).Select(b => b.Id)];

    /// <inheritdoc/>
    public IReadOnlyList<BatchRecord> List() => Query("ORDER BY id", null);

    private List<BatchRecord> Query(string where, string? parameter)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, dataset, file_name, sha256, bytes, imported_by, started_at, replace, status, finished_at,
              rows_read, accepted, rejected, duplicates, conflicts, replaced, party FROM batches {where}
            """;
        if (parameter is not null)
        {
            command.Parameters.Add(new DuckDBParameter("p", parameter));
        }

        using var reader = command.ExecuteReader();
        var records = new List<BatchRecord>();
        while (reader.Read())
        {
            var start = new BatchStart(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)), reader.GetBoolean(7))
            {
                Party = reader.IsDBNull(16) ? null : reader.GetString(16),
            };
            var counts = reader.IsDBNull(10) ? null : new ImportCounts(reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetInt32(14), reader.GetInt32(15));
            DateTimeOffset? finished = reader.IsDBNull(9) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(9), DateTimeKind.Utc));
            records.Add(new BatchRecord(reader.GetInt64(0), start, Enum.Parse<BatchStatus>(reader.GetString(8)), counts, finished));
        }

        return records;
    }

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
