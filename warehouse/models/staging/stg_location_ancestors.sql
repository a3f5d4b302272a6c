-- Purpose: every place a location lies within, transitively, from the user-editable hierarchy
--          (forcerecon/lexicons/locations.csv -> table location_hierarchy), plus each location
--          itself at depth 0, so "southern border of Belarus" -> Belarus -> UkraineBorder.
-- Grain: one row per (location_key, ancestor_key), at the shortest depth.
-- materialized: temp
WITH RECURSIVE edges AS (
    SELECT DISTINCT location_key, parent_key
    FROM location_hierarchy
    WHERE parent_key IS NOT NULL AND parent_key <> location_key
),

known_locations AS (
    SELECT location_key FROM location_hierarchy
    UNION
    SELECT parent_key FROM location_hierarchy WHERE parent_key IS NOT NULL
    UNION
    SELECT coalesce(nullif(trim(location_key), ''), 'Unspecified') FROM claims WHERE is_current
    UNION
    SELECT coalesce(nullif(trim(location_key), ''), 'Unspecified') FROM statements WHERE is_current
),

ancestors(location_key, ancestor_key, depth) AS (
    SELECT location_key, location_key, 0
    FROM known_locations
    UNION
    SELECT a.location_key, e.parent_key, a.depth + 1
    FROM ancestors AS a
    JOIN edges AS e ON e.location_key = a.ancestor_key
    WHERE a.depth < 16    -- a cycle in the lexicon cannot make this run forever
)

SELECT location_key, ancestor_key, min(depth) AS depth
FROM ancestors
WHERE location_key IS NOT NULL
GROUP BY location_key, ancestor_key
