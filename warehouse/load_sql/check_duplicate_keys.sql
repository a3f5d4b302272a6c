-- Purpose: load check: one key with two different rows in this run (exact repeats were already
-- collapsed by the stage_*.sql queries, so any repeat left differs in some column).
-- Grain: one row per duplicated key. Empty = pass.
WITH documents_dup AS (
    SELECT 'documents' AS relation, content_hash AS key,
           count(*) || ' different rows share content_hash (doc_ids: '
               || string_agg(DISTINCT doc_id, ', ') || ')' AS problem
    FROM stage_documents WHERE content_hash IS NOT NULL
    GROUP BY content_hash HAVING count(*) > 1
),
documents_two_texts AS (
    SELECT 'documents' AS relation, doc_id AS key,
           'one doc_id with ' || count(DISTINCT content_hash)
               || ' different texts in one run' AS problem
    FROM stage_documents WHERE doc_id IS NOT NULL
    GROUP BY doc_id HAVING count(DISTINCT content_hash) > 1
),
claims_dup AS (
    SELECT 'claims' AS relation, claim_id AS key,
           count(*) || ' different rows share claim_id' AS problem
    FROM stage_claims WHERE claim_id IS NOT NULL
    GROUP BY claim_id HAVING count(*) > 1
),
statements_dup AS (
    SELECT 'statements' AS relation, statement_id AS key,
           count(*) || ' different rows share statement_id' AS problem
    FROM stage_statements WHERE statement_id IS NOT NULL
    GROUP BY statement_id HAVING count(*) > 1
)
SELECT * FROM documents_dup
UNION ALL SELECT * FROM documents_two_texts
UNION ALL SELECT * FROM claims_dup
UNION ALL SELECT * FROM statements_dup
