using Allianssi.Store;

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

        var expected = MemoryLimit(new AnalyticalStore(Path.Combine(_directory, "reference.duckdb"), AnalyticalStoreLocation.MemoryLimit));
        var unlimited = MemoryLimit(new AnalyticalStore(Path.Combine(_directory, "unlimited.duckdb")));

        using var import = new AnalyticalStore(location.Path, AnalyticalStoreLocation.MemoryLimit).Open();
        Assert.Equal(expected, Setting(import));
        Assert.Equal(expected, Setting(reader));
        Assert.NotEqual(unlimited, expected);
    }

    [Fact]
    public void GivenTheSourceTree_ThenOnlyTheStoreLocationOpensTheProcessStore_SoEveryOpenerHasTheOneMemoryLimit()
    {
        // DuckDB keeps the settings of whichever opener came first: one opener without the limit (the CLI's compute,
        // organiser commands and key check did) gives the whole process an unlimited instance.
        var src = Path.Combine(ArchitectureTests.RepositoryRoot(), "src");
        var openers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("new AnalyticalStore(", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        // The location's Store() is the one opener; the rebuild's fresh file is opened through a location too.
        Assert.Equal([Path.Combine("Allianssi.Store", "AnalyticalStoreLocation.cs")], openers.Select(o => o[..o.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("public AnalyticalStore Store() => new AnalyticalStore(Path, MemoryLimit, MaxTempSize);",
            File.ReadAllText(Path.Combine(src, "Allianssi.Store", "AnalyticalStoreLocation.cs")), StringComparison.Ordinal);
        Assert.Contains("new AnalyticalStoreLocation(fresh).Store()", File.ReadAllText(Path.Combine(src, "Allianssi.Import", "StoreRebuilder.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheCliSources_ThenTheyRunNoSqlOfTheirOwn()
    {
        // The CLI asks the store and the use cases; SQL lives behind them (issue 13 item 4).
        var cli = Path.Combine(ArchitectureTests.RepositoryRoot(), "src", "Allianssi.Cli");
        var sql = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(cli, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("CommandText", StringComparison.Ordinal) || l.Text.Contains("DuckDBConnection", StringComparison.Ordinal)
                || l.Text.Contains("ExecuteSqlRaw", StringComparison.Ordinal) || l.Text.Contains(".Open()", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();
        Assert.Empty(sql);
    }

    [Fact]
    public void GivenAStoreWithoutRows_ThenHasRowsIsFalse_AndAfterOneRowItIsTrue()
    {
        var location = AnalyticalStoreLocation.InDataDirectory(_directory);
        Assert.False(location.Store().HasRows());
        Assert.False(location.Exists);
        location.Store().EnsureSchema();
        Assert.False(location.Store().HasRows());
        using (var connection = location.Store().Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO units (batch_id, row_no, unit_id, name, municipality_code, kind) VALUES (1, 1, 'U1', 'Yksikkö', '837', 'health_centre')";
            command.ExecuteNonQuery();
        }

        Assert.True(location.Store().HasRows());
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
