-- Purpose: places the location hierarchy makes their own ancestor (a cycle in locations.csv).
-- Grain: one row per location on a cycle.
WITH RECURSIVE edges AS (
    SELECT DISTINCT location_key, parent_key
    FROM location_hierarchy
    WHERE parent_key IS NOT NULL
),

walk(location_key, ancestor_key, depth) AS (
    SELECT location_key, parent_key, 1 FROM edges
    UNION
    SELECT w.location_key, e.parent_key, w.depth + 1
    FROM walk AS w
    JOIN edges AS e ON e.location_key = w.ancestor_key
    WHERE w.depth < 16 AND w.ancestor_key <> w.location_key
)

SELECT DISTINCT location_key
FROM walk
WHERE ancestor_key = location_key
