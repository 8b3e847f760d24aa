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
