using System.Collections.Frozen;

namespace Allianssi.Import.Schema;

/// <summary>
/// One dataset of data-model.md: its columns in table order and its natural key.
/// </summary>
/// <param name="Name">The dataset and its analytical-store table.</param>
/// <param name="Columns">The columns after <c>batch_id</c> and <c>row_no</c>, in table order.</param>
/// <param name="KeyColumns">The natural key's columns, as data-model.md lists them.</param>
public sealed record DatasetSchema(string Name, IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<string> KeyColumns)
{
    /// <summary>
    /// The natural key as SQL expressions over a table alias written <c>{0}</c>. Usually the key
    /// columns; <c>lab_results</c> keys on <c>result_id</c> when given, else on the other four.
    /// </summary>
    public IReadOnlyList<string> KeyExpressions { get; init; } = [.. KeyColumns.Select(c => "{0}." + c)];

    /// <summary>Whether a later batch's different row for a known key replaces it without <c>replace</c> (persons).</summary>
    public bool UpdatesByDefault { get; init; }

    /// <summary>The column named <paramref name="name"/> (case-insensitive), or null.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    internal static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
