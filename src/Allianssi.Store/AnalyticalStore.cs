using Allianssi.Store.Schema;
using DuckDB.NET.Data;

namespace Allianssi.Store;

/// <summary>
/// The analytical store: one DuckDB file holding the pseudonymised record-level rows of every
/// accepted import batch (ARCHITECTURE.md decision 2).
/// </summary>
/// <remarks>
/// Every connection is opened with external access disabled (no file, HTTP or extension access
/// from SQL) and its configuration locked afterwards, so that indicator SQL, including an
/// analyst's custom definitions, cannot read or write anything but the store's own tables.
/// The store is derived data: it can always be rebuilt from the retained uploads. Its tables are the datasets'
/// descriptions (<see cref="Datasets"/>): one table per dataset, created from the description.
/// </remarks>
public sealed class AnalyticalStore
{
    /// <summary>The dataset tables, in the order of data-model.md (<see cref="Datasets.InOrder"/>).</summary>
    public static readonly IReadOnlyList<string> Tables = [.. Datasets.InOrder.Select(d => d.Name)];

    private readonly string _connectionString;

    /// <param name="path">The DuckDB file; created with the schema when absent.</param>
    /// <param name="memoryLimit">
    /// DuckDB's <c>memory_limit</c> (e.g. <c>512MB</c>) for the database instance this store opens. Beyond it DuckDB
    /// spills to <see cref="TempDirectory"/>, so an import's memory stays flat as the file grows. Null keeps DuckDB's
    /// default (80 % of RAM).
    /// </param>
    /// <param name="maxTempDirectorySize">
    /// DuckDB's <c>max_temp_directory_size</c> (e.g. <c>2GB</c>): how much all queries of the instance may spill to
    /// <see cref="TempDirectory"/> together. A query that needs more fails with DuckDB's out-of-memory error instead of
    /// filling the disk. Null keeps DuckDB's default (90 % of the free disk space).
    /// </param>
    public AnalyticalStore(string path, string? memoryLimit = null, string? maxTempDirectorySize = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        TempDirectory = path + ".tmp";
        // Both go on the connection string, before enable_external_access: DuckDB applies the options in order, and the
        // configuration is locked once a connection is open. The temporary directory is DuckDB's own default for a file
        // database, named explicitly so that spilling never depends on a setting changed later.
        _connectionString = $"Data Source={path}" + (string.IsNullOrWhiteSpace(memoryLimit) ? string.Empty : $";memory_limit={memoryLimit}")
            + $";temp_directory={TempDirectory}"
            + (string.IsNullOrWhiteSpace(maxTempDirectorySize) ? string.Empty : $";max_temp_directory_size={maxTempDirectorySize}")
            + ";enable_external_access=false";
    }

    /// <summary>Where DuckDB spills what does not fit in its memory limit (deleted by DuckDB when the database closes).</summary>
    public string TempDirectory { get; }

    /// <summary>The DuckDB file.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates the file and every dataset table that does not exist yet, each from its description
    /// (<see cref="DatasetSchema.CreateTableSql"/>); a table that exists is left as it is.
    /// </summary>
    public void EnsureSchema()
    {
        using var connection = OpenUnlocked();
        using var command = connection.CreateCommand();
        command.CommandText = string.Join('\n', Datasets.InOrder.Select(d => d.CreateTableSql));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Opens a connection with external access disabled and the configuration locked: SQL run on
    /// it cannot re-enable file access, attach other databases or load extensions.
    /// </summary>
    public DuckDBConnection Open()
    {
        var connection = OpenUnlocked();
        using var command = connection.CreateCommand();
        // Connections of one process share the database instance: when another connection has locked its
        // configuration already, setting the lock again is refused, and the lock is what this method promises.
        // Two connections opened at once may both see it unlocked; the second SET is then refused, which is fine
        // as long as the lock is in place afterwards.
        command.CommandText = "SELECT current_setting('lock_configuration');";
        if (command.ExecuteScalar() is not true)
        {
            try
            {
                command.CommandText = "SET lock_configuration = true;";
                command.ExecuteNonQuery();
            }
            catch (DuckDBException)
            {
                command.CommandText = "SELECT current_setting('lock_configuration');";
                if (command.ExecuteScalar() is not true)
                {
                    connection.Dispose();
                    throw;
                }
            }
        }

        return connection;
    }

    /// <summary>Whether any dataset table of the store holds a row (false when the file does not exist yet).</summary>
    /// <remarks>Opens the file only when it exists: asking does not create an empty store.</remarks>
    public bool HasRows()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        using var connection = Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name FROM duckdb_tables()";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var known = tables.Where(Tables.Contains).ToList();
        if (known.Count == 0)
        {
            return false;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(" OR ", known.Select(t => $"EXISTS (SELECT 1 FROM {t})"));
        return command.ExecuteScalar() is true;
    }

    private DuckDBConnection OpenUnlocked()
    {
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
