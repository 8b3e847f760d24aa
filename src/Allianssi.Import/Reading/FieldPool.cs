namespace Allianssi.Import.Reading;

/// <summary>
/// One string per distinct field text, for a column whose values repeat (unit ids, codes, dates, flags): the reader's
/// characters are looked up without making a string, so a repeated value costs no allocation. At most the given
/// capacity of values is kept; past that, new values are made as usual and not kept, so a column of
/// unique values (an id) costs one failed lookup per row and no memory.
/// </summary>
internal sealed class FieldPool
{
    private readonly Dictionary<string, string> _strings;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private readonly int _capacity;

    public FieldPool(int capacity)
    {
        _capacity = capacity;
        _strings = new Dictionary<string, string>(StringComparer.Ordinal);
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The pooled string equal to <paramref name="text"/>.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var made = text.ToString();
        if (_strings.Count < _capacity)
        {
            _strings.Add(made, made);
        }

        return made;
    }
}
