-- Purpose: load step: statements of the documents loaded in this run that this run did not
-- produce again are no longer current; they are kept. Grain: statement_id.
UPDATE statements
SET is_current = FALSE
WHERE is_current
  AND (doc_id IN (SELECT doc_id FROM stage_documents)
       OR content_hash IN (SELECT content_hash FROM stage_documents))
  AND statement_id NOT IN (SELECT statement_id FROM stage_statements)
