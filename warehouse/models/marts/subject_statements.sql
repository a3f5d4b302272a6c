-- Purpose: statements without a figure (kind undisclosed or denial) linked to the subjects they
--          speak of, to be shown beside those subjects' figures. link_rule: same_category (side,
--          category, location and period match a subject with figures), any_category (the
--          statement names no category: linked to every subject of its side, location and
--          period), no_figures (no subject with figures matches: kept under its own key).
-- Grain: one row per (statement_id, subject).
-- materialized: table
WITH current_statements AS (
    SELECT s.*, d.outlet, d.url, d.published
    FROM statements AS s
    LEFT JOIN documents AS d USING (content_hash)
    WHERE s.is_current
),

keyed AS (
    SELECT
        *,
        coalesce(nullif(upper(trim(side_code)), ''), 'UNKNOWN') AS side_key,
        nullif(lower(trim(category)), '') AS category_key,
        coalesce(nullif(trim(location_key), ''), 'Unspecified') AS location_norm,
        coalesce(
            nullif(trim(period), ''), left(nullif(trim(as_of), ''), 7), left(published, 7), 'undated'
        ) AS period_key,
        nullif(trim(event), '') AS event_key
    FROM current_statements
),

subjects AS (
    SELECT subject, side_code, category, location_key, period, event
    FROM subject_facts
),

linked AS (
    SELECT
        k.statement_id,
        s.subject,
        CASE WHEN k.category_key IS NULL THEN 'any_category' ELSE 'same_category' END
            AS link_rule
    FROM keyed AS k
    JOIN subjects AS s
        ON s.side_code = k.side_key
        AND s.location_key = k.location_norm
        AND s.period = k.period_key
        AND (k.category_key IS NULL OR s.category = k.category_key)
        AND (k.event_key IS NULL OR s.event IS NULL OR s.event = k.event_key)
),

with_fallback AS (
    SELECT statement_id, subject, link_rule, TRUE AS has_figures
    FROM linked
    UNION ALL
    SELECT
        k.statement_id,
        k.side_key || '-' || coalesce(k.category_key, 'any') || '-' || k.location_norm || '-'
            || k.period_key AS subject,
        'no_figures' AS link_rule,
        FALSE AS has_figures
    FROM keyed AS k
    ANTI JOIN linked AS l ON l.statement_id = k.statement_id
)

SELECT
    f.subject,
    f.link_rule,
    f.has_figures,
    k.statement_id,
    k.kind,
    k.text,
    k.sentence,
    k.claimant,
    k.claimant_type,
    k.side_key AS side_code,
    k.category_key AS category,
    k.location_key,
    k.period_key AS period,
    k.as_of,
    k.event,
    k.outlet,
    k.published,
    k.url,
    k.doc_id,
    k.content_hash,
    k."start",
    k."end",
    k.subject AS extracted_subject
FROM with_fallback AS f
JOIN keyed AS k USING (statement_id)
ORDER BY f.subject, k.published, k.doc_id, k."start"
