-- Purpose: the echo chains: for every claim that others repeat, the claim itself (depth 0) and
--          every claim that repeats it, directly or through another echo, with the rule that
--          linked each and the chain written out in order of publication.
-- Grain: one row per claim in a chain that has at least one echo (echo_root, claim_id).
-- materialized: table
WITH members AS (
    SELECT
        subject, echo_root, claim_id, echo_of, echo_depth, echo_rule, claimant_name AS claimant,
        claimant_org, claimant_key,
        claimant_type, outlet, published, figure_text, qualifier, modality, doc_id, seq
    FROM subject_claims
),

chain_roots AS (
    SELECT echo_root, count(*) AS chain_size
    FROM members
    GROUP BY echo_root
    HAVING count(*) > 1
),

chained AS (
    SELECT m.*, r.chain_size
    FROM members AS m
    JOIN chain_roots AS r USING (echo_root)
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
JOIN members AS root ON root.claim_id = c.echo_root
JOIN chain_text AS t ON t.echo_root = c.echo_root
ORDER BY c.subject, c.echo_root, c.seq
