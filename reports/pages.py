"""Pure view models: warehouse rows in, what each page shows out (no IO, no HTML).

Every value that comes from an article or an input file stays plain text here; the Jinja
templates (autoescape on) escape it. Links to sources are kept only for http(s) URLs.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .formatting import (
    STATUS_ORDER,
    fmt_bounds,
    fmt_cell,
    fmt_date,
    fmt_duration,
    fmt_number,
    is_missing,
    page_name,
    status_code,
    status_label,
)
from .highlight import Segment, Span, highlight

Row = dict[str, Any]

SUBJECT_DIR = "subjects"
DOCUMENT_DIR = "documents"

_ANCHOR_DROP = re.compile(r"[^A-Za-z0-9_-]+")

#: Keys of run_summary the report knows, with the aliases it accepts for each.
RUN_SUMMARY_KEYS: dict[str, tuple[str, ...]] = {
    "run_id": ("run_id",),
    "started_at": ("started_at", "started"),
    "duration_s": ("duration_s", "duration", "seconds"),
    "documents": ("documents", "n_documents"),
    "claims": ("claims", "n_claims"),
    "subjects": ("subjects", "n_subjects"),
    "rejects": ("rejects", "n_rejects"),
    "validation": ("validation", "quality", "validation_state", "validation_success"),
    "gx_data_docs": ("gx_data_docs", "data_docs", "data_docs_index", "gx_data_docs_path"),
    "status": ("status",),
    "loaded": ("loaded",),
}

#: run_summary keys that are not shown (paths of this machine, text meant for the terminal).
HIDDEN_SUMMARY_KEYS = ("db_path", "report", "text")

#: What a run's load changed (run_summary["loaded"], as load_run returns it), in words.
LOADED_FIELDS: tuple[tuple[str, str], ...] = (
    ("n_documents_new", "new documents"),
    ("n_documents_superseded", "superseded documents"),
    ("n_claims_new", "new claims"),
    ("n_claims_retired", "retired claims"),
    ("n_statements_new", "new statements"),
    ("n_rejects", "rejects"),
)


def data_docs_path(run_summary: Mapping[str, Any] | None) -> str | None:
    """Where run_summary says the GX Data Docs index is (top level or under "quality")."""
    if not run_summary:
        return None
    for source in (run_summary, run_summary.get("quality")):
        if isinstance(source, Mapping):
            for key in RUN_SUMMARY_KEYS["gx_data_docs"]:
                if source.get(key):
                    return str(source[key])
    return None


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (never a javascript:/data: link)."""
    if is_missing(value):
        return None
    text = str(value).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if (
        parts.scheme.lower() in ("http", "https")
        and parts.netloc
        and not any(ch in text for ch in "\"'<>\\ \t\n\r")
    ):
        return text
    return None


def anchor(prefix: str, key: object) -> str:
    """An HTML id from a key: only letters, digits, '-' and '_'."""
    return f"{prefix}-{_ANCHOR_DROP.sub('_', str(key))}"


def subject_page(subject: object) -> str:
    """Path of a subject's page relative to the report root."""
    return f"{SUBJECT_DIR}/{page_name('subject', str(subject))}"


def document_page(doc_id: object, content_hash: object) -> str:
    """Path of a document's page relative to the report root (one page per text version)."""
    return f"{DOCUMENT_DIR}/{page_name('document', f'{doc_id}:{content_hash}', str(doc_id))}"


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def _int(value: object) -> int | None:
    if is_missing(value):
        return None
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


