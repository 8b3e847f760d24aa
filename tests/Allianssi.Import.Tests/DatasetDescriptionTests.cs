using Allianssi.Import.Schema;
using Allianssi.Import.Synthetic;
using Allianssi.Store;

namespace Allianssi.Import.Tests;

/// <summary>
/// The datasets' one description (<see cref="Datasets"/>) and what is still written beside it: the analytical store's
/// schema.sql and its table list must agree with it column by column.
/// </summary>
public sealed class DatasetDescriptionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "allianssi-description-" + Guid.NewGuid().ToString("N"));

    public DatasetDescriptionTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void GivenTheStoreSchema_ThenEveryTableHasTheDescribedColumns_InOrder_WithTheirTypesAndRequiredness()
    {
        var store = new AnalyticalStore(Path.Combine(_directory, "analytical.duckdb"));
        store.EnsureSchema();
        var actual = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var connection = store.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns ORDER BY table_name, ordinal_position";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var table = reader.GetString(0);
                if (!actual.TryGetValue(table, out var columns))
                {
                    actual[table] = columns = [];
                }

                columns.Add($"{reader.GetString(1)} {reader.GetString(2)}{(reader.GetString(3) == "NO" ? " NOT NULL" : string.Empty)}");
            }
        }

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

        // A check that can fail: the visits table has its money column as described.
        Assert.Contains("cost_eur DECIMAL(18,2)", actual["visits"]);
    }

    [Fact]
    public void GivenTheStoreTableList_ThenItIsTheDescriptionsOrder()
    {
        Assert.Equal(Datasets.InOrder.Select(d => d.Name), AnalyticalStore.Tables);
        Assert.Equal(15, Datasets.All.Count);
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
}
