-- Purpose: the marts and quality results now describe the current claims (written after the
-- build and the checks of run $run_id). Grain: the one marts_state row.
INSERT INTO marts_state (id, dirty, built_by_run, built_at)
VALUES (1, FALSE, $run_id, $now)
ON CONFLICT (id) DO UPDATE SET
    dirty = FALSE,
    dirty_since_run = NULL,
    built_by_run = EXCLUDED.built_by_run,
    built_at = EXCLUDED.built_at
