-- t3_doctor: per snapshot d of u in the window and doctor in its calendars: days from d to the third
-- free non_urgent slot dated on or after d (in start order); fewer than three such slots or a
-- waiting list: $waitingListDays. The engine takes the median per snapshot (stratum), then the
-- median over snapshots.
WITH doctors AS (
    SELECT snapshot_on, unit_id, professional_id, bool_or(coalesce(uses_waiting_list, FALSE)) AS uses_waiting_list
    FROM calendars
    WHERE lower(professional_group) = 'doctor' AND snapshot_on >= $start AND snapshot_on <= $end
    GROUP BY snapshot_on, unit_id, professional_id),
free_slots AS (
    SELECT snapshot_on, unit_id, professional_id, CAST(slot_start AS DATE) AS slot_date,
           row_number() OVER (PARTITION BY snapshot_on, unit_id, professional_id ORDER BY slot_start) AS rank
    FROM slots
    WHERE lower(status) = 'free' AND lower(kind) = 'non_urgent'
      AND snapshot_on >= $start AND snapshot_on <= $end
      AND CAST(slot_start AS DATE) >= snapshot_on),
third_slots AS (
    SELECT snapshot_on, unit_id, professional_id, slot_date FROM free_slots WHERE rank = 3)
SELECT d.unit_id,
       d.snapshot_on AS stratum,
       d.professional_id AS subject,
       CASE WHEN d.uses_waiting_list OR t.slot_date IS NULL THEN $waitingListDays
            ELSE date_diff('day', d.snapshot_on, t.slot_date) END AS value
FROM doctors AS d
LEFT JOIN third_slots AS t
  ON t.snapshot_on = d.snapshot_on AND t.unit_id = d.unit_id AND t.professional_id = d.professional_id
