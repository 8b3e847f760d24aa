-- A published aggregate (reported_values) for the unit's area and the window's year; the latest
-- imported row wins. The engine takes n = the published denominator when given.
SELECT unit_id, value, numerator, denominator
FROM reported_values
WHERE lower(indicator_id) = lower($reportedId) AND year = $year
QUALIFY row_number() OVER (PARTITION BY unit_id ORDER BY batch_id DESC, row_no DESC) = 1
