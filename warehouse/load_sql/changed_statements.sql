-- Purpose: load step (before the transaction): statements the warehouse holds that this run
-- reads differently (same statement_id, another extracted column differs), e.g. after an
-- extractor upgrade; archive_statements.sql saves their old rows, refresh_statements.sql
-- updates them.
-- Grain: statement_id.
WITH differing AS (
    SELECT s.statement_id
    FROM statements AS t
    JOIN stage_statements AS s ON t.statement_id = s.statement_id
    WHERE (
        t.doc_id IS DISTINCT FROM s.doc_id
        OR t.content_hash IS DISTINCT FROM s.content_hash
        OR t.kind IS DISTINCT FROM s.kind
        OR t.text IS DISTINCT FROM s.text
        OR t."start" IS DISTINCT FROM s."start"
        OR t."end" IS DISTINCT FROM s."end"
        OR t.sentence IS DISTINCT FROM s.sentence
        OR t.sentence_start IS DISTINCT FROM s.sentence_start
        OR t.sentence_end IS DISTINCT FROM s.sentence_end
        OR t.category IS DISTINCT FROM s.category
        OR t.side IS DISTINCT FROM s.side
        OR t.side_code IS DISTINCT FROM s.side_code
        OR t.location IS DISTINCT FROM s.location
        OR t.location_key IS DISTINCT FROM s.location_key
        OR t.as_of IS DISTINCT FROM s.as_of
        OR t.period IS DISTINCT FROM s.period
        OR t.event IS DISTINCT FROM s.event
        OR t.claimant IS DISTINCT FROM s.claimant
        OR t.claimant_type IS DISTINCT FROM s.claimant_type
        OR t.subject IS DISTINCT FROM s.subject
        OR t.extractor_version IS DISTINCT FROM s.extractor_version
    )
)
SELECT statement_id FROM differing
