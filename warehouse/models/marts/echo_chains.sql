-- Purpose: the echo chains: for every claim that others repeat, the claim itself (depth 0) and
--          every claim that repeats it, directly or through another echo, with the rule that
--          linked each and the chain written out in order of publication.
-- Grain: one row per claim in a chain that has at least one echo (echo_root, claim_id).
-- materialized: table
WITH chain_roots AS (
    SELECT echo_root, count(*) AS chain_size
    FROM int_reconciled
    GROUP BY echo_root
    HAVING count(*) > 1
),

claim_texts AS (
    SELECT claim_id, claimant_type, figure_text, qualifier
    FROM claims
    WHERE is_current
),

chained AS (
    SELECT
        m.subject, m.echo_root, m.claim_id, m.echo_of, m.echo_depth, m.echo_rule,
        m.claimant_name AS claimant, m.claimant_org, m.claimant_key, t.claimant_type, m.outlet,
        m.published, t.figure_text, t.qualifier, m.modality, m.doc_id, m.seq, r.chain_size
    FROM int_reconciled AS m
    JOIN chain_roots AS r USING (echo_root)
    JOIN claim_texts AS t USING (claim_id)
),

chain_text AS (
    SELECT
        echo_root,
        string_agg(
            claimant || ' "' || figure_text || '" (' || coalesce(outlet, '?') || ', '
                || coalesce(published, '?') || ')',
            ' <- ' ORDER BY seq
        ) AS chain
    FROM chained
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
