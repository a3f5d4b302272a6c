-- Purpose: runs that committed their load but never finished (killed before their end) are
-- marked interrupted once a later run ($run_id) has rebuilt the marts over their data.
-- Grain: run_id.
UPDATE runs
SET status = 'interrupted',
    message = 'stopped after its load; marts rebuilt and checked by run ' || $run_id
WHERE status = 'loaded'
  AND run_id <> $run_id