def _sort_number(value: object) -> str:
    """A numeric sort key for the table script ('' sorts last)."""
    if is_missing(value):
        return ""
    try:
        return repr(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


@dataclass
class Table:
    """A generic table: column names and formatted cells (for relations shown as they are)."""

    columns: list[str]
    rows: list[list[str]]
    flags: list[str] = field(default_factory=list)  # per-row css class ("fail" / "")


def generic_table(rows: Sequence[Row], drop: Sequence[str] = ()) -> Table:
    """Rows of any relation as a table; a boolean ``success`` column marks failing rows."""
    if not rows:
        return Table([], [])
    columns = [c for c in rows[0] if c not in drop]
    cells = [[fmt_cell(r.get(c)) for c in columns] for r in rows]
    flags = ["fail" if r.get("success") is False else "" for r in rows]
    return Table(columns, cells, flags)


# --------------------------------------------------------------------------- sentences


def sentence_segments(row: Row, text_key: str = "figure_text") -> tuple[list[Segment], str | None]:
    """The claim's sentence cut around its figure, using start/end relative to the sentence.

    Returns the segments and, when the offsets do not point at the figure, the reason
    (the sentence is then shown without a highlight: a figure is never marked in the wrong place).
    """
    sentence = _text(row.get("sentence"))
    start, end, s_start = (
        _int(row.get("start")),
        _int(row.get("end")),
        _int(row.get("sentence_start")),
    )
    if not sentence:
        return [], "no sentence recorded"
    if start is None or end is None or s_start is None:
        return [Segment(sentence)], "no offsets recorded"
    expected = row.get(text_key)
    span = Span(start - s_start, end - s_start, None if is_missing(expected) else str(expected))
    result = highlight(sentence, [span])
    problem = result.skipped[0][1] if result.skipped else None
    return result.segments, problem


# --------------------------------------------------------------------------- index


def subject_rows(subjects: Sequence[Row]) -> list[Row]:
    """The subjects table of the index page, the statuses needing attention first."""
    out: list[Row] = []
    for s in subjects:
        code = status_code(s.get("status"))
        out.append(
            {
                "subject": _text(s.get("subject")),
                "page": subject_page(s.get("subject")),
                "status": code,
                "status_label": status_label(code),
                "status_rank": STATUS_ORDER.index(code)
                if code in STATUS_ORDER
                else len(STATUS_ORDER),
                "side_code": _text(s.get("side_code")),
                "category": _text(s.get("category")),
                "location_key": _text(s.get("location_key")),
                "period": _text(s.get("period")),
                "event": _text(s.get("event")),
                "n_claims": fmt_number(s.get("n_claims")),
                "n_claims_sort": _sort_number(s.get("n_claims")),
                "n_independent": fmt_number(s.get("n_independent")),
                "n_independent_sort": _sort_number(s.get("n_independent")),
                "n_statements": fmt_number(s.get("n_statements")),
                "n_statements_sort": _sort_number(s.get("n_statements")),
                "low": fmt_number(s.get("low")),
                "low_sort": _sort_number(s.get("low")),
                "best": fmt_number(s.get("best")),
                "best_sort": _sort_number(s.get("best")),
                "high": fmt_number(s.get("high")),
                "high_sort": _sort_number(s.get("high")),
                "rule": _text(s.get("rule")).replace("_", " "),
            }
        )
    return sorted(out, key=lambda r: (r["status_rank"], r["subject"]))


def status_counts(subjects: Sequence[Row]) -> list[tuple[str, str, int]]:
    """(code, label, count) for every status present, attention-first order."""
    counts = Counter(status_code(s.get("status")) for s in subjects)
    known = [c for c in STATUS_ORDER if c in counts]
    other = sorted(c for c in counts if c not in STATUS_ORDER)
    return [(c, status_label(c), counts[c]) for c in [*known, *other]]


def _lookup(summary: Mapping[str, Any], key: str) -> Any:
    for alias in RUN_SUMMARY_KEYS[key]:
        if alias in summary and not is_missing(summary[alias]):
            return summary[alias]
    return None


def latest_quality(quality: Sequence[Row]) -> tuple[str, list[Row]]:
    """The run_id of the latest data-quality results (by recorded_at) and that run's rows."""
    if not quality:
        return "", []
    last = max(quality, key=lambda r: (fmt_date(r.get("recorded_at")), _text(r.get("run_id"))))
    run_id = _text(last.get("run_id"))
    return run_id, [r for r in quality if _text(r.get("run_id")) == run_id]


def quality_view(row: Row) -> Row:
    """One data-quality result: the expectation, its notes and unexpected count from details."""
    raw = _text(row.get("details"))
    try:
        details = json.loads(raw) if raw else {}
    except ValueError:
        details = {}
    if not isinstance(details, dict):
        details = {}
    return {
        "suite": _text(row.get("suite")),
        "expectation": _text(row.get("expectation")),
        "column": _text(row.get("column")),
        "success": row.get("success") is True,
        "failed": row.get("success") is False,
        "notes": _text(details.get("notes")),
        "unexpected": fmt_number(details.get("unexpected_count")),
        "observed": fmt_cell(details.get("observed_value")),
        "details": raw,
    }


def quality_history(quality: Sequence[Row]) -> list[Row]:
    """Per run: when its checks were recorded and how many passed (latest first)."""
    runs: dict[str, list[Row]] = defaultdict(list)
    for r in quality:
        runs[_text(r.get("run_id"))].append(r)
    out = [
        {
            "run_id": run_id,
            "recorded_at": max(fmt_date(r.get("recorded_at")) for r in rows),
            "passed": fmt_number(sum(1 for r in rows if r.get("success") is True)),
            "total": fmt_number(len(rows)),
            "failed": sum(1 for r in rows if r.get("success") is False),
        }
        for run_id, rows in runs.items()
    ]
    return sorted(out, key=lambda r: (r["recorded_at"], r["run_id"]), reverse=True)


def validation_state(value: object, quality: Sequence[Row]) -> tuple[str, str]:
    """(code, text) of the validation state: from run_summary, else from quality_results."""
    failed = sum(1 for r in quality if r.get("success") is False)
    total = sum(1 for r in quality if isinstance(r.get("success"), bool))
    counted = f"{total - failed} of {total} checks passed" if total else "no checks recorded"
    if isinstance(value, bool):
        return ("passed" if value else "failed"), counted
    if isinstance(value, str) and value.strip():
        code = status_code(value)
        known = code in ("passed", "failed", "warning")
        return (code if known else "unknown"), (
            counted
            if total and known
            else f"{value.strip()}; {counted}"
            if total
            else value.strip()
        )
    if isinstance(value, Mapping):
        success = value.get("success")
        if isinstance(success, bool):
            return ("passed" if success else "failed"), counted
    if total:
        return ("passed" if failed == 0 else "failed"), counted
    return "unknown", counted


def latest_run(runs: Sequence[Row]) -> Row:
    """The latest run by started_at (then run_id); empty when there is none."""
    if not runs:
        return {}
    return max(runs, key=lambda r: (fmt_date(r.get("started_at")), _text(r.get("run_id"))))


def run_overview(
    run_summary: Mapping[str, Any] | None,
    runs: Sequence[Row],
    quality: Sequence[Row],
    data_docs_href: str | None,
) -> Row:
    """What the index says about the last run: from run_summary, else from the runs table."""
    summary = dict(run_summary or {})
    last = latest_run(runs)
    duration = _lookup(summary, "duration_s")
    if duration is None and last.get("started_at") is not None and last.get("ended_at") is not None:
        try:
            duration = (last["ended_at"] - last["started_at"]).total_seconds()
        except (TypeError, AttributeError):
            duration = None
    validation = _lookup(summary, "validation")
    state, state_text = validation_state(validation, latest_quality(quality)[1])
    failed = validation.get("failed") if isinstance(validation, Mapping) else None
    known = {alias for aliases in RUN_SUMMARY_KEYS.values() for alias in aliases}
    extra = [
        (k.replace("_", " "), fmt_cell(v))
        for k, v in sorted(summary.items())
        if k not in known
        and k not in HIDDEN_SUMMARY_KEYS
        and not isinstance(v, (Mapping, list, tuple, set))
    ]
    loaded = _lookup(summary, "loaded")
    if isinstance(loaded, Mapping):
        extra += [(label, fmt_number(loaded[k])) for k, label in LOADED_FIELDS if k in loaded]
    return {
        "run_id": _text(_lookup(summary, "run_id") or last.get("run_id")),
        "started_at": fmt_date(_lookup(summary, "started_at") or last.get("started_at")),
        "duration": fmt_duration(duration),
        "documents": fmt_number(_lookup(summary, "documents") or last.get("n_documents")),
        "claims": fmt_number(_lookup(summary, "claims") or last.get("n_claims")),
        "subjects": fmt_number(_lookup(summary, "subjects")),
        "rejects": fmt_number(_lookup(summary, "rejects") or last.get("n_rejects")),
        "status": _text(_lookup(summary, "status") or last.get("status")),
        "failed_expectations": [str(f) for f in failed] if isinstance(failed, list) else [],
        "validation": state,
        "validation_text": state_text,
        "data_docs_href": data_docs_href,
        "extra": extra,
        "from_summary": bool(summary),
    }


def documents_with_figures(rows: Mapping[str, list[Row]]) -> list[Row]:
    """The current documents holding at least one claim or statement: the ones that get a page.

    A corpus of news holds many articles without any force figure; pages for them would only
    bury the others (the warehouse keeps them all).
    """
    keys = {
        (_text(r.get("doc_id")), _text(r.get("content_hash")))
        for name in ("document_claims", "document_statements")
        for r in rows.get(name, [])
    }
    return [
        d
        for d in rows["documents"]
        if (_text(d.get("doc_id")), _text(d.get("content_hash"))) in keys
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
        (_text(c.get("doc_id")), _text(c.get("content_hash"))) for c in rows["document_claims"]
    )
    n_conflict = sum(1 for s in subjects if status_code(s.get("status")) == "conflict")
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
        "subjects": subject_rows(subjects),
        "status_counts": status_counts(subjects),
        "documents": [
            {
                "doc_id": _text(d.get("doc_id")),
                "title": _text(d.get("title")),
                "outlet": _text(d.get("outlet")),
                "published": fmt_date(d.get("published")),
                "n_claims": fmt_number(
                    per_doc[(_text(d.get("doc_id")), _text(d.get("content_hash")))]
                ),
                "page": document_page(d.get("doc_id"), d.get("content_hash")),
            }
            for d in documents_with_figures(rows)
        ],
        "n_documents_without_figures": fmt_number(
            len(rows["documents"]) - len(documents_with_figures(rows))
        ),
        "missing": list(missing),
    }


