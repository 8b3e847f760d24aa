using Allianssi.Indicators.Store;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>Where this process's analytical store is: <c>&lt;data&gt;/analytical.duckdb</c>.</summary>
/// <param name="Path">The DuckDB file.</param>
public sealed record AnalyticalStoreLocation(string Path)
{
    /// <summary>The store's file name under the data directory.</summary>
    public const string FileName = "analytical.duckdb";

    /// <summary>The store under a data directory.</summary>
    public static AnalyticalStoreLocation InDataDirectory(string dataDirectory) =>
        new(System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, FileName)));

    /// <summary>
    /// The store with this process's settings. Every reader and writer in the process opens it this way, because DuckDB
    /// shares one database instance between the connections open on a file and keeps the settings of whichever opened it
    /// first: with one memory limit for all (<see cref="Imports.AnalyticalData.ImportMemoryLimit"/>), an import's limit no
    /// longer depends on whether an indicator query happened to hold the file open. The spill cap
    /// (<see cref="Imports.AnalyticalData.StoreMaxTempSize"/>) is set the same way.
    /// </summary>
    public AnalyticalStore Store() => new(Path, Imports.AnalyticalData.ImportMemoryLimit, Imports.AnalyticalData.StoreMaxTempSize);

    /// <summary>Whether data has been imported (the file exists).</summary>
    public bool Exists => File.Exists(Path);
}
