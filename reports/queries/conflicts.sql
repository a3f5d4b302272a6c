-- Purpose: every row of `conflicts` as the warehouse holds it, shown as a table in the report.
-- Grain: one row per row of conflicts; ORDER BY ALL makes the order (and the page) deterministic.
WITH source_rows AS (
    SELECT * FROM conflicts
)
SELECT *
FROM source_rows
ORDER BY ALL
