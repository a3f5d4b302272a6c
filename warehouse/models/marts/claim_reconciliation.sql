-- Purpose: what reconciliation decided for every current claim: its subject, interval and echo
--          links, and its part in the subject's best estimate. After the candidate rules of
--          int_candidates (echo, denied, superseded, weaker_modality), the estimate chain is:
--          single_candidate (one candidate: its value and interval); else
--          overlap_intersection (the candidates' intervals share a range: low/high = that
--          common range, best = weighted median of values clamped into it); else
--          weighted_median_spread (no common range: best = weighted median, low/high = the
--          smallest and largest candidate value). Weights are 1 unless reliability is on
--          (claimant_reliability.weight_used). The candidate whose value is nearest best is
--          chosen; every other claim keeps the rule it lost by (estimate_role). The subject's
--          estimate (estimate_rule, n_candidates, low, best, high) is repeated on its claims:
--          stored in subject order it costs next to nothing. Kept narrow so a million rows
--          store fast; the views subject_claims, timeline and subject_estimates read it.
-- Grain: one row per current claim (claim_id); each claim belongs to exactly one subject.
-- materialized: table
WITH params AS (
    SELECT reliability FROM reconcile_params
),

candidates AS (
    SELECT
        i.*,
        CASE WHEN i.eligible THEN coalesce(r.weight_used, 1.0) END AS weight
    FROM int_candidates AS i
    LEFT JOIN claimant_reliability AS r USING (claimant_key)
),

eligible AS (
    SELECT subject, claim_id, value, interval_low, interval_high, weight, seq
    FROM candidates
    WHERE eligible
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

decided AS (
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

nearest AS (
    SELECT
        e.subject,
        arg_min(e.claim_id, (abs(e.value - d.best), e.seq)) AS chosen_claim_id
    FROM eligible AS e
    JOIN decided AS d USING (subject)
    GROUP BY e.subject
)

SELECT
    c.claim_id,
    c.subject,
    c.series,
    c.claimant_org,
    c.modality,
    c.as_of_start,
    c.stated_low,
    c.stated_high,
    c.value,
    c.interval_low,
    c.interval_high,
    c.is_echo,
    c.echo_of,
    c.echo_rule,
    c.echo_root,
    c.echo_depth,
    c.root_claimant_key,
    c.weight,
    c.eligible,
    coalesce(c.claim_id = n.chosen_claim_id, FALSE) AS chosen,
    CASE
        WHEN NOT c.eligible THEN coalesce(c.excluded_by, 'no_value')
        WHEN c.claim_id = n.chosen_claim_id THEN d.estimate_rule
        ELSE 'not_nearest_best'
    END AS estimate_role,
    d.estimate_rule,
    d.n_candidates,
    d.low,
    d.best,
    d.high,
    c.seq
FROM candidates AS c
LEFT JOIN decided AS d USING (subject)
LEFT JOIN nearest AS n USING (subject)
-- stored in subject order: a query for one subject reads one row group (zone maps)
ORDER BY c.subject, c.seq
