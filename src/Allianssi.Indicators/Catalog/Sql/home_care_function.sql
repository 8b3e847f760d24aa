-- home_care_function: home-care clients of u (a home_care period at u overlapping the window) with
-- at least two ADLH assessments inside the window; numerator: the last score in the window (by
-- assessed_on) is less than or equal to the first.
WITH clients AS (
    SELECT DISTINCT unit_id, person_id FROM service_periods
    WHERE lower(service) = 'home_care' AND start_on <= $end AND (end_on IS NULL OR end_on >= $start)),
adlh AS (
    SELECT person_id,
           count(*) AS assessments,
           arg_min(score, assessed_on) AS first_score,
           arg_max(score, assessed_on) AS last_score
    FROM assessments
    WHERE upper(instrument) = 'ADLH' AND assessed_on >= $start AND assessed_on <= $end
    GROUP BY person_id)
SELECT c.unit_id,
       c.person_id AS subject,
       TRUE AS in_denominator,
       a.last_score <= a.first_score AS in_numerator
FROM clients AS c
JOIN adlh AS a ON a.person_id = c.person_id
WHERE a.assessments >= 2
