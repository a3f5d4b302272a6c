-- Purpose: the best estimate of every subject with every value that competed for it: each
--          claim's weight, whether it was eligible and chosen, and the rule it won or lost by
--          (rule), beside the subject's estimate_rule, n_candidates, low, best and high. The
--          rules are in claim_reconciliation, which stores them; this view names them.
-- Grain: one row per current claim (subject, claim_id).
-- materialized: view
SELECT
    subject,
    claim_id,
    claimant_org AS claimant,
    modality,
    value,
    interval_low,
    interval_high,
    weight,
    eligible,
    chosen,
    estimate_role AS rule,
    estimate_rule,
    n_candidates,
    low,
    best,
    high
FROM claim_reconciliation
