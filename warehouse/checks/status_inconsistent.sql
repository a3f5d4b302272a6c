-- Purpose: subjects whose status contradicts the facts behind it: an unknown status, a
--          conflict without a disjoint pair (or a disjoint pair without conflict), more
--          independent claimants than claims, or a claim count that disagrees with
--          subject_claims.
-- Grain: one row per offending subject.
WITH pairs AS (
    SELECT subject, count(*) AS n_pairs FROM conflicts GROUP BY subject
),

claim_counts AS (
    SELECT subject, count(*) AS n_rows FROM subject_claims GROUP BY subject
)

SELECT s.subject, s.status, s.rule, s.n_claims, s.n_independent, p.n_pairs, c.n_rows
FROM subject_summary AS s
LEFT JOIN pairs AS p USING (subject)
LEFT JOIN claim_counts AS c USING (subject)
WHERE s.status NOT IN (
    'agree', 'conflict', 'qualifier_only', 'scope', 'single_source', 'undated'
)
    OR (s.status = 'conflict') <> (coalesce(p.n_pairs, 0) > 0)
    OR s.n_independent > s.n_claims
    OR s.n_independent < 1
    OR s.n_claims <> coalesce(c.n_rows, 0)
