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
    /// <summary>
    /// The name of the line's wording (e.g. <c>costResult.withFees</c>), for a UI that shows the line
    /// in its own language from <see cref="Arguments"/>; null when the line has only its text.
    /// </summary>
    public string? Template { get; init; }

    /// <summary>
    /// The values in the wording, in order, typed so that a UI can format each in its culture:
    /// <see cref="Money"/> (euros), <see cref="decimal"/> (a number), <see cref="int"/> (a year or a
    /// count), <see cref="PartyId"/> (a party, shown by name), <see cref="string"/> (text as it is, such
    /// as an id or a reason), <see cref="Score"/>, <see cref="ExplanationTerms"/> (a sum of terms),
/// <see cref="ExplanationWeightedSum"/> and <see cref="ExplanationPart"/> (a nested wording).
    /// </summary>
    public IReadOnlyList<object> Arguments { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>One term of a sum in an explanation: an amount, and whose, of which year, or why.</summary>
/// <param name="Amount">Euros.</param>
/// <param name="Party">The party the amount belongs to, when the sum is over parties.</param>
/// <param name="Year">The year of the amount, when the sum is over years.</param>
/// <param name="Adjustment">The adjustment's reason and decision, when the term is an adjustment.</param>
public sealed record ExplanationTerm(decimal Amount, PartyId? Party = null, int? Year = null, string? Adjustment = null);

/// <summary>A part of a line worded by its own template (e.g. how a value falls between reference levels).</summary>
public sealed record ExplanationPart(string Template, IReadOnlyList<object> Arguments);

/// <summary>One product of a weighted sum (<c>weight * score</c>, with the year when the sum is over years).</summary>
public sealed record ExplanationWeighted(decimal Weight, Score Score, int? Year = null);

/// <summary>A weighted sum of scores in an explanation (<c>(20 * 50.0 + 30 * -10.0)</c>).</summary>
public sealed record ExplanationWeightedSum(IReadOnlyList<ExplanationWeighted> Terms);

/// <summary>A sum of terms in an explanation (<c>tampere 1,000.00 + pirkkala 2,000.00</c>); empty means 0.00.</summary>
public sealed record ExplanationTerms(IReadOnlyList<ExplanationTerm> Terms);
