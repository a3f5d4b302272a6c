-- Purpose: the claims highlighted in each document page, by their character offsets, with the
--          subject the reconciliation put them in (subject_claims rebuilds the key from the
--          normalized columns; the extractor's own key is the fallback).
-- Grain: one row per current claim_id.
WITH claim_spans AS (
    SELECT
        claim_id, doc_id, content_hash, claim_no, figure_text, low, high, qualifier, category,
        item, claimant, modality, subject AS extracted_subject, "start", "end"
    FROM claims
    WHERE is_current
),
reconciled AS (
    SELECT claim_id, subject
    FROM subject_claims
)
SELECT c.*, coalesce(r.subject, c.extracted_subject) AS subject
FROM claim_spans AS c
LEFT JOIN reconciled AS r USING (claim_id)
ORDER BY c.doc_id, c.content_hash, c."start", c."end", c.claim_id
