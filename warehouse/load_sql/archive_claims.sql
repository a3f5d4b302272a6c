-- Purpose: load step 1 of 4 for claims: before refresh_claims.sql overwrites the claims
-- this run reads differently (changed_claims), save their current rows in claim_versions.
-- Grain: claim_id (one row per claim about to change). Append-only.
INSERT INTO claim_versions BY NAME
SELECT t.*, $now AS replaced_at, $run_id AS replaced_by_run
FROM claims AS t
SEMI JOIN changed_claims AS c ON t.claim_id = c.claim_id
