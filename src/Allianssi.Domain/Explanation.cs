namespace Allianssi.Domain;

/// <summary>One line that explains one figure: what it is and how it follows from its inputs.</summary>
/// <param name="Key">Stable key of the figure, e.g. <c>costResult</c>, <c>share.mehilainen</c>,
/// <c>year.2022.indicator.ktk_4_5.score</c>.</param>
/// <param name="Figure">The figure at full precision; null when the item has no value (dropped).</param>
/// <param name="Text">Inputs and formula in invariant culture, e.g.
/// <c>D = TAK 15,742,783.00 - AC 14,800,000.00 - fees 475,000.00 = 467,783.00</c>.</param>
/// <remarks>Explanations are data (docs/adr/0002-explanations-as-data.md): UIs render them, tests assert them.</remarks>
public sealed record Explanation(string Key, decimal? Figure, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}
