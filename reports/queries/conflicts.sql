-- Purpose: the conflicting pairs shown on each subject page: the 50 with the widest gap per
--          subject (pairs grow with the square of a subject's claims), with the subject's
--          total number of pairs; only the columns the page shows (all rows stay in memory).
-- Grain: one row per (subject, claim_id_low, claim_id_high), at most 50 per subject.
WITH pairs AS (
    SELECT
        subject, kind, claim_id_low, claim_id_high, claimant_low, claimant_high, outlet_low,
        outlet_high, published_low, published_high, figure_text_low, figure_text_high,
        interval_low_low, interval_high_low, interval_low_high, interval_high_high, gap
    FROM conflicts
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
SELECT * EXCLUDE (gap_rank)
FROM ranked
WHERE gap_rank <= 50
ORDER BY subject, gap_rank
