-- Purpose: the best estimate of every subject with every value that competed for it: each
--          claim's weight, whether it was eligible and chosen, and the rule it won or lost by
--          (rule), beside the subject's estimate_rule, n_candidates, low, best and high. The
--          decisions are stored in claim_reconciliation and subject_facts; this view puts
--          them side by side.
-- Grain: one row per current claim (subject, claim_id).
-- materialized: view
SELECT
    r.subject,
    r.claim_id,
    r.claimant_org AS claimant,
    r.modality,
    r.value,
    r.interval_low,
    r.interval_high,
    r.weight,
    r.eligible,
    r.chosen,
    r.estimate_role AS rule,
    f.estimate_rule,
    f.n_candidates,
    f.low,
    f.best,
    f.high
FROM claim_reconciliation AS r
JOIN subject_facts AS f USING (subject)
