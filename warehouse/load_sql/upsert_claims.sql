-- Purpose: load step: insert this run's claims, or refresh the ones already held (all extracted
-- columns, last_seen, run_id, current again); first_seen is kept. Grain: claim_id.
INSERT INTO claims (
    claim_id, doc_id, content_hash, claim_no, figure_text, low, high, qualifier, category, item,
    side, location, as_of, event, claimant, claimant_type, modality, subject, sentence,
    "start", "end", sentence_start, sentence_end, subcategory, side_code, location_key, period,
    extractor_version, first_seen, last_seen, is_current, run_id
)
SELECT
    claim_id, doc_id, content_hash, claim_no, figure_text, low, high, qualifier, category, item,
    side, location, as_of, event, claimant, claimant_type, modality, subject, sentence,
    "start", "end", sentence_start, sentence_end, subcategory, side_code, location_key, period,
    extractor_version, $now, $now, TRUE, $run_id
FROM stage_claims
ON CONFLICT (claim_id) DO UPDATE SET
    doc_id = EXCLUDED.doc_id,
    content_hash = EXCLUDED.content_hash,
    claim_no = EXCLUDED.claim_no,
    figure_text = EXCLUDED.figure_text,
    low = EXCLUDED.low,
    high = EXCLUDED.high,
    qualifier = EXCLUDED.qualifier,
    category = EXCLUDED.category,
    item = EXCLUDED.item,
    side = EXCLUDED.side,
    location = EXCLUDED.location,
    as_of = EXCLUDED.as_of,
    event = EXCLUDED.event,
    claimant = EXCLUDED.claimant,
    claimant_type = EXCLUDED.claimant_type,
    modality = EXCLUDED.modality,
    subject = EXCLUDED.subject,
    sentence = EXCLUDED.sentence,
    "start" = EXCLUDED."start",
    "end" = EXCLUDED."end",
    sentence_start = EXCLUDED.sentence_start,
    sentence_end = EXCLUDED.sentence_end,
    subcategory = EXCLUDED.subcategory,
    side_code = EXCLUDED.side_code,
    location_key = EXCLUDED.location_key,
    period = EXCLUDED.period,
    extractor_version = EXCLUDED.extractor_version,
    last_seen = EXCLUDED.last_seen,
    is_current = TRUE,
    run_id = EXCLUDED.run_id
