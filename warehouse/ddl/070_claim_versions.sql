-- Purpose: earlier readings of a claim that a later run read differently (same claim_id,
-- other values, e.g. after an extractor upgrade): the old row, saved before the claims table
-- took the new values, so no figure's history is overwritten.
-- Grain: one row per (claim_id, replaced_at). Append-only.
CREATE TABLE IF NOT EXISTS claim_versions (
    claim_id          VARCHAR   NOT NULL,
    doc_id            VARCHAR   NOT NULL,
    content_hash      VARCHAR   NOT NULL,
    claim_no          INTEGER,
    figure_text       VARCHAR   NOT NULL,
    low               DOUBLE,
    high              DOUBLE,
    qualifier         VARCHAR,
    category          VARCHAR,
    item              VARCHAR,
    side              VARCHAR,
    location          VARCHAR,
    as_of             VARCHAR,             -- YYYY-MM-DD, YYYY-MM or YYYY
    event             VARCHAR,
    claimant          VARCHAR,
    claimant_type     VARCHAR,
    modality          VARCHAR,
    subject           VARCHAR,
    sentence          VARCHAR,
    "start"           INTEGER   NOT NULL,
    "end"             INTEGER   NOT NULL,
    sentence_start    INTEGER,
    sentence_end      INTEGER,
    subcategory       VARCHAR,
    side_code         VARCHAR,
    location_key      VARCHAR,
    period            VARCHAR,             -- YYYY-MM
    extractor_version VARCHAR,
    first_seen        TIMESTAMP NOT NULL,
    last_seen         TIMESTAMP NOT NULL,
    is_current        BOOLEAN   NOT NULL,
    run_id            VARCHAR   NOT NULL,
    replaced_at       TIMESTAMP NOT NULL,  -- when the newer reading replaced this one
    replaced_by_run   VARCHAR   NOT NULL   -- the run whose reading replaced it
);
