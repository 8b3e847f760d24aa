namespace Allianssi.Domain.Scoring;

/// <summary>An indicator's three reference levels for a year [tavoitetasot].</summary>
/// <param name="Minus100">The poor level, scored -100.</param>
/// <param name="Zero">The expected level, scored 0.</param>
/// <param name="Plus100">The excellent level, scored +100.</param>
/// <remarks>
/// Valid levels are strictly monotone in either direction: <c>minus100 &lt; zero &lt; plus100</c>
/// (higher is better) or <c>minus100 &gt; zero &gt; plus100</c> (lower is better).
/// </remarks>
public readonly record struct ReferenceLevels(decimal Minus100, decimal Zero, decimal Plus100)
{
    /// <summary>Whether the levels are strictly monotone in one direction.</summary>
    public bool IsStrictlyMonotone =>
        (Minus100 < Zero && Zero < Plus100) || (Minus100 > Zero && Zero > Plus100);

    /// <summary>Whether a higher value is better.</summary>
    public bool HigherIsBetter => Plus100 > Minus100;

    /// <summary>
    /// Scores a value by piecewise linear interpolation (commercial model, section 1); values
    /// beyond the poor level score -100, beyond the excellent level +100.
    /// </summary>
    /// <exception cref="InvalidOperationException">The levels are not strictly monotone.</exception>
    public Score ScoreOf(decimal value)
    {
        if (!IsStrictlyMonotone)
        {
            throw new InvalidOperationException("Reference levels are not strictly monotone.");
        }

        if (!IsBetter(value, Minus100))
        {
            return Score.Minimum;
        }

        if (!IsBetter(value, Zero))
        {
            return Score.Clamped(-100m + (100m * (value - Minus100) / (Zero - Minus100)));
        }

        if (IsBetter(Plus100, value))
        {
            return Score.Clamped(100m * (value - Zero) / (Plus100 - Zero));
        }

        return Score.Maximum;
    }

    /// <summary>The formula text for an explanation line.</summary>
    public string Describe(decimal value)
    {
        var x = Numbers.Format(value);
        if (!IsBetter(value, Minus100))
        {
            return $"value {x} at or beyond minus100 {Numbers.Format(Minus100)}: -100";
        }

        if (!IsBetter(value, Zero))
        {
            return $"-100 + 100 * ({x} - {Numbers.Format(Minus100)}) / ({Numbers.Format(Zero)} - {Numbers.Format(Minus100)})";
        }

        if (IsBetter(Plus100, value))
        {
            return $"100 * ({x} - {Numbers.Format(Zero)}) / ({Numbers.Format(Plus100)} - {Numbers.Format(Zero)})";
        }

        return $"value {x} at or beyond plus100 {Numbers.Format(Plus100)}: +100";
    }

    /// <summary><see cref="Describe"/> as a template and its values, for a UI that words it in its language.</summary>
    public ExplanationPart DescribePart(decimal value)
    {
        if (!IsBetter(value, Minus100))
        {
            return new("levels.atMinus100", [value, Minus100]);
        }

        if (!IsBetter(value, Zero))
        {
            return new("levels.belowZero", [value, Minus100, Zero]);
        }

        return IsBetter(Plus100, value)
            ? new("levels.aboveZero", [value, Zero, Plus100])
            : new("levels.atPlus100", [value, Plus100]);
    }

    private bool IsBetter(decimal value, decimal than) => HigherIsBetter ? value > than : value < than;
}
