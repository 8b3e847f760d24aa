using Allianssi.Import.Synthetic;
using Allianssi.Store;
using Allianssi.Store.Schema;
using DuckDB.NET.Data;

namespace Allianssi.Import.Tests;

/// <summary>
/// The datasets' one description (<see cref="Datasets"/>) is the analytical store's schema: a fresh store's tables are
/// created from it, a store created earlier (by the former hand-written schema.sql) has the same tables and keeps
/// working, and the table list, the rules and the generator's files come from it.
/// </summary>
public sealed class DatasetDescriptionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "allianssi-description-" + Guid.NewGuid().ToString("N"));

    public DatasetDescriptionTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void GivenAFreshStore_ThenEveryTableHasTheDescribedColumns_InOrder_WithTheirTypesAndRequiredness()
    {
        var store = new AnalyticalStore(Path.Combine(_directory, "analytical.duckdb"));
        store.EnsureSchema();
        var actual = Columns(store.Open());

        Assert.Equal(Datasets.InOrder.Select(d => d.Name).Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var dataset in Datasets.InOrder)
        {
            string[] described =
            [
                "batch_id BIGINT NOT NULL", "row_no INTEGER NOT NULL",
                .. dataset.Columns.Select(c => $"{c.Name} {c.StoreType}{(c.Required ? " NOT NULL" : string.Empty)}"),
            ];
            Assert.Equal(described, actual[dataset.Name]);
        }

        // Checks that can fail on a wrong description: the shapes the indicators' SQL reads.
        Assert.Equal(
            ["batch_id BIGINT NOT NULL", "row_no INTEGER NOT NULL", "person_id VARCHAR NOT NULL", "test_code VARCHAR NOT NULL", "value DOUBLE NOT NULL",
             "unit VARCHAR NOT NULL", "sampled_on DATE NOT NULL", "result_id VARCHAR", "analyte VARCHAR"],
            actual["lab_results"]);
        Assert.Contains("cost_eur DECIMAL(18,2)", actual["visits"]);
        Assert.Contains("amount_eur DECIMAL(18,2) NOT NULL", actual["ledger"]);
        Assert.Contains("slot_start TIMESTAMP NOT NULL", actual["slots"]);
    }

    [Fact]
    public void GivenAStoreCreatedByTheFormerSchemaFile_ThenItHasTheSameTablesAsAFreshOne_AndImportsIntoIt()
    {
        var fresh = new AnalyticalStore(Path.Combine(_directory, "fresh.duckdb"));
        fresh.EnsureSchema();
        var expected = Columns(fresh.Open());

        using var fixture = new ImportFixture();
        using (var connection = fixture.Store.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = string.Concat(AnalyticalStore.Tables.Select(t => $"DROP TABLE {t}; "))
                + File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "store-schema-before-descriptions.sql"));
            command.ExecuteNonQuery();
        }

        // Creating the schema again leaves the existing tables as they are (CREATE TABLE IF NOT EXISTS).
        fixture.Store.EnsureSchema();
        var old = Columns(fixture.Store.Open());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), old.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, columns) in expected)
        {
            Assert.Equal(columns, old[table]);
        }

        Assert.Equal(2, fixture.ImportUnits().Accepted);
        var person = TestHetu.Make(new DateOnly(1955, 5, 5), 909);
        Assert.Equal(1, fixture.Import("lab_results", $"person_id;test_code;value;unit;sampled_on;result_id\n{person};4548-4;7,0;%;1.4.2024;L1\n").Accepted);
        var row = Assert.Single(fixture.Rows("SELECT unit, analyte, result_id FROM lab_results"));
        Assert.Equal(["mmol/mol", "hba1c", "L1"], row);
    }

    [Fact]
    public void GivenTheStoreTableList_ThenItIsTheDescriptionsOrder()
    {
        Assert.Equal(Datasets.InOrder.Select(d => d.Name), AnalyticalStore.Tables);
        Assert.Equal(15, Datasets.All.Count);
        Assert.Equal("units", AnalyticalStore.Tables[0]);
        Assert.Equal("population", AnalyticalStore.Tables[^1]);
    }

    [Fact]
    public void GivenEveryDataset_ThenItsRulesAndReferenceNameItsOwnColumns_AndTheGeneratorWritesItsFileColumns()
    {
        foreach (var dataset in Datasets.InOrder)
        {
            foreach (var column in dataset.Rules.SelectMany(r => r.Columns).Append(dataset.SelfReference).OfType<string>().Concat(dataset.KeyColumns))
            {
                Assert.True(dataset.IndexOf(column) >= 0, $"{dataset.Name} names a column it lacks: {column}");
            }

            Assert.Equal(dataset.FileColumns, SyntheticDatasets.ColumnsOf(dataset.Name));
        }

        // The generator's files, in import order, without the derived analyte.
        Assert.Equal(["person_id", "test_code", "value", "unit", "sampled_on", "result_id"], SyntheticDatasets.ColumnsOf("lab_results"));
        Assert.Equal("units", SyntheticDatasets.All[0].Dataset);
        Assert.Equal(["ledger"], Datasets.InOrder.Where(d => d.NamesParties).Select(d => d.Name));
        Assert.Equal(["units"], Datasets.InOrder.Where(d => d.SelfReference is not null).Select(d => d.Name));
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

    /// <summary>Each table's columns as <c>name TYPE [NOT NULL]</c>, in order, read from <c>information_schema</c>.</summary>
    private static Dictionary<string, List<string>> Columns(DuckDBConnection open)
    {
        using var connection = open;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns ORDER BY table_name, ordinal_position";
        using var reader = command.ExecuteReader();
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var columns))
            {
                tables[table] = columns = [];
            }

            columns.Add($"{reader.GetString(1)} {reader.GetString(2)}{(reader.GetString(3) == "NO" ? " NOT NULL" : string.Empty)}");
        }

        return tables;
    }
}
