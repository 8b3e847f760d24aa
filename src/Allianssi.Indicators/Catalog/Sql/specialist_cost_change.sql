-- specialist_cost_change: cost per listed client = cost_eur of specialist, hospital and emergency
-- visits in calendar year Y of the persons listed at the population's units on 1 July of Y,
-- divided by their number. Change = cost per client in $year / in $baselineYear - 1, in %.
-- Value = u's change - the change of u's municipality (all units with u's municipality_code),
-- in percentage points; n = u's listed clients in $year. The municipality counts a person
-- listed at two of its units once.
WITH years AS (
    SELECT * FROM (VALUES ('current', CAST($year AS INTEGER)), ('baseline', CAST($baselineYear AS INTEGER))) AS y(which, yr)),
unit_list AS (
    SELECT unit_id, municipality_code FROM units
    QUALIFY row_number() OVER (PARTITION BY unit_id ORDER BY batch_id DESC, row_no DESC) = 1),
listed AS (
    SELECT DISTINCT y.which, y.yr, l.unit_id, l.person_id
    FROM listings AS l CROSS JOIN years AS y
    WHERE l.valid_from <= make_date(y.yr, 7, 1) AND (l.valid_to IS NULL OR l.valid_to >= make_date(y.yr, 7, 1))),
person_costs AS (
    SELECT person_id, year(visit_on) AS yr, sum(cost_eur) AS cost
    FROM visits
    WHERE lower(service) IN ('specialist', 'hospital', 'emergency')
      AND ((visit_on >= make_date(CAST($year AS INTEGER), 1, 1) AND visit_on <= make_date(CAST($year AS INTEGER), 12, 31))
        OR (visit_on >= make_date(CAST($baselineYear AS INTEGER), 1, 1) AND visit_on <= make_date(CAST($baselineYear AS INTEGER), 12, 31)))
    GROUP BY person_id, year(visit_on)),
unit_costs AS (
    SELECT l.unit_id, l.which, count(*) AS clients, CAST(coalesce(sum(c.cost), 0) AS DOUBLE) AS cost
    FROM listed AS l LEFT JOIN person_costs AS c ON c.person_id = l.person_id AND c.yr = l.yr
    GROUP BY l.unit_id, l.which),
municipal_listed AS (
    SELECT DISTINCT u.municipality_code, l.which, l.yr, l.person_id
    FROM listed AS l JOIN unit_list AS u ON u.unit_id = l.unit_id),
municipal_costs AS (
    SELECT m.municipality_code, m.which, count(*) AS clients, CAST(coalesce(sum(c.cost), 0) AS DOUBLE) AS cost
    FROM municipal_listed AS m LEFT JOIN person_costs AS c ON c.person_id = m.person_id AND c.yr = m.yr
    GROUP BY m.municipality_code, m.which),
changes AS (
    SELECT u.unit_id,
           100.0 * ((uc.cost / uc.clients) / nullif(ub.cost / ub.clients, 0) - 1) AS unit_change,
           100.0 * ((mc.cost / mc.clients) / nullif(mb.cost / mb.clients, 0) - 1) AS municipal_change,
           uc.cost AS cost,
           uc.clients AS clients
    FROM unit_list AS u
    LEFT JOIN unit_costs AS uc ON uc.unit_id = u.unit_id AND uc.which = 'current'
    LEFT JOIN unit_costs AS ub ON ub.unit_id = u.unit_id AND ub.which = 'baseline'
    LEFT JOIN municipal_costs AS mc ON mc.municipality_code = u.municipality_code AND mc.which = 'current'
    LEFT JOIN municipal_costs AS mb ON mb.municipality_code = u.municipality_code AND mb.which = 'baseline')
SELECT unit_id,
       unit_change - municipal_change AS value,
       cost AS numerator,
       CAST(clients AS DOUBLE) AS denominator,
       coalesce(clients, 0) AS n
FROM changes
