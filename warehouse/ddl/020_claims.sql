-- Purpose: every figure mention ever extracted (records.CLAIM_COLUMNS plus bookkeeping).
-- Grain: one row per claim_id = stable_id(content_hash, start, end). A claim that is no longer
-- produced for the current text of its document gets is_current = false; none is deleted.
CREATE TABLE IF NOT EXISTS claims (
    claim_id          VARCHAR   PRIMARY KEY,
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
    run_id            VARCHAR   NOT NULL   -- the run that last produced this claim
);
