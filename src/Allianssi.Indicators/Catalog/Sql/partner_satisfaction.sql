-- partner_satisfaction: the unit's partner survey responses answered in the window, on the scale
-- $scaleMin..$scaleMax (a score off the scale is not a valid answer); the engine takes the mean.
SELECT unit_id, response_id AS subject, score AS value
FROM survey_responses
WHERE lower(survey) = 'partner' AND answered_on >= $start AND answered_on <= $end
  AND score >= $scaleMin AND score <= $scaleMax
