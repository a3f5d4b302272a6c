-- Purpose: part/whole links between subjects: a subject is part of another when it counts the
--          same side and category (the whole may lack the subcategory), its location lies
--          within the other's (stg_location_ancestors), its date window lies within the
--          other's, and the whole names no other event. A part's figure differing from its
--          whole's is a difference of scope, never a conflict.
-- Grain: one row per (part_subject, whole_subject).
-- materialized: table
WITH subjects AS (
    SELECT
        subject, side_code, category, subcategory, location_key, period, event, measure,
        window_start, window_end, low, best, high
    FROM subject_facts
),

links AS (
    SELECT
        p.subject AS part_subject,
        w.subject AS whole_subject,
        a.depth AS location_depth,
        concat_ws(
            ',',
            CASE WHEN a.depth > 0 THEN 'location' END,
            CASE
                WHEN w.window_start < p.window_start OR w.window_end > p.window_end THEN 'period'
            END,
            CASE WHEN p.subcategory IS NOT NULL AND w.subcategory IS NULL THEN 'subcategory' END
        ) AS kinds,
        p.side_code,
        p.category,
        p.location_key AS part_location_key,
        w.location_key AS whole_location_key,
        p.period AS part_period,
        w.period AS whole_period,
        p.low AS part_low,
        p.best AS part_best,
        p.high AS part_high,
        w.low AS whole_low,
        w.best AS whole_best,
        w.high AS whole_high
    FROM subjects AS p
    JOIN stg_location_ancestors AS a ON a.location_key = p.location_key
    JOIN subjects AS w
        ON w.side_code = p.side_code
        AND w.category = p.category
        AND w.measure = p.measure
        AND w.location_key = a.ancestor_key
        AND (w.subcategory IS NULL OR w.subcategory IS NOT DISTINCT FROM p.subcategory)
        AND w.window_start <= p.window_start
        AND w.window_end >= p.window_end
        AND (w.event IS NULL OR w.event IS NOT DISTINCT FROM p.event)
        AND w.subject <> p.subject
)

SELECT
    part_subject,
    whole_subject,
    kinds AS scope_kinds,
    location_depth,
    side_code,
    category,
    part_location_key,
    whole_location_key,
    part_period,
    whole_period,
    part_low,
    part_best,
    part_high,
    whole_low,
    whole_best,
    whole_high,
    part_best IS DISTINCT FROM whole_best AS differs,
    part_best / nullif(whole_best, 0) AS part_share
FROM links
WHERE kinds <> ''
ORDER BY part_subject, whole_subject
