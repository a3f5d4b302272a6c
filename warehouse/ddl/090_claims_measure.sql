-- Purpose: add `measure` (SCHEME.md: stock, added, withdrawn, needed, mobilized, subset; NULL =
-- stock, as in warehouses loaded before it existed) to claims and claim_versions. A new numbered
-- file because DDL files are append-only: an existing warehouse gets the column on its next
-- write open, a new one right after 020/070.
-- Grain: as claims / claim_versions.
ALTER TABLE claims ADD COLUMN IF NOT EXISTS measure VARCHAR;
ALTER TABLE claim_versions ADD COLUMN IF NOT EXISTS measure VARCHAR;
