-- nps: the unit's nps survey responses answered in the window; the engine takes
-- 100 * (share of 9-10 - share of 0-6).
SELECT unit_id, response_id AS subject, score AS value
FROM survey_responses
WHERE lower(survey) = 'nps' AND answered_on >= $start AND answered_on <= $end
