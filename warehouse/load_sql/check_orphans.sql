-- Purpose: load check: claims and statements whose document (doc_id + content_hash) will not be
-- a current document after this load: neither in this run nor current in the warehouse (and
-- not replaced by a new text of the same doc_id in this run).
-- Grain: one row per orphan claim or statement. Empty = pass.
WITH run_documents AS (
    SELECT doc_id, content_hash FROM stage_documents
),
kept_documents AS (
    SELECT d.doc_id, d.content_hash
    FROM documents AS d
    WHERE d.is_current
      AND d.doc_id NOT IN (SELECT doc_id FROM run_documents WHERE doc_id IS NOT NULL)
),
current_after_load AS (
    SELECT doc_id, content_hash FROM run_documents
    UNION
    SELECT doc_id, content_hash FROM kept_documents
),
orphan_claims AS (
    SELECT 'claims' AS relation, c.claim_id AS key,
           'claim of unknown document: doc_id ' || coalesce(c.doc_id, 'NULL')
               || ' with content_hash ' || coalesce(c.content_hash, 'NULL')
               || ' is not in this run''s documents nor current in the warehouse' AS problem
    FROM stage_claims AS c
    ANTI JOIN current_after_load AS d
        ON c.doc_id = d.doc_id AND c.content_hash = d.content_hash
),
orphan_statements AS (
    SELECT 'statements' AS relation, s.statement_id AS key,
           'statement of unknown document: doc_id ' || coalesce(s.doc_id, 'NULL')
               || ' with content_hash ' || coalesce(s.content_hash, 'NULL')
               || ' is not in this run''s documents nor current in the warehouse' AS problem
    FROM stage_statements AS s
    ANTI JOIN current_after_load AS d
        ON s.doc_id = d.doc_id AND s.content_hash = d.content_hash
)
SELECT * FROM orphan_claims
UNION ALL SELECT * FROM orphan_statements
