-- Purpose: part/whole links between subjects (a subject counted within a larger one), shown on
--          both subjects' pages: "part of" on the part, "parts" on the whole.
-- Grain: one row per (part_subject, whole_subject).
WITH links AS (
    SELECT
        part_subject, whole_subject, scope_kinds, part_best, whole_best, differs, part_share
    FROM subject_scope
)
SELECT *
FROM links
ORDER BY part_subject, whole_subject
