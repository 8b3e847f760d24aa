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

    /// <summary>Whether data has been imported (the file exists).</summary>
    public bool Exists => File.Exists(Path);
}
