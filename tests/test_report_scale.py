"""The report at corpus scale: which subjects get charts (the cap and its priority), pages
whose inputs did not change are neither rendered nor written, the two-process split gives the
same files. Small sample warehouses; no timing here (bench: bench/bench_report.py)."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from report_sample import write_sample_warehouse

from forcerecon.reports import render as render_mod
from forcerecon.reports.chart_plan import (
    DEFAULT_MAX_CHARTED_SUBJECTS,
    MAX_CHARTS_ENV,
    ChartCapError,
    chart_priority,
    charted_subjects,
    max_charted_subjects,
)
from forcerecon.reports.links import subject_page
from forcerecon.reports.page_manifest import MANIFEST_NAME, load_manifest, page_key
from forcerecon.reports.reader import ReportError
from forcerecon.reports.render import render_report

CONFLICT = "RU-tanks-Belarus-2022-02"
AGREE = "RU-personnel-Belarus-2022-02"
SINGLE = "RU-personnel-Belarus-2022-10"


def _files(out: Path) -> list[Path]:
    return sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())


def _same_tree(a: Path, b: Path) -> None:
    assert _files(a) == _files(b)
    for rel in _files(a):
        assert filecmp.cmp(a / rel, b / rel, shallow=False), rel


def _page(out: Path, subject: str) -> BeautifulSoup:
    return BeautifulSoup((out / subject_page(subject)).read_text(encoding="utf-8"), "html.parser")


def test_chart_priority_conflict_scope_qualifier_then_independent_then_most_claims() -> None:
    subjects = [
        {"subject": "a-agree-many", "status": "agree", "n_independent": 1},
        {"subject": "b-agree-indep", "status": "agree", "n_independent": 2},
        {"subject": "c-scope", "status": "scope", "n_independent": 1},
        {"subject": "d-conflict", "status": "conflict", "n_independent": 2},
        {"subject": "e-qualifier", "status": "qualifier only", "n_independent": 1},
        {"subject": "f-single", "status": "single_source", "n_independent": 1},
    ]
    counts = {"a-agree-many": 9, "b-agree-indep": 2, "c-scope": 2, "d-conflict": 2}
    counts |= {"e-qualifier": 3, "f-single": 1}
    ranked = sorted(subjects, key=lambda s: chart_priority(s, counts[s["subject"]]))
    assert [s["subject"] for s in ranked] == [
        "d-conflict",
        "c-scope",
        "e-qualifier",
        "b-agree-indep",
        "a-agree-many",
        "f-single",
    ]
    assert charted_subjects(subjects, counts, 2) == {"d-conflict", "c-scope"}
    # a single claim never gets a chart, however high the cap
    assert charted_subjects(subjects, counts, 100) == {s["subject"] for s in subjects} - {
        "f-single"
    }
    assert charted_subjects(subjects, counts, 0) == set()


def test_chart_priority_most_claims_first_within_a_status() -> None:
    subjects = [{"subject": k, "status": "conflict"} for k in ("x", "y", "z")]
    assert charted_subjects(subjects, {"x": 2, "y": 5, "z": 3}, 2) == {"y", "z"}


def test_chart_cap_from_the_environment() -> None:
    assert max_charted_subjects({}) == DEFAULT_MAX_CHARTED_SUBJECTS
    assert max_charted_subjects({MAX_CHARTS_ENV: " 7 "}) == 7
    assert max_charted_subjects({MAX_CHARTS_ENV: "0"}) == 0
    for bad in ("-1", "many", "2.5"):
        with pytest.raises(ChartCapError, match=MAX_CHARTS_ENV):
            max_charted_subjects({MAX_CHARTS_ENV: bad})


def test_bad_settings_are_clear_errors_and_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    monkeypatch.setenv(MAX_CHARTS_ENV, "lots")
    with pytest.raises(ReportError, match="FORCERECON_REPORT_MAX_CHARTS='lots'"):
        render_report(db, tmp_path / "out")
    monkeypatch.delenv(MAX_CHARTS_ENV)
    monkeypatch.setenv("FORCERECON_REPORT_WORKERS", "0")
    with pytest.raises(ReportError, match="FORCERECON_REPORT_WORKERS='0'"):
        render_report(db, tmp_path / "out")
    assert not (tmp_path / "out" / "index.html").exists()


def test_cap_draws_the_conflict_and_says_so_on_the_page_without_chart(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    render_report(db, tmp_path / "out", max_charts=1)
    conflict, agree = _page(tmp_path / "out", CONFLICT), _page(tmp_path / "out", AGREE)
    assert conflict.select("#range-chart svg") and not conflict.select(".chart-skipped")
    assert not agree.select("svg")
    note = agree.select_one(".chart-skipped").get_text(" ", strip=True)
    assert "No chart on this page" in note and MAX_CHARTS_ENV in note
    # the figures table still gives each claim's interval
    assert [b.get_text() for b in agree.select("#claims-table .bounds")] == ["≈ 30,000", "≤ 30,000"]
    # a single claim gets no chart and no note: nothing was left out
    single = _page(tmp_path / "out", SINGLE)
    assert not single.select("svg") and not single.select(".chart-skipped")


def test_unchanged_pages_are_not_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    out = tmp_path / "out"
    render_report(db, out, {"run_id": "first"})
    manifest = load_manifest(out)
    pages = [p for p in manifest if p.startswith(("subjects/", "documents/"))]
    assert len(pages) == 6  # 3 subject pages + 3 document pages
    assert any(p.startswith("claimants/") for p in manifest)  # and claimant, outlet pages
    assert any(p.startswith("outlets/") for p in manifest)
    assert subject_page(CONFLICT) in manifest

    calls: list[str] = []
    real = render_mod.subject_context

    def counting(summary: dict, *args: object, **kwargs: object) -> dict:
        calls.append(str(summary["subject"]))
        return real(summary, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render_mod, "subject_context", counting)
    conflict_file = out / subject_page(CONFLICT)
    before = conflict_file.stat().st_mtime_ns
    render_report(db, out, {"run_id": "second"})
    assert calls == []  # nothing changed: no subject page rendered
    assert conflict_file.stat().st_mtime_ns == before
    assert "second" in (out / "index.html").read_text(encoding="utf-8")  # the index is redone
    assert "second" not in conflict_file.read_text(encoding="utf-8")  # pages do not name runs

    # a page deleted by hand, or one whose recorded key differs, is rendered again
    conflict_file.unlink()
    stale = out / subject_page(AGREE)
    text = (out / MANIFEST_NAME).read_text(encoding="utf-8")
    (out / MANIFEST_NAME).write_text(text.replace(manifest[subject_page(AGREE)], "0" * 32))
    render_report(db, out, {"run_id": "second"})
    assert sorted(calls) == sorted([CONFLICT, AGREE])
    assert conflict_file.is_file() and stale.is_file()

    # the result is byte for byte what a render into an empty folder gives
    fresh = tmp_path / "fresh"
    render_report(db, fresh, {"run_id": "second"})
    _same_tree(out, fresh)


def test_changed_rows_change_the_page_key() -> None:
    row = {"subject": "s", "best": 10}
    assert page_key("subject", row, [row]) == page_key("subject", dict(row), [dict(row)])
    assert page_key("subject", row, [row]) != page_key("subject", {**row, "best": 11}, [row])
    assert page_key("subject", row, [True]) != page_key("subject", row, [False])


def test_a_changed_subject_is_rendered_again_and_a_gone_one_removed(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db, copies=2)
    out = tmp_path / "out"
    render_report(db, out)
    db.unlink()
    write_sample_warehouse(db, copies=1)
    render_report(db, out)
    kept = [p for p in load_manifest(out) if p.startswith(("subjects/", "documents/"))]
    assert len(kept) == 6
    fresh = tmp_path / "fresh"
    render_report(db, fresh)
    _same_tree(out, fresh)


def test_two_processes_write_the_same_files_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db, copies=3, hostile=True)
    render_report(db, tmp_path / "one", {"run_id": "r"})
    monkeypatch.setattr(render_mod, "MIN_TASKS_TO_FORK", 1)
    monkeypatch.setenv("FORCERECON_REPORT_WORKERS", "2")
    render_report(db, tmp_path / "two", {"run_id": "r"})
    _same_tree(tmp_path / "one", tmp_path / "two")


def test_a_failing_child_process_is_a_report_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom() -> None:
        raise ValueError("page exploded")

    monkeypatch.setattr(render_mod, "MIN_TASKS_TO_FORK", 1)
    # the split keeps the first task here and gives the second to the child
    tasks = [(1.0, False, lambda: None), (1.0, False, boom)]
    with pytest.raises(ReportError, match="page exploded"):
        render_mod._run_tasks(tasks, workers=2)


def test_charts_drawn_by_the_chart_process_give_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db, copies=2, hostile=True)
    render_report(db, tmp_path / "one", {"run_id": "r"})
    started: list[int] = []
    real = render_mod.ChartProcess

    def counting(cache_dir: Path, specs: dict) -> object:
        started.append(len(specs))
        return real(cache_dir, specs)

    monkeypatch.setattr(render_mod, "MIN_PAGES_FOR_CHART_PROCESS", 1)
    monkeypatch.setattr(render_mod, "ChartProcess", counting)
    render_report(db, tmp_path / "two", {"run_id": "r"})
    assert started == [8]  # 2 copies x 2 charted subjects x (range, timeline)
    _same_tree(tmp_path / "one", tmp_path / "two")
    assert not list((tmp_path / "two" / ".chart-cache").glob("*.json"))  # its job file is gone


def test_a_failing_chart_process_is_a_report_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    monkeypatch.setattr(render_mod, "MIN_PAGES_FOR_CHART_PROCESS", 1)
    real = render_mod.ChartProcess

    def broken(cache_dir: Path, specs: dict) -> object:
        return real(cache_dir, {key: {"mark": {"type": "no-such-mark"}} for key in specs})

    monkeypatch.setattr(render_mod, "ChartProcess", broken)
    with pytest.raises(ReportError, match="chart process failed"):
        render_report(db, tmp_path / "out")
    assert not list((tmp_path / "out" / ".chart-cache").glob("*.svg"))
