namespace Allianssi.Application.Data.Entities;

/// <summary>
/// A computed indicator result (one indicator, one unit, one year of a period) as the engine
/// produced it, with everything needed to reproduce it: the definition version, the parameter
/// values and the import batches it read.
/// </summary>
/// <remarks>
/// A computation replaces the rows of its alliance, period, years and indicators in one transaction.
/// The pseudo-unit <c>*</c> holds the total over all units (the municipal line on benchmarks).
/// <see cref="Value"/> is null when the denominator is empty (never 0 for "no data").
/// </remarks>
public sealed class IndicatorResult
{
    public long Id { get; set; }

    public int AllianceId { get; set; }

    public Alliance? Alliance { get; set; }

    /// <summary>The contract period's code, e.g. <c>P1</c>.</summary>
    public required string Period { get; set; }

    /// <summary>The definition id, e.g. <c>chronic_care_plan</c>.</summary>
    public required string IndicatorId { get; set; }

    /// <summary>The unit (<c>units.unit_id</c> of the analytical store), or <c>*</c> for all units.</summary>
    public required string UnitId { get; set; }

    public int Year { get; set; }

    public double? Value { get; set; }

    public double? Numerator { get; set; }

    public double? Denominator { get; set; }

    /// <summary>The count the suppression rule applies to; null when unknown.</summary>
    public long? N { get; set; }

    /// <summary>n is below the minimum count: shown to the data controller only (scoring still uses it).</summary>
    public bool Suppressed { get; set; }

    /// <summary>Whether this unit is the alliance's own (scored) unit.</summary>
    public bool IsAllianceUnit { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>The parameter values used, as a JSON object sorted by name.</summary>
    public required string ParametersJson { get; set; }

    /// <summary>The import batch ids the definition read, as a JSON array, ascending.</summary>
    public required string BatchIdsJson { get; set; }

    public DateOnly WindowStart { get; set; }

    public DateOnly WindowEnd { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
