-- Purpose: load step 1 of 3 for statements: statements held before whose extracted columns
-- differ in this run (e.g. a new extractor_version read the same span differently) take the
-- new values.
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
  AND (
    statements.doc_id IS DISTINCT FROM s.doc_id
    OR statements.content_hash IS DISTINCT FROM s.content_hash
    OR statements.kind IS DISTINCT FROM s.kind
    OR statements.text IS DISTINCT FROM s.text
    OR statements."start" IS DISTINCT FROM s."start"
    OR statements."end" IS DISTINCT FROM s."end"
    OR statements.sentence IS DISTINCT FROM s.sentence
    OR statements.sentence_start IS DISTINCT FROM s.sentence_start
    OR statements.sentence_end IS DISTINCT FROM s.sentence_end
    OR statements.category IS DISTINCT FROM s.category
    OR statements.side IS DISTINCT FROM s.side
    OR statements.side_code IS DISTINCT FROM s.side_code
    OR statements.location IS DISTINCT FROM s.location
    OR statements.location_key IS DISTINCT FROM s.location_key
    OR statements.as_of IS DISTINCT FROM s.as_of
    OR statements.period IS DISTINCT FROM s.period
    OR statements.event IS DISTINCT FROM s.event
    OR statements.claimant IS DISTINCT FROM s.claimant
    OR statements.claimant_type IS DISTINCT FROM s.claimant_type
    OR statements.subject IS DISTINCT FROM s.subject
    OR statements.extractor_version IS DISTINCT FROM s.extractor_version
  )
