-- Purpose: every current claim side by side with its subject, source document, interval and
--          echo links: the table a user reads to compare figures for one subject.
-- Grain: one row per current claim (claim_id); each claim belongs to exactly one subject.
-- materialized: table
WITH claims_in_subjects AS (
    SELECT * FROM int_claim_subjects
),

echoes AS (
    SELECT * FROM int_echoes
)

SELECT
    c.subject,
    c.series,
    c.side_key AS side_code,
    c.category_key AS category,
    c.subcategory_key AS subcategory,
    c.location_norm AS location_key,
    nullif(c.period_key, 'undated') AS period,
    c.subject_event AS event,
    c.window_start,
    c.window_end,
    c.claimant,
    c.claimant_name,
    c.claimant_type,
    c.claimant_org,
    c.claimant_key,
    c.is_attributed,
    c.outlet,
    c.published,
    c.url,
    c.title,
    c.author,
    c.as_of,
    c.as_of_start,
    c.as_of_end,
    c.modality,
    c.modality_rank,
    c.figure_text,
    c.qualifier,
    c.low,
    c.high,
    c.stated_low,
    c.stated_high,
    c.value,
    c.interval_low,
    c.interval_high,
    e.is_echo,
    e.echo_of,
    e.echo_rule,
    e.echo_root,
    e.echo_depth,
    e.root_claimant_key,
    c.item,
    c.location,
    c.event AS claim_event,
    c.sentence,
    c."start",
    c."end",
    c.sentence_start,
    c.sentence_end,
    c.claim_no,
    c.doc_id,
    c.content_hash,
    c.claim_id,
    c.extracted_subject,
    c.seq
FROM claims_in_subjects AS c
JOIN echoes AS e USING (claim_id)
ORDER BY c.subject, c.seq
