-- Purpose: pairs of figures for the same subject whose intervals do not overlap, with who said
--          each, where, when and in what words: conflicting_pairs (the keys, numbers and kind,
--          stored) with the texts of claims and documents. kind = independent when the two
--          trace to different claimants (this makes the subject a conflict), same_claimant when
--          one claimant's own figures disagree (a revision or a misquote).
-- Grain: one row per (subject, lower claim, higher claim) with interval_high of the lower
--        below interval_low of the higher.
-- materialized: view
WITH pairs AS (
    SELECT * FROM conflicting_pairs
)

-- the claimant as the scheme has it: the outlet itself when the figure is unattributed. Plain
-- joins on the keys (not a shared CTE of every claim's texts), so a query for one subject
-- looks up the texts of its own pairs only
SELECT
    p.subject,
    p.kind,
    p.claim_id_low,
    p.claim_id_high,
    coalesce(nullif(trim(cl.claimant), ''), dl.outlet, 'unknown') AS claimant_low,
    coalesce(nullif(trim(ch.claimant), ''), dh.outlet, 'unknown') AS claimant_high,
    dl.outlet AS outlet_low,
    dh.outlet AS outlet_high,
    dl.published AS published_low,
    dh.published AS published_high,
    cl.figure_text AS figure_text_low,
    ch.figure_text AS figure_text_high,
    cl.qualifier AS qualifier_low,
    ch.qualifier AS qualifier_high,
    cl.modality AS modality_low,
    ch.modality AS modality_high,
    p.value_low,
    p.value_high,
    p.interval_low_low,
    p.interval_high_low,
    p.interval_low_high,
    p.interval_high_high,
    p.gap
FROM pairs AS p
JOIN claims AS cl ON cl.claim_id = p.claim_id_low
LEFT JOIN documents AS dl ON dl.content_hash = cl.content_hash
JOIN claims AS ch ON ch.claim_id = p.claim_id_high
LEFT JOIN documents AS dh ON dh.content_hash = ch.content_hash
