-- Purpose: every pipeline run as the runs table holds it, latest first, for the validation page.
-- Grain: one row per run_id.
WITH source_rows AS (
    SELECT * FROM runs
)
SELECT *
FROM source_rows
ORDER BY started_at DESC NULLS LAST, run_id
