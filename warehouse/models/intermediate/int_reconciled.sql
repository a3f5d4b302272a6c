-- Purpose: which claims only repeat another one (echoes), the claim each repeats and the root
--          of its chain. Rule 1 same_claimant_repeat: the same claimant (organization) stating
--          the same figure for the same subject again, in any outlet, echoes its first
--          statement. Rule 2 unattributed_repeat: an unattributed figure equal to an
--          attributed one for the same subject that was published earlier (or stated earlier in
--          the same document) echoes the earliest such attributed claim. Every link points to a
--          claim earlier in stg_claims.seq, so chains cannot loop.
--          The result is every current claim with its subject and echo links in one row: what
--          the marts compute from (kept in memory while the models build).
--          Speed: the rules run on narrow rows keyed by seq (an integer; group-bys joined back
--          rather than windows), the chain walk goes up from the echoes only, and claim ids are
--          joined back once at the end.
-- Grain: one row per current claim (claim_id).
-- materialized: temp
WITH base AS (
    SELECT
        c.seq, s.subject, c.claimant_key, c.is_attributed, c.stated_low, c.stated_high,
        c.doc_id, c."start", c.published_date
    FROM stg_claims AS c
    JOIN int_claim_subjects AS s USING (seq)
),

first_by_claimant AS (
    -- the first statement of each claimant, subject and figure
    SELECT subject, claimant_key, stated_low, stated_high, min(seq) AS first_seq
    FROM base
    GROUP BY subject, claimant_key, stated_low, stated_high
),

first_attributed AS (
    SELECT
        subject, stated_low, stated_high,
        min(seq) AS source_seq,
        arg_min(published_date, seq) AS source_published
    FROM base
    WHERE is_attributed
    GROUP BY subject, stated_low, stated_high
),

first_attributed_in_doc AS (
    SELECT
        subject, stated_low, stated_high, doc_id,
        min(seq) AS source_seq,
        min("start") AS source_start
    FROM base
    WHERE is_attributed
    GROUP BY subject, stated_low, stated_high, doc_id
),

links AS (
    SELECT
        b.seq,
        CASE
            WHEN s.first_seq <> b.seq THEN s.first_seq
            WHEN NOT b.is_attributed AND fa.source_published < b.published_date
                THEN fa.source_seq
            WHEN NOT b.is_attributed AND fd.source_start < b."start" THEN fd.source_seq
        END AS echo_of_seq,
        CASE
            WHEN s.first_seq <> b.seq THEN 'same_claimant_repeat'
            WHEN NOT b.is_attributed AND fa.source_published < b.published_date
                THEN 'unattributed_repeat'
            WHEN NOT b.is_attributed AND fd.source_start < b."start" THEN 'unattributed_repeat'
        END AS echo_rule
    FROM base AS b
    JOIN first_by_claimant AS s
        ON s.subject = b.subject
        AND s.claimant_key = b.claimant_key
        AND s.stated_low IS NOT DISTINCT FROM b.stated_low
        AND s.stated_high IS NOT DISTINCT FROM b.stated_high
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

echo_links AS (
    SELECT seq, echo_of_seq
    FROM links
    WHERE echo_of_seq IS NOT NULL
),

chains AS (
    -- walk up from each echo to the claim it repeats, and on while that one is an echo too;
    -- the last step reached is the root (a claim that echoes nothing), its depth the echo's
    WITH RECURSIVE walk(seq, ancestor_seq, depth) AS (
        SELECT seq, echo_of_seq, 1
        FROM echo_links
        UNION ALL
        SELECT w.seq, e.echo_of_seq, w.depth + 1
        FROM walk AS w
        JOIN echo_links AS e ON e.seq = w.ancestor_seq
    )
    SELECT seq, arg_max(ancestor_seq, depth) AS root_seq, max(depth) AS depth
    FROM walk
    GROUP BY seq
)

SELECT
    c.*,
    s.series,
    s.subject,
    s.subject_event,
    s.window_start,
    s.window_end,
    l.echo_of_seq IS NOT NULL AS is_echo,
    parent.claim_id AS echo_of,
    l.echo_rule,
    coalesce(root.claim_id, c.claim_id) AS echo_root,
    coalesce(w.depth, 0) AS echo_depth,
    coalesce(root.claimant_key, c.claimant_key) AS root_claimant_key
FROM stg_claims AS c
JOIN int_claim_subjects AS s USING (seq)
JOIN links AS l USING (seq)
LEFT JOIN chains AS w USING (seq)
LEFT JOIN stg_claims AS parent ON parent.seq = l.echo_of_seq
LEFT JOIN stg_claims AS root ON root.seq = w.root_seq
