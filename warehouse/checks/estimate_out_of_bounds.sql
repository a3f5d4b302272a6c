-- Purpose: subjects whose best estimate lies outside [low, high], or that have candidates but
--          not exactly one chosen value.
-- Grain: one row per offending subject.
WITH chosen AS (
    SELECT
        subject,
        count(*) FILTER (WHERE chosen) AS n_chosen,
        count(*) FILTER (WHERE eligible) AS n_eligible
    FROM subject_estimates
    GROUP BY subject
)

SELECT s.subject, s.low, s.best, s.high, c.n_chosen, c.n_eligible
FROM subject_summary AS s
JOIN chosen AS c USING (subject)
WHERE (c.n_eligible > 0 AND c.n_chosen <> 1)
    OR (c.n_eligible = 0 AND c.n_chosen <> 0)
    OR s.best < s.low
    OR s.best > s.high
