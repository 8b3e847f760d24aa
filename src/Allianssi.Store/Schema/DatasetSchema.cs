using System.Collections.Frozen;

namespace Allianssi.Store.Schema;

/// <summary>
/// One dataset of data-model.md, described once: its columns in table order (the analytical store's table, the
/// generator's header), its natural key, its references and its rules over several columns. The store creates the
/// dataset's table from it (<see cref="CreateTableSql"/>); the parser, the batch writer, the generator and the demo data
/// all take it from here (<see cref="Datasets"/>).
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

    /// <summary>
    /// A column that refers to this dataset's own first key column (units: <c>parent_id</c> to <c>unit_id</c>). It is
    /// checked after the whole file is appended, since the row it names may come later in the same file; null: none.
    /// </summary>
    public string? SelfReference { get; init; }

    /// <summary>The rules over several columns, applied in this order after a row's columns are parsed.</summary>
    public IReadOnlyList<DatasetRule> Rules { get; init; } = [];

    /// <summary>Which party of an alliance supplies the dataset (the demo alliance's imports follow it).</summary>
    public DatasetSupplier Supplier { get; init; } = DatasetSupplier.Purchaser;

    /// <summary>Whose analysts may import the dataset (an admin imports every dataset).</summary>
    public DatasetImporters ImportedBy { get; init; } = DatasetImporters.RecordHolders;

    /// <summary>The column that names a row's party of the alliance (the <see cref="ColumnKind.PartyRef"/> column), or null.</summary>
    public string? PartyColumn => Columns.FirstOrDefault(c => c.Kind == ColumnKind.PartyRef)?.Name;

    /// <summary>Whether rows name a party of the alliance (<see cref="PartyColumn"/>): such a file needs the parties.</summary>
    public bool NamesParties => PartyColumn is not null;

    /// <summary>The columns a file may hold, in table order (all but the derived ones): the generator's header.</summary>
    public IReadOnlyList<string> FileColumns => [.. Columns.Where(c => c.Kind != ColumnKind.Derived).Select(c => c.Name)];

    /// <summary>The column named <paramref name="name"/> (case-insensitive), or -1.</summary>
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

    /// <summary>The index of the column named <paramref name="name"/>; throws when the description names a column it lacks.</summary>
    public int Require(string name) =>
        IndexOf(name) is var index and >= 0 ? index : throw new InvalidOperationException($"The dataset {Name} has no column {name}.");

    /// <summary>
    /// The dataset's table in the analytical store: <c>batch_id</c> (the operational database's import batch id) and
    /// <c>row_no</c> (the data row in its file), then the columns in order, each with its <see cref="ColumnSpec.StoreType"/>
    /// and NOT NULL when required. <c>IF NOT EXISTS</c>: a store created earlier keeps its table.
    /// </summary>
    public string CreateTableSql =>
        $"CREATE TABLE IF NOT EXISTS {Name} (batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL, "
        + string.Join(", ", Columns.Select(c => $"{c.Name} {c.StoreType}{(c.Required ? " NOT NULL" : string.Empty)}")) + ");";

    internal static FrozenSet<string> Set(params string[] codes) => codes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Which party of an alliance supplies a dataset.</summary>
public enum DatasetSupplier
{
    /// <summary>The purchaser (the city): its registers, populations, reported values.</summary>
    Purchaser,

    /// <summary>The producer: the care records of its units.</summary>
    Producer,

    /// <summary>Every party its own rows: a file names the party of each row (<see cref="DatasetSchema.NamesParties"/>).</summary>
    EachParty,
}

/// <summary>Whose analysts may import a dataset; an admin imports every dataset.</summary>
public enum DatasetImporters
{
    /// <summary>
    /// Analysts of a purchaser or of the producer: the parties whose systems hold the records (the registers, the
    /// clinical and social-care records, calendars, reported values, population).
    /// </summary>
    RecordHolders,

    /// <summary>Analysts of any party of the alliance (each party's ledger, every party's survey answers).</summary>
    AnyParty,
}
