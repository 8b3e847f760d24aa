using System.Globalization;
using System.Text;
using Allianssi.Domain;
using Allianssi.Domain.Organiser;
using Allianssi.Indicators.Definitions;

namespace Allianssi.Indicators.Organiser;

/// <summary>
/// The SQL of organiser-payments.md over the analytical store. The queries only classify and count;
/// every coefficient, price and rounding is the pure core's (<see cref="CapitationCalculator"/>,
/// <see cref="Invoicer"/>), at full decimal precision.
/// </summary>
/// <remarks>
/// The model's values enter the SQL only as typed literals (<see cref="SqlLiteral"/>), in VALUES
/// tables, never as text spliced into the statement's shape.
/// </remarks>
public static class OrganiserQueries
{
    /// <summary>
    /// The capitation of a year in one statement. Rows of kind <c>cell</c>: for each month's first day d,
    /// every resident classified on d (age-sex group, set of applying need factors, municipality) with the
    /// provider they are listed at on d (or none), counted, with the costs of their visits in the month.
    /// One row of kind <c>gaps</c> carries the year's data gaps in <c>persons</c> (<c>unclassified</c>:
    /// distinct residents listed at a provider on some first day but not classified on it) and
    /// <c>visit_cost</c> (<c>non_residents</c>: distinct non-residents listed at a provider on some first day);
    /// persons missing from <c>persons</c> are in neither. One statement, so that DuckDB computes the
    /// person-months and listings once for both.
    /// Columns: kind, month, party, group_idx, need_mask, municipality_code, persons, visit_cost.
    /// </summary>
    /// <param name="onlyMonth">One month 1-12 only (the person-month explanation needs that month's N alone); null for the year.</param>
    public static string CapitationCells(OrganiserModel model, int year, int? onlyMonth = null) =>
        Common(model, year, onlyMonth) + """
            ,
            classified_listed AS (
                SELECT c.month, c.person_id, c.municipality_code, c.group_idx, l.party
                FROM person_months AS c
                LEFT JOIN listed AS l ON l.month = c.month AND l.person_id = c.person_id)
            SELECT 'cell' AS kind, c.month, c.party, c.group_idx, coalesce(n.mask, CAST(0 AS BIGINT)) AS need_mask, c.municipality_code,
                   count(*) AS persons,
                   CAST(coalesce(sum(CASE WHEN c.party IS NOT NULL THEN k.cost END), 0) AS DECIMAL(38, 2)) AS visit_cost
            FROM classified_listed AS c
            LEFT JOIN needs AS n ON n.month = c.month AND n.person_id = c.person_id
            LEFT JOIN costs AS k ON k.month = c.month AND k.person_id = c.person_id
            WHERE c.group_idx IS NOT NULL
            GROUP BY ALL
            UNION ALL
            SELECT 'gaps', NULL, NULL, NULL, NULL, NULL,
                   (SELECT count(DISTINCT person_id) FROM classified_listed WHERE group_idx IS NULL AND party IS NOT NULL),
                   CAST((SELECT count(DISTINCT p.person_id) FROM persons AS p
                           JOIN listed AS l ON l.person_id = p.person_id
                           WHERE p.municipality_code NOT IN (SELECT code FROM model_municipalities)) AS DECIMAL(38, 2))
            ORDER BY 1, 2, 3 NULLS FIRST, 4, 5, 6
            """;

    /// <summary>
    /// One person-month as the capitation classifies it (the person's explanation, organiser-payments.md
    /// section 5): the person's municipality, age-sex group (null: not classified), applying need factors and
    /// the provider listed at on the month's first day (null: none). No row when the person is not a resident
    /// of the model's municipalities. Columns: group_idx, need_mask, municipality_code, party.
    /// </summary>
    public static string PersonMonth(OrganiserModel model, int year, int month, string personId) =>
        Common(model, year, month) + $"""
            SELECT c.group_idx, coalesce(n.mask, CAST(0 AS BIGINT)) AS need_mask, c.municipality_code, l.party
            FROM person_months AS c
            LEFT JOIN listed AS l ON l.month = c.month AND l.person_id = c.person_id
            LEFT JOIN needs AS n ON n.month = c.month AND n.person_id = c.person_id
            WHERE c.month = {month.ToString(CultureInfo.InvariantCulture)} AND c.person_id = {SqlLiteral.Format(personId)}
            """;

    /// <summary>
    /// Ledger sums of the year by account, for the model's product and overhead accounts.
    /// Columns: account, amount.
    /// </summary>
    public static string LedgerByAccount(OrganiserModel model, int year)
    {
        var terms = Terms(model);
        var accounts = terms.Products.SelectMany(p => p.CostAccounts).Concat(terms.OverheadAccounts).ToList();
        return $"""
            SELECT account, CAST(sum(amount_eur) AS DECIMAL(38, 2)) AS amount
            FROM ledger
            WHERE booked_on >= {Date(year, 1, 1)} AND booked_on <= {Date(year, 12, 31)}
              AND account IN ({InList(accounts)})
            GROUP BY account ORDER BY account
            """;
    }

