-- Purpose: load check: a claim's span must point at its figure in its document's text
-- (text[start:end] == figure_text, Python offsets: 0-based, end exclusive).
-- Grain: one row per claim whose span is out of range or reads other text. Empty = pass.
WITH run_texts AS (
    SELECT content_hash, text FROM stage_documents
),
held_texts AS (
    -- texts already in the warehouse that this run's claims point at (not re-sent this run)
    SELECT d.content_hash, d.text
    FROM documents AS d
    SEMI JOIN stage_claims AS c ON c.content_hash = d.content_hash
    ANTI JOIN stage_documents AS s ON s.content_hash = d.content_hash
),
texts AS (
    SELECT content_hash, text, length(text) AS n_chars
    FROM (SELECT * FROM run_texts UNION ALL SELECT * FROM held_texts)
),
spans AS (
    SELECT c.claim_id, c."start", c."end", c.figure_text,
           substring(t.text, c."start" + 1, c."end" - c."start") AS span_text,
           t.n_chars
    FROM stage_claims AS c
    JOIN texts AS t USING (content_hash)
    WHERE c."start" IS NOT NULL AND c."end" IS NOT NULL
)
SELECT 'claims' AS relation, claim_id AS key,
       CASE
           WHEN "start" < 0 OR "end" <= "start" OR "end" > n_chars
               THEN 'span ' || "start" || ':' || "end" || ' is out of range (text has '
                    || n_chars || ' characters)'
           ELSE 'text[' || "start" || ':' || "end" || '] is ''' || span_text
                || ''', not figure_text ''' || figure_text || ''''
       END AS problem
FROM spans
WHERE "start" < 0 OR "end" <= "start" OR "end" > n_chars OR span_text <> figure_text
