-- Purpose: the whole-corpus subjects export (exports/subjects.csv, .parquet): every column of
--          subject_summary (status, rule, low/best/high, counts, claimants, window).
-- Grain: one row per subject.
WITH summary AS (
    SELECT * FROM subject_summary
)
SELECT *
FROM summary
ORDER BY subject
