-- Purpose: what a run warned about without rejecting anything (a file decoded as cp1251, a
-- sub-folder not read, a manifest row naming no file ...), so the report's validation page can
-- show it. Warnings that are also rejects are in rejects only. Grain: one row per warning_id =
-- stable_id(stage, message): the same warning seen again is one row (run_id = the last run).
CREATE TABLE IF NOT EXISTS warnings (
    warning_id  VARCHAR   PRIMARY KEY,
    run_id      VARCHAR   NOT NULL,     -- the last run that gave this warning
    stage       VARCHAR   NOT NULL,     -- ingest
    message     VARCHAR   NOT NULL,     -- names the file (or file:line) and the problem
    created_at  TIMESTAMP NOT NULL,     -- first time it was recorded
    last_seen   TIMESTAMP NOT NULL
);
