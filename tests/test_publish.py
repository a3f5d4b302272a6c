"""What a run tells Prefect users: reject reasons, the summary artifact's markdown."""

from __future__ import annotations

import pandas as pd

from forcerecon.flows.publish import (
    loaded_line,
    quality_line,
    reject_reasons,
    rejects_line,
    summary_markdown,
)
from forcerecon.records import REJECT_COLUMNS


def _rejects(n: int) -> pd.DataFrame:
    rows = [
        {c: None for c in REJECT_COLUMNS}
        | {"stage": "ingest", "source": f"in/{i}.txt", "check": "empty", "message": f"file {i}"}
        for i in range(n)
    ]
    return pd.DataFrame(rows, columns=REJECT_COLUMNS)


def test_rejects_line_names_count_and_first_reasons() -> None:
    line = rejects_line(_rejects(7), "this run")
    assert line.startswith("this run: 7 rejects (first 5): [ingest] in/0.txt: empty: file 0")
    assert "in/4.txt" in line and "in/5.txt" not in line
    assert rejects_line(_rejects(0), "ingest") == "ingest: no rejects"


def test_reject_reason_falls_back_to_the_document() -> None:
    frame = _rejects(1).assign(source=None, doc_id="doc-9", stage="validate_claims")
    assert reject_reasons(frame) == ["[validate_claims] doc-9: empty: file 0"]


def test_quality_line_names_failed_expectations_and_carried_run() -> None:
    quality = {"success": False, "failed": ["claims: not_null (low)"], "carried_from": "abc"}
    line = quality_line(quality)
    assert "failed (nothing changed: results of run abc)" in line
    assert line.endswith("failed: claims: not_null (low)")


def test_summary_markdown_has_counts_changes_quality_rejects_and_report() -> None:
    summary = {
        "run_id": "r1", "status": "ok", "duration_s": 3.25, "db_path": "w.duckdb",
        "documents": 5, "claims": 21, "subjects": 13, "validation": "passed",
        "loaded": {"n_documents_new": 5, "n_claims_new": 21, "n_rejects": 1},
        "report": "out/index.html", "failed_expectations": ["a | b"],
    }  # fmt: skip
    text = summary_markdown(summary, ["[ingest] x.txt: empty: file is empty"])
    assert "# forcerecon run r1" in text
    assert "| documents / claims / subjects | 5 / 21 / 13 |" in text
    assert f"| this run | {loaded_line(summary['loaded'])} |" in text
    assert "5 new documents, 21 new claims" in text
    assert "| report | `out/index.html` |" in text
    assert "- a \\| b" in text  # a pipe in a value does not break the table
    assert "## Rejects (first 1)" in text and "x.txt: empty" in text
