-- Purpose: the current claims, normalized for reconciliation: subject parts, the date window of
--          as_of, the claimant's organization, the stated figure and the interval it allows.
-- Grain: one row per current claim (claim_id). Only claims with is_current are reconciled.
-- materialized: temp
WITH params AS (
    SELECT approx_tolerance FROM reconcile_params
),

current_claims AS (
    -- only the columns reconciliation computes with; subject_claims adds the texts back
    SELECT
        claim_id, doc_id, content_hash, low, high, qualifier, category, subcategory, side_code,
        location_key, period, as_of, event, claimant, claimant_type, modality, "start", measure
    FROM claims
    WHERE is_current
),

current_documents AS (
    -- dateline: the first all-caps word followed by " (" in the text's head ("MOSCOW (AP)"),
    -- one short string per document rather than the head carried for every claim
    SELECT
        content_hash, outlet, published,
        nullif(regexp_extract(left(text, 200), '([A-Z][A-Z-]{3,}) \(', 1), '') AS dateline
    FROM documents
),

claimant_names AS (
    -- who asserts the figure: the scheme puts the outlet itself there when unattributed
    SELECT
        c.*,
        d.outlet,
        d.published,
        d.dateline,
        coalesce(nullif(trim(c.claimant), ''), d.outlet, 'unknown') AS claimant_name,
        coalesce(nullif(trim(c.claimant_type), ''), 'unattributed') AS claimant_kind
    FROM current_claims AS c
    LEFT JOIN current_documents AS d USING (content_hash)
),

normalized AS (
    SELECT
        *,
        coalesce(nullif(upper(trim(side_code)), ''), 'UNKNOWN') AS side_key,
        coalesce(nullif(lower(trim(category)), ''), 'other_military') AS category_key,
        nullif(lower(trim(subcategory)), '') AS subcategory_key,
        coalesce(nullif(trim(location_key), ''), 'Unspecified') AS location_norm,
        coalesce(
            nullif(trim(period), ''), left(nullif(trim(as_of), ''), 7), left(published, 7), 'undated'
        ) AS period_key,
        nullif(trim(event), '') AS event_key,
        -- what kind of count (SCHEME.md measure); NULL (older warehouses) = stock
        coalesce(nullif(lower(trim(measure)), ''), 'stock') AS measure_key,
        lower(claimant_name) AS claimant_lc,
        coalesce(lower(trim(qualifier)), 'exact') AS qualifier_key,
        coalesce(low, high) AS stated_low,
        coalesce(high, low) AS stated_high,
        try_cast(published AS DATE) AS published_date
    FROM claimant_names
),

affiliated AS (
    -- the claimant's organization: the claimants lexicon first, then the shortest other
    -- claimant name this one starts with ("NATO Secretary-General Jens Stoltenberg" -> "NATO")
    SELECT
        n.*,
        coalesce(a.organization, o.organization, n.claimant_name) AS claimant_org,
        -- a junk claimant (warehouse/checks/junk_claimants.sql lists them): one word that is
        -- a headline tag or stray word, or the document's all-caps dateline ("MOSCOW (AP) -")
        coalesce(a.claimant_lc IS NULL AND n.claimant_kind <> 'unattributed'
            AND NOT contains(trim(n.claimant), ' ')
            AND (
                n.claimant_lc IN (
                    'report', 'most', 'many', 'some', 'analysis', 'update', 'exclusive',
                    'opinion', 'breaking', 'watch', 'video', 'explainer', 'live'
                )
                OR (
                    trim(n.claimant) = n.dateline
                )
            ), FALSE) AS is_junk_claimant
    FROM normalized AS n
    LEFT JOIN claimant_affiliations AS a ON a.claimant_lc = n.claimant_lc
    LEFT JOIN stg_claimant_prefixes AS o ON o.claimant_lc = n.claimant_lc
),

windows AS (
    SELECT
        *,
        lower(claimant_org) AS claimant_key,
        claimant_kind <> 'unattributed' AS is_attributed,
        CASE
            WHEN length(trim(as_of)) >= 10 THEN try_cast(left(trim(as_of), 10) AS DATE)
            WHEN length(trim(as_of)) = 7 THEN try_cast(trim(as_of) || '-01' AS DATE)
            WHEN length(trim(as_of)) = 4 THEN try_cast(trim(as_of) || '-01-01' AS DATE)
        END AS as_of_start
    FROM affiliated
),

intervals AS NOT MATERIALIZED (
    -- inlined twice: the order below reads only its sort keys from it, so the window sorts
    -- narrow rows instead of a materialized copy of every column
    SELECT
        w.*,
        CASE w.qualifier_key
            WHEN 'approximate' THEN w.stated_low * (1 - p.approx_tolerance)
            WHEN 'upper_bound' THEN 0.0
            ELSE w.stated_low
        END AS interval_low,
        CASE w.qualifier_key
            WHEN 'approximate' THEN w.stated_high * (1 + p.approx_tolerance)
            WHEN 'lower_bound' THEN NULL          -- unbounded above
            ELSE w.stated_high
        END AS interval_high,
        CASE w.qualifier_key
            WHEN 'upper_bound' THEN w.stated_high
            WHEN 'lower_bound' THEN w.stated_low
            ELSE (w.stated_low + w.stated_high) / 2
        END AS value,
        CASE w.modality
            WHEN 'reported' THEN 1
            WHEN 'estimated' THEN 1
            WHEN 'planned' THEN 2
            WHEN 'speculative' THEN 3
            WHEN 'denied' THEN 9
            ELSE 4
        END AS modality_rank
    FROM windows AS w
    CROSS JOIN params AS p
),

ordered AS (
    -- one total order of claims: earlier publication first, then document and position
    -- (sorted on the keys alone: carrying every column through the sort costs seconds)
    SELECT
        claim_id,
        row_number() OVER (
            ORDER BY coalesce(published_date, as_of_start) NULLS LAST, doc_id, "start", claim_id
        ) AS seq
    FROM intervals
)

-- only what later steps read (every column of a million-row temp table costs its copy)
SELECT
    i.claim_id, i.doc_id, i.qualifier_key, i.modality, i.modality_rank, i."start",
    i.outlet, i.published, i.published_date, i.side_key, i.category_key, i.subcategory_key,
    i.location_norm, i.period_key, i.event_key, i.measure_key, i.claimant_name, i.claimant_org,
    i.claimant_key, i.is_attributed, i.is_junk_claimant, i.as_of_start, i.stated_low, i.stated_high,
    i.interval_low, i.interval_high, i.value, o.seq
FROM intervals AS i
JOIN ordered AS o USING (claim_id)
