"""What a run tells Prefect users: data counts in the run log, a markdown summary artifact and
a link artifact to the report (beside the `forcerecon-conflicts` table artifact).

The formatting functions are pure (tested without Prefect); :func:`run_logger` and
:func:`publish_summary` talk to Prefect and work outside a run too (then they log to the
module logger and publish nothing).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

#: Artifact keys (Prefect keys: lowercase letters, digits and dashes).
SUMMARY_KEY = "forcerecon-run-summary"
REPORT_KEY = "forcerecon-report"

#: How many reject reasons a log line or the summary names.
FIRST_REASONS = 5


def run_logger() -> logging.Logger | logging.LoggerAdapter:
    """Prefect's run logger inside a flow or task run (its lines show in the UI), else a
    plain module logger."""
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("forcerecon.flows")


def reject_reasons(rejects: pd.DataFrame, n: int = FIRST_REASONS) -> list[str]:
    """The first ``n`` rejects in words: stage, source or document, check and message."""
    lines = []
    for row in rejects.head(n).itertuples(index=False):
        where = _text(getattr(row, "source", None)) or _text(getattr(row, "doc_id", None))
        check = _text(getattr(row, "check", None))
        message = _text(getattr(row, "message", None))
        lines.append(f"[{_text(row.stage)}] {where}: {check}: {message}"[:300])
    return lines


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def rejects_line(rejects: pd.DataFrame, what: str) -> str:
    """One log line: how many rejects ``what`` produced and the first reasons."""
    if rejects.empty:
        return f"{what}: no rejects"
    reasons = "; ".join(reject_reasons(rejects))
    more = f" (first {FIRST_REASONS})" if len(rejects) > FIRST_REASONS else ""
    return f"{what}: {len(rejects)} rejects{more}: {reasons}"


def loaded_line(loaded: dict[str, Any]) -> str:
    """What this run's load changed, in words."""
    parts = [
        f"{loaded.get('n_documents_new', 0)} new documents",
        f"{loaded.get('n_claims_new', 0)} new claims",
        f"{loaded.get('n_claims_changed', 0)} changed",
        f"{loaded.get('n_claims_retired', 0)} retired",
        f"{loaded.get('n_statements_new', 0)} new statements",
        f"{loaded.get('n_rejects', 0)} rejects",
    ]
    return ", ".join(parts)


def quality_line(quality: dict[str, Any]) -> str:
    """The data-quality verdict of a run in one line, failed expectations named."""
    verdict = "passed" if quality["success"] else "failed"
    carried = quality.get("carried_from")
    line = f"data quality (Great Expectations, SQL checks): {verdict}"
    if carried:
        line += f" (nothing changed: results of run {carried})"
    if quality.get("failed"):
        line += "; failed: " + "; ".join(quality["failed"])
    return line


def summary_markdown(summary: dict[str, Any], reject_lines: list[str] | None = None) -> str:
    """The run summary artifact: counts, what changed, quality, rejects, where the report is."""
    loaded = summary.get("loaded", {})
    rows = [
        ("status", summary["status"]),
        ("duration", f"{summary['duration_s']:.1f} s"),
        ("warehouse", f"`{summary['db_path']}`"),
        ("documents / claims / subjects", f"{summary['documents']} / {summary['claims']} / "
         f"{summary['subjects']}"),
        ("this run", loaded_line(loaded)),
        ("data quality", summary["validation"] + (
            f" (carried from run {summary['quality_carried_from']})"
            if summary.get("quality_carried_from") else "")),
        ("report", f"`{summary.get('report', '')}`"),
    ]  # fmt: skip
    lines = [
        f"# forcerecon run {summary['run_id']}",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {_cell(v)} |" for k, v in rows),
    ]
    if summary.get("failed_expectations"):
        lines += ["", "## Failed expectations", ""]
        lines += [f"- {_cell(f)}" for f in summary["failed_expectations"]]
    if reject_lines:
        lines += ["", f"## Rejects (first {len(reject_lines)})", ""]
        lines += [f"- {_cell(r)}" for r in reject_lines]
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def publish_summary(summary: dict[str, Any], reject_lines: list[str]) -> None:
    """Log the run's summary and publish the summary and report-link artifacts."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact
    from prefect.context import FlowRunContext, TaskRunContext

    logger = run_logger()
    logger.info(
        "run %s %s: %s documents, %s claims, %s subjects in the warehouse %s",
        summary["run_id"], summary["status"], summary["documents"], summary["claims"],
        summary["subjects"], summary["db_path"],
    )  # fmt: skip
    logger.info("report: %s", summary.get("report"))
    if FlowRunContext.get() is None and TaskRunContext.get() is None:
        return
    create_markdown_artifact(
        markdown=summary_markdown(summary, reject_lines),
        key=SUMMARY_KEY,
        description=f"forcerecon run {summary['run_id']}: counts, changes, quality, rejects.",
    )
    report = summary.get("report")
    if report:
        path = Path(report).resolve()
        create_link_artifact(
            link=path.as_uri(),
            link_text=str(path),
            key=REPORT_KEY,
            description="The run's HTML report (a local file: open it on the machine that ran).",
        )