    /// <summary>A product's outputs of the year by the persons' municipality ('' when the person is not in <c>persons</c>). Columns: municipality_code, quantity.</summary>
    public static string ProductOutputs(InvoiceProduct product, int year)
    {
        ArgumentNullException.ThrowIfNull(product);
        var services = InList(product.Output.Services.Select(s => s.ToLowerInvariant()));
        if (product.Output.IsVisits)
        {
            var professional = product.Output.Professionals is { } list
                ? $" AND v.professional IS NOT NULL AND lower(v.professional) IN ({InList(list.Select(p => p.ToLowerInvariant()))})"
                : string.Empty;
            return $"""
                SELECT coalesce(p.municipality_code, '') AS municipality_code, count(*) AS quantity
                FROM visits AS v LEFT JOIN persons AS p ON p.person_id = v.person_id
                WHERE v.visit_on >= {Date(year, 1, 1)} AND v.visit_on <= {Date(year, 12, 31)}
                  AND lower(v.service) IN ({services}){professional}
                GROUP BY 1 ORDER BY 1
                """;
        }

        // Days of [start_on, end_on or 31 December] inside the year, both ends counted; overlapping periods each count.
        return $"""
            SELECT coalesce(p.municipality_code, '') AS municipality_code,
                   CAST(sum(date_diff('day', greatest(s.start_on, {Date(year, 1, 1)}), least(coalesce(s.end_on, {Date(year, 12, 31)}), {Date(year, 12, 31)})) + 1) AS BIGINT) AS quantity
            FROM service_periods AS s LEFT JOIN persons AS p ON p.person_id = s.person_id
            WHERE lower(s.service) IN ({services})
              AND s.start_on <= {Date(year, 12, 31)} AND coalesce(s.end_on, {Date(year, 12, 31)}) >= {Date(year, 1, 1)}
              AND coalesce(s.end_on, {Date(year, 12, 31)}) >= s.start_on
            GROUP BY 1 ORDER BY 1
            """;
    }

    /// <summary>P_m: the sum of <c>population.count</c> of the year per member. Columns: municipality_code, population.</summary>
    public static string Population(OrganiserModel model, int year) =>
        $"""
        SELECT municipality_code, CAST(sum(count) AS BIGINT) AS population
        FROM population
        WHERE year = {year.ToString(CultureInfo.InvariantCulture)} AND municipality_code IN ({InList(Terms(model).Members)})
        GROUP BY 1 ORDER BY 1
        """;

    /// <summary>The model's provider units that are not in <c>units</c>. Column: unit_id.</summary>
    public static string MissingUnits(OrganiserModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var units = model.Providers.SelectMany(p => p.Units).ToList();
        return units.Count == 0
            ? "SELECT CAST(NULL AS VARCHAR) AS unit_id WHERE FALSE"
            : $"SELECT u.unit_id FROM (VALUES {string.Join(", ", units.Select(u => "(" + SqlLiteral.Format(u) + ")"))}) AS u(unit_id) WHERE u.unit_id NOT IN (SELECT unit_id FROM units) ORDER BY 1";
    }

