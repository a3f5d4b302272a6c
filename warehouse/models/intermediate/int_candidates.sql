-- Purpose: the first rules of the best-estimate chain, applied to every claim of a subject:
--          which claims stand as candidates (one per independent claimant) and why each other
--          claim does not. Rules, in order: echo (counted through the claim it repeats),
--          denied (the claimant denies the figure), superseded (the same claimant stated
--          another figure for this subject later), weaker_modality (the subject has reported or
--          estimated figures, so planned and speculative ones give way; only claims of the
--          strongest modality present stay).
-- Grain: one row per current claim (claim_id).
-- materialized: temp
WITH claims_with_echoes AS (
    SELECT
        subject, claim_id, claimant_key, claimant_org, value, interval_low, interval_high,
        modality, modality_rank, is_echo, seq
    FROM int_reconciled
),

not_echo AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY subject, claimant_key ORDER BY seq DESC
        ) AS recency
    FROM claims_with_echoes
    WHERE NOT is_echo AND modality_rank < 9
),

strongest AS (
    SELECT subject, min(modality_rank) AS best_rank
    FROM not_echo
    WHERE recency = 1
    GROUP BY subject
),

ruled AS (
    SELECT
        c.*,
        CASE
            WHEN c.is_echo THEN 'echo'
            WHEN c.modality_rank >= 9 THEN 'denied'
            WHEN n.recency > 1 THEN 'superseded'
            WHEN c.modality_rank > s.best_rank THEN 'weaker_modality'
        END AS excluded_by
    FROM claims_with_echoes AS c
    LEFT JOIN not_echo AS n USING (claim_id)
    LEFT JOIN strongest AS s ON s.subject = c.subject
)

SELECT *, excluded_by IS NULL AND value IS NOT NULL AS eligible
FROM ruled
