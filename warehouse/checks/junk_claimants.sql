-- Purpose: current claims whose claimant is junk, not a source: one word that is a headline
--          tag or stray word ("Report", "Most") or the document's all-caps dateline
--          ("MOSCOW (AP) -"), and not a claimant of the claimants lexicon. Such a figure never
--          makes a conflict (conflicting_pairs leaves it out, stg_claims.is_junk_claimant is
--          the same rule); the run reports it as a quality failure of extraction.
-- Grain: one row per offending claim.
WITH named AS (
    SELECT
        c.claim_id, c.doc_id, c.figure_text, trim(c.claimant) AS claimant,
        regexp_extract(left(d.text, 200), '([A-Z][A-Z-]{3,}) \(', 1) AS dateline
    FROM claims AS c
    JOIN documents AS d USING (content_hash)
    WHERE c.is_current AND coalesce(c.claimant_type, 'unattributed') <> 'unattributed'
        AND NOT contains(trim(c.claimant), ' ')
)

SELECT n.claim_id, n.doc_id, n.figure_text, n.claimant
FROM named AS n
ANTI JOIN claimant_affiliations AS a ON a.claimant_lc = lower(n.claimant)
WHERE lower(n.claimant) IN (
        'report', 'most', 'many', 'some', 'analysis', 'update', 'exclusive', 'opinion',
        'breaking', 'watch', 'video', 'explainer', 'live'
    )
    OR n.claimant = n.dateline
