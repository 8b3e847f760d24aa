namespace Allianssi.Indicators.Definitions;

/// <summary>How the engine turns a definition's per-subject rows into one result per unit.</summary>
/// <remarks>
/// The body's required columns depend on the kind (see <see cref="AggregationKinds.RequiredColumns"/>).
/// Every kind yields an empty result (value <c>null</c>, never 0) when the unit has no subjects.
/// </remarks>
public enum AggregationKind
{
    /// <summary>
    /// Rows: unit_id, subject, in_denominator, in_numerator. Value = 100 * numerator / denominator (%);
    /// n = denominator.
    /// </summary>
    Proportion,

    /// <summary>Rows: unit_id, subject, value. Value = mean of the non-null values; n = their count.</summary>
    Mean,

    /// <summary>
    /// Rows: unit_id, subject, value. Value = sum of values (null counts as 0) / number of subjects,
    /// e.g. cost per client; n = subjects.
    /// </summary>
    Ratio,

    /// <summary>
    /// Rows: unit_id, subject, value (a 0-10 score). Value = 100 * (share of 9-10 minus share of 0-6);
    /// numerator = promoters - detractors, denominator = n = responses.
    /// </summary>
    Nps,

    /// <summary>
    /// Rows: unit_id, stratum, subject, value. Value = median over strata of the per-stratum median
    /// (an even count takes the mean of the middle two); n = rows (stratum, subject pairs).
    /// </summary>
    Median,

    /// <summary>
    /// Rows: unit_id, value, numerator, denominator: one published aggregate per unit;
    /// n = the published denominator when given, else unknown (null).
    /// </summary>
    Reported,

    /// <summary>
    /// Rows: unit_id, value, numerator, denominator, n: the body already combines other
    /// measures (e.g. a unit's change minus the municipality's change) and the engine takes them as they are.
    /// </summary>
    Formula,
}

/// <summary>Facts about <see cref="AggregationKind"/>.</summary>
public static class AggregationKinds
{
    /// <summary>The columns a definition body of the kind must return (lowercase).</summary>
    public static IReadOnlyList<string> RequiredColumns(AggregationKind kind) => kind switch
    {
        AggregationKind.Proportion => ["unit_id", "subject", "in_denominator", "in_numerator"],
        AggregationKind.Mean or AggregationKind.Ratio or AggregationKind.Nps => ["unit_id", "subject", "value"],
        AggregationKind.Median => ["unit_id", "stratum", "subject", "value"],
        AggregationKind.Reported => ["unit_id", "value", "numerator", "denominator"],
        AggregationKind.Formula => ["unit_id", "value", "numerator", "denominator", "n"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown aggregation kind"),
    };

    /// <summary>Whether per-unit numerators and denominators add up to the total over all units.</summary>
    public static bool IsAdditive(AggregationKind kind) =>
        kind is AggregationKind.Proportion or AggregationKind.Mean or AggregationKind.Ratio or AggregationKind.Nps;
}
