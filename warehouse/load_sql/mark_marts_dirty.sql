-- Purpose: load step: this run changed the warehouse, so the marts no longer describe it until
-- a run rebuilds them (written in the load's transaction). Keeps the first run not reflected.
-- Grain: the one marts_state row.
INSERT INTO marts_state (id, dirty, dirty_since_run, changed_at)
VALUES (1, TRUE, $run_id, $now)
ON CONFLICT (id) DO UPDATE SET
    dirty = TRUE,
    dirty_since_run = CASE WHEN marts_state.dirty THEN marts_state.dirty_since_run
                           ELSE EXCLUDED.dirty_since_run END,
    changed_at = EXCLUDED.changed_at
