namespace Allianssi.Store;

/// <summary>Where this process's analytical store is: <c>&lt;data&gt;/analytical.duckdb</c>, and the one way to open it.</summary>
/// <param name="Path">The DuckDB file.</param>
public sealed record AnalyticalStoreLocation(string Path)
{
    /// <summary>The store's file name under the data directory.</summary>
    public const string FileName = "analytical.duckdb";

    /// <summary>DuckDB's memory limit for the store when <c>ALLIANSSI_IMPORT_MEMORY_LIMIT</c> is not set.</summary>
    public const string DefaultMemoryLimit = "256MB";

    /// <summary>How much the store's queries may spill to disk together when <c>ALLIANSSI_STORE_MAX_TEMP_SIZE</c> is not set.</summary>
    public const string DefaultMaxTempSize = "2GB";

    /// <summary>
    /// DuckDB's memory limit for this process's store, from <c>ALLIANSSI_IMPORT_MEMORY_LIMIT</c> (e.g. <c>1GB</c>), else
    /// <see cref="DefaultMemoryLimit"/>.
    /// </summary>
    /// <remarks>
    /// An import appends to its tables inside one transaction and classifies candidate keys per bucket, so DuckDB writes
    /// or spills to <c>analytical.duckdb.tmp</c> what does not fit and an import's peak memory stays flat as the file grows
    /// (measured in docs/performance.md, "Import memory"). The limit applies to the DuckDB instance, which DuckDB.NET
    /// shares between the connections open on the file at once and which keeps the settings of the first; so every
    /// opener in this process uses this one limit (<see cref="Store"/>), and indicator queries run under it too.
    /// </remarks>
    public static string MemoryLimit => Environment.GetEnvironmentVariable("ALLIANSSI_IMPORT_MEMORY_LIMIT") is { Length: > 0 } limit ? limit : DefaultMemoryLimit;

    /// <summary>
    /// DuckDB's <c>max_temp_directory_size</c> for this process's store, from <c>ALLIANSSI_STORE_MAX_TEMP_SIZE</c>
    /// (e.g. <c>8GB</c>), else <see cref="DefaultMaxTempSize"/>.
    /// </summary>
    /// <remarks>
    /// Like the memory limit it is one per database instance. It caps what a query can spill (issue 11 item 6: an
    /// analyst's query spilled 2.9 GB at every compute); a query that needs more fails with DuckDB's out-of-memory
    /// error, which the sandbox reports as <c>SBX011</c>. An import of 10 million rows spills far less (its rows go to
    /// the store file, docs/performance.md), so the default leaves imports and built-in computations room.
    /// </remarks>
    public static string MaxTempSize => Environment.GetEnvironmentVariable("ALLIANSSI_STORE_MAX_TEMP_SIZE") is { Length: > 0 } size ? size : DefaultMaxTempSize;

    /// <summary>The store under a data directory.</summary>
    public static AnalyticalStoreLocation InDataDirectory(string dataDirectory) =>
        new(System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName)));

    /// <summary>
    /// The store with this process's settings. Every reader and writer in the process opens it this way, because DuckDB
    /// shares one database instance between the connections open on a file and keeps the settings of whichever opened it
    /// first: with one memory limit for all (<see cref="MemoryLimit"/>), an import's limit no longer depends on whether an
    /// indicator query happened to hold the file open. The spill cap (<see cref="MaxTempSize"/>) is set the same way.
    /// </summary>
    public AnalyticalStore Store() => new AnalyticalStore(Path, MemoryLimit, MaxTempSize);

    /// <summary>Whether data has been imported (the file exists).</summary>
    public bool Exists => File.Exists(Path);
}
