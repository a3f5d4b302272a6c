-- Purpose: one row of facts per subject, the inputs of the status rules: its key parts and
--          window, counts of claims, echoes and independent claimants, whether its figures
--          are all one figure, and its best estimate.
-- Grain: one row per subject that has at least one current claim.
-- materialized: table
WITH claim_facts AS (
    SELECT
        subject, series, side_code, category, subcategory, location_key, period, event,
        window_start, window_end, claimant_org, root_claimant_key, is_echo, modality_rank,
        stated_low, stated_high, qualifier, published
    FROM subject_claims
),

counted AS (
    SELECT
        subject,
        any_value(series) AS series,
        any_value(side_code) AS side_code,
        any_value(category) AS category,
        any_value(subcategory) AS subcategory,
        any_value(location_key) AS location_key,
        any_value(period) AS period,
        any_value(event) AS event,
        any_value(window_start) AS window_start,
        any_value(window_end) AS window_end,
        count(*) AS n_claims,
        count(*) FILTER (WHERE is_echo) AS n_echoes,
        count(DISTINCT root_claimant_key) AS n_independent,
        count(DISTINCT (stated_low, stated_high)) FILTER (
            WHERE NOT is_echo AND modality_rank < 9
        ) AS n_figures,
        count(DISTINCT coalesce(qualifier, 'exact')) FILTER (
            WHERE NOT is_echo AND modality_rank < 9
        ) AS n_qualifiers,
        string_agg(DISTINCT claimant_org, '; ' ORDER BY claimant_org) AS claimants,
        min(published) AS first_published,
        max(published) AS last_published
    FROM claim_facts
    GROUP BY subject
),

estimates AS (
    SELECT subject, any_value(low) AS low, any_value(best) AS best, any_value(high) AS high,
        any_value(estimate_rule) AS estimate_rule, any_value(n_candidates) AS n_candidates
    FROM subject_estimates
    GROUP BY subject
)

SELECT c.*, e.low, e.best, e.high, e.estimate_rule, e.n_candidates
FROM counted AS c
LEFT JOIN estimates AS e USING (subject)
