-- Purpose: what reconciliation decided for every current claim: its subject, interval, echo
--          links and its part in the subject's best estimate (subject_facts computes the
--          estimate). The candidate nearest best (then earliest) is chosen and carries the
--          subject's estimate_rule; every other claim keeps the rule it lost by
--          (estimate_role): echo, denied, superseded, weaker_modality (int_candidates),
--          no_value, or not_nearest_best. Kept narrow so a million rows sort and store fast;
--          the views subject_claims, timeline and subject_estimates read it.
-- Grain: one row per current claim (claim_id); each claim belongs to exactly one subject.
-- materialized: table
WITH candidates AS (
    SELECT
        i.claim_id, i.subject, i.series, i.claimant_org, i.modality, i.as_of_start, i.value,
        i.interval_low, i.interval_high, i.is_echo, i.echo_of, i.echo_rule, i.echo_root,
        i.echo_depth, i.root_claimant_key, i.excluded_by, i.eligible, i.seq,
        CASE WHEN i.eligible THEN coalesce(r.weight_used, 1.0) END AS weight
    FROM int_candidates AS i
    LEFT JOIN claimant_reliability AS r USING (claimant_key)
),

estimates AS (
    SELECT subject, best, estimate_rule
    FROM subject_facts
),

nearest AS (
    SELECT
        c.subject,
        arg_min(c.claim_id, (abs(c.value - e.best), c.seq)) AS chosen_claim_id
    FROM candidates AS c
    JOIN estimates AS e USING (subject)
    WHERE c.eligible
    GROUP BY c.subject
)

SELECT
    c.claim_id,
    c.subject,
    c.series,
    c.claimant_org,
    c.modality,
    c.as_of_start,
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
        WHEN c.claim_id = n.chosen_claim_id THEN e.estimate_rule
        ELSE 'not_nearest_best'
    END AS estimate_role,
    c.seq
FROM candidates AS c
LEFT JOIN estimates AS e USING (subject)
LEFT JOIN nearest AS n USING (subject)
-- stored in subject order: a query for one subject reads one row group (zone maps)
ORDER BY c.subject, c.seq
