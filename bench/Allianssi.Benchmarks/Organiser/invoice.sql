-- The floor of the organiser benchmark: the year's invoice total of each member and of others
-- (organiser-payments.md section 4) for the benchmark's model, by hand as one DuckDB query:
-- products' costs and outputs, unit prices, rounded lines, the residual cents of each product to
-- the member with the greatest quantity, overhead by population share with its residual to the
-- greatest population. Columns: municipality ('others' for the rest), total.
WITH members(code) AS (VALUES ('837'), ('604'), ('980')),
accounts(product, account) AS (VALUES ('doctor_visit', '4100'), ('doctor_visit', '4110'), ('dental_visit', '4200'), ('home_care_day', '4300')),
costs AS (
    SELECT a.product, sum(l.amount_eur) AS cost
    FROM ledger AS l JOIN accounts AS a ON a.account = l.account
    WHERE l.booked_on BETWEEN make_date({year}, 1, 1) AND make_date({year}, 12, 31)
    GROUP BY a.product),
overhead AS (
    SELECT coalesce(sum(amount_eur), 0) AS cost FROM ledger
    WHERE account = '9000' AND booked_on BETWEEN make_date({year}, 1, 1) AND make_date({year}, 12, 31)),
persons_m AS (
    SELECT person_id, CASE WHEN municipality_code IN (SELECT code FROM members) THEN municipality_code ELSE 'others' END AS m FROM persons),
outputs AS (
    SELECT 'doctor_visit' AS product, coalesce(p.m, 'others') AS m, count(*) AS q
    FROM visits AS v LEFT JOIN persons_m AS p USING (person_id)
    WHERE v.visit_on BETWEEN make_date({year}, 1, 1) AND make_date({year}, 12, 31)
      AND lower(v.service) = 'primary_care' AND lower(v.professional) = 'doctor'
    GROUP BY ALL
    UNION ALL
    SELECT 'dental_visit', coalesce(p.m, 'others'), count(*)
    FROM visits AS v LEFT JOIN persons_m AS p USING (person_id)
    WHERE v.visit_on BETWEEN make_date({year}, 1, 1) AND make_date({year}, 12, 31) AND lower(v.service) = 'dental'
    GROUP BY ALL
    UNION ALL
    SELECT 'home_care_day', coalesce(p.m, 'others'),
           sum(date_diff('day', greatest(s.start_on, make_date({year}, 1, 1)), least(coalesce(s.end_on, make_date({year}, 12, 31)), make_date({year}, 12, 31))) + 1)
    FROM service_periods AS s LEFT JOIN persons_m AS p USING (person_id)
    WHERE lower(s.service) = 'home_care' AND s.start_on <= make_date({year}, 12, 31)
      AND coalesce(s.end_on, make_date({year}, 12, 31)) >= make_date({year}, 1, 1)
      AND coalesce(s.end_on, make_date({year}, 12, 31)) >= s.start_on
    GROUP BY ALL),
lines AS (
    SELECT o.product, o.m, o.q, c.cost,
           round(CAST(o.q AS DECIMAL(38, 0)) * c.cost / sum(o.q) OVER (PARTITION BY o.product), 2) AS amount,
           row_number() OVER (PARTITION BY o.product ORDER BY (o.m = 'others'), o.q DESC, o.m) AS rank
    FROM outputs AS o JOIN costs AS c USING (product)),
residuals AS (SELECT product, round(any_value(cost), 2) - sum(amount) AS residual FROM lines GROUP BY product),
product_totals AS (
    SELECT l.m, sum(l.amount + CASE WHEN l.rank = 1 THEN r.residual ELSE 0 END) AS amount
    FROM lines AS l JOIN residuals AS r USING (product) GROUP BY l.m),
population AS (
    SELECT municipality_code AS m, sum(count) AS p FROM population
    WHERE year = {year} AND municipality_code IN (SELECT code FROM members) GROUP BY 1),
overhead_lines AS (
    SELECT p.m, round(o.cost * p.p / sum(p.p) OVER (), 2) AS amount, o.cost,
           row_number() OVER (ORDER BY p.p DESC, p.m) AS rank
    FROM population AS p CROSS JOIN overhead AS o),
overhead_residual AS (SELECT round(any_value(cost), 2) - sum(amount) AS residual FROM overhead_lines)
SELECT t.m AS municipality, t.amount + coalesce(h.amount + CASE WHEN h.rank = 1 THEN r.residual ELSE 0 END, 0) AS total
FROM product_totals AS t LEFT JOIN overhead_lines AS h USING (m) CROSS JOIN overhead_residual AS r
ORDER BY 1
