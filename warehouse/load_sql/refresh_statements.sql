-- Purpose: load step 2 of 4 for statements: the statements this run reads differently
-- (changed_statements) take the new values; their old rows were saved by archive_statements.sql.
-- Grain: statement_id; the number of rows changed is reported as n_statements_changed.
UPDATE statements
SET
    doc_id = s.doc_id,
    content_hash = s.content_hash,
    kind = s.kind,
    text = s.text,
    "start" = s."start",
    "end" = s."end",
    sentence = s.sentence,
    sentence_start = s.sentence_start,
    sentence_end = s.sentence_end,
    category = s.category,
    side = s.side,
    side_code = s.side_code,
    location = s.location,
    location_key = s.location_key,
    as_of = s.as_of,
    period = s.period,
    event = s.event,
    claimant = s.claimant,
    claimant_type = s.claimant_type,
    subject = s.subject,
    extractor_version = s.extractor_version
FROM stage_statements AS s
WHERE statements.statement_id = s.statement_id
  AND statements.statement_id IN (SELECT statement_id FROM changed_statements)
