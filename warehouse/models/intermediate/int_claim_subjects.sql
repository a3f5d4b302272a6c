-- Purpose: the subject each current claim counts: side, category (+subcategory), location,
--          measure (a suffix ~added, ~withdrawn, ... when not stock) and period, split by event only where one key holds claims of two or more named events
--          (claims without an event then stay under the plain key; the event joins the key
--          with spaces as underscores: ...-2022-02@Union_Resolve_2022). Adds the subject's
--          date window (period YYYY, YYYY-MM or YYYY-MM-DD -> [window_start, window_end]).
--          Narrow on purpose (keyed by stg_claims.seq, one claim's integer id): the windows
--          and event counts are computed once per key, and int_reconciled joins the claim's
--          other columns back once.
-- Grain: one row per current claim (seq).
-- materialized: temp
WITH keyed AS (
    SELECT
        seq,
        event_key,
        period_key,
        -- a measure other than stock joins the key (a pullback is not a smaller total)
        side_key || '-' || category_key || coalesce('.' || subcategory_key, '') || '-'
            || location_norm
            || CASE WHEN measure_key <> 'stock' THEN '~' || measure_key ELSE '' END AS series
    FROM stg_claims
),

events_per_key AS (
    -- two or more named events under one key <=> the smallest and largest event differ
    SELECT
        series,
        period_key,
        series || '-' || period_key AS subject_key,
        min(event_key) < max(event_key) AS split_by_event,
        min(event_key) AS only_event
    FROM keyed
    GROUP BY series, period_key
),

windowed AS (
    SELECT
        *,
        CASE
            WHEN length(period_key) >= 10 THEN try_cast(left(period_key, 10) AS DATE)
            WHEN length(period_key) = 7 THEN try_cast(period_key || '-01' AS DATE)
            WHEN length(period_key) = 4 THEN try_cast(period_key || '-01-01' AS DATE)
        END AS window_start,
        CASE
            WHEN length(period_key) >= 10 THEN try_cast(left(period_key, 10) AS DATE)
            WHEN length(period_key) = 7 THEN last_day(try_cast(period_key || '-01' AS DATE))
            WHEN length(period_key) = 4 THEN try_cast(period_key || '-12-31' AS DATE)
        END AS window_end
    FROM events_per_key
)

SELECT
    k.seq,
    k.series,
    CASE
        WHEN e.split_by_event AND k.event_key IS NOT NULL
            THEN e.subject_key || '@' || replace(k.event_key, ' ', '_')
        ELSE e.subject_key
    END AS subject,
    CASE WHEN e.split_by_event THEN k.event_key ELSE e.only_event END AS subject_event,
    e.window_start,
    e.window_end
FROM keyed AS k
JOIN windowed AS e USING (series, period_key)
