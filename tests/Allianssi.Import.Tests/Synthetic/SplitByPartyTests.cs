using Allianssi.Import.Synthetic;
using Allianssi.Store.Schema;

namespace Allianssi.Import.Tests.Synthetic;

/// <summary>
/// A generated file of a dataset every party supplies is split by the description's party column (found in the header by
/// name, wherever it stands), each part written as the generator writes.
/// </summary>
public sealed class SplitByPartyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "allianssi-split-" + Guid.NewGuid().ToString("N"));

    public SplitByPartyTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task GivenAGeneratedLedger_WhenSplit_ThenEachPartyGetsItsRowsInOrderUnderTheHeader_ByteForByte()
    {
        // The party column after a quoted field holding the delimiter and a quote: a split by position would misread it.
        string[] header = ["description", "entry_id", "party_id", "booked_on", "amount_eur", "reimbursable"];
        var file = Path.Combine(_directory, "ledger.csv");
        await using (var writer = new FinnishCsvWriter(file, header))
        {
            writer.Text("Vuokra; \"Tesoma\"").Text("E1").Text("tampere").Date(new DateOnly(2024, 2, 1)).Money(100m).Flag(true, BooleanStyle.Finnish).EndRow();
            writer.Text("Palkat").Text("E2").Text("pirha").Date(new DateOnly(2024, 2, 2)).Money(-50.5m).Flag(false, BooleanStyle.Finnish).EndRow();
            writer.Empty().Text("E3").Text("tampere").Date(new DateOnly(2024, 3, 1)).Money(7m).Flag(true, BooleanStyle.Finnish).EndRow();
        }

        var parts = await SyntheticDatasets.SplitByPartyAsync(Datasets.Ledger, file, _directory);

        Assert.Equal([("tampere", Path.Combine(_directory, "ledger-tampere.csv")), ("pirha", Path.Combine(_directory, "ledger-pirha.csv"))], parts);
        var lines = File.ReadAllLines(file, FinnishCsvWriter.Windows1252);
        Assert.Equal([lines[0], lines[1], lines[3]], File.ReadAllLines(parts[0].Path, FinnishCsvWriter.Windows1252));
        Assert.Equal([lines[0], lines[2]], File.ReadAllLines(parts[1].Path, FinnishCsvWriter.Windows1252));
        Assert.StartsWith("\"Vuokra; \"\"Tesoma\"\"\";E1;tampere;1.2.2024;100,00;", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenARowWithoutItsParty_OrADatasetWithoutAPartyColumn_ThenTheSplitIsRefused()
    {
        var file = Path.Combine(_directory, "ledger.csv");
        await using (var writer = new FinnishCsvWriter(file, ["entry_id", "party_id"]))
        {
            writer.Text("E1").Text("tampere").EndRow();
            writer.Text("E2").Empty().EndRow();
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => SyntheticDatasets.SplitByPartyAsync(Datasets.Ledger, file, _directory));
        await Assert.ThrowsAsync<ArgumentException>(() => SyntheticDatasets.SplitByPartyAsync(Datasets.Visits, file, _directory));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
