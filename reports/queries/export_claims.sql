-- Purpose: the whole-corpus claims export (exports/claims.csv, exports/claims.parquet): every
--          column of subject_claims (the claim, its reconciled subject key, source document,
--          interval and echo links; columns a model adds later, such as measure, come along).
-- Grain: one row per (subject, claim_id); ordered so the same warehouse gives the same file.
WITH reconciled AS (
    SELECT * FROM subject_claims
)
SELECT *
FROM reconciled
ORDER BY subject, claim_id
