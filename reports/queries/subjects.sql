-- Purpose: the subjects table of index.html and the head of each subject page: every column
--          of subject_summary (the contract's columns plus whatever the model adds, such as
--          estimate_rule or within), read as the model writes them.
-- Grain: one row per subject.
WITH summary AS (
    SELECT * FROM subject_summary
)
SELECT *
FROM summary
ORDER BY subject
