-- Purpose: one line per subject: its counts, best estimate and status, with the rule that
--          decided each. Status precedence (first match wins):
--          0 undated         rule undated_not_compared: neither the text nor the publication
--                            date fixes when the figures hold, so they are never compared
--                            (undated_subjects lists the dated subjects they may belong to);
--          1 conflict        rule independent_disjoint: figures of two independent claimants
--                            do not overlap (a pair in `conflicting_pairs` of kind independent);
--          2 conflict        rule same_claimant_disjoint: one claimant's own figures do not
--                            overlap (a revision or a misquote);
--          3 qualifier_only  rule same_figure_other_qualifiers: two or more independent
--                            claimants state one figure, with different qualifiers;
--          4 agree           rule independent_overlap: two or more independent claimants,
--                            all intervals overlap;
--          4 single_source   rule one_source_repeated: two or more claims, one claimant
--                            (repeated or echoed), all overlapping: not an agreement;
--          5 scope           rule part_of_larger_scope: one claim, and its subject lies within
--                            a subject (subject_scope) whose best figure differs;
--          6 single_source   rule one_claim.
-- Grain: one row per subject that has at least one current claim.
-- materialized: table
WITH subjects AS (
    SELECT * FROM subject_facts
),

pair_counts AS (
    SELECT
        subject,
        count(*) AS n_conflict_pairs,
        bool_or(kind = 'independent') AS has_independent_conflict
    FROM conflicting_pairs
    GROUP BY subject
),

wholes AS (
    SELECT
        part_subject AS subject,
        -- a sorted list joined: an ordered string_agg runs on one thread
        array_to_string(list_sort(list(whole_subject)), '; ') AS within,
        bool_or(differs) AS differs_from_whole
    FROM subject_scope
    GROUP BY part_subject
),

parts AS (
    SELECT whole_subject AS subject, count(*) AS n_parts
    FROM subject_scope
    GROUP BY whole_subject
),

statement_counts AS (
    SELECT subject, count(*) AS n_statements
    FROM subject_statements
    GROUP BY subject
),

decided AS (
    SELECT
        s.*,
        coalesce(c.n_conflict_pairs, 0) AS n_conflict_pairs,
        coalesce(st.n_statements, 0) AS n_statements,
        w.within,
        coalesce(p.n_parts, 0) AS n_parts,
        CASE
            WHEN s.period IS NULL THEN 'undated'
            WHEN c.has_independent_conflict THEN 'conflict'
            WHEN c.n_conflict_pairs > 0 THEN 'conflict'
            WHEN s.n_independent >= 2 AND s.one_figure AND NOT s.one_qualifier
                THEN 'qualifier_only'
            WHEN s.n_claims >= 2 AND s.n_independent >= 2 THEN 'agree'
            WHEN s.n_claims >= 2 THEN 'single_source'
            WHEN w.differs_from_whole THEN 'scope'
            ELSE 'single_source'
        END AS status,
        CASE
            WHEN s.period IS NULL THEN 'undated_not_compared'
            WHEN c.has_independent_conflict THEN 'independent_disjoint'
            WHEN c.n_conflict_pairs > 0 THEN 'same_claimant_disjoint'
            WHEN s.n_independent >= 2 AND s.one_figure AND NOT s.one_qualifier
                THEN 'same_figure_other_qualifiers'
            WHEN s.n_claims >= 2 AND s.n_independent >= 2 THEN 'independent_overlap'
            WHEN s.n_claims >= 2 THEN 'one_source_repeated'
            WHEN w.differs_from_whole THEN 'part_of_larger_scope'
            ELSE 'one_claim'
        END AS rule
    FROM subjects AS s
    LEFT JOIN pair_counts AS c USING (subject)
    LEFT JOIN wholes AS w USING (subject)
    LEFT JOIN parts AS p USING (subject)
    LEFT JOIN statement_counts AS st USING (subject)
)

SELECT
    subject, side_code, category, subcategory, location_key, period, event,
    n_claims, n_independent, n_statements, low, best, high, status, rule,
    estimate_rule, n_candidates, n_echoes, n_conflict_pairs, one_figure, one_qualifier,
    within, n_parts, claimants, first_published, last_published, window_start, window_end,
    series
FROM decided
ORDER BY subject
