-- t3_doctor, written from indicators.md only.
-- Per snapshot d of u with $start <= d <= $end and per doctor in calendars(d, u): the third free,
-- non_urgent slot of (d, u, doctor) dated on or after d; days = its date - d; fewer than three or a
-- waiting list: 182. Snapshot T3 = median over doctors; value = median over snapshots (even counts:
-- mean of the middle two). n = (snapshot, doctor) pairs.
WITH docs AS (
    SELECT snapshot_on, unit_id, professional_id, bool_or(coalesce(uses_waiting_list, false)) AS waiting
    FROM calendars
    WHERE lower(professional_group) = 'doctor' AND snapshot_on >= $start AND snapshot_on <= $end
    GROUP BY snapshot_on, unit_id, professional_id
),
free AS (
    SELECT snapshot_on, unit_id, professional_id, CAST(slot_start AS DATE) AS slot_day,
           row_number() OVER (PARTITION BY snapshot_on, unit_id, professional_id ORDER BY slot_start) AS rn
    FROM slots
    WHERE lower(status) = 'free' AND lower(kind) = 'non_urgent'
      AND snapshot_on >= $start AND snapshot_on <= $end AND CAST(slot_start AS DATE) >= snapshot_on
),
pairs AS (
    SELECT d.snapshot_on, d.unit_id,
           CAST(CASE WHEN d.waiting OR f.slot_day IS NULL THEN 182 ELSE f.slot_day - d.snapshot_on END AS DOUBLE) AS days
    FROM docs d LEFT JOIN free f
      ON f.snapshot_on = d.snapshot_on AND f.unit_id = d.unit_id AND f.professional_id = d.professional_id AND f.rn = 3
),
snapshots AS (
    SELECT unit_id, snapshot_on, quantile_cont(days, 0.5) AS t3, count(*) AS k FROM pairs GROUP BY unit_id, snapshot_on
),
agg AS (
    SELECT unit_id, quantile_cont(t3, 0.5) AS v, sum(k) AS k FROM snapshots GROUP BY unit_id
)
SELECT u.unit_id,
       agg.v AS value,
       CAST(NULL AS DOUBLE) AS numerator,
       CAST(coalesce(agg.k, 0) AS DOUBLE) AS denominator,
       CAST(coalesce(agg.k, 0) AS BIGINT) AS n
FROM (SELECT DISTINCT unit_id FROM units) u LEFT JOIN agg ON agg.unit_id = u.unit_id
ORDER BY u.unit_id
