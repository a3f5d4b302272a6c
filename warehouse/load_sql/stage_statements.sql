-- Purpose: this run's statements (registered frame in_statements) cast to the warehouse types.
-- Grain: one row per distinct input row (exact repeats collapse).
WITH typed AS (
    SELECT
        CAST(statement_id AS VARCHAR)       AS statement_id,
        CAST(doc_id AS VARCHAR)             AS doc_id,
        CAST(content_hash AS VARCHAR)       AS content_hash,
        CAST(kind AS VARCHAR)               AS kind,
        CAST(text AS VARCHAR)               AS text,
        CAST("start" AS INTEGER)            AS "start",
        CAST("end" AS INTEGER)              AS "end",
        CAST(sentence AS VARCHAR)           AS sentence,
        CAST(sentence_start AS INTEGER)     AS sentence_start,
        CAST(sentence_end AS INTEGER)       AS sentence_end,
        CAST(category AS VARCHAR)           AS category,
        CAST(side AS VARCHAR)               AS side,
        CAST(side_code AS VARCHAR)          AS side_code,
        CAST(location AS VARCHAR)           AS location,
        CAST(location_key AS VARCHAR)       AS location_key,
        CAST(as_of AS VARCHAR)              AS as_of,
        CAST(period AS VARCHAR)             AS period,
        CAST(event AS VARCHAR)              AS event,
        CAST(claimant AS VARCHAR)           AS claimant,
        CAST(claimant_type AS VARCHAR)      AS claimant_type,
        CAST(subject AS VARCHAR)            AS subject,
        CAST(extractor_version AS VARCHAR)  AS extractor_version
    FROM in_statements
)
SELECT DISTINCT * FROM typed
