-- Purpose: `forcerecon retire`: the current statements of the doc_ids in retire_ids (a registered
-- frame) are no longer current; the rows are kept, as for any other change. Grain: one row per
-- retired row of statements (the statement returns their count).
UPDATE statements
SET is_current = FALSE
WHERE is_current
  AND doc_id IN (SELECT doc_id FROM retire_ids)
