-- partner_satisfaction, written from indicators.md only: mean score of survey partner at u with
-- $start <= answered_on <= $end; numerator = sum, denominator = n = responses. The scale
-- ($scaleMin..$scaleMax, default 1-5) is the indicator's parameter: the import does not check
-- partner scores, so a score off the scale is not an answer and is left out.
WITH agg AS (
    SELECT unit_id, count(*) AS k, sum(CAST(score AS DECIMAL(38, 10))) AS total
    FROM survey_responses
    WHERE lower(survey) = 'partner' AND answered_on >= $start AND answered_on <= $end
      AND score >= $scaleMin AND score <= $scaleMax
    GROUP BY unit_id
)
SELECT u.unit_id,
       CASE WHEN agg.k > 0 THEN CAST(agg.total AS DOUBLE) / agg.k END AS value,
       CAST(coalesce(agg.total, 0) AS DOUBLE) AS numerator,
       CAST(coalesce(agg.k, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(agg.k, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u LEFT JOIN agg ON agg.unit_id = u.unit_id
ORDER BY u.unit_id
