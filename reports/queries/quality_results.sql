-- Purpose: every row of `quality_results` as the warehouse holds it, shown as a table in the report.
-- Grain: one row per row of quality_results; ORDER BY ALL makes the order (and the page) deterministic.
WITH source_rows AS (
    SELECT * FROM quality_results
)
SELECT *
FROM source_rows
ORDER BY ALL