# --------------------------------------------------------------------------- subject pages


def estimate_role(role: Row | None) -> tuple[str, str]:
    """(css class, text) of the part a claim played in the estimate (subject_estimates row)."""
    if not role:
        return "", ""
    rule = _text(role.get("rule")).replace("_", " ")
    if role.get("chosen") is True:
        return "chosen", f"chosen: {rule}" if rule else "chosen"
    if role.get("eligible") is False:
        return "excluded", f"not counted: {rule}" if rule else "not counted"
    return "candidate", f"candidate: {rule}" if rule else "candidate"


def claim_view(claim: Row, doc_pages: set[str], role: Row | None = None) -> Row:
    """One figure on a subject page (``role``: its subject_estimates row, when there is one)."""
    segments, problem = sentence_segments(claim)
    role_class, role_text = estimate_role(role)
    page = document_page(claim.get("doc_id"), claim.get("content_hash"))
    return {
        "anchor": anchor("c", claim.get("claim_id")),
        "claim_id": _text(claim.get("claim_id")),
        "figure_text": _text(claim.get("figure_text")),
        "bounds": fmt_bounds(claim.get("low"), claim.get("high"), claim.get("qualifier")),
        "qualifier": _text(claim.get("qualifier")),
        "item": _text(claim.get("item")),
        "claimant": _text(claim.get("claimant")) or "unattributed",
        "claimant_type": _text(claim.get("claimant_type")),
        "outlet": _text(claim.get("outlet")),
        "title": _text(claim.get("title")),
        "published": fmt_date(claim.get("published")),
        "as_of": fmt_date(claim.get("as_of")),
        "modality": _text(claim.get("modality")),
        "event": _text(claim.get("event")),
        "location": _text(claim.get("location")),
        "n_echoes": fmt_number(claim.get("n_echoes") or 0),
        "role_class": role_class,
        "role": role_text,
        "echo_rule": _text(claim.get("echo_rule")).replace("_", " "),
        "is_echo": bool(claim.get("is_echo")) and not is_missing(claim.get("is_echo")),
        "echo_of": _text(claim.get("echo_of")),
        "echo_anchor": anchor("c", claim.get("echo_of"))
        if not is_missing(claim.get("echo_of"))
        else "",
        "segments": segments,
        "span_problem": problem,
        "url": safe_url(claim.get("url")),
        "doc_id": _text(claim.get("doc_id")),
        "claim_no": fmt_number(claim.get("claim_no")),
        "doc_page": f"../{page}#{anchor('c', claim.get('claim_id'))}"
        if page in doc_pages
        else None,
    }


