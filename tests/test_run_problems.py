"""`forcerecon run` shows what it rejected (counts by check, the first reasons) and what it
warned about; warnings are stored (table warnings) for the report's validation page."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from forcerecon.flows.main import run_flow
from forcerecon.settings import Settings
from forcerecon.warehouse.load import load_run
from forcerecon.warehouse.problems import format_problems, run_problems

from synthetic import synthetic_rows


def test_warnings_are_stored_once_with_the_last_run(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    documents, claims = synthetic_rows(2, 1, variant="w", doc_prefix="w")
    warned = ["in/ru.txt: not valid UTF-8; decoded as cp1251", "in/sub: sub-folder not read"]
    load_run(db, {"run_id": "r1"}, documents, claims, None, None, warnings=warned)
    load_run(db, {"run_id": "r2"}, documents, claims, None, None, warnings=warned[:1])
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.sql("SELECT run_id, message FROM warnings ORDER BY message").fetchall()
    assert rows == [("r2", warned[0]), ("r1", warned[1])]
    assert run_problems(db, "r2")["warnings"] == warned[:1]


def test_summary_lines_quote_the_first_reasons_and_point_to_the_rest() -> None:
    problems = {
        "reject_counts": {"bad_url": 6, "binary": 1},
        "reject_examples": [
            f"in/{i}.txt: url 'javascript:x' is not an http(s) URL" for i in range(5)
        ],
        "n_warnings": 1,
        "warnings": ["in/ru.txt: not valid UTF-8; decoded as cp1251"],
    }
    lines = format_problems(problems, "abc")
    assert lines[0] == "rejects: 7 (bad_url 6, binary 1)"
    assert lines[1].startswith("  rejected: in/0.txt: url")
    assert "WHERE run_id = 'abc'" in lines[6]
    assert lines[7:] == ["warnings: 1", "  warning: in/ru.txt: not valid UTF-8; decoded as cp1251"]
    assert format_problems(None, "abc") == []


@pytest.mark.slow
def test_run_prints_rejects_and_warnings(tmp_path: Path, seeds_dir: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        (inputs / seed.name).write_bytes(seed.read_bytes())
    russian = "Россия перебросила в Беларусь около 30 000 военнослужащих, заявили в НАТО. "
    (inputs / "ru.txt").write_bytes(russian.encode("cp1251"))
    (inputs / "blob.txt").write_bytes(b"%PDF-1.7 binary")
    os.symlink("loop.txt", inputs / "loop.txt")
    settings = Settings(db_path=tmp_path / "w.duckdb", reports_dir=tmp_path / "out", quiet=True)
    summary = run_flow([str(inputs)], settings)
    text = summary["text"]
    assert "rejects: 2 (binary 1, broken_link 1)" in text
    assert "  rejected: " + (inputs / "blob.txt").as_posix() + ": not a text file: PDF" in text
    assert "symbolic link loop" in text
    assert "warnings: 1" in text and "ru.txt: not valid UTF-8; decoded as cp1251" in text
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        stored = con.sql("SELECT run_id, message FROM warnings").fetchall()
    assert [(r, "cp1251" in m) for r, m in stored] == [(summary["run_id"], True)]
