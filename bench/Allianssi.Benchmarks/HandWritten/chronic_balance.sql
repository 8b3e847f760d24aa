-- chronic_balance, written from indicators.md only.
-- Same denominator as chronic_care_plan. Latest result within 12 months: $end - 365 < sampled_on <= $end,
-- the greatest sampled_on, ties: the highest value. Values are in the canonical units of the store
-- (HbA1c mmol/mol, LDL mmol/l; the analyte column names the test). A missing result is not in balance.
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
lab AS (
    SELECT person_id, lower(analyte) AS analyte, sampled_on, value
    FROM lab_results
    WHERE lower(analyte) IN ('hba1c', 'ldl') AND sampled_on > $end - 365 AND sampled_on <= $end
      AND person_id IN (SELECT person_id FROM dx)
),
latest_day AS (
    SELECT person_id, analyte, max(sampled_on) AS d FROM lab GROUP BY person_id, analyte
),
latest AS (
    SELECT lab.person_id,
           max(lab.value) FILTER (WHERE lab.analyte = 'hba1c') AS hba1c,
           max(lab.value) FILTER (WHERE lab.analyte = 'ldl') AS ldl
    FROM lab JOIN latest_day t ON t.person_id = lab.person_id AND t.analyte = lab.analyte AND t.d = lab.sampled_on
    GROUP BY lab.person_id
),
agg AS (
    SELECT pop.unit_id, count(*) AS den,
           count(*) FILTER (WHERE (NOT pop.t2d OR coalesce(latest.hba1c < $hba1cMax AND latest.ldl < $ldlT2dMax, false))
                              AND (NOT pop.chd OR coalesce(latest.ldl < $ldlChdMax, false))) AS num
    FROM pop LEFT JOIN latest ON latest.person_id = pop.person_id
    GROUP BY pop.unit_id
)
SELECT u.unit_id,
       CASE WHEN agg.den > 0 THEN 100.0 * agg.num / agg.den END AS value,
       CAST(coalesce(agg.num, 0) AS DOUBLE) AS numerator,
       CAST(coalesce(agg.den, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(agg.den, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u LEFT JOIN agg ON agg.unit_id = u.unit_id
ORDER BY u.unit_id
