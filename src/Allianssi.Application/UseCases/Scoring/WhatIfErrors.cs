namespace Allianssi.Application.UseCases.Scoring;

/// <summary>The field of an indicator's what-if row that an error concerns: the column the page shows it in.</summary>
public enum WhatIfField
{
    Value,
    Minus100,
    Zero,
    Plus100,

    /// <summary>The three levels together (their order).</summary>
    Levels,
}

/// <summary>
/// A what-if change refused, for a page to word in the reader's language: the indicator (null when the
/// error concerns the year as a whole) and its field, the stable code (<see cref="WhatIfCodes"/>) with the
/// message's values, and the invariant English text the API answers.
/// </summary>
public sealed record WhatIfError(string? Indicator, WhatIfField? Field, string? Code, IReadOnlyList<object?> Arguments, string Message);

/// <summary>
/// The stable codes of what a what-if change can be refused for (docs/error-codes.md); a page words each from
/// the resource <c>Validation.{code}</c> with the values in the reader's culture.
/// </summary>
public static class WhatIfCodes
{
    /// <summary>The levels do not rise or fall strictly; values: the year, the -100, 0 and +100 levels.</summary>
    public const string LevelsNotMonotone = "whatIf.levelsNotMonotone";

    /// <summary>No indicator of the year can be scored with the changed values; value: the year.</summary>
    public const string NothingScored = "whatIf.nothingScored";

    /// <summary>The page: a field's text is not a number; value: the text.</summary>
    public const string NotANumber = "whatIf.notANumber";

    /// <summary>The page: a level left empty while the indicator has levels or the other levels are given.</summary>
    public const string LevelRequired = "whatIf.levelRequired";

    /// <summary>An indicator with a value but no levels for the year or any earlier one (the scorer's); values: the indicator's id, the year.</summary>
    public const string NoLevels = Domain.Scoring.Scorer.NoLevelsCode;

    /// <summary>Every code a what-if page can show.</summary>
    public static IReadOnlyList<string> All { get; } = [LevelsNotMonotone, NothingScored, NotANumber, LevelRequired, NoLevels];
}
