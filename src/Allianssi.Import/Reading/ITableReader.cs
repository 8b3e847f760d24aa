namespace Allianssi.Import.Reading;

/// <summary>
/// A forward-only view of a tabular file: the header, then one row at a time as text fields.
/// The seam that keeps Sylvan and the XLSX archive inside this folder.
/// </summary>
internal interface ITableReader : IDisposable
{
    /// <summary>The header row's names, as written.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>Advances to the next data row; false at the end.</summary>
    bool Read();

    /// <summary>Fields in the current row (may differ from the header's count).</summary>
    int FieldCount { get; }

    /// <summary>The current row's field as text; empty when the row is shorter.</summary>
    string GetField(int index);

    /// <summary>The current row's field as characters, valid until the next <see cref="Read"/>; empty when the row is shorter.</summary>
    ReadOnlySpan<char> GetFieldSpan(int index);

    /// <summary>Whether the current row's field is empty or white space, without making a string of it.</summary>
    bool IsBlank(int index);
}
