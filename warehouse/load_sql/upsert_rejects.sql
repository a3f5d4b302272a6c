-- Purpose: load step: record this run's rejects; one seen before keeps created_at and gets the
-- latest run_id, message and last_seen. Grain: reject_id.
INSERT INTO rejects (
    reject_id, run_id, stage, source, doc_id, "check", "column", value, message, created_at,
    last_seen
)
SELECT
    reject_id, run_id, stage, source, doc_id, "check", "column", value, message, $now, $now
FROM stage_rejects
ON CONFLICT (reject_id) DO UPDATE SET
    run_id = EXCLUDED.run_id,
    message = EXCLUDED.message,
    last_seen = EXCLUDED.last_seen
