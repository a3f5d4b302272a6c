-- Purpose: the echo chains: for every claim that others repeat, the claim itself (depth 0) and
--          every claim that repeats it, directly or through another echo, with the rule that
--          linked each and the chain written out in order of publication.
-- Grain: one row per claim in a chain that has at least one echo (echo_root, claim_id).
-- materialized: table
WITH chain_roots AS (
    -- a chain is its root and the echoes that lead to it: counted from the echoes alone
    SELECT echo_root, count(*) + 1 AS chain_size
    FROM int_reconciled
    WHERE is_echo
    GROUP BY echo_root
),

claim_texts AS (
    SELECT claim_id, claimant_type, figure_text, qualifier
    FROM claims
    WHERE is_current
),

members AS MATERIALIZED (
    -- the claims of chains first (a tenth of all claims, or fewer): the texts are then looked
    -- up for these alone instead of for every claim
    SELECT
        m.subject, m.echo_root, m.claim_id, m.echo_of, m.echo_depth, m.echo_rule,
        m.claimant_name AS claimant, m.claimant_org, m.claimant_key, m.outlet, m.published,
        m.modality, m.doc_id, m.seq, r.chain_size
    FROM int_reconciled AS m
    JOIN chain_roots AS r USING (echo_root)
),

chained AS (
    SELECT
        m.subject, m.echo_root, m.claim_id, m.echo_of, m.echo_depth, m.echo_rule, m.claimant,
        m.claimant_org, m.claimant_key, t.claimant_type, m.outlet, m.published, t.figure_text,
        t.qualifier, m.modality, m.doc_id, m.seq, m.chain_size
    FROM members AS m
    JOIN claim_texts AS t USING (claim_id)
),

chain_text AS (
    -- the links in order of seq: a list sorted on (seq, text) and joined, because an ordered
    -- string_agg sorts every group on one thread
    SELECT
        echo_root,
        array_to_string(
            list_transform(list_sort(list({'seq': seq, 'link': link})), x -> x.link), ' <- '
        ) AS chain
    FROM (
        SELECT
            echo_root,
            seq,
            claimant || ' "' || figure_text || '" (' || coalesce(outlet, '?') || ', '
                || coalesce(published, '?') || ')' AS link
        FROM chained
    )
    GROUP BY echo_root
)

SELECT
    c.subject,
    c.echo_root,
    root.claimant_org AS root_claimant,
    root.claimant AS root_claimant_name,
    root.outlet AS root_outlet,
    root.published AS root_published,
    root.figure_text AS root_figure_text,
    c.chain_size,
    c.echo_depth,
    c.claim_id,
    c.echo_of,
    c.echo_rule,
    c.claimant,
    c.claimant_type,
    c.outlet,
    c.published,
    c.figure_text,
    c.qualifier,
    c.modality,
    c.doc_id,
    t.chain
FROM chained AS c
JOIN chained AS root ON root.claim_id = c.echo_root
JOIN chain_text AS t ON t.echo_root = c.echo_root
