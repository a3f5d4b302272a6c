-- Purpose: load step: insert this run's statements, or refresh the ones already held;
-- first_seen is kept. Grain: statement_id.
INSERT INTO statements (
    statement_id, doc_id, content_hash, kind, text, "start", "end", sentence, sentence_start,
    sentence_end, category, side, side_code, location, location_key, as_of, period, event,
    claimant, claimant_type, subject, extractor_version, first_seen, last_seen, is_current, run_id
)
SELECT
    statement_id, doc_id, content_hash, kind, text, "start", "end", sentence, sentence_start,
    sentence_end, category, side, side_code, location, location_key, as_of, period, event,
    claimant, claimant_type, subject, extractor_version, $now, $now, TRUE, $run_id
FROM stage_statements
ON CONFLICT (statement_id) DO UPDATE SET
    doc_id = EXCLUDED.doc_id,
    content_hash = EXCLUDED.content_hash,
    kind = EXCLUDED.kind,
    text = EXCLUDED.text,
    "start" = EXCLUDED."start",
    "end" = EXCLUDED."end",
    sentence = EXCLUDED.sentence,
    sentence_start = EXCLUDED.sentence_start,
    sentence_end = EXCLUDED.sentence_end,
    category = EXCLUDED.category,
    side = EXCLUDED.side,
    side_code = EXCLUDED.side_code,
    location = EXCLUDED.location,
    location_key = EXCLUDED.location_key,
    as_of = EXCLUDED.as_of,
    period = EXCLUDED.period,
    event = EXCLUDED.event,
    claimant = EXCLUDED.claimant,
    claimant_type = EXCLUDED.claimant_type,
    subject = EXCLUDED.subject,
    extractor_version = EXCLUDED.extractor_version,
    last_seen = EXCLUDED.last_seen,
    is_current = TRUE,
    run_id = EXCLUDED.run_id
