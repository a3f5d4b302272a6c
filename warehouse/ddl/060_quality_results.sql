-- Purpose: data-quality (Great Expectations) results per run, written by record_quality.
-- Grain: one row per (run_id, suite, expectation result); a re-run of the checkpoint for the same
-- run and suite replaces that suite's rows.
CREATE TABLE IF NOT EXISTS quality_results (
    run_id       VARCHAR   NOT NULL,
    suite        VARCHAR   NOT NULL,
    expectation  VARCHAR   NOT NULL,    -- e.g. expect_column_values_to_not_be_null
    "column"     VARCHAR,               -- the column it checks, when it checks one
    success      BOOLEAN   NOT NULL,
    details      VARCHAR,               -- JSON text: kwargs, observed value, unexpected count
    recorded_at  TIMESTAMP NOT NULL
);
