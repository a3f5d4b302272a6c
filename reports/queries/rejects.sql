-- Purpose: rejected inputs and rows with their reasons, for the validation page.
-- Grain: one row per reject_id.
WITH quarantined AS (
    SELECT reject_id, run_id, stage, source, doc_id, "check", "column", "value", message
    FROM rejects
)
SELECT *
FROM quarantined
ORDER BY stage, source, doc_id, "check", "column", reject_id
