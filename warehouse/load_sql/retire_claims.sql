-- Purpose: load step: claims of the documents loaded in this run (by doc_id or by text) that
-- this run did not produce again are no longer current; they are kept. Grain: claim_id.
UPDATE claims
SET is_current = FALSE
WHERE is_current
  AND (doc_id IN (SELECT doc_id FROM stage_documents)
       OR content_hash IN (SELECT content_hash FROM stage_documents))
  AND claim_id NOT IN (SELECT claim_id FROM stage_claims)
