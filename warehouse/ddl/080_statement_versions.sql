-- Purpose: earlier readings of a statement that a later run read differently (same statement_id,
-- other values, e.g. after an extractor upgrade): the old row, saved before the statements table
-- took the new values, so no figure's history is overwritten.
-- Grain: one row per (statement_id, replaced_at). Append-only.
CREATE TABLE IF NOT EXISTS statement_versions (
    statement_id      VARCHAR   NOT NULL,
    doc_id            VARCHAR   NOT NULL,
    content_hash      VARCHAR   NOT NULL,
    kind              VARCHAR,             -- undisclosed | denial
    text              VARCHAR,
    "start"           INTEGER,
    "end"             INTEGER,
    sentence          VARCHAR,
    sentence_start    INTEGER,
    sentence_end      INTEGER,
    category          VARCHAR,
    side              VARCHAR,
    side_code         VARCHAR,
    location          VARCHAR,
    location_key      VARCHAR,
    as_of             VARCHAR,
    period            VARCHAR,
    event             VARCHAR,
    claimant          VARCHAR,
    claimant_type     VARCHAR,
    subject           VARCHAR,
    extractor_version VARCHAR,
    first_seen        TIMESTAMP NOT NULL,
    last_seen         TIMESTAMP NOT NULL,
    is_current        BOOLEAN   NOT NULL,
    run_id            VARCHAR   NOT NULL,
    replaced_at       TIMESTAMP NOT NULL,  -- when the newer reading replaced this one
    replaced_by_run   VARCHAR   NOT NULL   -- the run whose reading replaced it
);
