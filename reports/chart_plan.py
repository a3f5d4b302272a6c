"""Which subjects get charts: the ones an analyst needs them for most, up to a cap.

Drawing a chart costs 60-115 ms of vl-convert; a corpus of 10,000 articles has tens of
thousands of subjects, so charts cannot be drawn for all of them in a run's time budget.
:func:`charted_subjects` ranks the subjects that could have a chart (two or more claims) and
keeps the first ``limit``:

1. status ``conflict``, then ``scope``, then ``qualifier_only`` (the statuses needing a look);
2. then subjects with two or more independent claimants;
3. then the rest;

within each group the subjects with most claims first, ties by subject key (stable). The cap
comes from ``FORCERECON_REPORT_MAX_CHARTS`` (:func:`max_charted_subjects`). Pure functions:
the choice depends only on the warehouse rows, never on what is cached, so the same warehouse
always gives the same pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .formatting import as_int, status_code, text_of

Row = dict[str, Any]

#: Environment variable holding the most subjects drawn with charts.
MAX_CHARTS_ENV = "FORCERECON_REPORT_MAX_CHARTS"

#: Default cap: the end-to-end benchmark (10,000 articles, ~37,000 subjects) keeps the report
#: within its time budget on 2 cores (docs/reports.md, "Speed").
DEFAULT_MAX_CHARTED_SUBJECTS = 40

#: Subjects with fewer claims than this get no charts (the table says it all).
MIN_CLAIMS_FOR_CHART = 2

#: Statuses charted first, in this order.
PRIORITY_STATUSES: tuple[str, ...] = ("conflict", "scope", "qualifier_only")


class ChartCapError(ValueError):
    """``FORCERECON_REPORT_MAX_CHARTS`` is not a whole number >= 0."""


def max_charted_subjects(environ: Mapping[str, str] | None = None) -> int:
    """The cap from ``FORCERECON_REPORT_MAX_CHARTS`` (default :data:`DEFAULT_MAX_CHARTED_SUBJECTS`).

    Raises :class:`ChartCapError` naming the variable and its value when it is not a whole
    number >= 0 (0 draws no chart at all).
    """
    from forcerecon.settings import Settings, SettingsError

    try:
        settings = Settings() if environ is None else Settings.from_environ(environ)
    except SettingsError as exc:
        raise ChartCapError(str(exc)) from None
    return settings.report_max_charts


def chart_priority(summary: Row, n_claims: int) -> tuple[int, int, str]:
    """Sort key of a subject for charting (smaller first): status group, most claims, key."""
    code = status_code(summary.get("status"))
    if code in PRIORITY_STATUSES:
        group = PRIORITY_STATUSES.index(code)
    elif (as_int(summary.get("n_independent")) or 0) >= 2:
        group = len(PRIORITY_STATUSES)
    else:
        group = len(PRIORITY_STATUSES) + 1
    return group, -n_claims, text_of(summary.get("subject"))


def charted_subjects(
    subjects: Sequence[Row], claim_counts: Mapping[str, int], limit: int
) -> set[str]:
    """The subject keys that get charts: those with at least :data:`MIN_CLAIMS_FOR_CHART`
    claims (``claim_counts``: claims per subject as the report lists them), ranked by
    :func:`chart_priority`, the first ``limit``."""
    if limit <= 0:
        return set()
    eligible = [
        (
            chart_priority(s, claim_counts.get(text_of(s.get("subject")), 0)),
            text_of(s.get("subject")),
        )
        for s in subjects
        if claim_counts.get(text_of(s.get("subject")), 0) >= MIN_CLAIMS_FOR_CHART
    ]
    eligible.sort()
    return {subject for _, subject in eligible[:limit]}
