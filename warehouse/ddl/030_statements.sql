-- Purpose: statements about a force without a figure (records.STATEMENT_COLUMNS + bookkeeping).
-- Grain: one row per statement_id. Like claims, a statement no longer produced for the current
-- text of its document gets is_current = false and is kept.
CREATE TABLE IF NOT EXISTS statements (
    statement_id      VARCHAR   PRIMARY KEY,
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
    run_id            VARCHAR   NOT NULL
);
