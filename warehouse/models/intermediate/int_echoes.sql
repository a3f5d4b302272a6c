-- Purpose: the echo rules. Rule 1 same_claimant_repeat: the same claimant (organization)
--          stating the same figure for the same subject again, in any outlet, echoes its first
--          statement. Rule 2 unattributed_repeat: an unattributed figure equal to an attributed
--          one for the same subject that was published earlier (or stated earlier in the same
--          document) echoes the earliest such attributed claim. Every link points to a claim
--          earlier in stg_claims.seq, so chains cannot loop; the root of a chain is the claim
--          it reaches that echoes nothing.
--          Speed: the rules run on narrow rows keyed by seq (an integer id; group-bys joined
--          back rather than windows), the chain walk goes up from the echoes only, and the
--          result is a small table of the echoes alone, so int_reconciled joins it to the
--          claims with the small side as the hash table.
-- Grain: one row per current claim that echoes another (seq).
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
    SELECT seq, echo_of_seq, echo_rule
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
),

claim_keys AS (
    SELECT seq, claim_id, claimant_key
    FROM stg_claims
)

SELECT
    e.seq,
    e.echo_rule,
    parent.claim_id AS echo_of,
    root.claim_id AS echo_root,
    w.depth AS echo_depth,
    root.claimant_key AS root_claimant_key
FROM echo_links AS e
JOIN chains AS w USING (seq)
JOIN claim_keys AS parent ON parent.seq = e.echo_of_seq
JOIN claim_keys AS root ON root.seq = w.root_seq

