using System.Net.Http.Json;
using Allianssi.Store;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;

using Allianssi.TestSupport;

namespace Allianssi.IntegrationTests.Organiser;

/// <summary>
/// The demo web application whose analytical store holds the organiser worked example
/// (docs/domain/organiser-example: twelve synthetic persons, four units, one year), with the
/// example's model saved for 2023 by the organiser's controller (plus <c>memberParties</c>: 837 is tampere).
/// </summary>
public class OrganiserFixture(Store store) : AppFixture(store)
{
    private static readonly string[] Datasets = ["units", "persons", "listings", "diagnoses", "visits", "service_periods", "ledger", "population"];

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"allianssi-org-it-{Guid.NewGuid():N}");
    private readonly SemaphoreSlim _modelLock = new(1, 1);
    private bool _modelSaved;

    public static string ExampleDirectory => Path.Combine(AppContext.BaseDirectory, "OrganiserExample");

    /// <summary>The example's model with the member 837 spoken for by the party tampere.</summary>
    public static string ExampleModel => File.ReadAllText(Path.Combine(ExampleDirectory, "model.json"))
        .Replace("\"members\": [\"837\", \"604\", \"980\"],", "\"members\": [\"837\", \"604\", \"980\"], \"memberParties\": { \"837\": \"tampere\" },", StringComparison.Ordinal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(_data);
        var path = Path.Combine(_data, "analytical.duckdb");
        if (!File.Exists(path))
        {
            Fill(path);
        }

        builder.UseSetting("Allianssi:Data", _data);
    }

    /// <summary>Saves the example model for 2023 once (as pirha.controller).</summary>
    public async Task EnsureExampleModelAsync()
    {
        await _modelLock.WaitAsync();
        try
        {
            if (_modelSaved)
            {
                return;
            }

            var client = await ClientForAsync("pirha.controller");
            using var content = new StringContent(ExampleModel, System.Text.Encoding.UTF8, "application/json");
            var response = await client.PutAsync("/api/alliances/tesoma/organiser/models/2023", content);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            _modelSaved = true;
        }
        finally
        {
            _modelLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _modelLock.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Loads the example's CSV files into a fresh store, column by column as their headers name them.</summary>
    private static void Fill(string path)
    {
        using var rows = StoreRows.Open(path);
        rows.LoadCsvFiles(ExampleDirectory, Datasets);
    }
}

public sealed class SqliteOrganiserFixture() : OrganiserFixture(Store.Sqlite);

public sealed class PostgresOrganiserFixture() : OrganiserFixture(Store.PostgreSql);
