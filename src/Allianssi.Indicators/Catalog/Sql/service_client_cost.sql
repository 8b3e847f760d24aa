-- Cost per client of u's home-care and service-housing clients (a home_care or service_housing
-- period at u overlapping the window): the cost_eur of their $visitService visits inside the window
-- and inside one of their periods at u (a visit inside two overlapping periods counts once);
-- a missing cost counts 0.
WITH periods AS (
    SELECT DISTINCT person_id, unit_id, start_on, end_on FROM service_periods
    WHERE lower(service) IN ('home_care', 'service_housing')
      AND start_on <= $end AND (end_on IS NULL OR end_on >= $start)),
clients AS (
    SELECT DISTINCT unit_id, person_id FROM periods),
covered_visits AS (
    SELECT DISTINCT p.unit_id, p.person_id, v.visit_id, v.cost_eur
    FROM periods AS p
    JOIN visits AS v ON v.person_id = p.person_id
    WHERE lower(v.service) = $visitService
      AND v.visit_on >= $start AND v.visit_on <= $end
      AND v.visit_on >= p.start_on AND (p.end_on IS NULL OR v.visit_on <= p.end_on)),
client_costs AS (
    SELECT unit_id, person_id, sum(cost_eur) AS cost FROM covered_visits GROUP BY unit_id, person_id)
SELECT c.unit_id,
       c.person_id AS subject,
       coalesce(cc.cost, 0) AS value
FROM clients AS c
LEFT JOIN client_costs AS cc ON cc.unit_id = c.unit_id AND cc.person_id = c.person_id
