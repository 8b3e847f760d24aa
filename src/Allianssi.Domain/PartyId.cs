namespace Allianssi.Domain;

/// <summary>The identifier of a party of the alliance (e.g. <c>tampere</c>, <c>mehilainen</c>) [osapuoli].</summary>
/// <remarks>Case-sensitive, non-blank, compared ordinally.</remarks>
public readonly record struct PartyId
{
    /// <summary>Creates an identifier; throws if blank.</summary>
    public PartyId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;
}
