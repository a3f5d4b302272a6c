-- Purpose: statements without a figure (undisclosed / denial) listed on their subject's page.
-- Grain: one row per (subject, statement_id).
WITH linked AS (
    SELECT subject, statement_id
    FROM subject_statements
),
statement_detail AS (
    SELECT
        statement_id, doc_id, content_hash, kind, "text", sentence, claimant, claimant_type,
        as_of, "start", "end", sentence_start, sentence_end
    FROM statements
),
document_detail AS (
    SELECT doc_id, content_hash, outlet, url, published
    FROM documents
)
SELECT
    l.subject, l.statement_id, s.doc_id, s.content_hash, s.kind, s."text", s.sentence,
    s.claimant, s.claimant_type, s.as_of, s."start", s."end", s.sentence_start, s.sentence_end,
    d.outlet, d.url, d.published
FROM linked AS l
LEFT JOIN statement_detail AS s ON s.statement_id = l.statement_id
LEFT JOIN document_detail AS d ON d.doc_id = s.doc_id AND d.content_hash = s.content_hash
ORDER BY l.subject, d.published, s.doc_id, s."start", l.statement_id
