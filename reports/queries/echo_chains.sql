-- Purpose: every row of `echo_chains` as the warehouse holds it, shown as a table in the report.
-- Grain: one row per row of echo_chains; ORDER BY ALL makes the order (and the page) deterministic.
WITH source_rows AS (
    SELECT * FROM echo_chains
)
SELECT *
FROM source_rows
ORDER BY ALL
