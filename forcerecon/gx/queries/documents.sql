-- Purpose: the rows the `documents` expectation suite (gx/expectations/documents.json) checks.
-- Grain: one row per stored text (content_hash), current or not. The text itself is replaced by
-- its length (text_chars) so a large warehouse is not read into memory for the check;
-- current_doc_id is doc_id on current rows only (one current text per doc_id).
WITH stored AS (
    SELECT
        * EXCLUDE (text),
        text IS NULL AS text_missing,
        length(text) AS text_chars,
        CASE WHEN is_current THEN doc_id END AS current_doc_id
    FROM documents
)

SELECT *
FROM stored
ORDER BY content_hash
