-- Purpose: load check: coded values outside the vocabularies of forcerecon/records.py (passed as
-- list parameters) and bounds the wrong way round. NULL codes are left to pandera.
-- Grain: one row per violating value. Empty = pass.
WITH bad_claim_codes AS (
    SELECT 'claims' AS relation, claim_id AS key,
           'unknown ' || concat_ws(', ',
               CASE WHEN NOT list_contains($qualifiers, qualifier)
                    THEN 'qualifier ' || qualifier END,
               CASE WHEN NOT list_contains($categories, category)
                    THEN 'category ' || category END,
               CASE WHEN NOT list_contains($modalities, modality)
                    THEN 'modality ' || modality END,
               CASE WHEN NOT list_contains($claimant_types, claimant_type)
                    THEN 'claimant_type ' || claimant_type END) AS problem
    FROM stage_claims
    WHERE NOT list_contains($qualifiers, qualifier)
       OR NOT list_contains($categories, category)
       OR NOT list_contains($modalities, modality)
       OR NOT list_contains($claimant_types, claimant_type)
),
bad_bounds AS (
    SELECT 'claims' AS relation, claim_id AS key,
           'low ' || low || ' is above high ' || high AS problem
    FROM stage_claims
    WHERE low > high
),
bad_statement_kinds AS (
    SELECT 'statements' AS relation, statement_id AS key,
           'unknown kind ' || kind AS problem
    FROM stage_statements
    WHERE NOT list_contains($statement_kinds, kind)
)
SELECT * FROM bad_claim_codes
UNION ALL SELECT * FROM bad_bounds
UNION ALL SELECT * FROM bad_statement_kinds
