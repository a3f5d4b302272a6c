-- Purpose: the claims highlighted in each document page, by their character offsets.
-- Grain: one row per claim_id.
WITH claim_spans AS (
    SELECT
        claim_id, doc_id, content_hash, claim_no, figure_text, low, high, qualifier, category,
        item, claimant, modality, subject, "start", "end"
    FROM claims
    WHERE is_current
)
SELECT *
FROM claim_spans
ORDER BY doc_id, content_hash, "start", "end", claim_id
