-- Purpose: one row of facts per subject, the inputs of the status rules: its key parts and
--          window, counts of claims, echoes and independent claimants, whether the claims
--          that are not echoes state one figure (one_figure) with one qualifier
--          (one_qualifier), and its best estimate.
-- Grain: one row per subject that has at least one current claim.
-- materialized: table
WITH claim_facts AS (
    SELECT
        subject, series, side_key AS side_code, category_key AS category,
        subcategory_key AS subcategory, location_norm AS location_key,
        nullif(period_key, 'undated') AS period, subject_event AS event, window_start,
        window_end, claimant_org, root_claimant_key, is_echo, modality_rank, stated_low,
        stated_high, qualifier_key, published
    FROM int_reconciled
),

claimant_lists AS (
    -- the distinct organizations in order, joined by '; ' (a sorted list: an ordered
    -- string_agg runs on one thread)
    SELECT subject, array_to_string(list_sort(list(claimant_org)), '; ') AS claimants
    FROM (SELECT DISTINCT subject, claimant_org FROM claim_facts)
    GROUP BY subject
),

independent AS (
    -- distinct chain roots' claimants per subject (a DISTINCT aggregate runs on one thread)
    SELECT subject, count(*) AS n_independent
    FROM (SELECT DISTINCT subject, root_claimant_key FROM claim_facts)
    GROUP BY subject
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
        -- the figures and qualifiers of claims that are not echoes and not denied
        coalesce(
            min(stated_low) FILTER (WHERE NOT is_echo AND modality_rank < 9)
                = max(stated_low) FILTER (WHERE NOT is_echo AND modality_rank < 9)
            AND min(stated_high) FILTER (WHERE NOT is_echo AND modality_rank < 9)
                = max(stated_high) FILTER (WHERE NOT is_echo AND modality_rank < 9),
            FALSE
        ) AS one_figure,
        coalesce(
            min(qualifier_key) FILTER (WHERE NOT is_echo AND modality_rank < 9)
                = max(qualifier_key) FILTER (WHERE NOT is_echo AND modality_rank < 9),
            FALSE
        ) AS one_qualifier,
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

SELECT c.* EXCLUDE (one_figure, one_qualifier, first_published, last_published),
    i.n_independent, c.one_figure, c.one_qualifier, c.first_published, c.last_published,
    l.claimants, e.low, e.best, e.high, e.estimate_rule, e.n_candidates
FROM counted AS c
JOIN claimant_lists AS l USING (subject)
JOIN independent AS i USING (subject)
LEFT JOIN estimates AS e USING (subject)
