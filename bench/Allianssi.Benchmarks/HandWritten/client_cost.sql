-- acuta_cost_per_client ($service = 'emergency') and hospital_cost_per_client ($service = 'hospital'), written from indicators.md only.
-- Clients: a home_care or service_housing period at u overlapping [$start, $end]. Value: the sum of
-- cost_eur (empty = 0) of their $service visits (at any unit) with $start <= visit_on <= $end and
-- inside one of their periods at u (a visit counts once), divided by the number of clients. n = clients.
WITH periods AS (
    SELECT unit_id, person_id, start_on, end_on FROM service_periods
    WHERE lower(service) IN ('home_care', 'service_housing') AND start_on <= $end AND (end_on IS NULL OR end_on >= $start)
),
clients AS (
    SELECT unit_id, count(DISTINCT person_id) AS k FROM periods GROUP BY unit_id
),
counted AS (
    SELECT DISTINCT p.unit_id, v.visit_id, v.cost_eur
    FROM visits v JOIN periods p
      ON p.person_id = v.person_id AND v.visit_on >= p.start_on AND (p.end_on IS NULL OR v.visit_on <= p.end_on)
    WHERE lower(v.service) = $service AND v.visit_on >= $start AND v.visit_on <= $end
),
cost AS (
    SELECT unit_id, coalesce(sum(cost_eur), 0) AS total FROM counted GROUP BY unit_id
)
SELECT u.unit_id,
       CASE WHEN c.k > 0 THEN CAST(coalesce(cost.total, 0) AS DOUBLE) / c.k END AS value,
       CAST(coalesce(cost.total, 0) AS DOUBLE) AS numerator,
       CAST(coalesce(c.k, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(c.k, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u
LEFT JOIN clients c ON c.unit_id = u.unit_id
LEFT JOIN cost ON cost.unit_id = u.unit_id
ORDER BY u.unit_id
