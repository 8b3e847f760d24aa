-- dental_care_plan: persons aged 18 or more on $end with a dental visit at u in the window; numerator:
-- a dental care plan (any unit) created or reviewed in the 12 months ending on $end
-- ($end - 365 days < date <= $end).
WITH persons_latest AS (
    -- one row per person: a later batch updates a person
    SELECT person_id, birth_date FROM persons
    QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY batch_id DESC, row_no DESC) = 1),
visitors AS (
    SELECT DISTINCT unit_id, person_id FROM visits
    WHERE lower(service) = 'dental' AND visit_on >= $start AND visit_on <= $end),
plans AS (
    SELECT DISTINCT person_id FROM care_plans
    WHERE lower(plan_type) = 'dental'
      AND ((created_on > $end - 365 AND created_on <= $end)
        OR (reviewed_on > $end - 365 AND reviewed_on <= $end)))
SELECT v.unit_id,
       v.person_id AS subject,
       TRUE AS in_denominator,
       pl.person_id IS NOT NULL AS in_numerator
FROM visitors AS v
JOIN persons_latest AS p ON p.person_id = v.person_id
LEFT JOIN plans AS pl ON pl.person_id = v.person_id
WHERE (year($end) - year(p.birth_date) - CASE WHEN month($end) < month(p.birth_date) OR (month($end) = month(p.birth_date) AND day($end) < day(p.birth_date)) THEN 1 ELSE 0 END) >= 18
