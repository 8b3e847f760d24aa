-- specialist_cost_change, written from indicators.md only.
-- For year y in ($year, $baselineYear) and a population (u alone; all units with u's municipality
-- code): clients = distinct persons listed at one of its units on 1 July of y; cost = sum of cost_eur
-- (empty = 0) of their specialist, hospital and emergency visits (at any unit) in calendar year y.
-- cpc = cost / clients; change = 100 * (cpc(Y) / cpc(baseline) - 1); value = change(u) - change(municipality).
-- numerator = u's cost in $year, denominator = n = u's clients in $year. No value when a cpc is undefined or the baseline cpc is 0.
WITH yrs AS (
    SELECT * FROM (VALUES ($year), ($baselineYear)) t(y)
),
listed AS (
    SELECT DISTINCT yrs.y, l.unit_id, l.person_id
    FROM listings l JOIN yrs
      ON l.valid_from <= make_date(yrs.y, 7, 1) AND (l.valid_to IS NULL OR l.valid_to >= make_date(yrs.y, 7, 1))
),
person_cost AS (
    SELECT year(visit_on) AS y, person_id, sum(cost_eur) AS cost
    FROM visits
    WHERE lower(service) IN ('specialist', 'hospital', 'emergency')
      AND ((visit_on >= make_date($year, 1, 1) AND visit_on <= make_date($year, 12, 31))
        OR (visit_on >= make_date($baselineYear, 1, 1) AND visit_on <= make_date($baselineYear, 12, 31)))
    GROUP BY year(visit_on), person_id
),
unit_muni AS (
    SELECT DISTINCT unit_id, municipality_code FROM units
),
unit_cpc AS (
    SELECT l.y, l.unit_id, count(*) AS clients, CAST(coalesce(sum(pc.cost), 0) AS DOUBLE) AS cost
    FROM listed l LEFT JOIN person_cost pc ON pc.y = l.y AND pc.person_id = l.person_id
    GROUP BY l.y, l.unit_id
),
muni_persons AS (
    SELECT DISTINCT l.y, um.municipality_code, l.person_id FROM listed l JOIN unit_muni um ON um.unit_id = l.unit_id
),
muni_cpc AS (
    SELECT m.y, m.municipality_code, count(*) AS clients, CAST(coalesce(sum(pc.cost), 0) AS DOUBLE) AS cost
    FROM muni_persons m LEFT JOIN person_cost pc ON pc.y = m.y AND pc.person_id = m.person_id
    GROUP BY m.y, m.municipality_code
),
changes AS (
    SELECT um.unit_id,
           100.0 * ((uy.cost / uy.clients) / nullif(ub.cost / ub.clients, 0) - 1) AS unit_change,
           100.0 * ((my.cost / my.clients) / nullif(mb.cost / mb.clients, 0) - 1) AS muni_change,
           uy.cost AS cost, uy.clients AS clients
    FROM unit_muni um
    LEFT JOIN unit_cpc uy ON uy.unit_id = um.unit_id AND uy.y = $year
    LEFT JOIN unit_cpc ub ON ub.unit_id = um.unit_id AND ub.y = $baselineYear
    LEFT JOIN muni_cpc my ON my.municipality_code = um.municipality_code AND my.y = $year
    LEFT JOIN muni_cpc mb ON mb.municipality_code = um.municipality_code AND mb.y = $baselineYear
)
SELECT unit_id,
       unit_change - muni_change AS value,
       cost AS numerator,
       CAST(clients AS DOUBLE) AS denominator,
       CAST(coalesce(clients, 0) AS BIGINT) AS n
FROM changes
ORDER BY unit_id
