-- Purpose: the figures of every subject side by side (subject_claims carries the claim, its
--          source document, interval and echo links), plus how many claims echo each one.
--          Only the columns the subject, claimant and outlet pages, their charts, exports and
--          page keys use: the report holds every row in memory (81,369 at 10,000 articles; all
--          51 columns took ~2x the memory). Columns are picked by name with COLUMNS(lambda),
--          so one another model adds later (measure) is read when present and skipped when not.
-- Grain: one row per (subject, claim_id).
WITH reconciled AS (
    SELECT
        COLUMNS(c -> c IN (
            'subject', 'claim_id', 'doc_id', 'content_hash', 'claim_no', 'figure_text',
            'qualifier', 'measure', 'low', 'high', 'stated_low', 'stated_high', 'value',
            'interval_low', 'interval_high', 'item', 'side_code', 'category', 'location_key',
            'period', 'event', 'location', 'claimant', 'claimant_key', 'claimant_type',
            'claimant_org', 'outlet', 'published', 'url', 'title', 'as_of', 'as_of_start',
            'modality', 'is_echo', 'echo_of', 'echo_rule', 'sentence', 'start', 'end',
            'sentence_start'
        ))
    FROM subject_claims
),
echo_counts AS (
    SELECT subject, echo_of AS claim_id, count(*) AS n_echoes
    FROM subject_claims
    WHERE echo_of IS NOT NULL
    GROUP BY subject, echo_of
)
SELECT r.*, coalesce(e.n_echoes, 0) AS n_echoes
FROM reconciled AS r
LEFT JOIN echo_counts AS e ON e.subject = r.subject AND e.claim_id = r.claim_id
ORDER BY r.subject, r.claimant, r.published, r.doc_id, r.claim_no, r.claim_id
