-- Purpose: which claims only repeat another one (echoes), the claim each repeats and the root
--          of its chain. Rule 1 same_claimant_repeat: the same claimant (organization) stating
--          the same figure for the same subject again, in any outlet, echoes its first
--          statement. Rule 2 unattributed_repeat: an unattributed figure equal to an
--          attributed one for the same subject that was published earlier (or stated earlier in
--          the same document) echoes the earliest such attributed claim. Every link points to a
--          claim earlier in stg_claims.seq, so chains cannot loop.
--          The result is every current claim with its subject and echo links in one row: what
--          the marts compute from (kept in memory while the models build).
-- Grain: one row per current claim (claim_id).
-- materialized: temp
WITH base AS (
    SELECT
        claim_id, subject, claimant_key, is_attributed, stated_low, stated_high, doc_id,
        "start", published_date, seq
    FROM int_claim_subjects
),

same_claimant AS (
    SELECT
        claim_id,
        first_value(claim_id) OVER (
            PARTITION BY subject, claimant_key, stated_low, stated_high ORDER BY seq
        ) AS first_claim_id
    FROM base
),

first_attributed AS (
    SELECT
        subject, stated_low, stated_high,
        arg_min(claim_id, seq) AS source_id,
        arg_min(published_date, seq) AS source_published
    FROM base
    WHERE is_attributed
    GROUP BY subject, stated_low, stated_high
),

first_attributed_in_doc AS (
    SELECT
        subject, stated_low, stated_high, doc_id,
        arg_min(claim_id, seq) AS source_id,
        min("start") AS source_start
    FROM base
    WHERE is_attributed
    GROUP BY subject, stated_low, stated_high, doc_id
),

links AS (
    SELECT
        b.claim_id,
        b.claimant_key,
        CASE
            WHEN s.first_claim_id <> b.claim_id THEN s.first_claim_id
            WHEN NOT b.is_attributed AND fa.source_published < b.published_date
                THEN fa.source_id
            WHEN NOT b.is_attributed AND fd.source_start < b."start" THEN fd.source_id
        END AS echo_of,
        CASE
            WHEN s.first_claim_id <> b.claim_id THEN 'same_claimant_repeat'
            WHEN NOT b.is_attributed AND fa.source_published < b.published_date
                THEN 'unattributed_repeat'
            WHEN NOT b.is_attributed AND fd.source_start < b."start" THEN 'unattributed_repeat'
        END AS echo_rule
    FROM base AS b
    JOIN same_claimant AS s USING (claim_id)
    LEFT JOIN first_attributed AS fa
        ON fa.subject = b.subject
        AND fa.stated_low IS NOT DISTINCT FROM b.stated_low
        AND fa.stated_high IS NOT DISTINCT FROM b.stated_high
    LEFT JOIN first_attributed_in_doc AS fd
        ON fd.subject = b.subject
        AND fd.doc_id = b.doc_id
        AND fd.stated_low IS NOT DISTINCT FROM b.stated_low
        AND fd.stated_high IS NOT DISTINCT FROM b.stated_high
),

chains AS (
    -- walk down from each root (a claim that echoes nothing) to the claims that repeat it,
    -- carrying the root and its claimant along
    WITH RECURSIVE walk(claim_id, echo_of, echo_rule, echo_root, root_claimant_key, depth) AS (
        SELECT claim_id, echo_of, echo_rule, claim_id, claimant_key, 0
        FROM links
        WHERE echo_of IS NULL
        UNION ALL
        SELECT l.claim_id, l.echo_of, l.echo_rule, w.echo_root, w.root_claimant_key, w.depth + 1
        FROM links AS l
        JOIN walk AS w ON l.echo_of = w.claim_id
    )
    SELECT * FROM walk
)

SELECT
    s.*,
    c.echo_of IS NOT NULL AS is_echo,
    c.echo_of,
    c.echo_rule,
    c.echo_root,
    c.depth AS echo_depth,
    c.root_claimant_key
FROM chains AS c
JOIN int_claim_subjects AS s USING (claim_id)
