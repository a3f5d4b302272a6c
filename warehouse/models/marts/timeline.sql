-- Purpose: each subject's figures in time order, and each series (side, category, location
--          across periods) in time order, so a user reads 100,000 -> 127,000 -> 190,000.
--          Order: as_of (start of its window; the publication date when as_of is missing),
--          then publication date, then position. prev_value/change compare with the previous
--          figure of the series that is not an echo.
-- Grain: one row per current claim (claim_id).
-- materialized: table
WITH ordered AS (
    SELECT
        series, subject, period, as_of, as_of_start, published, claimant_org AS claimant,
        claimant_type, outlet, figure_text, qualifier, modality, value, interval_low,
        interval_high, is_echo, echo_of, doc_id, claim_id, seq,
        coalesce(as_of_start, try_cast(published AS DATE)) AS holds_from
    FROM subject_claims
),

stepped AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY series ORDER BY holds_from NULLS LAST, published NULLS LAST, seq
        ) AS series_step,
        row_number() OVER (
            PARTITION BY subject ORDER BY holds_from NULLS LAST, published NULLS LAST, seq
        ) AS subject_step,
        lag(CASE WHEN NOT is_echo THEN value END IGNORE NULLS) OVER (
            PARTITION BY series ORDER BY holds_from NULLS LAST, published NULLS LAST, seq
        ) AS prev_value
    FROM ordered
)

SELECT
    series, series_step, subject, subject_step, period, as_of, holds_from, published, claimant,
    claimant_type, outlet, figure_text, qualifier, modality, value, prev_value,
    value - prev_value AS change, interval_low, interval_high, is_echo, echo_of, doc_id, claim_id
FROM stepped
ORDER BY series, series_step
