-- chronic_care_plan: share of listed 18-65-year-old T2D/CHD patients with a care plan covering
-- each of their diseases, created or reviewed in the 12 months ending on $end
-- ($end - 365 days < date <= $end).
WITH persons_latest AS (
    -- one row per person: a later batch updates a person
    SELECT person_id, birth_date FROM persons
    QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY batch_id DESC, row_no DESC) = 1),
listed AS (
    -- listed at u on $end
    SELECT DISTINCT unit_id, person_id FROM listings
    WHERE valid_from <= $end AND (valid_to IS NULL OR valid_to >= $end)),
diseases AS (
    -- T2D: prefix E11; CHD: prefixes I20-I25; recorded on or before $end
    SELECT person_id,
           bool_or(upper(code) LIKE 'E11%') AS t2d,
           bool_or(substr(upper(code), 1, 3) IN ('I20', 'I21', 'I22', 'I23', 'I24', 'I25')) AS chd
    FROM diagnoses
    WHERE recorded_on <= $end AND (upper(code) LIKE 'E11%' OR upper(code) LIKE 'I2%')
    GROUP BY person_id),
patients AS (
    -- the denominator: listed at u on $end, aged 18-65 on $end (completed years), with T2D or CHD
    SELECT l.unit_id, l.person_id, d.t2d, d.chd
    FROM listed AS l
    JOIN persons_latest AS p ON p.person_id = l.person_id
    JOIN diseases AS d ON d.person_id = l.person_id
    WHERE (d.t2d OR d.chd)
      AND (year($end) - year(p.birth_date) - CASE WHEN month($end) < month(p.birth_date) OR (month($end) = month(p.birth_date) AND day($end) < day(p.birth_date)) THEN 1 ELSE 0 END) BETWEEN 18 AND 65),
plans AS (
    SELECT person_id,
           bool_or(lower(plan_type) IN ('diabetes', 'chronic')) AS covers_t2d,
           bool_or(lower(plan_type) IN ('coronary', 'chronic')) AS covers_chd
    FROM care_plans
    WHERE (created_on > $end - 365 AND created_on <= $end)
       OR (reviewed_on > $end - 365 AND reviewed_on <= $end)
    GROUP BY person_id)
SELECT pt.unit_id,
       pt.person_id AS subject,
       TRUE AS in_denominator,
       coalesce((NOT pt.t2d OR pl.covers_t2d) AND (NOT pt.chd OR pl.covers_chd), FALSE) AS in_numerator
FROM patients AS pt
LEFT JOIN plans AS pl ON pl.person_id = pt.person_id
