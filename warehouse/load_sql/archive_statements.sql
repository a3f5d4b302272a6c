-- Purpose: load step 1 of 4 for statements: before refresh_statements.sql overwrites the statements
-- this run reads differently (changed_statements), save their current rows in statement_versions.
-- Grain: statement_id (one row per statement about to change). Append-only.
INSERT INTO statement_versions BY NAME
SELECT t.*, $now AS replaced_at, $run_id AS replaced_by_run
FROM statements AS t
SEMI JOIN changed_statements AS c ON t.statement_id = c.statement_id
