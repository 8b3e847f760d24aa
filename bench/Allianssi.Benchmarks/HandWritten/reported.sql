-- ktk_4_5 / ktk_8_9, written from indicators.md only: the reported_values row of ($indicator, u, $year);
-- n = its denominator when given. No row: missing (carrying forward is the scoring's rule).
SELECT u.unit_id,
       CAST(r.value AS DOUBLE) AS value,
       CAST(r.numerator AS DOUBLE) AS numerator,
       CAST(r.denominator AS DOUBLE) AS denominator,
       CAST(r.denominator AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u
LEFT JOIN reported_values r ON r.unit_id = u.unit_id AND r.indicator_id = $indicator AND r.year = $year
ORDER BY u.unit_id
