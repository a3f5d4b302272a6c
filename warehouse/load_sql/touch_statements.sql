-- Purpose: load step 3 of 4 for statements: every statement held before and produced again by this
-- run is current, last seen now, by this run; first_seen is kept. Grain: statement_id.
UPDATE statements
SET last_seen = $now, is_current = TRUE, run_id = $run_id
FROM stage_statements AS s
WHERE statements.statement_id = s.statement_id
