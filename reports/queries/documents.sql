-- Purpose: the documents that get a page of their own, with their text.
-- Grain: one row per (doc_id, content_hash); only current texts (older versions are kept
-- in the warehouse but not shown).
WITH docs AS (
    SELECT
        doc_id, content_hash, source, format, "text", n_chars, outlet, url, published, title,
        author, outlet_inferred, published_inferred
    FROM documents
    WHERE is_current
)
SELECT *
FROM docs
ORDER BY doc_id, content_hash
