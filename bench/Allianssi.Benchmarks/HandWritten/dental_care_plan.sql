-- dental_care_plan, written from indicators.md only.
-- Denominator: aged 18 or more on $end, at least one dental visit at u with $start <= visit_on <= $end.
-- Numerator: a dental plan created or reviewed with $end - 365 < date <= $end (at any unit).
WITH den AS (
    SELECT DISTINCT v.unit_id, v.person_id
    FROM visits v JOIN persons p ON p.person_id = v.person_id
    WHERE lower(v.service) = 'dental' AND v.visit_on >= $start AND v.visit_on <= $end
      AND p.birth_date IS NOT NULL
      AND (year($end) * 10000 + month($end) * 100 + day($end)
           - (year(p.birth_date) * 10000 + month(p.birth_date) * 100 + day(p.birth_date))) // 10000 >= 18
),
plans AS (
    SELECT DISTINCT person_id FROM care_plans
    WHERE lower(plan_type) = 'dental'
      AND ((created_on > $end - 365 AND created_on <= $end) OR (reviewed_on > $end - 365 AND reviewed_on <= $end))
),
agg AS (
    SELECT den.unit_id, count(*) AS den, count(plans.person_id) AS num
    FROM den LEFT JOIN plans ON plans.person_id = den.person_id
    GROUP BY den.unit_id
)
SELECT u.unit_id,
       CASE WHEN agg.den > 0 THEN 100.0 * agg.num / agg.den END AS value,
       CAST(coalesce(agg.num, 0) AS DOUBLE) AS numerator,
       CAST(coalesce(agg.den, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(agg.den, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u LEFT JOIN agg ON agg.unit_id = u.unit_id
ORDER BY u.unit_id
