-- Purpose: what reconciliation decided for every current claim, kept narrow (subject, interval,
--          echo links, order) so a million rows store fast; the views subject_claims and
--          timeline add the claim and document texts to it.
-- Grain: one row per current claim (claim_id); each claim belongs to exactly one subject.
-- materialized: table
WITH reconciled AS (
    SELECT * FROM int_reconciled
)

SELECT
    claim_id,
    subject,
    series,
    side_key AS side_code,
    category_key AS category,
    subcategory_key AS subcategory,
    location_norm AS location_key,
    nullif(period_key, 'undated') AS period,
    subject_event AS event,
    claimant_org,
    as_of_start,
    stated_low,
    stated_high,
    value,
    interval_low,
    interval_high,
    is_echo,
    echo_of,
    echo_rule,
    echo_root,
    echo_depth,
    root_claimant_key,
    seq
FROM reconciled
-- stored in subject order: a query for one subject reads one row group (zone maps)
ORDER BY subject, seq
