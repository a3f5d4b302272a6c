-- Purpose: the part each claim played in its subject's estimate: chosen (and by which rule)
--          or the rule it lost by (echo, denied, superseded, not nearest the best value...).
-- Grain: one row per (subject, claim_id).
WITH roles AS (
    SELECT subject, claim_id, chosen, eligible, rule, weight
    FROM subject_estimates
)
SELECT *
FROM roles
ORDER BY subject, claim_id
