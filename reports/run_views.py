"""Pure view models of the run and of validation: the run summary line, the validation state,
data-quality results, rejects and runs (what index.html's header and validation.html show).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .formatting import (
    fmt_cell,
    fmt_date,
    fmt_duration,
    fmt_number,
    is_missing,
    status_code,
    text_of,
)

Row = dict[str, Any]


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


def _lookup(summary: Mapping[str, Any], key: str) -> Any:
    for alias in RUN_SUMMARY_KEYS[key]:
        if alias in summary and not is_missing(summary[alias]):
            return summary[alias]
    return None


def latest_quality(quality: Sequence[Row]) -> tuple[str, list[Row]]:
    """The run_id of the latest data-quality results (by recorded_at) and that run's rows."""
    if not quality:
        return "", []
    last = max(quality, key=lambda r: (fmt_date(r.get("recorded_at")), text_of(r.get("run_id"))))
    run_id = text_of(last.get("run_id"))
    return run_id, [r for r in quality if text_of(r.get("run_id")) == run_id]


def quality_view(row: Row) -> Row:
    """One data-quality result: the expectation, its notes and unexpected count from details."""
    raw = text_of(row.get("details"))
    try:
        details = json.loads(raw) if raw else {}
    except ValueError:
        details = {}
    if not isinstance(details, dict):
        details = {}
    return {
        "suite": text_of(row.get("suite")),
        "expectation": text_of(row.get("expectation")),
        "column": text_of(row.get("column")),
        "success": row.get("success") is True,
        "failed": row.get("success") is False,
        "notes": text_of(details.get("notes")),
        "unexpected": fmt_number(details.get("unexpected_count")),
        "observed": fmt_cell(details.get("observed_value")),
        "details": raw,
    }


def quality_history(quality: Sequence[Row]) -> list[Row]:
    """Per run: when its checks were recorded and how many passed (latest first)."""
    runs: dict[str, list[Row]] = defaultdict(list)
    for r in quality:
        runs[text_of(r.get("run_id"))].append(r)
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
    return max(runs, key=lambda r: (fmt_date(r.get("started_at")), text_of(r.get("run_id"))))


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
        "run_id": text_of(_lookup(summary, "run_id") or last.get("run_id")),
        "started_at": fmt_date(_lookup(summary, "started_at") or last.get("started_at")),
        "duration": fmt_duration(duration),
        "documents": fmt_number(_lookup(summary, "documents") or last.get("n_documents")),
        "claims": fmt_number(_lookup(summary, "claims") or last.get("n_claims")),
        "subjects": fmt_number(_lookup(summary, "subjects")),
        "rejects": fmt_number(_lookup(summary, "rejects") or last.get("n_rejects")),
        "status": text_of(_lookup(summary, "status") or last.get("status")),
        "failed_expectations": [str(f) for f in failed] if isinstance(failed, list) else [],
        "validation": state,
        "validation_text": state_text,
        "data_docs_href": data_docs_href,
        "extra": extra,
        "from_summary": bool(summary),
    }


def suite_views(quality: Sequence[Row], gx_results: Mapping[str, str]) -> list[Row]:
    """Per suite of the latest checked run: expectations, passed, failed, and the link to its
    full GX validation result (JSON written by forcerecon.quality) when there is one."""
    by_suite: dict[str, list[Row]] = defaultdict(list)
    for r in quality:
        by_suite[text_of(r.get("suite"))].append(r)
    return [
        {
            "suite": suite,
            "n": len(items),
            "passed": sum(1 for r in items if r.get("success") is True),
            "failed": sum(1 for r in items if r.get("success") is False),
            "columns": ", ".join(sorted({text_of(r.get("column")) for r in items} - {""})),
            "result_link": gx_results.get(suite),
        }
        for suite, items in sorted(by_suite.items())
    ]


def validation_context(
    rows: Mapping[str, list[Row]],
    missing: Sequence[str],
    run: Row,
    gx_results: Mapping[str, str] | None = None,
    gx_run: str = "",
) -> Row:
    """Everything validation.html shows (``gx_results``: suite -> link of its GX result JSON,
    written under the run ``gx_run``)."""
    rejects = rows.get("rejects", [])
    by_reason = Counter((text_of(r.get("stage")), text_of(r.get("check"))) for r in rejects)
    quality_run, quality = latest_quality(rows.get("quality_results", []))
    return {
        "suites": suite_views(quality, gx_results or {}),
        "gx_run": gx_run,
        "rejects": [
            {
                "stage": text_of(r.get("stage")),
                "source": text_of(r.get("source")),
                "doc_id": text_of(r.get("doc_id")),
                "check": text_of(r.get("check")),
                "column": text_of(r.get("column")),
                "value": text_of(r.get("value")),
                "message": text_of(r.get("message")),
                "run_id": text_of(r.get("run_id")),
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