def statement_view(statement: Row, doc_pages: set[str]) -> Row:
    """One statement without a figure on a subject page."""
    segments, problem = sentence_segments(statement, text_key="text")
    page = document_page(statement.get("doc_id"), statement.get("content_hash"))
    return {
        "anchor": anchor("s", statement.get("statement_id")),
        "kind": _text(statement.get("kind")),
        "claimant": _text(statement.get("claimant")) or "unattributed",
        "claimant_type": _text(statement.get("claimant_type")),
        "outlet": _text(statement.get("outlet")),
        "published": fmt_date(statement.get("published")),
        "as_of": fmt_date(statement.get("as_of")),
        "segments": segments,
        "span_problem": problem,
        "url": safe_url(statement.get("url")),
        "doc_page": f"../{page}#{anchor('s', statement.get('statement_id'))}"
        if page in doc_pages
        else None,
    }


def group_by_subject(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """Rows grouped by their ``subject`` value (rows without one are left out)."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if not is_missing(row.get("subject")):
            grouped[str(row["subject"])].append(row)
    return grouped


#: Most conflicting pairs listed on a subject page (pairs grow with the square of the claims).
MAX_CONFLICT_PAIRS = 50


def widest_conflicts(conflicts: Sequence[Row], limit: int = MAX_CONFLICT_PAIRS) -> list[Row]:
    """The ``limit`` pairs with the widest gap (ties by claim ids, so the choice is stable)."""

    def gap(row: Row) -> float:
        value = row.get("gap")
        return -float(value) if not is_missing(value) else 0.0

    ranked = sorted(
        conflicts,
        key=lambda r: (gap(r), _text(r.get("claim_id_low")), _text(r.get("claim_id_high"))),
    )
    return ranked[:limit]


def conflict_views(conflicts: Sequence[Row]) -> list[Row]:
    """Conflicting pairs as 'lower figure vs higher figure' (rows of the conflicts mart), the
    widest gaps first, at most :data:`MAX_CONFLICT_PAIRS`."""
    out: list[Row] = []
    for c in widest_conflicts(conflicts):
        sides = []
        for end in ("low", "high"):
            sides.append(
                {
                    "figure_text": _text(c.get(f"figure_text_{end}")),
                    "interval": fmt_bounds(
                        c.get(f"interval_low_{end}"), c.get(f"interval_high_{end}")
                    ),
                    "claimant": _text(c.get(f"claimant_{end}")) or "unattributed",
                    "outlet": _text(c.get(f"outlet_{end}")),
                    "published": fmt_date(c.get(f"published_{end}")),
                    "anchor": anchor("c", c.get(f"claim_id_{end}")),
                }
            )
        out.append(
            {
                "kind": _text(c.get("kind")).replace("_", " "),
                "gap": fmt_number(c.get("gap")),
                "low": sides[0],
                "high": sides[1],
            }
        )
    return out


def echo_chain_views(echo_chains: Sequence[Row]) -> list[Row]:
    """One line per echo chain (rows of the echo_chains mart share a chain per echo_root)."""
    seen: dict[str, Row] = {}
    for r in echo_chains:
        root = _text(r.get("echo_root"))
        if root and root not in seen:
            seen[root] = {
                "anchor": anchor("c", root),
                "root_claimant": _text(r.get("root_claimant")) or "unattributed",
                "root_figure_text": _text(r.get("root_figure_text")),
                "root_outlet": _text(r.get("root_outlet")),
                "root_published": fmt_date(r.get("root_published")),
                "size": fmt_number(r.get("chain_size")),
                "chain": _text(r.get("chain")),
            }
    return list(seen.values())


def scope_views(
    links: Sequence[Row], subject: str, subject_pages: set[str]
) -> dict[str, list[Row]]:
    """The subjects this one lies within ("within") and the ones within it ("parts")."""
    out: dict[str, list[Row]] = {"within": [], "parts": []}
    for link in links:
        part, whole = _text(link.get("part_subject")), _text(link.get("whole_subject"))
        if subject not in (part, whole):
            continue
        other = whole if part == subject else part
        page = subject_page(other)
        out["within" if part == subject else "parts"].append(
            {
                "subject": other,
                "link": f"../{page}" if page in subject_pages else None,
                "kinds": _text(link.get("scope_kinds")).replace(",", ", "),
                "part_best": fmt_number(link.get("part_best")),
                "whole_best": fmt_number(link.get("whole_best")),
                "share": f"{float(link['part_share']):.0%}"
                if not is_missing(link.get("part_share"))
                else "",
            }
        )
    return out


def subject_context(
    summary: Row,
    claims: Sequence[Row],
    statements: Sequence[Row],
    conflicts: Sequence[Row],
    echo_chains: Sequence[Row],
    doc_pages: set[str],
    charts: Mapping[str, Any],
    roles: Sequence[Row] = (),
    scope: Mapping[str, list[Row]] | None = None,
) -> Row:
    """Everything one subject page shows (charts already rendered to SVG text)."""
    code = status_code(summary.get("status"))
    role_by_claim = {str(r.get("claim_id")): r for r in roles}
    # conflicts.sql keeps the widest pairs and says how many there were in n_pairs
    n_pairs = max([len(conflicts)] + [int(c["n_pairs"]) for c in conflicts if c.get("n_pairs")])
    return {
        "subject": _text(summary.get("subject")),
        "status": code,
        "status_label": status_label(code),
        "facts": [
            ("side", _text(summary.get("side_code"))),
            ("category", _text(summary.get("category"))),
            ("location", _text(summary.get("location_key"))),
            ("period", _text(summary.get("period"))),
            ("event", _text(summary.get("event"))),
        ],
        "estimate": {
            "low": fmt_number(summary.get("low")),
            "best": fmt_number(summary.get("best")),
            "high": fmt_number(summary.get("high")),
            "rule": _text(summary.get("rule")).replace("_", " "),
            "estimate_rule": _text(summary.get("estimate_rule")).replace("_", " "),
            "within": _text(summary.get("within")),
            "n_claims": fmt_number(summary.get("n_claims")),
            "n_independent": fmt_number(summary.get("n_independent")),
            "n_statements": fmt_number(summary.get("n_statements")),
        },
        "claims": [
            claim_view(c, doc_pages, role_by_claim.get(str(c.get("claim_id")))) for c in claims
        ],
        "statements": [statement_view(s, doc_pages) for s in statements],
        "conflicts": conflict_views(conflicts),
        "n_conflicts": fmt_number(n_pairs),
        "conflicts_truncated": n_pairs > min(len(conflicts), MAX_CONFLICT_PAIRS),
        "echo_chains": echo_chain_views(echo_chains),
        "scope": scope or {"within": [], "parts": []},
        "range_chart": charts.get("range"),
        "range_omitted": int(charts.get("omitted") or 0),
        "range_drawn": fmt_number(len(claims) - int(charts.get("omitted") or 0)),
        "n_claims": fmt_number(len(claims)),
        "timeline_chart": charts.get("timeline"),
    }


# --------------------------------------------------------------------------- document pages


def document_context(
    document: Row,
    claims: Sequence[Row],
    statements: Sequence[Row],
    subject_pages: set[str],
) -> Row:
    """Everything one document page shows: the text cut into plain and highlighted segments."""
    text = _text(document.get("text"))
    spans: list[Span] = []
    claim_list: list[Row] = []
    for c in claims:
        page = subject_page(c.get("subject"))
        link = f"../{page}" if page in subject_pages else None
        data = {
            "kind": "claim",
            "anchor": anchor("c", c.get("claim_id")),
            "link": link,
            "title": f"{_text(c.get('subject'))}: "
            f"{fmt_bounds(c.get('low'), c.get('high'), c.get('qualifier'))}"
            f" ({_text(c.get('category'))}, {_text(c.get('claimant')) or 'unattributed'})",
        }
        start, end = _int(c.get("start")), _int(c.get("end"))
        if start is not None and end is not None:
            spans.append(Span(start, end, _text(c.get("figure_text")), data))
        claim_list.append(
            {
                "claim_no": fmt_number(c.get("claim_no")),
                "figure_text": _text(c.get("figure_text")),
                "bounds": fmt_bounds(c.get("low"), c.get("high"), c.get("qualifier")),
                "category": _text(c.get("category")),
                "item": _text(c.get("item")),
                "claimant": _text(c.get("claimant")) or "unattributed",
                "modality": _text(c.get("modality")),
                "subject": _text(c.get("subject")),
                "link": link,
                "anchor": data["anchor"],
            }
        )
    for s in statements:
        start, end = _int(s.get("start")), _int(s.get("end"))
        if start is None or end is None:
            continue
        page = subject_page(s.get("subject"))
        data = {
            "kind": "statement",
            "anchor": anchor("s", s.get("statement_id")),
            "link": f"../{page}" if page in subject_pages else None,
            "title": f"{_text(s.get('kind'))} statement: {_text(s.get('subject'))}",
        }
        spans.append(Span(start, end, _text(s.get("text")) or None, data))
    result = highlight(text, spans)
    return {
        "doc_id": _text(document.get("doc_id")),
        "title": _text(document.get("title")) or _text(document.get("doc_id")),
        "facts": [
            (
                "outlet",
                _text(document.get("outlet"))
                + (" (read from the text)" if document.get("outlet_inferred") is True else ""),
            ),
            (
                "published",
                fmt_date(document.get("published"))
                + (" (read from the text)" if document.get("published_inferred") is True else ""),
            ),
            ("author", _text(document.get("author"))),
            ("source", _text(document.get("source"))),
            ("format", _text(document.get("format"))),
            ("characters", fmt_number(document.get("n_chars"))),
            ("content hash", _text(document.get("content_hash"))[:16]),
        ],
        "url": safe_url(document.get("url")),
        "raw_url": _text(document.get("url")),
        "segments": result.segments,
        "skipped": [(str(span.data.get("anchor", "")), why) for span, why in result.skipped],
        "claims": claim_list,
    }


# --------------------------------------------------------------------------- validation page


def validation_context(rows: Mapping[str, list[Row]], missing: Sequence[str], run: Row) -> Row:
    """Everything validation.html shows."""
    rejects = rows.get("rejects", [])
    by_reason = Counter((_text(r.get("stage")), _text(r.get("check"))) for r in rejects)
    quality_run, quality = latest_quality(rows.get("quality_results", []))
    return {
        "rejects": [
            {
                "stage": _text(r.get("stage")),
                "source": _text(r.get("source")),
                "doc_id": _text(r.get("doc_id")),
                "check": _text(r.get("check")),
                "column": _text(r.get("column")),
                "value": _text(r.get("value")),
                "message": _text(r.get("message")),
                "run_id": _text(r.get("run_id")),
            }
            for r in rejects
        ],
        "reject_reasons": [(stage, check, n) for (stage, check), n in sorted(by_reason.items())],
        "quality": sorted(
            (quality_view(r) for r in quality),
            key=lambda q: (not q["failed"], q["suite"], q["expectation"], q["column"]),
        ),
        "quality_run": quality_run,
        "quality_history": quality_history(rows.get("quality_results", [])),
        "quality_failed": sum(1 for r in quality if r.get("success") is False),
        "runs": generic_table(rows.get("runs", [])),
        "missing": list(missing),
        "run": run,
    }
