-- Purpose: pairs of figures for the same subject whose intervals do not overlap, as keys and
--          numbers (the view conflicts adds the claimants and texts). Only claims that are not
--          echoes take part (an echo repeats its source's figure); denied figures and
--          undated figures (period undated) do not.
--          kind = independent when the two trace to different claimants (this makes the
--          subject a conflict), same_claimant when one claimant's own figures disagree (a
--          revision or a misquote, also shown as a conflict with its own rule).
-- Grain: one row per (subject, lower claim, higher claim) with interval_high of the lower
--        below interval_low of the higher.
-- materialized: table
WITH figures AS (
    SELECT
        subject, claim_id, root_claimant_key, value, interval_low,
        coalesce(interval_high, 'infinity'::DOUBLE) AS interval_top, interval_high
    FROM int_reconciled
    -- an undated figure is never set against another: nothing says they count the same
    -- moment (undated_subjects lists it beside the dated subjects it may belong to)
    -- nor is a figure whose claimant is junk (a dateline, a headline tag: a quality failure
    -- that warehouse/checks/junk_claimants.sql reports, never a source)
    WHERE NOT is_echo AND modality_rank < 9 AND period_key <> 'undated' AND NOT is_junk_claimant
),

disagreeing_subjects AS (
    -- a subject needs a pair check only when its intervals have no common point
    SELECT subject
    FROM figures
    GROUP BY subject
    HAVING max(interval_low) > min(interval_top)
),

candidates AS (
    SELECT f.*
    FROM figures AS f
    SEMI JOIN disagreeing_subjects AS d ON d.subject = f.subject
)

SELECT
    lo.subject,
    CASE
        WHEN lo.root_claimant_key <> hi.root_claimant_key THEN 'independent'
        ELSE 'same_claimant'
    END AS kind,
    lo.claim_id AS claim_id_low,
    hi.claim_id AS claim_id_high,
    lo.value AS value_low,
    hi.value AS value_high,
    lo.interval_low AS interval_low_low,
    lo.interval_high AS interval_high_low,
    hi.interval_low AS interval_low_high,
    hi.interval_high AS interval_high_high,
    hi.interval_low - lo.interval_top AS gap
FROM candidates AS lo
JOIN candidates AS hi
    ON hi.subject = lo.subject
    AND hi.interval_low > lo.interval_top
