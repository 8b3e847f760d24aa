-- chronic_care_plan, written from indicators.md only (the floor and the differential test's oracle).
-- Denominator: listed at u on $end, aged 18-65 on $end, T2D (E11*) or CHD (I20*-I25*) recorded on or before $end.
-- Numerator: a plan covering each disease (diabetes / coronary; chronic covers both) created or
-- reviewed within the 12 months ending on $end, taken as $end - 365 < date <= $end (the spec's own
-- meaning of "within 12 months").
WITH dx AS (
    SELECT person_id,
           bool_or(upper(code) LIKE 'E11%') AS t2d,
           bool_or(substr(upper(code), 1, 3) IN ('I20', 'I21', 'I22', 'I23', 'I24', 'I25')) AS chd
    FROM diagnoses
    WHERE recorded_on <= $end
      AND (upper(code) LIKE 'E11%' OR substr(upper(code), 1, 3) IN ('I20', 'I21', 'I22', 'I23', 'I24', 'I25'))
    GROUP BY person_id
),
listed AS (
    SELECT DISTINCT unit_id, person_id FROM listings
    WHERE valid_from <= $end AND (valid_to IS NULL OR valid_to >= $end)
),
pop AS (
    SELECT l.unit_id, l.person_id, dx.t2d, dx.chd
    FROM listed l JOIN dx ON dx.person_id = l.person_id JOIN persons p ON p.person_id = l.person_id
    WHERE p.birth_date IS NOT NULL
      AND (year($end) * 10000 + month($end) * 100 + day($end)
           - (year(p.birth_date) * 10000 + month(p.birth_date) * 100 + day(p.birth_date))) // 10000 BETWEEN 18 AND 65
),
plans AS (
    SELECT person_id,
           bool_or(lower(plan_type) IN ('diabetes', 'chronic')) AS covers_t2d,
           bool_or(lower(plan_type) IN ('coronary', 'chronic')) AS covers_chd
    FROM care_plans
    WHERE (created_on > $end - 365 AND created_on <= $end) OR (reviewed_on > $end - 365 AND reviewed_on <= $end)
    GROUP BY person_id
),
agg AS (
    SELECT pop.unit_id, count(*) AS den,
           count(*) FILTER (WHERE (NOT pop.t2d OR coalesce(plans.covers_t2d, false))
                              AND (NOT pop.chd OR coalesce(plans.covers_chd, false))) AS num
    FROM pop LEFT JOIN plans ON plans.person_id = pop.person_id
    GROUP BY pop.unit_id
)
SELECT u.unit_id,
       CASE WHEN agg.den > 0 THEN 100.0 * agg.num / agg.den END AS value,
       CAST(coalesce(agg.num, 0) AS DOUBLE) AS numerator,
       CAST(coalesce(agg.den, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(agg.den, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u LEFT JOIN agg ON agg.unit_id = u.unit_id
ORDER BY u.unit_id
