-- Purpose: every undated subject (neither the text nor the publication date fixes when its
--          figures hold; status undated, never compared) beside the dated subjects it may
--          belong to: same side, category, location and measure (the same series), any
--          period. A reader sees the undated figures next to the dated ones, marked, and no
--          conflict is made from them.
-- Grain: one row per (undated_subject, dated_subject); an undated subject with no dated
--        subject of its series has one row with dated_subject NULL.
-- materialized: view
WITH undated AS (
    SELECT subject, series, n_claims, claimants, low, best, high
    FROM subject_facts
    WHERE period IS NULL
),

dated AS (
    SELECT subject, series, period, n_claims, low, best, high
    FROM subject_facts
    WHERE period IS NOT NULL
)

SELECT
    u.subject AS undated_subject,
    d.subject AS dated_subject,
    u.series,
    d.period AS dated_period,
    u.n_claims AS undated_claims,
    u.claimants AS undated_claimants,
    u.low AS undated_low,
    u.high AS undated_high,
    d.n_claims AS dated_claims,
    d.low AS dated_low,
    d.best AS dated_best,
    d.high AS dated_high
FROM undated AS u
LEFT JOIN dated AS d USING (series)
