-- Purpose: every distinct document text ever loaded, with its metadata.
-- Grain: one row per content_hash (one version of a document's text). When the text behind a
-- doc_id changes, the new text gets a new row and the older rows of that doc_id get
-- is_current = false; no row is ever deleted.
CREATE TABLE IF NOT EXISTS documents (
    doc_id             VARCHAR   NOT NULL,
    content_hash       VARCHAR   PRIMARY KEY,
    source             VARCHAR,
    format             VARCHAR,
    text               VARCHAR   NOT NULL,
    n_chars            INTEGER,
    outlet             VARCHAR,
    url                VARCHAR,
    published          VARCHAR,            -- YYYY-MM-DD or NULL, as in records.DOCUMENT_COLUMNS
    title              VARCHAR,
    author             VARCHAR,
    outlet_inferred    BOOLEAN,
    published_inferred BOOLEAN,
    extractor_version  VARCHAR,            -- the extractor that produced this text's claims
    first_seen         TIMESTAMP NOT NULL,
    last_seen          TIMESTAMP NOT NULL,
    is_current         BOOLEAN   NOT NULL,
    run_id             VARCHAR   NOT NULL  -- the run that last loaded this text
);