    // The CTEs shared by the capitation queries: months, the model's tables, person-months, listings, needs and visit costs.
    private static string Common(OrganiserModel model, int year, int? onlyMonth = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var terms = model.Capitation ?? throw new InvalidOrganiserModelException([new Domain.Scenarios.ScenarioError("capitation", "the model has no capitation section")]);
        if (onlyMonth is { } only)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(only, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(only, 12);
        }

        var (first, end) = onlyMonth is { } m ? (m, m + 1) : (1, 13);
        var sql = new StringBuilder();
        sql.Append("WITH months AS (SELECT CAST(m AS INTEGER) AS month, make_date(")
            .Append(year.ToString(CultureInfo.InvariantCulture))
            .Append(", CAST(m AS INTEGER), 1) AS d FROM range(")
            .Append(first.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(end.ToString(CultureInfo.InvariantCulture))
            .AppendLine(") AS t(m)),");
        sql.Append("model_municipalities AS (SELECT code FROM (VALUES ")
            .Append(string.Join(", ", model.Municipalities.Select(m => "(" + SqlLiteral.Format(m) + ")")))
            .AppendLine(") AS t(code)),");
        var units = model.Providers.SelectMany(p => p.Units.Select(u => (Unit: u, Party: p.Party.Value))).ToList();
        sql.Append("provider_units AS (")
            .Append(units.Count == 0
                ? "SELECT CAST(NULL AS VARCHAR) AS unit_id, CAST(NULL AS VARCHAR) AS party WHERE FALSE"
                : "SELECT * FROM (VALUES " + string.Join(", ", units.Select(u => $"({SqlLiteral.Format(u.Unit)}, {SqlLiteral.Format(u.Party)})")) + ") AS t(unit_id, party)")
            .AppendLine("),");
        sql.Append("age_groups AS (SELECT * FROM (VALUES ")
            .Append(string.Join(", ", terms.AgeSexWeights.Select((g, i) =>
                $"({i.ToString(CultureInfo.InvariantCulture)}, {g.FromAge.ToString(CultureInfo.InvariantCulture)}, {(g.ToAge ?? int.MaxValue).ToString(CultureInfo.InvariantCulture)}, {(g.IsAny ? "CAST(NULL AS VARCHAR)" : SqlLiteral.Format(g.Sex))})")))
            .AppendLine(") AS t(idx, from_age, to_age, sex)),");
        var codes = terms.NeedFactors.SelectMany((f, i) => f.Codes.Select(c => (Index: i, Code: c.ToUpperInvariant(), f.LookbackYears))).ToList();
        sql.Append("need_codes AS (")
            .Append(codes.Count == 0
                ? "SELECT CAST(NULL AS INTEGER) AS idx, CAST(NULL AS VARCHAR) AS code, CAST(NULL AS INTEGER) AS lookback WHERE FALSE"
                : "SELECT * FROM (VALUES " + string.Join(", ", codes.Select(c =>
                    $"({c.Index.ToString(CultureInfo.InvariantCulture)}, {SqlLiteral.Format(c.Code)}, {(c.LookbackYears is { } y ? y.ToString(CultureInfo.InvariantCulture) : "CAST(NULL AS INTEGER)")})")) + ") AS t(idx, code, lookback)")
            .AppendLine("),");
        sql.AppendLine(CultureInfo.InvariantCulture, $"""
            person_months AS (
                SELECT mo.month, mo.d, p.person_id, p.municipality_code, g.idx AS group_idx
                FROM persons AS p
                CROSS JOIN months AS mo
                LEFT JOIN age_groups AS g
                  ON p.birth_date IS NOT NULL AND p.birth_date <= mo.d
                 AND date_sub('year', p.birth_date, mo.d) BETWEEN g.from_age AND g.to_age
                 AND (g.sex IS NULL OR g.sex = upper(p.sex))
                WHERE p.municipality_code IN (SELECT code FROM model_municipalities)),
            listed AS (
                SELECT month, person_id, party FROM (
                    SELECT mo.month, l.person_id, pu.party,
                           row_number() OVER (PARTITION BY mo.month, l.person_id ORDER BY l.valid_from DESC, l.unit_id ASC) AS rank
                    FROM listings AS l
                    JOIN provider_units AS pu ON pu.unit_id = l.unit_id
                    JOIN months AS mo ON l.valid_from <= mo.d AND (l.valid_to IS NULL OR l.valid_to >= mo.d)) AS ranked
                WHERE rank = 1),
            needs AS (
                SELECT month, person_id, CAST(bit_or(CAST(1 AS BIGINT) << idx) AS BIGINT) AS mask FROM (
                    SELECT DISTINCT c.month, c.person_id, f.idx
                    FROM person_months AS c
                    JOIN diagnoses AS dg ON dg.person_id = c.person_id AND dg.recorded_on < c.d
                    JOIN need_codes AS f ON starts_with(upper(dg.code), f.code)
                     AND (f.lookback IS NULL OR dg.recorded_on >= CAST(c.d - to_years(f.lookback) AS DATE))
                    WHERE c.group_idx IS NOT NULL) AS applying
                GROUP BY month, person_id),
            costs AS (
                SELECT CAST(month(visit_on) AS INTEGER) AS month, person_id, sum(coalesce(cost_eur, 0)) AS cost
                FROM visits
                WHERE visit_on >= {Date(year, 1, 1)} AND visit_on <= {Date(year, 12, 31)}
                GROUP BY ALL)
            """);
        return sql.ToString();
    }

    private static InvoicingTerms Terms(OrganiserModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Invoicing ?? throw new InvalidOrganiserModelException([new Domain.Scenarios.ScenarioError("invoicing", "the model has no invoicing section")]);
    }

    private static string InList(IEnumerable<string> values)
    {
        var list = values.Select(v => SqlLiteral.Format(v)).ToList();
        return list.Count == 0 ? "NULL" : string.Join(", ", list);
    }

    private static string Date(int year, int month, int day) => SqlLiteral.Format(new DateOnly(year, month, day));
}
