-- Purpose: load step 1 of 3 for claims: claims held before whose extracted columns differ in
-- this run (e.g. a new extractor_version read the same span differently) take the new values.
-- Grain: claim_id; the number of rows changed is reported as n_claims_changed.
UPDATE claims
SET
    doc_id = s.doc_id,
    content_hash = s.content_hash,
    claim_no = s.claim_no,
    figure_text = s.figure_text,
    low = s.low,
    high = s.high,
    qualifier = s.qualifier,
    category = s.category,
    item = s.item,
    side = s.side,
    location = s.location,
    as_of = s.as_of,
    event = s.event,
    claimant = s.claimant,
    claimant_type = s.claimant_type,
    modality = s.modality,
    subject = s.subject,
    sentence = s.sentence,
    "start" = s."start",
    "end" = s."end",
    sentence_start = s.sentence_start,
    sentence_end = s.sentence_end,
    subcategory = s.subcategory,
    side_code = s.side_code,
    location_key = s.location_key,
    period = s.period,
    extractor_version = s.extractor_version
FROM stage_claims AS s
WHERE claims.claim_id = s.claim_id
  AND (
    claims.doc_id IS DISTINCT FROM s.doc_id
    OR claims.content_hash IS DISTINCT FROM s.content_hash
    OR claims.claim_no IS DISTINCT FROM s.claim_no
    OR claims.figure_text IS DISTINCT FROM s.figure_text
    OR claims.low IS DISTINCT FROM s.low
    OR claims.high IS DISTINCT FROM s.high
    OR claims.qualifier IS DISTINCT FROM s.qualifier
    OR claims.category IS DISTINCT FROM s.category
    OR claims.item IS DISTINCT FROM s.item
    OR claims.side IS DISTINCT FROM s.side
    OR claims.location IS DISTINCT FROM s.location
    OR claims.as_of IS DISTINCT FROM s.as_of
    OR claims.event IS DISTINCT FROM s.event
    OR claims.claimant IS DISTINCT FROM s.claimant
    OR claims.claimant_type IS DISTINCT FROM s.claimant_type
    OR claims.modality IS DISTINCT FROM s.modality
    OR claims.subject IS DISTINCT FROM s.subject
    OR claims.sentence IS DISTINCT FROM s.sentence
    OR claims."start" IS DISTINCT FROM s."start"
    OR claims."end" IS DISTINCT FROM s."end"
    OR claims.sentence_start IS DISTINCT FROM s.sentence_start
    OR claims.sentence_end IS DISTINCT FROM s.sentence_end
    OR claims.subcategory IS DISTINCT FROM s.subcategory
    OR claims.side_code IS DISTINCT FROM s.side_code
    OR claims.location_key IS DISTINCT FROM s.location_key
    OR claims.period IS DISTINCT FROM s.period
    OR claims.extractor_version IS DISTINCT FROM s.extractor_version
  )
