-- Purpose: one row of facts per subject, the inputs of the status rules: its key parts and
--          window, counts of claims, echoes and independent claimants, whether the claims
--          that are not echoes state one figure (one_figure) with one qualifier
--          (one_qualifier), and its best estimate.
--          The estimate chain (after the candidate rules of int_candidates): single_candidate
--          (one candidate: its value and interval); else overlap_intersection (the candidates'
--          intervals share a range: low/high = that common range, best = weighted median of
--          values clamped into it); else weighted_median_spread (no common range: best =
--          weighted median, low/high = the smallest and largest candidate value). Weights are 1
--          unless reliability is on (claimant_reliability.weight_used). claim_reconciliation
--          then marks the candidate nearest best as chosen. A subject with an independent
--          conflict shows instead the disputed range (estimate_rule disputed_range): low/high
--          the smallest and largest value of its independent disjoint pairs (best stays the
--          estimate, clamped into it), so the headline never hides a conflict.
-- Grain: one row per subject that has at least one current claim.
-- materialized: table
WITH claim_facts AS (
    SELECT
        subject, series, side_key AS side_code, category_key AS category,
        subcategory_key AS subcategory, location_norm AS location_key,
        nullif(period_key, 'undated') AS period, subject_event AS event, measure_key, window_start,
        window_end, claimant_org, root_claimant_key, is_echo, modality_rank, stated_low,
        stated_high, qualifier_key, published
    FROM int_reconciled
),

params AS (
    SELECT reliability FROM reconcile_params
),

eligible AS (
    -- the candidates left by the rules of int_candidates, with their weights
    SELECT
        i.subject, i.value, i.interval_low, i.interval_high, i.seq,
        coalesce(r.weight_used, 1.0) AS weight
    FROM int_candidates AS i
    LEFT JOIN claimant_reliability AS r USING (claimant_key)
    WHERE i.eligible
),

weighted_median AS (
    -- with reliability on, weights differ: the smallest value whose cumulative weight (by
    -- value, then seq) reaches half the subject's weight. Off, every weight is 1 and that is
    -- the lower median, which per_subject takes from quantile_disc (an aggregate, 4x cheaper
    -- than these windows on a million claims)
    SELECT subject, min(value) FILTER (WHERE cum_weight >= total_weight / 2) AS median_value
    FROM (
        SELECT
            subject,
            value,
            sum(weight) OVER (
                PARTITION BY subject ORDER BY value, seq ROWS UNBOUNDED PRECEDING
            ) AS cum_weight,
            sum(weight) OVER (PARTITION BY subject) AS total_weight
        FROM eligible
        WHERE (SELECT reliability FROM params)
    )
    GROUP BY subject
),

per_subject AS (
    SELECT
        e.subject,
        count(*) AS n_candidates,
        coalesce(any_value(w.median_value), quantile_disc(e.value, 0.5)) AS median_value,
        max(e.interval_low) AS common_low,
        min(coalesce(e.interval_high, 'infinity'::DOUBLE)) AS common_high,
        min(e.value) AS min_value,
        max(e.value) AS max_value,
        any_value(e.interval_low) AS only_low,
        any_value(e.interval_high) AS only_high
    FROM eligible AS e
    LEFT JOIN weighted_median AS w USING (subject)
    GROUP BY e.subject
),

estimates AS (
    SELECT
        subject,
        n_candidates,
        CASE
            WHEN n_candidates = 1 THEN 'single_candidate'
            WHEN common_low <= common_high THEN 'overlap_intersection'
            ELSE 'weighted_median_spread'
        END AS estimate_rule,
        CASE
            WHEN n_candidates = 1 THEN only_low
            WHEN common_low <= common_high THEN common_low
            ELSE min_value
        END AS low,
        CASE
            WHEN n_candidates = 1 THEN only_high
            WHEN common_low <= common_high THEN nullif(common_high, 'infinity'::DOUBLE)
            ELSE max_value
        END AS high,
        CASE
            WHEN n_candidates > 1 AND common_low <= common_high
                THEN greatest(common_low, least(common_high, median_value))
            ELSE median_value
        END AS best
    FROM per_subject
),

disputed AS (
    -- a conflict subject's headline is the disputed range of its independent figures, not
    -- one claimant's figure: low/high = the smallest and largest value in an independent
    -- disjoint pair (best stays the estimate, clamped into that range)
    SELECT subject, min(value) AS low, max(value) AS high
    FROM (
        SELECT subject, value_low AS value FROM conflicting_pairs WHERE kind = 'independent'
        UNION ALL
        SELECT subject, value_high FROM conflicting_pairs WHERE kind = 'independent'
    )
    GROUP BY subject
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
        any_value(measure_key) AS measure,
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
)

SELECT c.* EXCLUDE (one_figure, one_qualifier, first_published, last_published),
    i.n_independent, c.one_figure, c.one_qualifier, c.first_published, c.last_published,
    l.claimants,
    coalesce(d.low, e.low) AS low,
    CASE WHEN d.subject IS NOT NULL THEN greatest(d.low, least(d.high, e.best)) ELSE e.best END
        AS best,
    CASE WHEN d.subject IS NOT NULL THEN d.high ELSE e.high END AS high,
    CASE WHEN d.subject IS NOT NULL THEN 'disputed_range' ELSE e.estimate_rule END
        AS estimate_rule,
    e.n_candidates
FROM counted AS c
JOIN claimant_lists AS l USING (subject)
JOIN independent AS i USING (subject)
LEFT JOIN estimates AS e USING (subject)
LEFT JOIN disputed AS d USING (subject)
