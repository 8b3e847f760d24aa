-- chronic_balance: share of listed 18-65-year-old T2D/CHD patients in balance. The latest result
-- within 12 months ($end - 365 days < sampled_on <= $end, greatest sampled_on, ties: highest
-- value); T2D: HbA1c < $hba1cMax and LDL < $ldlT2dMax; CHD: LDL < $ldlChdMax; both: all of
-- these. A missing result means not in balance.
-- include chronic_patients.sql
latest AS (
    SELECT person_id, lower(analyte) AS analyte, value
    FROM lab_results
    WHERE lower(analyte) IN ('hba1c', 'ldl')
      AND sampled_on > $end - 365 AND sampled_on <= $end
    QUALIFY row_number() OVER (PARTITION BY person_id, lower(analyte) ORDER BY sampled_on DESC, value DESC) = 1),
labs AS (
    SELECT person_id,
           max(value) FILTER (WHERE analyte = 'hba1c') AS hba1c,
           max(value) FILTER (WHERE analyte = 'ldl') AS ldl
    FROM latest
    GROUP BY person_id)
SELECT pt.unit_id,
       pt.person_id AS subject,
       TRUE AS in_denominator,
       coalesce(
           (NOT pt.t2d OR (lb.hba1c < $hba1cMax AND lb.ldl < $ldlT2dMax))
           AND (NOT pt.chd OR lb.ldl < $ldlChdMax),
           FALSE) AS in_numerator
FROM patients AS pt
LEFT JOIN labs AS lb ON lb.person_id = pt.person_id
