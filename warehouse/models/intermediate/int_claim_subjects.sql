-- Purpose: the subject each current claim counts: side, category (+subcategory), location and
--          period, split by event only where one key holds claims of two or more named events
--          (claims without an event then stay under the plain key; the event joins the key
--          with spaces as underscores: ...-2022-02@Union_Resolve_2022). Adds the subject's
--          date window (period YYYY, YYYY-MM or YYYY-MM-DD -> [window_start, window_end]).
-- Grain: one row per current claim (claim_id).
-- materialized: temp
WITH keyed AS (
    SELECT
        *,
        side_key || '-' || category_key || coalesce('.' || subcategory_key, '') || '-'
            || location_norm || '-' || period_key AS subject_key,
        side_key || '-' || category_key || coalesce('.' || subcategory_key, '') || '-'
            || location_norm AS series
    FROM stg_claims
),

events_per_key AS (
    SELECT
        subject_key,
        count(DISTINCT event_key) AS n_events,
        min(event_key) AS only_event
    FROM keyed
    GROUP BY subject_key
),

assigned AS (
    SELECT
        k.*,
        CASE
            WHEN e.n_events > 1 AND k.event_key IS NOT NULL
                THEN k.subject_key || '@' || replace(k.event_key, ' ', '_')
            ELSE k.subject_key
        END AS subject,
        CASE WHEN e.n_events > 1 THEN k.event_key ELSE e.only_event END AS subject_event
    FROM keyed AS k
    JOIN events_per_key AS e USING (subject_key)
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
    FROM assigned
)

SELECT * EXCLUDE (subject_key)
FROM windowed
