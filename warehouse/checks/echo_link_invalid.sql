-- Purpose: echo links that break the echo rule: an echo pointing to a claim of another subject,
--          to a later claim, to itself, or to a claim that is not current.
-- Grain: one row per offending echo (claim_id).
WITH echoes AS (
    SELECT subject, claim_id, echo_of, seq FROM subject_claims WHERE is_echo
)

SELECT e.subject, e.claim_id, e.echo_of, s.subject AS source_subject, e.seq, s.seq AS source_seq
FROM echoes AS e
LEFT JOIN subject_claims AS s ON s.claim_id = e.echo_of
WHERE s.claim_id IS NULL OR s.subject <> e.subject OR s.seq >= e.seq
