-- Purpose: this run's rejects (registered frame in_rejects) cast to the warehouse types.
-- Grain: one row per reject_id. reject_id leaves out run_id and message, so the same problem
-- reported twice in one run is one reject: the first message (in input order) is kept.
WITH typed AS (
    SELECT
        CAST(reject_id AS VARCHAR)  AS reject_id,
        COALESCE(CAST(run_id AS VARCHAR), CAST($run_id AS VARCHAR)) AS run_id,
        CAST(stage AS VARCHAR)      AS stage,
        CAST(source AS VARCHAR)     AS source,
        CAST(doc_id AS VARCHAR)     AS doc_id,
        CAST("check" AS VARCHAR)    AS "check",
        CAST("column" AS VARCHAR)   AS "column",
        CAST(value AS VARCHAR)      AS value,
        CAST(message AS VARCHAR)    AS message,
        row_number() OVER ()        AS input_order
    FROM in_rejects
),
first_per_id AS (
    SELECT * EXCLUDE (input_order)
    FROM typed
    QUALIFY row_number() OVER (PARTITION BY reject_id ORDER BY input_order) = 1
)
SELECT * FROM first_per_id
