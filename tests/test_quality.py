"""Great Expectations checkpoint on a warehouse loaded with the seed gold rows."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from forcerecon import quality, records
from forcerecon.settings import Settings


@pytest.fixture(scope="module")
def gold_warehouse(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> Path:
    """A warehouse holding the seed documents and gold claims, with the models built."""
    gold = repo.parent / "shared" / "gold" / "seeds_claims.csv"
    if not gold.exists():
        pytest.skip(f"gold file not found: {gold}")
    from forcerecon.warehouse.load import load_run
    from forcerecon.warehouse.models import build_models

    from gold_rows import gold_rows

    db = tmp_path_factory.mktemp("wh") / "w.duckdb"
    rows = gold_rows(repo / "seeds", gold)
    load_run(
        db,
        {"run_id": "gold", "started_at": datetime.now(UTC)},
        rows.documents,
        rows.claims,
        records.empty_frame(records.STATEMENT_COLUMNS),
        records.empty_frame(records.REJECT_COLUMNS),
    )
    build_models(db, Settings(db_path=db))
    return db


def _settings(db: Path, tmp_path: Path, **over: object) -> Settings:
    return Settings(db_path=db, reports_dir=tmp_path / "reports", **over)


def _n_expectations(gx_dir: Path) -> int:
    files = sorted((gx_dir / "expectations").glob("*.json"))
    return sum(len(json.loads(f.read_text())["expectations"]) for f in files)


def test_gold_warehouse_passes_every_suite(gold_warehouse: Path, tmp_path: Path) -> None:
    settings = _settings(gold_warehouse, tmp_path)
    result = quality.run_checkpoint(gold_warehouse, settings, "r1")
    assert result.success, result.failed
    assert list(result.results.columns) == quality.RESULT_COLUMNS
    assert set(result.results["suite"]) == {"claims", "documents", "subject_summary"}
    assert len(result.results) == _n_expectations(settings.gx_dir)
    # each suite's GX result as JSON, named by the run (no CDN Data Docs pages, no __none__)
    assert result.data_docs_index == tmp_path / "reports" / "gx" / "runs" / "r1"
    names = sorted(p.name for p in result.data_docs_index.iterdir())
    assert names == ["claims.json", "documents.json", "subject_summary.json"]
    claims = json.loads((result.data_docs_index / "claims.json").read_text(encoding="utf-8"))
    assert claims["meta"]["run_id"]["run_name"] == "r1" and claims["success"] is True
    assert not (tmp_path / "reports" / "gx" / "index.html").exists()


def test_a_bad_value_fails_the_expectation_that_names_it(
    gold_warehouse: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "bad.duckdb"
    shutil.copy(gold_warehouse, db)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE claims SET qualifier = 'rnge' WHERE claim_no = 1")
        con.execute("UPDATE documents SET published = '10/02/2022'")
    settings = _settings(db, tmp_path, gx_on_failure="warn")
    with caplog.at_level(logging.WARNING, logger="forcerecon.quality"):
        result = quality.run_checkpoint(db, settings, "r2")
    assert not result.success
    failed = result.results[~result.results["success"]]
    assert set(zip(failed["suite"], failed["column"], strict=True)) == {
        ("claims", "qualifier"),
        ("documents", "published"),
    }
    text = "\n".join(result.failed)
    assert "claims: expect_column_values_to_be_in_set(qualifier)" in text and "rnge" in text
    assert "expect_column_values_to_be_in_set(qualifier)" in caplog.text
    quality.enforce(result, settings)  # warn mode: no exception
    with pytest.raises(quality.QualityFailed, match="qualifier"):
        quality.enforce(result, _settings(db, tmp_path, gx_on_failure="fail"))


def test_broken_suite_file_and_missing_table_are_failed_results(
    gold_warehouse: Path, tmp_path: Path, repo: Path
) -> None:
    gx_dir = tmp_path / "gx"
    shutil.copytree(repo / "forcerecon" / "gx" / "expectations", gx_dir / "expectations")
    shutil.copytree(repo / "forcerecon" / "gx" / "queries", gx_dir / "queries")
    (gx_dir / "expectations" / "broken.json").write_text("{not json", encoding="utf-8")
    (gx_dir / "expectations" / "ghost.json").write_text(
        json.dumps({"name": "ghost", "expectations": [
            {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "x"}},
            {"type": "expect_nothing_of_the_kind", "kwargs": {}},
        ]}),
        encoding="utf-8",
    )  # fmt: skip
    (gx_dir / "queries" / "ghost.sql").write_text("SELECT * FROM no_such_table", "utf-8")
    settings = _settings(gold_warehouse, tmp_path, gx_dir=gx_dir)
    result = quality.run_checkpoint(gold_warehouse, settings, "r3")
    assert not result.success
    text = "\n".join(result.failed)
    assert "broken: suite_file" in text and "broken.json" in text
    assert "ghost: table_readable" in text and "no_such_table" in text
    passed = result.results[result.results["suite"] == "claims"]["success"]
    assert passed.all() and len(passed) > 10  # the good suites still ran


def test_bad_suite_entry_is_named(tmp_path: Path) -> None:
    spec = quality.SuiteSpec(
        "t", tmp_path / "t.json", [{"type": "expect_nothing_of_the_kind", "kwargs": {}}], "SELECT 1"
    )
    suite, problems = quality._build_suite(spec)
    assert len(suite.expectations) == 0
    assert problems[0]["expectation"] == "expect_nothing_of_the_kind"
    assert "expectation #1" in problems[0]["details"]["error"]


def test_missing_warehouse_and_bad_mode(tmp_path: Path) -> None:
    settings = _settings(tmp_path / "none.duckdb", tmp_path)
    result = quality.run_checkpoint(settings.db_path, settings, "r4")
    assert not result.success
    assert all("warehouse not found" in f for f in result.failed)
    with pytest.raises(ValueError, match="GX_ON_FAILURE"):
        quality.run_checkpoint(
            settings.db_path, _settings(tmp_path / "x", tmp_path, gx_on_failure="maybe"), "r5"
        )


def test_subject_summary_read_back_fits_the_pandera_model(gold_warehouse: Path) -> None:
    from forcerecon.schemas import validate_subjects
    from forcerecon.warehouse.connection import connect

    with connect(gold_warehouse, read_only=True) as con:
        subjects = con.execute("SELECT * FROM subject_summary").df()
    good, rejects = validate_subjects(subjects, "r6")
    assert rejects.empty, rejects["message"].tolist()
    assert len(good) == len(subjects) > 0
    broken = subjects.copy()
    broken.loc[0, "status"] = "maybe"
    _, rejects = validate_subjects(broken, "r6")
    assert rejects["check"].tolist() == ["isin"]
