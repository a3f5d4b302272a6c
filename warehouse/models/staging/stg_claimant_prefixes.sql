-- Purpose: the organization a claimant speaks for, read from the claimant names themselves: a
--          name that starts with another claimant's name and a space belongs to the shortest
--          such name ("NATO Secretary-General Jens Stoltenberg" -> "NATO"). The claimants
--          lexicon (table claimant_affiliations) overrides this in stg_claims.
-- Grain: one row per lower-cased claimant name that starts with another claimant's name.
-- materialized: temp
WITH names AS (
    SELECT DISTINCT
        coalesce(nullif(trim(claimant), ''), 'unknown') AS claimant_name,
        lower(coalesce(nullif(trim(claimant), ''), 'unknown')) AS claimant_lc
    FROM claims
    WHERE is_current
),

keyed AS (
    SELECT
        claimant_name,
        claimant_lc,
        split_part(claimant_lc, ' ', 1) AS first_word
    FROM names
),

prefix_matches AS (
    -- the join on the first word keeps this a hash join, not a comparison of every pair
    SELECT
        longer.claimant_lc,
        shorter.claimant_name AS organization,
        length(shorter.claimant_lc) AS prefix_length
    FROM keyed AS longer
    JOIN keyed AS shorter
        ON longer.first_word = shorter.first_word
        AND length(longer.claimant_lc) > length(shorter.claimant_lc)
        AND starts_with(longer.claimant_lc, shorter.claimant_lc || ' ')
)

SELECT
    claimant_lc,
    arg_min(organization, (prefix_length, organization)) AS organization
FROM prefix_matches
GROUP BY claimant_lc
