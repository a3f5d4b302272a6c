-- Purpose: one row per pipeline run: what it read, what it loaded, how it ended.
-- Grain: one row per run_id. load_run writes it in the load transaction; record_run updates it
-- (status, ended_at, message) after reconciliation and quality checks.
CREATE TABLE IF NOT EXISTS runs (
    run_id                 VARCHAR   PRIMARY KEY,
    flow_run_id            VARCHAR,
    started_at             TIMESTAMP,
    ended_at               TIMESTAMP,
    status                 VARCHAR,     -- loaded | ok | failed | ... (set by the flow)
    inputs                 VARCHAR,     -- the input paths, as the flow passed them
    extractor_version      VARCHAR,
    n_documents            INTEGER,     -- rows in this run's frames
    n_claims               INTEGER,
    n_statements           INTEGER,
    n_rejects              INTEGER,
    n_documents_new        INTEGER,     -- texts the warehouse had not held before
    n_documents_superseded INTEGER,     -- older texts of the same doc_id made not current
    n_claims_new           INTEGER,     -- claim ids first seen in this run
    n_claims_retired       INTEGER,     -- claims made not current by this run
    n_claims_changed       INTEGER,     -- claims held before whose extracted columns changed
    n_statements_new       INTEGER,
    n_statements_retired   INTEGER,
    n_statements_changed   INTEGER,
    n_rejects_new          INTEGER,
    loaded_at              TIMESTAMP,
    load_seconds           DOUBLE,
    message                VARCHAR      -- free text: an error, a warning
);
