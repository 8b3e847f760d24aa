-- chronic_balance: share of listed 18-65-year-old T2D/CHD patients in balance. The latest result
-- within 12 months ($end - 365 days < sampled_on <= $end, greatest sampled_on, ties: highest
-- value); T2D: HbA1c < $hba1cMax and LDL < $ldlT2dMax; CHD: LDL < $ldlChdMax; both: all of
-- these. A missing result means not in balance.
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
