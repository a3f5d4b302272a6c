-- Purpose: load step (before the upserts): how many of this run's keys the warehouse lacks.
-- Grain: one row: new documents, claims, statements, rejects.
WITH new_documents AS (
    SELECT count(*) AS n FROM stage_documents ANTI JOIN documents USING (content_hash)
),
new_claims AS (
    SELECT count(*) AS n FROM stage_claims ANTI JOIN claims USING (claim_id)
),
new_statements AS (
    SELECT count(*) AS n FROM stage_statements ANTI JOIN statements USING (statement_id)
),
new_rejects AS (
    SELECT count(*) AS n FROM stage_rejects ANTI JOIN rejects USING (reject_id)
)
SELECT
    (SELECT n FROM new_documents)  AS n_documents_new,
    (SELECT n FROM new_claims)     AS n_claims_new,
    (SELECT n FROM new_statements) AS n_statements_new,
    (SELECT n FROM new_rejects)    AS n_rejects_new
