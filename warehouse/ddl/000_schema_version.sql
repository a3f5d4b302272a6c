-- Purpose: which DDL files have been applied to this warehouse, and when.
-- Grain: one row per DDL file (by file name). Every DDL file is idempotent and is applied on
-- every write open; a row here is added the first time a file is applied.
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER   NOT NULL,   -- the number prefix of the file name
    name        VARCHAR   PRIMARY KEY, -- the file name, e.g. 010_documents.sql
    checksum    VARCHAR   NOT NULL,   -- sha256 of the file text when first applied
    applied_at  TIMESTAMP NOT NULL
);
