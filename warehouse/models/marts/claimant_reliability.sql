-- Purpose: how far each claimant's figures sit from the consensus of the subjects it shares
--          with other independent claimants: an iteratively reweighted median (three rounds).
--          Round k: the consensus of a subject is the weighted median of its candidates'
--          values; a claimant's error is its mean relative distance from those consensus
--          values, shrunk toward a prior of 0.10 by one pseudo-observation; its next weight is
--          1 / (0.05 + error). Computed only when reliability is switched on
--          (FORCERECON_RELIABILITY=1); otherwise every claimant keeps the prior (error 0.10)
--          and weight_used is 1.0.
-- Grain: one row per claimant_key that has at least one candidate.
-- materialized: table
WITH params AS (
    SELECT reliability FROM reconcile_params
),

candidates AS (
    SELECT subject, claimant_key, claimant_org, value
    FROM int_candidates
    WHERE eligible
),

shared AS (
    SELECT subject
    FROM candidates
    WHERE (SELECT reliability FROM params)
    GROUP BY subject
    HAVING count(*) >= 2
),

observations AS (
    -- computed only when reliability is on: the rounds cost seconds on a million claims
    SELECT c.subject, c.claimant_key, c.value
    FROM candidates AS c
    SEMI JOIN shared AS s ON s.subject = c.subject
    WHERE (SELECT reliability FROM params)
),

claimants AS (
    SELECT claimant_key, min(claimant_org) AS claimant, count(*) AS n_candidates
    FROM candidates
    GROUP BY claimant_key
),

-- round 1: every claimant weighs 1
cum_1 AS (
    SELECT
        subject, value,
        sum(1.0) OVER (PARTITION BY subject ORDER BY value, claimant_key ROWS UNBOUNDED PRECEDING)
            AS cum,
        sum(1.0) OVER (PARTITION BY subject) AS total
    FROM observations
),

median_1 AS (
    SELECT subject, min(value) FILTER (WHERE cum >= total / 2) AS consensus
    FROM cum_1
    GROUP BY subject
),

weight_1 AS (
    SELECT
        o.claimant_key,
        1.0 / (0.05 + (sum(abs(o.value - m.consensus) / greatest(abs(m.consensus), 1.0)) + 0.10)
            / (count(*) + 1)) AS weight
    FROM observations AS o
    JOIN median_1 AS m USING (subject)
    GROUP BY o.claimant_key
),

-- round 2
weighted_2 AS (
    SELECT o.*, coalesce(w.weight, 1.0 / 0.15) AS weight
    FROM observations AS o
    LEFT JOIN weight_1 AS w USING (claimant_key)
),

cum_2 AS (
    SELECT
        subject, value,
        sum(weight) OVER (PARTITION BY subject ORDER BY value, claimant_key ROWS UNBOUNDED PRECEDING)
            AS cum,
        sum(weight) OVER (PARTITION BY subject) AS total
    FROM weighted_2
),

median_2 AS (
    SELECT subject, min(value) FILTER (WHERE cum >= total / 2) AS consensus
    FROM cum_2
    GROUP BY subject
),

weight_2 AS (
    SELECT
        o.claimant_key,
        1.0 / (0.05 + (sum(abs(o.value - m.consensus) / greatest(abs(m.consensus), 1.0)) + 0.10)
            / (count(*) + 1)) AS weight
    FROM observations AS o
    JOIN median_2 AS m USING (subject)
    GROUP BY o.claimant_key
),

-- round 3
weighted_3 AS (
    SELECT o.*, coalesce(w.weight, 1.0 / 0.15) AS weight
    FROM observations AS o
    LEFT JOIN weight_2 AS w USING (claimant_key)
),

cum_3 AS (
    SELECT
        subject, value,
        sum(weight) OVER (PARTITION BY subject ORDER BY value, claimant_key ROWS UNBOUNDED PRECEDING)
            AS cum,
        sum(weight) OVER (PARTITION BY subject) AS total
    FROM weighted_3
),

median_3 AS (
    SELECT subject, min(value) FILTER (WHERE cum >= total / 2) AS consensus
    FROM cum_3
    GROUP BY subject
),

error_3 AS (
    SELECT
        o.claimant_key,
        count(*) AS n_shared_subjects,
        (sum(abs(o.value - m.consensus) / greatest(abs(m.consensus), 1.0)) + 0.10)
            / (count(*) + 1) AS error
    FROM observations AS o
    JOIN median_3 AS m USING (subject)
    GROUP BY o.claimant_key
)

SELECT
    c.claimant_key,
    c.claimant,
    c.n_candidates,
    coalesce(e.n_shared_subjects, 0) AS n_shared_subjects,
    coalesce(e.error, 0.10) AS error,
    1.0 / (0.05 + coalesce(e.error, 0.10)) AS weight,
    CASE WHEN p.reliability THEN 1.0 / (0.05 + coalesce(e.error, 0.10)) ELSE 1.0 END
        AS weight_used
FROM claimants AS c
LEFT JOIN error_3 AS e USING (claimant_key)
CROSS JOIN params AS p
