-- Purpose: whether the reconciliation models (subject_summary and the other marts) and the
-- quality results describe the current claims. load_run sets dirty in its own transaction when
-- it changed anything; a run clears it only after it rebuilt the models and recorded the
-- quality checks. A run killed in between leaves dirty set, and the next run rebuilds.
-- Grain: one row (id = 1), absent until the first load that changed something.
CREATE TABLE IF NOT EXISTS marts_state (
    id               INTEGER   PRIMARY KEY,  -- always 1
    dirty            BOOLEAN   NOT NULL,     -- the marts do not yet reflect a committed load
    dirty_since_run  VARCHAR,                -- the first run whose load they do not reflect
    changed_at       TIMESTAMP,              -- when the last changing load committed
    built_by_run     VARCHAR,                -- the run that last rebuilt and checked them
    built_at         TIMESTAMP
);
