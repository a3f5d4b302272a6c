-- Purpose: the whole-corpus conflicts export (exports/conflicts.csv, .parquet): every
--          conflicting pair of claims of a subject, both sides, with the gap between them
--          (all pairs; subject pages list only the 50 widest).
-- Grain: one row per (subject, claim_id_low, claim_id_high).
WITH pairs AS (
    SELECT * FROM conflicts
)
SELECT *
FROM pairs
ORDER BY subject, claim_id_low, claim_id_high
