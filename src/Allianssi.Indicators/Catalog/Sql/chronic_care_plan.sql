-- chronic_care_plan: share of listed 18-65-year-old T2D/CHD patients with a care plan covering
-- each of their diseases, created or reviewed in the 12 months ending on $end
-- ($end - 365 days < date <= $end).
-- include chronic_patients.sql
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
