-- Purpose: the rows the `subject_summary` expectation suite checks (the reconciled subjects).
-- Grain: one row per subject.
WITH subjects AS (
    SELECT *
    FROM subject_summary
)

SELECT *
FROM subjects
ORDER BY subject
