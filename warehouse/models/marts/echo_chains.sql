-- Purpose: the echo chains: for every claim that others repeat, the claim itself (depth 0) and
--          every claim that repeats it, directly or through another echo, with the rule that
--          linked each and the chain written out in order of publication. A view over the
--          echo links stored in claim_reconciliation and the texts of claims and documents:
--          nothing to store at build time, and a query for one subject reads its rows.
-- Grain: one row per claim in a chain that has at least one echo (echo_root, claim_id).
-- materialized: view
WITH chain_roots AS (
    -- a chain is its root and the echoes that lead to it: counted from the echoes alone (an
    -- echo repeats a claim of its own subject, so a query for one subject groups its rows only)
    SELECT subject, echo_root, count(*) + 1 AS chain_size
    FROM claim_reconciliation
    WHERE is_echo
    GROUP BY subject, echo_root
),

members AS (
    SELECT
        r.subject, r.echo_root, r.claim_id, r.echo_of, r.echo_depth, r.echo_rule,
        r.claimant_org, r.modality, r.seq, k.chain_size
    FROM claim_reconciliation AS r
    JOIN chain_roots AS k USING (subject, echo_root)
),

chained AS NOT MATERIALIZED (
    -- the claimant as the scheme has it: the outlet itself when the figure is unattributed
    SELECT
        m.*,
        coalesce(nullif(trim(c.claimant), ''), d.outlet, 'unknown') AS claimant,
        c.claimant_type, d.outlet, d.published, c.figure_text, c.qualifier, c.doc_id
    FROM members AS m
    JOIN claims AS c USING (claim_id)
    LEFT JOIN documents AS d ON d.content_hash = c.content_hash
),

chain_text AS (
    -- the links in order of seq: a list sorted on (seq, text) and joined, because an ordered
    -- string_agg sorts every group on one thread
    SELECT
        subject,
        echo_root,
        array_to_string(
            list_transform(list_sort(list({'seq': seq, 'link': link})), x -> x.link), ' <- '
        ) AS chain
    FROM (
        SELECT
            subject,
            echo_root,
            seq,
            claimant || ' "' || figure_text || '" (' || coalesce(outlet, '?') || ', '
                || coalesce(published, '?') || ')' AS link
        FROM chained
    )
    GROUP BY subject, echo_root
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
JOIN chained AS root ON root.subject = c.subject AND root.claim_id = c.echo_root
JOIN chain_text AS t ON t.subject = c.subject AND t.echo_root = c.echo_root
