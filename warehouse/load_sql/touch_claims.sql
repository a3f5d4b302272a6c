-- Purpose: load step 3 of 4 for claims: every claim held before and produced again by this
-- run is current, last seen now, by this run; first_seen is kept. Grain: claim_id.
UPDATE claims
SET last_seen = $now, is_current = TRUE, run_id = $run_id
FROM stage_claims AS s
WHERE claims.claim_id = s.claim_id
