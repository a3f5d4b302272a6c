-- Purpose: the conflicting pairs shown on each subject page: the 50 with the widest gap per
--          subject (pairs grow with the square of a subject's claims), with the subject's
--          total number of pairs.
-- Grain: one row per (subject, claim_id_low, claim_id_high), at most 50 per subject.
WITH pairs AS (
    SELECT * FROM conflicts
),
ranked AS (
    SELECT
        *,
        count(*) OVER (PARTITION BY subject) AS n_pairs,
        row_number() OVER (
            PARTITION BY subject ORDER BY gap DESC NULLS LAST, claim_id_low, claim_id_high
        ) AS gap_rank
    FROM pairs
)
SELECT *
FROM ranked
WHERE gap_rank <= 50
ORDER BY subject, gap_rank
