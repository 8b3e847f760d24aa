namespace Allianssi.Indicators.Sandbox;

/// <summary>
/// The stable codes of the sandbox's refusals and failures (like import's IMPnnn). The analyst sees
/// the code and a fixed message; DuckDB's own message never leaves the sandbox, because a runtime
/// error (a failed cast, <c>error()</c>) can quote the data it was computing on.
/// </summary>
public static class SandboxCodes
{
    /// <summary>The SQL is empty or longer than the limit.</summary>
    public const string Empty = "SBX001";

    /// <summary>The SQL does not parse.</summary>
    public const string DoesNotParse = "SBX002";

    /// <summary>Not exactly one SELECT (or WITH ... SELECT) statement.</summary>
    public const string NotOneSelect = "SBX003";

    /// <summary>A function that is not on the allow-list.</summary>
    public const string FunctionRefused = "SBX004";

    /// <summary>A table (or view, file, schema or catalog) that is not one of the store's dataset tables.</summary>
    public const string TableRefused = "SBX005";

    /// <summary>A construct (expression, table reference or clause kind) that is not on the allow-list.</summary>
    public const string ConstructRefused = "SBX006";

    /// <summary>The query lacks a column its kind requires.</summary>
    public const string ColumnsMissing = "SBX007";

    /// <summary>An unknown or invalid parameter.</summary>
    public const string ParameterInvalid = "SBX008";

    /// <summary>The query failed when it ran on the data.</summary>
    public const string QueryFailed = "SBX009";

    /// <summary>The query ran past the time limit and was stopped.</summary>
    public const string TimeLimit = "SBX010";

    /// <summary>The query ran past the memory limit.</summary>
    public const string MemoryLimit = "SBX011";

    /// <summary>The query returned more rows than a preview may.</summary>
    public const string RowLimit = "SBX012";

    /// <summary>The aggregation kind takes values or counts from the SQL itself, which an analyst's own indicator may not.</summary>
    public const string KindRefused = "SBX013";

    /// <summary>A computation job's time budget for custom indicators was spent; the indicator was skipped this time.</summary>
    public const string JobBudgetSpent = "SBX014";

    /// <summary>Every code with its fixed message (English; the code is what the pages translate).</summary>
    public static IReadOnlyDictionary<string, string> Messages { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Empty] = "The SQL is empty or too long.",
        [DoesNotParse] = "The SQL does not parse.",
        [NotOneSelect] = "Exactly one SELECT (or WITH ... SELECT) statement is allowed.",
        [FunctionRefused] = "The query uses a function that indicator SQL may not use.",
        [TableRefused] = "The query reads something other than the analytical store's dataset tables.",
        [ConstructRefused] = "The query uses a construct that indicator SQL may not use.",
        [ColumnsMissing] = "The query does not return the columns its kind requires.",
        [ParameterInvalid] = "The query uses an unknown or invalid parameter.",
        [QueryFailed] = "The query failed when it ran on the data.",
        [TimeLimit] = "The query did not finish within the time limit and was stopped.",
        [MemoryLimit] = "The query needed more memory than the limit and was stopped.",
        [RowLimit] = "The query returned more rows than the limit.",
        [KindRefused] = "An own indicator must return per-subject rows that the engine aggregates (not formula or reported values).",
        [JobBudgetSpent] = "The computation's time budget for own indicators was spent; the indicator was skipped this time.",
    };

    /// <summary>"SBXnnn: message" with an optional detail the analyst wrote (a function or table name), never data.</summary>
    public static string Describe(string code, string? detail = null) =>
        code + ": " + Messages[code] + (string.IsNullOrEmpty(detail) ? string.Empty : " (" + detail + ")");
}
