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
        modality, modality_rank, is_echo, seq, series, as_of_start, echo_of, echo_rule,
        echo_root, echo_depth, root_claimant_key
    FROM int_reconciled
),

not_echo AS (
    SELECT subject, claimant_key, seq, modality_rank
    FROM claims_with_echoes
    WHERE NOT is_echo AND modality_rank < 9
),

latest AS (
    -- each claimant's latest figure for the subject (a group-by, cheaper than a window)
    SELECT
        subject,
        claimant_key,
        max(seq) AS latest_seq,
        arg_max(modality_rank, seq) AS latest_rank
    FROM not_echo
    GROUP BY subject, claimant_key
),

strongest AS (
    SELECT subject, min(latest_rank) AS best_rank
    FROM latest
    GROUP BY subject
),

ruled AS (
    SELECT
        c.*,
        CASE
            WHEN c.is_echo THEN 'echo'
            WHEN c.modality_rank >= 9 THEN 'denied'
            WHEN c.seq < n.latest_seq THEN 'superseded'
            WHEN c.modality_rank > s.best_rank THEN 'weaker_modality'
        END AS excluded_by
    FROM claims_with_echoes AS c
    LEFT JOIN latest AS n ON n.subject = c.subject AND n.claimant_key = c.claimant_key
    LEFT JOIN strongest AS s ON s.subject = c.subject
)

SELECT *, excluded_by IS NULL AND value IS NOT NULL AS eligible
FROM ruled
