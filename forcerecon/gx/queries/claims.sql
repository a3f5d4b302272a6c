-- Purpose: the rows the `claims` expectation suite (gx/expectations/claims.json) checks.
-- Grain: one row per current claim (claim_id); claims retired by a newer text or extractor are
-- history and are not held to today's expectations.
WITH current_claims AS (
    SELECT *
    FROM claims
    WHERE is_current
)

SELECT *
FROM current_claims
ORDER BY claim_id
