namespace Allianssi.Import.Reading;

/// <summary>
/// One string per distinct field text, for a column whose values repeat (unit ids, codes, dates, flags): the reader's
/// characters are looked up without making a string, so a repeated value costs no allocation. At most
/// <paramref name="capacity"/> values are kept; past that, new values are made as usual and not kept, so a column of
/// unique values (an id) costs one failed lookup per row and no memory.
/// </summary>
internal sealed class FieldPool(int capacity)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>The pooled string equal to <paramref name="text"/>.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var made = text.ToString();
        if (_strings.Count < capacity)
        {
            _strings.Add(made, made);
        }

        return made;
    }
}
