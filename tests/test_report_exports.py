"""Downloads of the report: per-page CSV/JSON beside each subject page and the whole-corpus
export (CSV + Parquet), all plain files linked relatively (they open from file://)."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pytest
from bs4 import BeautifulSoup
from report_sample import write_sample_warehouse

from forcerecon.reports.exports import (
    columns_of,
    export_files,
    export_value,
    rows_csv,
    rows_json,
)
from forcerecon.reports.links import claimant_page, subject_page
from forcerecon.reports.render import render_report

CONFLICT = "RU-tanks-Belarus-2022-02"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("exports")
    db = base / "w.duckdb"
    write_sample_warehouse(db)
    render_report(db, base / "out", {"run_id": "export-test"})
    return db, base / "out"


def test_export_value_drops_float_noise_and_keeps_types() -> None:
    assert export_value(14300.000000000002) == 14300
    assert isinstance(export_value(14300.000000000002), int)
    assert export_value(0.1 + 0.2) == 0.3
    assert export_value(59999.5) == 59999.5
    assert export_value(float("nan")) is None
    assert export_value(dt.date(2022, 2, 3)) == "2022-02-03"
    assert export_value([1.0, None]) == [1, None]


def test_rows_csv_and_json_keep_columns_and_rows() -> None:
    rows = [{"a": 1.0, "b": 'x,"y"', "c": None}, {"a": 2.5, "b": "z", "c": True}]
    cols = columns_of(rows, first=("c", "missing"))
    assert cols == ["c", "a", "b"]
    parsed = list(csv.DictReader(io.StringIO(rows_csv(rows, cols))))
    assert parsed == [{"c": "", "a": "1", "b": 'x,"y"'}, {"c": "true", "a": "2.5", "b": "z"}]
    assert json.loads(rows_json(rows, cols)) == [
        {"c": None, "a": 1, "b": 'x,"y"'},
        {"c": True, "a": 2.5, "b": "z"},
    ]


def _data_url_text(href: str) -> str:
    head, _, payload = href.partition(",")
    assert head.startswith("data:") and head.endswith(";base64"), head
    return base64.b64decode(payload).decode("utf-8")


def test_subject_page_carries_its_figures_as_csv_and_json(report: tuple[Path, Path]) -> None:
    db, out = report
    page = out / subject_page(CONFLICT)
    dom = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = dom.select("p.downloads a[download]")
    csv_name, json_name = (Path(f).name for f in export_files(subject_page(CONFLICT)))
    assert [a["download"] for a in links] == [csv_name, json_name]
    assert links[0]["href"].startswith("data:text/csv;charset=utf-8;base64,")
    with duckdb.connect(str(db), read_only=True) as con:
        expected = sorted(
            r[0]
            for r in con.execute(
                "SELECT claim_id FROM subject_claims WHERE subject = ?", [CONFLICT]
            ).fetchall()
        )
    rows = list(csv.DictReader(io.StringIO(_data_url_text(links[0]["href"]))))
    assert sorted(r["claim_id"] for r in rows) == expected
    assert {r["subject"] for r in rows} == {CONFLICT}
    table_ids = [tr["id"] for tr in dom.select("#claims-table tbody tr")]
    assert len(table_ids) == len(rows)  # the download holds what the table lists
    data = json.loads(_data_url_text(links[1]["href"]))
    assert [d["claim_id"] for d in data] == [r["claim_id"] for r in rows]
    assert all(isinstance(d["high"], (int, float)) for d in data)


def test_claimant_page_downloads_are_files_beside_it(report: tuple[Path, Path]) -> None:
    _, out = report
    page = out / claimant_page("NATO")
    dom = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in dom.select("p.downloads a[download]")]
    assert hrefs == [Path(f).name for f in export_files(claimant_page("NATO"))]
    rows = list(csv.DictReader((page.parent / hrefs[0]).open(encoding="utf-8")))
    assert [r["claimant"] for r in rows] == ["NATO"]
    assert json.loads((page.parent / hrefs[1]).read_text(encoding="utf-8"))[0]["claimant"] == "NATO"


def test_whole_corpus_export_in_csv_and_parquet(report: tuple[Path, Path]) -> None:
    db, out = report
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in index.select("#exports a[download]")}
    expected_files = {
        f"exports/{name}.{ext}"
        for name in ("claims", "subjects", "conflicts")
        for ext in ("csv", "parquet")
    }
    assert hrefs == expected_files
    with duckdb.connect(str(db), read_only=True) as con:
        for name, relation in (
            ("claims", "subject_claims"),
            ("subjects", "subject_summary"),
            ("conflicts", "conflicts"),
        ):
            n = con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
            csv_rows = list(csv.DictReader((out / f"exports/{name}.csv").open(encoding="utf-8")))
            assert len(csv_rows) == n, name
            parquet = str(out / f"exports/{name}.parquet")
            assert con.execute(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchone()[0] == n
        ids = {r[0] for r in con.execute("SELECT claim_id FROM subject_claims").fetchall()}
    claims = list(csv.DictReader((out / "exports/claims.csv").open(encoding="utf-8")))
    assert {r["claim_id"] for r in claims} == ids


def test_a_gone_claimant_takes_its_downloads_along(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    out = tmp_path / "out"
    render_report(db, out)
    page = claimant_page("NATO")
    assert all((out / f).is_file() for f in export_files(page))
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM subject_claims WHERE claimant = 'NATO'")
    render_report(db, out)
    assert not (out / page).exists()
    assert not any((out / f).exists() for f in export_files(page))
