-- Purpose: load check: rows of this run that lack a key or a required field.
-- Grain: one row per violating input row (relation, key, problem). Empty = pass.
WITH documents_missing AS (
    SELECT 'documents' AS relation, coalesce(doc_id, content_hash, '?') AS key,
           'missing ' || concat_ws(', ',
               CASE WHEN doc_id IS NULL THEN 'doc_id' END,
               CASE WHEN content_hash IS NULL THEN 'content_hash' END,
               CASE WHEN text IS NULL THEN 'text' END) AS problem
    FROM stage_documents
    WHERE doc_id IS NULL OR content_hash IS NULL OR text IS NULL
),
claims_missing AS (
    SELECT 'claims' AS relation, coalesce(claim_id, doc_id, '?') AS key,
           'missing ' || concat_ws(', ',
               CASE WHEN claim_id IS NULL THEN 'claim_id' END,
               CASE WHEN doc_id IS NULL THEN 'doc_id' END,
               CASE WHEN content_hash IS NULL THEN 'content_hash' END,
               CASE WHEN figure_text IS NULL THEN 'figure_text' END,
               CASE WHEN "start" IS NULL THEN 'start' END,
               CASE WHEN "end" IS NULL THEN 'end' END) AS problem
    FROM stage_claims
    WHERE claim_id IS NULL OR doc_id IS NULL OR content_hash IS NULL OR figure_text IS NULL
       OR "start" IS NULL OR "end" IS NULL
),
statements_missing AS (
    SELECT 'statements' AS relation, coalesce(statement_id, doc_id, '?') AS key,
           'missing ' || concat_ws(', ',
               CASE WHEN statement_id IS NULL THEN 'statement_id' END,
               CASE WHEN doc_id IS NULL THEN 'doc_id' END,
               CASE WHEN content_hash IS NULL THEN 'content_hash' END) AS problem
    FROM stage_statements
    WHERE statement_id IS NULL OR doc_id IS NULL OR content_hash IS NULL
),
rejects_missing AS (
    SELECT 'rejects' AS relation, coalesce(reject_id, '?') AS key,
           'missing ' || concat_ws(', ',
               CASE WHEN reject_id IS NULL THEN 'reject_id' END,
               CASE WHEN stage IS NULL THEN 'stage' END) AS problem
    FROM stage_rejects
    WHERE reject_id IS NULL OR stage IS NULL
)
SELECT * FROM documents_missing
UNION ALL SELECT * FROM claims_missing
UNION ALL SELECT * FROM statements_missing
UNION ALL SELECT * FROM rejects_missing
