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
