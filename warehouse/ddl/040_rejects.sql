-- Purpose: quarantined input and rows (records.REJECT_COLUMNS): nothing is dropped silently.
-- Grain: one row per reject_id = stable_id(stage, source, doc_id, check, column, value), so the
-- same problem seen again in a later run is one row (run_id = the last run that saw it).
CREATE TABLE IF NOT EXISTS rejects (
    reject_id   VARCHAR   PRIMARY KEY,
    run_id      VARCHAR,
    stage       VARCHAR   NOT NULL,        -- ingest | extract | validate | load
    source      VARCHAR,
    doc_id      VARCHAR,
    "check"     VARCHAR,
    "column"    VARCHAR,
    value       VARCHAR,
    message     VARCHAR,
    created_at  TIMESTAMP NOT NULL,        -- first time this reject was recorded
    last_seen   TIMESTAMP NOT NULL
);
