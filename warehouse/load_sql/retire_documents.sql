-- Purpose: load step: older texts of the doc_ids loaded in this run are no longer current
-- (they stay, with their claims, for history). Grain: content_hash.
UPDATE documents
SET is_current = FALSE
WHERE is_current
  AND doc_id IN (SELECT doc_id FROM stage_documents)
  AND content_hash NOT IN (SELECT content_hash FROM stage_documents)
