-- Purpose: this run's claims (registered frame in_claims) cast to the warehouse types.
-- Grain: one row per distinct input row (exact repeats collapse).
WITH typed AS (
    SELECT
        CAST(claim_id AS VARCHAR)           AS claim_id,
        CAST(doc_id AS VARCHAR)             AS doc_id,
        CAST(content_hash AS VARCHAR)       AS content_hash,
        CAST(claim_no AS INTEGER)           AS claim_no,
        CAST(figure_text AS VARCHAR)        AS figure_text,
        CAST(low AS DOUBLE)                 AS low,
        CAST(high AS DOUBLE)                AS high,
        CAST(qualifier AS VARCHAR)          AS qualifier,
        CAST(category AS VARCHAR)           AS category,
        CAST(item AS VARCHAR)               AS item,
        CAST(side AS VARCHAR)               AS side,
        CAST(location AS VARCHAR)           AS location,
        CAST(as_of AS VARCHAR)              AS as_of,
        CAST(event AS VARCHAR)              AS event,
        CAST(claimant AS VARCHAR)           AS claimant,
        CAST(claimant_type AS VARCHAR)      AS claimant_type,
        CAST(modality AS VARCHAR)           AS modality,
        CAST(subject AS VARCHAR)            AS subject,
        CAST(sentence AS VARCHAR)           AS sentence,
        CAST("start" AS INTEGER)            AS "start",
        CAST("end" AS INTEGER)              AS "end",
        CAST(sentence_start AS INTEGER)     AS sentence_start,
        CAST(sentence_end AS INTEGER)       AS sentence_end,
        CAST(subcategory AS VARCHAR)        AS subcategory,
        CAST(side_code AS VARCHAR)          AS side_code,
        CAST(location_key AS VARCHAR)       AS location_key,
        CAST(period AS VARCHAR)             AS period,
        CAST(extractor_version AS VARCHAR)  AS extractor_version,
        CAST(measure AS VARCHAR)            AS measure
    FROM in_claims
)
SELECT DISTINCT * FROM typed
