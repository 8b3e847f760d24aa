using Allianssi.Application;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>The analytical store's instance settings do not depend on which part of the process opened the file first.</summary>
public sealed class StoreSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "allianssi-store-settings-" + Guid.NewGuid().ToString("N"));

    public StoreSettingsTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void GivenAnIndicatorReaderHoldsTheStoreOpen_WhenAnImportOpensIt_ThenTheLocationsMemoryLimitIsInForce()
    {
        var location = AnalyticalStoreLocation.InDataDirectory(_directory, "300MB", "1GB");
        location.Store().EnsureSchema();
        using var reader = location.Store().Open();

        var expected = Setting(new AnalyticalStore(Path.Combine(_directory, "reference.duckdb"), "300MB"), "memory_limit");
        var unlimited = Setting(new AnalyticalStore(Path.Combine(_directory, "unlimited.duckdb")), "memory_limit");

        using var import = location.Store().Open();
        Assert.Equal(expected, Setting(import, "memory_limit"));
        Assert.Equal(expected, Setting(reader, "memory_limit"));
        Assert.NotEqual(unlimited, expected);
    }

    [Fact]
    public void GivenTheLimitsInTheConfiguration_WhenTheCompositionRootBuildsTheStore_ThenDuckDbRunsWithThem()
    {
        // ALLIANSSI_IMPORT_MEMORY_LIMIT and ALLIANSSI_STORE_MAX_TEMP_SIZE are configuration keys (the environment, appsettings):
        // AddAllianssi builds the one location from the options, and the importer's store is that location's.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AllianssiOptions.DataSetting] = _directory,
            [AllianssiOptions.MemoryLimitVariable] = "300MB",
            [AllianssiOptions.MaxTempSizeVariable] = "1GB",
        }).Build();
        var services = new ServiceCollection();
        services.AddAllianssi(configuration);
        using var provider = services.BuildServiceProvider();

        var location = provider.GetRequiredService<AnalyticalStoreLocation>();
        Assert.Equal((Path.Combine(_directory, "analytical.duckdb"), "300MB", "1GB"), (location.Path, location.MemoryLimit, location.MaxTempSize));
        location.Store().EnsureSchema();
        var imports = provider.GetRequiredService<AnalyticalData>();
        Assert.Equal(location, imports.Location);
        using var connection = imports.Store.Open();

        // What DuckDB reports for the same values on a store of its own, and not its defaults.
        Assert.Equal(Setting(new AnalyticalStore(Path.Combine(_directory, "reference.duckdb"), "300MB", "1GB"), "memory_limit"), Setting(connection, "memory_limit"));
        Assert.Equal(Setting(new AnalyticalStore(Path.Combine(_directory, "reference.duckdb"), "300MB", "1GB"), "max_temp_directory_size"), Setting(connection, "max_temp_directory_size"));
        Assert.NotEqual(Setting(new AnalyticalStore(Path.Combine(_directory, "default.duckdb"), "256MB", "2GB"), "memory_limit"), Setting(connection, "memory_limit"));
        Assert.NotEqual(Setting(new AnalyticalStore(Path.Combine(_directory, "default.duckdb"), "256MB", "2GB"), "max_temp_directory_size"), Setting(connection, "max_temp_directory_size"));
    }

    [Fact]
    public void GivenTheSourceTree_ThenOnlyTheStoreLocationOpensTheProcessStore_SoEveryOpenerHasTheOneMemoryLimit()
    {
        // DuckDB keeps the settings of whichever opener came first: one opener without the limit (the CLI's compute,
        // organiser commands and key check did) gives the whole process an unlimited instance.
        var src = Path.Combine(ArchitectureTests.RepositoryRoot(), "src");
        var lines = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .ToList();
        static List<string> FilesWith(IEnumerable<(string File, int Line, string Text)> lines, string text) =>
            [.. lines.Where(l => l.Text.Contains(text, StringComparison.Ordinal)).Select(l => l.File).Distinct()];

        // The location's Store() is the one opener; the location is built from the options alone (its limits), and the
        // rebuild's fresh file is opened through a copy of the store's location.
        Assert.Equal([Path.Combine("Allianssi.Store", "AnalyticalStoreLocation.cs")], FilesWith(lines, "new AnalyticalStore("));
        Assert.Contains("public AnalyticalStore Store() => new AnalyticalStore(Path, MemoryLimit, MaxTempSize);",
            File.ReadAllText(Path.Combine(src, "Allianssi.Store", "AnalyticalStoreLocation.cs")), StringComparison.Ordinal);
        Assert.Empty(FilesWith(lines, "new AnalyticalStoreLocation("));
        Assert.Equal([Path.Combine("Allianssi.Application", "AllianssiOptions.cs")], FilesWith(lines, "AnalyticalStoreLocation.InDataDirectory("));
        Assert.Contains("(location with { Path = fresh }).Store()", File.ReadAllText(Path.Combine(src, "Allianssi.Import", "StoreRebuilder.cs")), StringComparison.Ordinal);

        // The store reads no environment of its own: its settings are the options'.
        Assert.DoesNotContain(lines, l => l.File.StartsWith("Allianssi.Store", StringComparison.Ordinal) && l.Text.Contains("Environment.", StringComparison.Ordinal));
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

    private static string Setting(AnalyticalStore store, string name)
    {
        using var connection = store.Open();
        return Setting(connection, name);
    }

    private static string Setting(DuckDB.NET.Data.DuckDBConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT current_setting('{name}')";
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
