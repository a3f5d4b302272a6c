-- Purpose: the figure-less statements highlighted in each document page, linked to the first
--          subject (by key) that subject_statements gives them (the extractor's key if none).
-- Grain: one row per current statement_id.
WITH statement_spans AS (
    SELECT
        statement_id, doc_id, content_hash, kind, "text", claimant,
        subject AS extracted_subject, "start", "end"
    FROM statements
    WHERE is_current
),
linked AS (
    SELECT statement_id, min(subject) AS subject
    FROM subject_statements
    GROUP BY statement_id
)
SELECT s.*, coalesce(l.subject, s.extracted_subject) AS subject
FROM statement_spans AS s
LEFT JOIN linked AS l USING (statement_id)
ORDER BY s.doc_id, s.content_hash, s."start", s."end", s.statement_id
