-- Purpose: every current claim with its subject and its echo links (int_echoes) in one row:
--          what the marts compute from (kept in memory while the models build). A claim that
--          echoes nothing is the root of its own chain (echo_root = itself, depth 0).
--          Only the columns the marts read are carried (a narrower temp table copies faster).
-- Grain: one row per current claim (claim_id).
-- materialized: temp_view
SELECT
    c.claim_id,
    c.doc_id,
    c.qualifier_key,
    c.modality,
    c.modality_rank,
    c.outlet,
    c.published,
    c.side_key,
    c.category_key,
    c.subcategory_key,
    c.location_norm,
    c.period_key,
    c.measure_key,
    c.claimant_name,
    c.claimant_org,
    c.claimant_key,
    c.is_junk_claimant,
    c.as_of_start,
    c.stated_low,
    c.stated_high,
    c.interval_low,
    c.interval_high,
    c.value,
    c.seq,
    s.series,
    s.subject,
    s.subject_event,
    s.window_start,
    s.window_end,
    e.seq IS NOT NULL AS is_echo,
    e.echo_of,
    e.echo_rule,
    coalesce(e.echo_root, c.claim_id) AS echo_root,
    coalesce(e.echo_depth, 0) AS echo_depth,
    coalesce(e.root_claimant_key, c.claimant_key) AS root_claimant_key
FROM stg_claims AS c
JOIN int_claim_subjects AS s USING (seq)
LEFT JOIN int_echoes AS e USING (seq)
