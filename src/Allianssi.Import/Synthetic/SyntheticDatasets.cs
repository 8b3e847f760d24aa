using Allianssi.Store.Schema;

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
}
