namespace Allianssi.Store;

/// <summary>
/// Where this process's analytical store is (<c>&lt;data&gt;/analytical.duckdb</c>) and the DuckDB instance settings it is
/// opened with: the one way to open it.
/// </summary>
/// <remarks>
/// The composition root builds the location once from the options (<c>AllianssiOptions.AnalyticalLocation</c>:
/// <c>ALLIANSSI_IMPORT_MEMORY_LIMIT</c>, <c>ALLIANSSI_STORE_MAX_TEMP_SIZE</c>) and every reader and writer of the process
/// opens the store through it (<see cref="Store"/>), because DuckDB shares one database instance between the connections
/// open on a file and keeps the settings of whichever opened it first: with one memory limit for all, an import's limit
/// does not depend on whether an indicator query happened to hold the file open. The store reads no environment itself.
/// </remarks>
/// <param name="Path">The DuckDB file.</param>
/// <param name="MemoryLimit">
/// DuckDB's <c>memory_limit</c> for the store (e.g. <c>256MB</c>, <c>1GB</c>). An import appends to its tables inside one
/// transaction and classifies candidate keys per bucket, so DuckDB writes or spills to <c>analytical.duckdb.tmp</c> what
/// does not fit and an import's peak memory stays flat as the file grows (measured in docs/performance.md, "Import
/// memory"); indicator queries run under the same limit.
/// </param>
/// <param name="MaxTempSize">
/// DuckDB's <c>max_temp_directory_size</c> for the store (e.g. <c>2GB</c>, <c>8GB</c>): how much all its queries may spill
/// together. It caps what a query can spill (issue 11 item 6: an analyst's query spilled 2.9 GB at every compute); a
/// query that needs more fails with DuckDB's out-of-memory error, which the sandbox reports as <c>SBX011</c>. An import of
/// 10 million rows spills far less (its rows go to the store file, docs/performance.md), so the default leaves imports and
/// built-in computations room.
/// </param>
public sealed record AnalyticalStoreLocation(
    string Path,
    string MemoryLimit = AnalyticalStoreLocation.DefaultMemoryLimit,
    string MaxTempSize = AnalyticalStoreLocation.DefaultMaxTempSize)
{
    /// <summary>The store's file name under the data directory.</summary>
    public const string FileName = "analytical.duckdb";

    /// <summary>DuckDB's memory limit for the store when none is configured.</summary>
    public const string DefaultMemoryLimit = "256MB";

    /// <summary>How much the store's queries may spill to disk together when nothing is configured.</summary>
    public const string DefaultMaxTempSize = "2GB";

    /// <summary>The store under a data directory, with these instance settings.</summary>
    public static AnalyticalStoreLocation InDataDirectory(string dataDirectory, string memoryLimit = DefaultMemoryLimit, string maxTempSize = DefaultMaxTempSize) =>
        new(System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName)), memoryLimit, maxTempSize);

    /// <summary>The store with this location's settings (<see cref="MemoryLimit"/>, <see cref="MaxTempSize"/>).</summary>
    public AnalyticalStore Store() => new AnalyticalStore(Path, MemoryLimit, MaxTempSize);

    /// <summary>Whether data has been imported (the file exists).</summary>
    public bool Exists => File.Exists(Path);
}
