"""Pure view model of index.html: totals, the last run, the subjects table (the statuses
needing attention first) and the documents that get a page.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .formatting import (
    STATUS_ORDER,
    fmt_date,
    fmt_number,
    sort_number,
    status_code,
    status_label,
    text_of,
)
from .links import document_page, subject_page
from .run_views import run_overview
from .subject_views import group_by_subject
from .values import estimate_range, independent_range, number

Row = dict[str, Any]


#: Separator of the names in a row's data-claimants / data-outlets attribute.
NAME_SEP = "|"


def _names(claims: Sequence[Row], key: str) -> str:
    return NAME_SEP.join(
        sorted({text_of(c.get(key)).strip().replace(NAME_SEP, "/") for c in claims} - {""})
    )


def subject_rows(
    subjects: Sequence[Row], claims_by_subject: Mapping[str, Sequence[Row]] | None = None
) -> list[Row]:
    """The subjects table of the index page, the statuses needing attention first; each row
    with the range its independent figures span and the claimants and outlets behind them
    (for the claimant/outlet facets)."""
    claims_by_subject = claims_by_subject or {}
    out: list[Row] = []
    for s in subjects:
        code = status_code(s.get("status"))
        claims = claims_by_subject.get(text_of(s.get("subject")), [])
        spread, width, n_figures = independent_range(claims)
        best, best_note = estimate_range(s.get("low"), s.get("best"), s.get("high"))
        out.append(
            {
                "subject": text_of(s.get("subject")),
                "page": subject_page(s.get("subject")),
                "status": code,
                "status_label": status_label(code),
                "status_rank": STATUS_ORDER.index(code)
                if code in STATUS_ORDER
                else len(STATUS_ORDER),
                "side_code": text_of(s.get("side_code")),
                "category": text_of(s.get("category")),
                "location_key": text_of(s.get("location_key")),
                "period": text_of(s.get("period")),
                "event": text_of(s.get("event")),
                "n_claims": fmt_number(s.get("n_claims")),
                "n_claims_sort": sort_number(s.get("n_claims")),
                "n_independent": fmt_number(s.get("n_independent")),
                "n_independent_sort": sort_number(s.get("n_independent")),
                "n_statements": fmt_number(s.get("n_statements")),
                "n_statements_sort": sort_number(s.get("n_statements")),
                "low": number(s.get("low")),
                "low_sort": sort_number(s.get("low")),
                "best": best,
                "best_note": best_note,
                "best_sort": sort_number(s.get("best")),
                "high": number(s.get("high")),
                "high_sort": sort_number(s.get("high")),
                "spread": spread,
                "spread_sort": sort_number(width),
                "n_figures": n_figures,
                "claimants": _names(claims, "claimant"),
                "outlets": _names(claims, "outlet"),
                "rule": text_of(s.get("rule")).replace("_", " "),
            }
        )
    return sorted(out, key=lambda r: (r["status_rank"], r["subject"]))


#: Facets of the subjects table: (URL key, label, subject_summary column).
FACETS: tuple[tuple[str, str, str], ...] = (
    ("side", "side", "side_code"),
    ("category", "category", "category"),
    ("location", "location", "location_key"),
    ("period", "period", "period"),
)


def _distinct(rows: Sequence[Row], key: str) -> list[str]:
    return sorted({text_of(r.get(key)).strip() for r in rows} - {""})


def facet_values(subjects: Sequence[Row]) -> list[tuple[str, str, list[tuple[str, int]]]]:
    """(URL key, label, [(value, subjects with it), ...]) per facet, values sorted."""
    out = []
    for key, label, column in FACETS:
        counts = Counter(text_of(s.get(column)) for s in subjects)
        out.append((key, label, sorted((v, n) for v, n in counts.items() if v)))
    return out


#: File (under assets/, beside the script) holding the claim text the search box also looks in.
SEARCH_DATA = "assets/index-search.js"


def search_data(claims: Sequence[Row]) -> str:
    """JavaScript defining ``window.forcereconSearch``: subject -> lower-case text of its
    claims (figure, sentence, claimant, outlet), so a search finds a subject by what its
    sources said. A script file (not fetched data): it loads from file:// under the CSP."""
    texts: dict[str, dict[str, None]] = {}
    for c in claims:
        subject = text_of(c.get("subject"))
        bucket = texts.setdefault(subject, {})
        for key in ("figure_text", "sentence", "claimant", "outlet"):
            value = text_of(c.get(key))
            if value:
                bucket.setdefault(value.lower(), None)
    data = {s: " \u2029 ".join(parts) for s, parts in sorted(texts.items())}
    return "window.forcereconSearch = " + json.dumps(data, ensure_ascii=True) + ";\n"


def status_counts(subjects: Sequence[Row]) -> list[tuple[str, str, int]]:
    """(code, label, count) for every status present, attention-first order."""
    counts = Counter(status_code(s.get("status")) for s in subjects)
    known = [c for c in STATUS_ORDER if c in counts]
    other = sorted(c for c in counts if c not in STATUS_ORDER)
    return [(c, status_label(c), counts[c]) for c in [*known, *other]]


def documents_with_figures(rows: Mapping[str, list[Row]]) -> list[Row]:
    """The current documents holding at least one claim or statement: the ones that get a page.

    A corpus of news holds many articles without any force figure; pages for them would only
    bury the others (the warehouse keeps them all).
    """
    keys = {
        (text_of(r.get("doc_id")), text_of(r.get("content_hash")))
        for name in ("document_claims", "document_statements")
        for r in rows.get(name, [])
    }
    return [
        d
        for d in rows["documents"]
        if (text_of(d.get("doc_id")), text_of(d.get("content_hash"))) in keys
    ]


def index_context(
    rows: Mapping[str, list[Row]],
    run_summary: Mapping[str, Any] | None,
    data_docs_href: str | None,
    missing: Sequence[str],
) -> Row:
    """Everything index.html shows."""
    subjects = rows["subjects"]
    per_doc = Counter(
        (text_of(c.get("doc_id")), text_of(c.get("content_hash"))) for c in rows["document_claims"]
    )
    n_conflict = sum(1 for s in subjects if status_code(s.get("status")) == "conflict")
    claims_by_subject = group_by_subject(rows.get("subject_claims", []))
    with_figures = documents_with_figures(rows)
    return {
        "totals": {
            "documents": fmt_number(len(rows["documents"])),
            "claims": fmt_number(len(rows["document_claims"])),
            "subjects": fmt_number(len(subjects)),
            "conflicts": fmt_number(n_conflict),
            "rejects": fmt_number(len(rows.get("rejects", []))),
        },
        "run": run_overview(
            run_summary, rows.get("runs", []), rows.get("quality_results", []), data_docs_href
        ),
        "subjects": subject_rows(subjects, claims_by_subject),
        "facets": facet_values(subjects),
        "claimant_names": _distinct(rows.get("subject_claims", []), "claimant"),
        "outlet_names": _distinct(rows.get("subject_claims", []), "outlet"),
        "status_counts": status_counts(subjects),
        "documents": [
            {
                "doc_id": text_of(d.get("doc_id")),
                "title": text_of(d.get("title")),
                "outlet": text_of(d.get("outlet")),
                "published": fmt_date(d.get("published")),
                "n_claims": fmt_number(
                    per_doc[(text_of(d.get("doc_id")), text_of(d.get("content_hash")))]
                ),
                "page": document_page(d.get("doc_id"), d.get("content_hash")),
            }
            for d in with_figures
        ],
        "n_documents_without_figures": fmt_number(len(rows["documents"]) - len(with_figures)),
        "missing": list(missing),
    }
