-- Purpose: load step 0 of 3 for statements: before refresh_statements.sql overwrites the statements
-- this run reads differently, save their current rows in statement_versions (append-only).
-- Grain: statement_id (one row per statement about to change).
INSERT INTO statement_versions BY NAME
SELECT t.*, $now AS replaced_at, $run_id AS replaced_by_run
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
