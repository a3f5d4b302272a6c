-- Purpose: the figure-less statements highlighted in each document page.
-- Grain: one row per statement_id.
WITH statement_spans AS (
    SELECT statement_id, doc_id, content_hash, kind, "text", claimant, subject, "start", "end"
    FROM statements
    WHERE is_current
)
SELECT *
FROM statement_spans
ORDER BY doc_id, content_hash, "start", "end", statement_id
