-- Purpose: load step 2 of 4 for claims: the claims this run reads differently
-- (changed_claims) take the new values; their old rows were saved by archive_claims.sql.
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
    extractor_version = s.extractor_version,
    measure = s.measure
FROM stage_claims AS s
WHERE claims.claim_id = s.claim_id
  AND claims.claim_id IN (SELECT claim_id FROM changed_claims)
