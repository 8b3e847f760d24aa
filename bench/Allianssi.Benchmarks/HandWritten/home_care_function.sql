-- home_care_function, written from indicators.md only.
-- Denominator: a home_care service period at u overlapping [$start, $end] (start_on <= $end and
-- end_on empty or >= $start) and at least two ADLH assessments with $start <= assessed_on <= $end
-- (at any unit). Numerator: the last of those scores <= the first.
WITH clients AS (
    SELECT DISTINCT unit_id, person_id FROM service_periods
    WHERE lower(service) = 'home_care' AND start_on <= $end AND (end_on IS NULL OR end_on >= $start)
),
adlh AS (
    SELECT person_id, arg_min(score, assessed_on) AS first_score, arg_max(score, assessed_on) AS last_score
    FROM assessments
    WHERE lower(instrument) = 'adlh' AND assessed_on >= $start AND assessed_on <= $end
    GROUP BY person_id
    HAVING count(*) >= 2
),
agg AS (
    SELECT c.unit_id, count(*) AS den, count(*) FILTER (WHERE a.last_score <= a.first_score) AS num
    FROM clients c JOIN adlh a ON a.person_id = c.person_id
    GROUP BY c.unit_id
)
SELECT u.unit_id,
       CASE WHEN agg.den > 0 THEN 100.0 * agg.num / agg.den END AS value,
       CAST(coalesce(agg.num, 0) AS DOUBLE) AS numerator,
       CAST(coalesce(agg.den, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(agg.den, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u LEFT JOIN agg ON agg.unit_id = u.unit_id
ORDER BY u.unit_id
