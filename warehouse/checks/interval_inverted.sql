-- Purpose: intervals that are empty or start below zero (a bad bound or qualifier).
-- Grain: one row per offending claim.
WITH intervals AS (
    SELECT subject, claim_id, figure_text, qualifier, low, high, interval_low, interval_high
    FROM subject_claims
)

SELECT *
FROM intervals
WHERE interval_low IS NULL
    OR interval_low < 0
    OR interval_low > coalesce(interval_high, 'infinity'::DOUBLE)
