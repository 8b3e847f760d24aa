using Allianssi.Store.Schema;
using Sylvan.Data.Csv;

namespace Allianssi.Import.Synthetic;

/// <summary>The files the generator writes: one per dataset of <see cref="Datasets"/>, with its file columns, in import order.</summary>
public static class SyntheticDatasets
{
    /// <summary>Dataset name to header, in the order the files should be imported (referenced data first).</summary>
    public static IReadOnlyList<(string Dataset, string[] Columns)> All { get; } =
        [.. Datasets.InOrder.Select(d => (d.Name, d.FileColumns.ToArray()))];

    /// <summary>The header of one dataset.</summary>
    public static string[] ColumnsOf(string dataset) =>
        All.First(d => string.Equals(d.Dataset, dataset, StringComparison.Ordinal)).Columns;

    /// <summary>
    /// Splits a generated file of a dataset whose rows name their party (<see cref="DatasetSchema.PartyColumn"/>, the
    /// ledger) into one file per party, <c>&lt;dataset&gt;-&lt;party&gt;.csv</c> in <paramref name="folder"/>: the header and
    /// that party's rows in file order, written as the generator writes them, so that each party imports its own rows.
    /// The same file always gives the same parts.
    /// </summary>
    /// <returns>Each party and its part, in the order the parties first appear.</returns>
    /// <exception cref="ArgumentException">The dataset's rows name no party.</exception>
    /// <exception cref="InvalidDataException">The file lacks the party column, or a row names no party a file can be named after.</exception>
    public static async Task<IReadOnlyList<(string Party, string Path)>> SplitByPartyAsync(DatasetSchema dataset, string file, string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var partyColumn = dataset.PartyColumn ?? throw new ArgumentException($"The rows of {dataset.Name} name no party.", nameof(dataset));
        using var text = new StreamReader(file, FinnishCsvWriter.Windows1252);
        await using var reader = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { Delimiter = ';', HasHeaders = true }, ct);
        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var column = Array.FindIndex(header, h => string.Equals(h, partyColumn, StringComparison.OrdinalIgnoreCase));
        if (column < 0)
        {
            throw new InvalidDataException($"The generated {dataset.Name} file has no {partyColumn} column.");
        }

        var writers = new Dictionary<string, FinnishCsvWriter>(StringComparer.Ordinal);
        var parts = new List<(string Party, string Path)>();
        try
        {
            while (await reader.ReadAsync(ct))
            {
                var party = reader.GetString(column);
                if (party.Length == 0 || party.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || party is "." or "..")
                {
                    throw new InvalidDataException($"A row of the generated {dataset.Name} file names no usable {partyColumn}.");
                }

                if (!writers.TryGetValue(party, out var writer))
                {
                    var path = Path.Combine(folder, $"{dataset.Name}-{party}.csv");
                    writers[party] = writer = new FinnishCsvWriter(path, header);
                    parts.Add((party, path));
                }

                for (var i = 0; i < header.Length; i++)
                {
                    writer.Text(reader.GetString(i));
                }

                writer.EndRow();
            }
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                await writer.DisposeAsync();
            }
        }

        return parts;
    }
}
