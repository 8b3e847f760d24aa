-- The floor of the organiser benchmark: capitation per provider and month and the need-adjusted
-- cost index of each provider (organiser-payments.md sections 2-3), written by hand as one DuckDB
-- query for the benchmark's model ({providers} is its provider units, {year} the year). Rows of
-- kind 'month': party, month, listed, amount (rounded to cents); kind 'index': party, value.
WITH months AS (SELECT CAST(m AS INTEGER) AS month, make_date({year}, CAST(m AS INTEGER), 1) AS d FROM range(1, 13) AS t(m)),
groups(from_age, to_age, sex, weight) AS (VALUES
    (0, 6, NULL, 1.10), (7, 17, NULL, 0.60), (18, 64, 'F', 0.95), (18, 64, 'M', 0.75), (65, 74, NULL, 1.40), (75, 100000, NULL, 2.30)),
factors(factor, code, lookback, addend) AS (VALUES
    ('diabetes', 'E10', NULL, 0.45), ('diabetes', 'E11', NULL, 0.45),
    ('coronary', 'I20', NULL, 0.35), ('coronary', 'I21', NULL, 0.35), ('coronary', 'I22', NULL, 0.35),
    ('coronary', 'I23', NULL, 0.35), ('coronary', 'I24', NULL, 0.35), ('coronary', 'I25', NULL, 0.35),
    ('severe_mental', 'F20', 3, 0.30), ('severe_mental', 'F31', 3, 0.30), ('severe_mental', 'F32.2', 3, 0.30), ('severe_mental', 'F33.2', 3, 0.30)),
providers(unit_id, party) AS (VALUES {providers}),
classified AS (
    SELECT mo.month, mo.d, p.person_id, p.municipality_code, g.weight
    FROM persons AS p CROSS JOIN months AS mo
    JOIN groups AS g ON p.birth_date <= mo.d AND date_sub('year', p.birth_date, mo.d) BETWEEN g.from_age AND g.to_age
     AND (g.sex IS NULL OR g.sex = upper(p.sex))
    WHERE p.municipality_code IN ('837', '604', '980')),
addends AS (
    SELECT month, person_id, sum(addend) AS addend FROM (
        SELECT DISTINCT c.month, c.person_id, f.factor, f.addend
        FROM classified AS c
        JOIN diagnoses AS dg ON dg.person_id = c.person_id AND dg.recorded_on < c.d
        JOIN factors AS f ON starts_with(upper(dg.code), f.code)
         AND (f.lookback IS NULL OR dg.recorded_on >= CAST(c.d - to_years(f.lookback) AS DATE)))
    GROUP BY ALL),
coefficients AS (
    SELECT c.month, c.person_id,
           c.weight * (1 + coalesce(a.addend, 0)) * CASE c.municipality_code WHEN '604' THEN 1.05 ELSE 1 END AS c
    FROM classified AS c LEFT JOIN addends AS a USING (month, person_id)),
norms AS (SELECT month, sum(c) AS c_sum, count(*) AS population FROM coefficients GROUP BY month),
listed AS (
    SELECT month, person_id, party FROM (
        SELECT mo.month, l.person_id, pu.party,
               row_number() OVER (PARTITION BY mo.month, l.person_id ORDER BY l.valid_from DESC, l.unit_id) AS rank
        FROM listings AS l JOIN providers AS pu USING (unit_id)
        JOIN months AS mo ON l.valid_from <= mo.d AND (l.valid_to IS NULL OR l.valid_to >= mo.d))
    WHERE rank = 1),
costs AS (
    SELECT CAST(month(visit_on) AS INTEGER) AS month, person_id, sum(coalesce(cost_eur, 0)) AS cost
    FROM visits WHERE visit_on BETWEEN make_date({year}, 1, 1) AND make_date({year}, 12, 31)
    GROUP BY ALL),
provider_months AS MATERIALIZED (
    SELECT l.party, k.month, count(*) AS listed,
           CAST(sum(k.c) AS DOUBLE) * n.population / CAST(n.c_sum AS DOUBLE) AS need_units,
           sum(coalesce(x.cost, 0)) AS cost
    FROM coefficients AS k JOIN norms AS n USING (month) JOIN listed AS l USING (month, person_id)
    LEFT JOIN costs AS x USING (month, person_id)
    GROUP BY l.party, k.month, n.population, n.c_sum),
totals AS (SELECT sum(cost) AS cost, sum(need_units) AS need_units FROM provider_months)
SELECT 'month' AS kind, party, month, listed, round(21.50 * need_units, 2) AS amount, CAST(NULL AS DOUBLE) AS value
FROM provider_months
UNION ALL
SELECT 'index', p.party, NULL, CAST(sum(p.listed) AS BIGINT), NULL,
       100 * (CAST(sum(p.cost) AS DOUBLE) / sum(p.need_units)) / (CAST(t.cost AS DOUBLE) / t.need_units)
FROM provider_months AS p CROSS JOIN totals AS t
GROUP BY p.party, t.cost, t.need_units
