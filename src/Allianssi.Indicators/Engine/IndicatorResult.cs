namespace Allianssi.Indicators.Engine;

/// <summary>One indicator's result for one unit and year.</summary>
/// <param name="Indicator">Definition id.</param>
/// <param name="Unit">The unit (<c>units.unit_id</c>).</param>
/// <param name="Year">Calendar year of the window.</param>
/// <param name="Value">The value; null when the denominator is empty (never 0 for "no data").</param>
/// <param name="Numerator">Numerator (sum of values, count in numerator, promoters minus detractors; null for medians).</param>
/// <param name="Denominator">Denominator (subjects, responses); null when the kind has none.</param>
/// <param name="N">The count the suppression rule is applied to; null when unknown (a reported value without a published denominator).</param>
/// <param name="Suppressed">Whether n is below the minimum count: the value is shown to the data controller only (scoring still uses it).</param>
/// <param name="DefinitionVersion">The definition version that produced the result.</param>
/// <param name="Parameters">The parameter values used (window, period and the definition's own), sorted by name.</param>
/// <param name="WindowStart">First day of the window.</param>
/// <param name="WindowEnd">Last day of the window.</param>
/// <param name="BatchIds">The import batches of the tables the definition read, ascending.</param>
public sealed record IndicatorResult(
    string Indicator,
    string Unit,
    int Year,
    double? Value,
    double? Numerator,
    double? Denominator,
    long? N,
    bool Suppressed,
    int DefinitionVersion,
    IReadOnlyDictionary<string, object> Parameters,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    IReadOnlyList<long> BatchIds);

/// <summary>A custom definition that <see cref="IndicatorEngine.ComputeAll"/> left out: refused, failed or past a limit.</summary>
/// <param name="Indicator">Definition id.</param>
/// <param name="Version">Definition version.</param>
/// <param name="Code">The <see cref="Sandbox.SandboxCodes"/> code.</param>
/// <param name="Cause">The type of the exception behind it, for the server log; never its message.</param>
public sealed record CustomFailure(string Indicator, int Version, string Code, string? Cause)
{
    /// <summary>
    /// Whether the definition is to be suspended until its author saves a new version: everything
    /// but a skip because the job's shared budget ran out, which is not this definition's doing.
    /// </summary>
    public bool Suspends => Code != Sandbox.SandboxCodes.JobBudgetSpent;
}
