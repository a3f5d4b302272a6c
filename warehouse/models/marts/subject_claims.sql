-- Purpose: every current claim side by side with its subject, source document, interval and
--          echo links: the table a user reads to compare figures for one subject. A view:
--          claim_reconciliation plus the texts of claims and documents, so a query for one
--          subject reads that subject's rows only.
-- Grain: one row per current claim (claim_id); each claim belongs to exactly one subject.
-- materialized: view
WITH reconciled AS (
    SELECT * FROM claim_reconciliation
),

claim_texts AS (
    SELECT
        claim_id, doc_id, content_hash, claim_no, figure_text, low, high, qualifier, claimant,
        claimant_type, modality, item, location, as_of, event, sentence, "start", "end",
        sentence_start, sentence_end, subject AS extracted_subject
    -- no is_current filter: claim_reconciliation holds current claims only, and a plain
    -- join on the primary key lets DuckDB fetch one subject's claims through the index
    FROM claims
),

subject_keys AS (
    SELECT subject, side_code, category, subcategory, location_key, period, event
    FROM subject_facts
),

document_texts AS (
    SELECT content_hash, outlet, published, url, title, author
    FROM documents
)

SELECT
    r.subject,
    r.series,
    k.side_code,
    k.category,
    k.subcategory,
    k.location_key,
    k.period,
    k.event,
    t.claimant,
    coalesce(nullif(trim(t.claimant), ''), d.outlet, 'unknown') AS claimant_name,
    t.claimant_type,
    r.claimant_org,
    lower(r.claimant_org) AS claimant_key,
    d.outlet,
    d.published,
    d.url,
    d.title,
    d.author,
    t.as_of,
    r.as_of_start,
    t.modality,
    t.figure_text,
    t.qualifier,
    t.low,
    t.high,
    coalesce(t.low, t.high) AS stated_low,
    coalesce(t.high, t.low) AS stated_high,
    r.value,
    r.interval_low,
    r.interval_high,
    r.is_echo,
    r.echo_of,
    r.echo_rule,
    r.echo_root,
    r.echo_depth,
    r.root_claimant_key,
    t.item,
    t.location,
    t.event AS claim_event,
    t.sentence,
    t."start",
    t."end",
    t.sentence_start,
    t.sentence_end,
    t.claim_no,
    t.doc_id,
    t.content_hash,
    r.claim_id,
    t.extracted_subject,
    r.seq
FROM reconciled AS r
JOIN claim_texts AS t USING (claim_id)
JOIN subject_keys AS k USING (subject)
LEFT JOIN document_texts AS d ON d.content_hash = t.content_hash
