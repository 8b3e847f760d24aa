-- nps, written from indicators.md only: survey nps at u with $start <= answered_on <= $end;
-- 100 * (share of 9-10 - share of 0-6); numerator = promoters - detractors, n = responses.
WITH agg AS (
    SELECT unit_id, count(*) AS k,
           count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6) AS net
    FROM survey_responses
    WHERE lower(survey) = 'nps' AND answered_on >= $start AND answered_on <= $end
    GROUP BY unit_id
)
SELECT u.unit_id,
       CASE WHEN agg.k > 0 THEN 100.0 * agg.net / agg.k END AS value,
       CAST(coalesce(agg.net, 0) AS DOUBLE) AS numerator,
       CAST(coalesce(agg.k, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(agg.k, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u LEFT JOIN agg ON agg.unit_id = u.unit_id
ORDER BY u.unit_id
