-- Purpose: load step (before the transaction): claims the warehouse holds that this run
-- reads differently (same claim_id, another extracted column differs), e.g. after an
-- extractor upgrade; archive_claims.sql saves their old rows, refresh_claims.sql updates them.
-- Grain: claim_id.
WITH differing AS (
    SELECT s.claim_id
    FROM claims AS t
    JOIN stage_claims AS s ON t.claim_id = s.claim_id
    WHERE (
        t.doc_id IS DISTINCT FROM s.doc_id
        OR t.content_hash IS DISTINCT FROM s.content_hash
        OR t.claim_no IS DISTINCT FROM s.claim_no
        OR t.figure_text IS DISTINCT FROM s.figure_text
        OR t.low IS DISTINCT FROM s.low
        OR t.high IS DISTINCT FROM s.high
        OR t.qualifier IS DISTINCT FROM s.qualifier
        OR t.category IS DISTINCT FROM s.category
        OR t.item IS DISTINCT FROM s.item
        OR t.side IS DISTINCT FROM s.side
        OR t.location IS DISTINCT FROM s.location
        OR t.as_of IS DISTINCT FROM s.as_of
        OR t.event IS DISTINCT FROM s.event
        OR t.claimant IS DISTINCT FROM s.claimant
        OR t.claimant_type IS DISTINCT FROM s.claimant_type
        OR t.modality IS DISTINCT FROM s.modality
        OR t.subject IS DISTINCT FROM s.subject
        OR t.sentence IS DISTINCT FROM s.sentence
        OR t."start" IS DISTINCT FROM s."start"
        OR t."end" IS DISTINCT FROM s."end"
        OR t.sentence_start IS DISTINCT FROM s.sentence_start
        OR t.sentence_end IS DISTINCT FROM s.sentence_end
        OR t.subcategory IS DISTINCT FROM s.subcategory
        OR t.side_code IS DISTINCT FROM s.side_code
        OR t.location_key IS DISTINCT FROM s.location_key
        OR t.period IS DISTINCT FROM s.period
        OR t.extractor_version IS DISTINCT FROM s.extractor_version
        OR t.measure IS DISTINCT FROM s.measure
    )
)
SELECT claim_id FROM differing
