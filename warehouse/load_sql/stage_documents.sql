-- Purpose: this run's documents (registered frame in_documents) cast to the warehouse types.
-- Grain: one row per distinct input row; exact repeats collapse, differing repeats of one
-- content_hash stay and are caught by check_duplicate_keys.sql.
WITH typed AS (
    SELECT
        CAST(doc_id AS VARCHAR)              AS doc_id,
        CAST(content_hash AS VARCHAR)        AS content_hash,
        CAST(source AS VARCHAR)              AS source,
        CAST(format AS VARCHAR)              AS format,
        CAST(text AS VARCHAR)                AS text,
        CAST(n_chars AS INTEGER)             AS n_chars,
        CAST(outlet AS VARCHAR)              AS outlet,
        CAST(url AS VARCHAR)                 AS url,
        CAST(published AS VARCHAR)           AS published,
        CAST(title AS VARCHAR)               AS title,
        CAST(author AS VARCHAR)              AS author,
        CAST(outlet_inferred AS BOOLEAN)     AS outlet_inferred,
        CAST(published_inferred AS BOOLEAN)  AS published_inferred,
        CAST($extractor_version AS VARCHAR)  AS extractor_version
    FROM in_documents
)
SELECT DISTINCT * FROM typed
