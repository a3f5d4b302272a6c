-- Purpose: every current claim is reconciled exactly once: rows returned are current claims
--          missing from subject_claims or present more than once.
-- Grain: one row per offending claim_id.
WITH current_claims AS (
    SELECT claim_id FROM claims WHERE is_current
),

reconciled AS (
    SELECT claim_id, count(*) AS n_rows FROM subject_claims GROUP BY claim_id
)

SELECT c.claim_id, coalesce(r.n_rows, 0) AS n_rows
FROM current_claims AS c
LEFT JOIN reconciled AS r USING (claim_id)
WHERE coalesce(r.n_rows, 0) <> 1
