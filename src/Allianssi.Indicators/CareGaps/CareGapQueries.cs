using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Sandbox;
using Allianssi.Store;

namespace Allianssi.Indicators.CareGaps;

/// <summary>One pseudonymised subject in a proportion indicator's denominator but not its numerator, and why.</summary>
/// <param name="Unit">The unit the subject is counted in.</param>
/// <param name="Subject">The keyed pseudonym (never an identifier).</param>
/// <param name="Reason">Why the subject is not in the numerator, in words for the care team.</param>
public sealed record CareGap(string Unit, string Subject, string Reason);

/// <summary>
/// Care-gap lists (for the data controller only): the subjects of a proportion indicator who are
/// in the denominator but not in the numerator, with a per-indicator reason computed in SQL.
/// </summary>
/// <remarks>
/// The subjects come from the definition's own body (bound exactly as the engine binds it), so a
/// list always agrees with the computed result; the reason queries only add explanation.
/// </remarks>
public static class CareGapQueries
{
    /// <summary>The indicators with care-gap lists.</summary>
    public static IReadOnlyList<string> Indicators { get; } = ["chronic_care_plan", "chronic_balance", "dental_care_plan", "home_care_function"];

    /// <summary>The reason expression over the gap row <c>g</c> (unit_id, subject) and the joins each indicator adds.</summary>
    private static readonly Dictionary<string, (string Joins, string Reason)> Reasons = new(StringComparer.Ordinal)
    {
        ["chronic_care_plan"] = (
            """
            LEFT JOIN (SELECT person_id, count(*) AS plans FROM care_plans
                       WHERE (created_on > $end - 365 AND created_on <= $end) OR (reviewed_on > $end - 365 AND reviewed_on <= $end)
                       GROUP BY person_id) AS pl ON pl.person_id = g.subject
            """,
            "CASE WHEN pl.plans IS NULL THEN 'no care plan within 12 months' ELSE 'the care plan does not cover every disease' END"),
        ["chronic_balance"] = (
            """
            LEFT JOIN (SELECT person_id,
                              bool_or(upper(code) LIKE 'E11%') AS t2d,
                              bool_or(substr(upper(code), 1, 3) IN ('I20', 'I21', 'I22', 'I23', 'I24', 'I25')) AS chd
                       FROM diagnoses WHERE recorded_on <= $end GROUP BY person_id) AS d ON d.person_id = g.subject
            LEFT JOIN (SELECT person_id,
                              max(value) FILTER (WHERE analyte = 'hba1c') AS hba1c,
                              max(value) FILTER (WHERE analyte = 'ldl') AS ldl
                       FROM (SELECT person_id, lower(analyte) AS analyte, value FROM lab_results
                             WHERE lower(analyte) IN ('hba1c', 'ldl') AND sampled_on > $end - 365 AND sampled_on <= $end
                             QUALIFY row_number() OVER (PARTITION BY person_id, lower(analyte) ORDER BY sampled_on DESC, value DESC) = 1)
                       GROUP BY person_id) AS lb ON lb.person_id = g.subject
            """,
            """
            concat_ws('; ',
                CASE WHEN d.t2d AND lb.hba1c IS NULL THEN 'no HbA1c result' END,
                CASE WHEN d.t2d AND lb.hba1c >= $hba1cMax THEN 'latest HbA1c ' || printf('%g', round(lb.hba1c, 1)) || ' mmol/mol ≥ ' || printf('%g', $hba1cMax) END,
                CASE WHEN lb.ldl IS NULL THEN 'no LDL result' END,
                CASE WHEN d.t2d AND NOT coalesce(d.chd, FALSE) AND lb.ldl >= $ldlT2dMax THEN 'latest LDL ' || printf('%g', round(lb.ldl, 2)) || ' mmol/l ≥ ' || printf('%g', $ldlT2dMax) END,
                CASE WHEN d.chd AND lb.ldl >= $ldlChdMax THEN 'latest LDL ' || printf('%g', round(lb.ldl, 2)) || ' mmol/l ≥ ' || printf('%g', $ldlChdMax) END)
            """),
        ["dental_care_plan"] = ("", "'no dental care plan within 12 months'"),
        ["home_care_function"] = ("", "'functional ability (ADL-H) worse at the last assessment than at the first'"),
    };

    /// <summary>The care gaps of <paramref name="indicatorId"/> for one unit (or every unit when null) in year <paramref name="year"/>.</summary>
    /// <param name="unitKinds">When given, only units of these kinds (<c>units.kind</c>): the units the reader's party runs.</param>
    /// <exception cref="ArgumentException">The indicator has no care-gap list.</exception>
    public static IReadOnlyList<CareGap> List(AnalyticalStore store, string indicatorId, ComputationPeriod period, int year, string? unit, CancellationToken cancellationToken = default) =>
        List(store, indicatorId, period, year, unit, null, cancellationToken);

    /// <inheritdoc cref="List(AnalyticalStore, string, ComputationPeriod, int, string?, CancellationToken)"/>
    public static IReadOnlyList<CareGap> List(AnalyticalStore store, string indicatorId, ComputationPeriod period, int year, string? unit, IReadOnlyCollection<string>? unitKinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Reasons.TryGetValue(indicatorId, out var reason))
        {
            throw new ArgumentException($"{indicatorId} has no care-gap list", nameof(indicatorId));
        }

        var definition = ReferenceCatalog.Get(indicatorId);
        var parameters = IndicatorEngine.ResolveParameters(definition, period, year);
        var unitFilter = unit is null ? "" : " AND unit_id = " + SqlLiteral.Format(unit);
        if (unitKinds is not null)
        {
            unitFilter += unitKinds.Count == 0
                ? " AND FALSE"
                : " AND unit_id IN (SELECT unit_id FROM units WHERE lower(kind) IN (" + string.Join(", ", unitKinds.Select(k => SqlLiteral.Format(k))) + "))";
        }

        var sql = SqlLiteral.Bind(
            $"""
            WITH body AS (
            {definition.Sql}
            ),
            g AS (SELECT DISTINCT unit_id, subject FROM body WHERE in_denominator AND NOT coalesce(in_numerator, FALSE){unitFilter})
            SELECT g.unit_id, g.subject, {reason.Reason} AS reason
            FROM g
            {reason.Joins}
            ORDER BY g.unit_id, g.subject
            """, parameters);
        using var connection = store.Open();
        return SandboxedQuery.Run(connection, sql, TimeSpan.FromMinutes(5), reader =>
        {
            var list = new List<CareGap>();
            while (reader.Read())
            {
                list.Add(new CareGap(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
            }

            return list;
        }, cancellationToken);
    }
}
