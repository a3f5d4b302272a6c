-- Purpose: each subject's figures in time order, and each series (side, category, location
--          across periods) in time order, so a user reads 100,000 -> 127,000 -> 190,000.
--          Order: as_of (start of its window; the publication date when as_of is missing),
--          then publication date, then position. prev_value/change compare with the previous
--          figure of the series that is not an echo. A view: every window is partitioned by
--          series, so a query for one series computes that series only.
-- Grain: one row per current claim (claim_id).
-- materialized: view
WITH claim_texts AS (
    SELECT c.claim_id, c.as_of, c.claimant_type, c.figure_text, c.qualifier, c.modality,
        c.doc_id, d.outlet, d.published
    -- no is_current filter: claim_reconciliation holds current claims only (see subject_claims)
    FROM claims AS c
    LEFT JOIN documents AS d USING (content_hash)
),

reconciled AS (
    SELECT
        r.series, r.subject, k.period, r.claimant_org AS claimant, r.value, r.interval_low,
        r.interval_high, r.is_echo, r.echo_of, r.claim_id, r.seq, t.as_of, t.claimant_type,
        t.figure_text, t.qualifier, t.modality, t.doc_id, t.outlet, t.published,
        coalesce(r.as_of_start, try_cast(t.published AS DATE)) AS holds_from
    FROM claim_reconciliation AS r
    JOIN claim_texts AS t USING (claim_id)
    JOIN subject_facts AS k USING (subject)
),

stepped AS (
    SELECT
        r.*,
        row_number() OVER (
            PARTITION BY r.series ORDER BY r.holds_from NULLS LAST, r.published NULLS LAST, r.seq
        ) AS series_step,
        row_number() OVER (
            PARTITION BY r.series, r.subject
            ORDER BY r.holds_from NULLS LAST, r.published NULLS LAST, r.seq
        ) AS subject_step,
        lag(CASE WHEN NOT r.is_echo THEN r.value END IGNORE NULLS) OVER (
            PARTITION BY r.series ORDER BY r.holds_from NULLS LAST, r.published NULLS LAST, r.seq
        ) AS prev_value
    FROM reconciled AS r
)

SELECT
    series, series_step, subject, subject_step, period, as_of, holds_from, published, claimant,
    claimant_type, outlet, figure_text, qualifier, modality, value, prev_value,
    value - prev_value AS change, interval_low, interval_high, is_echo, echo_of, doc_id, claim_id
FROM stepped
