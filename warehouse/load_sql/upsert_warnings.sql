-- Purpose: load step: record this run's warnings (the registered frame in_warnings); one seen
-- before keeps created_at and gets the latest run_id and last_seen. Grain: warning_id.
INSERT INTO warnings (warning_id, run_id, stage, message, created_at, last_seen)
SELECT DISTINCT ON (warning_id) warning_id, $run_id, stage, message, $now, $now
FROM in_warnings
ON CONFLICT (warning_id) DO UPDATE SET
    run_id = EXCLUDED.run_id,
    last_seen = EXCLUDED.last_seen
