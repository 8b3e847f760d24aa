using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Indicators.Store;

namespace Allianssi.IntegrationTests;

/// <summary>The analytical store's instance settings do not depend on which part of the process opened the file first.</summary>
public sealed class StoreSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "allianssi-store-settings-" + Guid.NewGuid().ToString("N"));

    public StoreSettingsTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void GivenAnIndicatorReaderHoldsTheStoreOpen_WhenAnImportOpensIt_ThenTheImportMemoryLimitIsInForce()
    {
        var location = AnalyticalStoreLocation.InDataDirectory(_directory);
        location.Store().EnsureSchema();
        using var reader = location.Store().Open();

        var expected = MemoryLimit(new AnalyticalStore(Path.Combine(_directory, "reference.duckdb"), AnalyticalData.ImportMemoryLimit));
        var unlimited = MemoryLimit(new AnalyticalStore(Path.Combine(_directory, "unlimited.duckdb")));

        using var import = new AnalyticalStore(location.Path, AnalyticalData.ImportMemoryLimit).Open();
        Assert.Equal(expected, Setting(import));
        Assert.Equal(expected, Setting(reader));
        Assert.NotEqual(unlimited, expected);
    }

    [Fact]
    public void GivenTheSourceTree_ThenOnlyTheStoreLocationOpensTheProcessStore_SoEveryOpenerHasTheOneMemoryLimit()
    {
        // DuckDB keeps the settings of whichever opener came first: one opener without the limit (the CLI's compute,
        // organiser commands and key check did) gives the whole process an unlimited instance.
        var src = Path.Combine(RepositoryRoot(), "src");
        var openers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("new AnalyticalStore(", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        // The rebuild's fresh file takes the limit from its caller; the location's Store() (target-typed new) is the other opener.
        Assert.Equal([Path.Combine("Allianssi.Import", "StoreRebuilder.cs")], openers.Select(o => o[..o.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("new AnalyticalStore(fresh, memoryLimit)", File.ReadAllText(Path.Combine(src, "Allianssi.Import", "StoreRebuilder.cs")), StringComparison.Ordinal);
        Assert.Contains("public AnalyticalStore Store() => new(Path, Imports.AnalyticalData.ImportMemoryLimit, Imports.AnalyticalData.StoreMaxTempSize);",
            File.ReadAllText(Path.Combine(src, "Allianssi.Application", "UseCases", "Indicators", "AnalyticalStoreLocation.cs")), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Allianssi.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Allianssi.slnx not found above the test's folder");
    }

    private static string MemoryLimit(AnalyticalStore store)
    {
        using var connection = store.Open();
        return Setting(connection);
    }

    private static string Setting(DuckDB.NET.Data.DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('memory_limit')";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
