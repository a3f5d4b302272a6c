-- Purpose: load step: how many rows this run brings (after exact repeats collapsed).
-- Grain: one row: documents, claims, statements, rejects.
WITH sizes AS (
    SELECT
        (SELECT count(*) FROM stage_documents)  AS n_documents,
        (SELECT count(*) FROM stage_claims)     AS n_claims,
        (SELECT count(*) FROM stage_statements) AS n_statements,
        (SELECT count(*) FROM stage_rejects)    AS n_rejects
)
SELECT * FROM sizes
