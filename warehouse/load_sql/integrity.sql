-- Purpose: warehouse invariants that hold after every committed load (a data check: the rows
-- returned are the violations; empty = the warehouse is consistent).
-- Grain: one row per violating key (relation, key, problem).
WITH current_claim_of_old_text AS (
    SELECT 'claims' AS relation, c.claim_id AS key,
           'current claim of a text that is not the current text of ' || c.doc_id AS problem
    FROM claims AS c
    WHERE c.is_current
      AND NOT EXISTS (
          SELECT 1 FROM documents AS d
          WHERE d.is_current AND d.content_hash = c.content_hash AND d.doc_id = c.doc_id
      )
),
current_statement_of_old_text AS (
    SELECT 'statements' AS relation, s.statement_id AS key,
           'current statement of a text that is not the current text of ' || s.doc_id AS problem
    FROM statements AS s
    WHERE s.is_current
      AND NOT EXISTS (
          SELECT 1 FROM documents AS d
          WHERE d.is_current AND d.content_hash = s.content_hash AND d.doc_id = s.doc_id
      )
),
two_current_texts AS (
    SELECT 'documents' AS relation, doc_id AS key,
           count(*) || ' current texts for one doc_id' AS problem
    FROM documents
    WHERE is_current
    GROUP BY doc_id
    HAVING count(*) > 1
),
seen_backwards AS (
    SELECT 'claims' AS relation, claim_id AS key, 'first_seen after last_seen' AS problem
    FROM claims WHERE first_seen > last_seen
    UNION ALL
    SELECT 'documents', content_hash, 'first_seen after last_seen'
    FROM documents WHERE first_seen > last_seen
),
orphan_versions AS (
    SELECT 'claim_versions' AS relation, v.claim_id AS key,
           'earlier reading of a claim the claims table does not hold' AS problem
    FROM claim_versions AS v
    ANTI JOIN claims AS c ON c.claim_id = v.claim_id
),
runs_without_counts AS (
    SELECT 'runs' AS relation, run_id AS key, 'loaded run without its counts' AS problem
    FROM runs
    WHERE loaded_at IS NOT NULL AND (n_claims IS NULL OR n_documents IS NULL)
)
SELECT * FROM current_claim_of_old_text
UNION ALL SELECT * FROM current_statement_of_old_text
UNION ALL SELECT * FROM two_current_texts
UNION ALL SELECT * FROM seen_backwards
UNION ALL SELECT * FROM orphan_versions
UNION ALL SELECT * FROM runs_without_counts
