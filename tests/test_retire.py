"""`forcerecon retire`: a document removed from the input can be retired explicitly; it and its
claims stop being current, every row stays as history, and the models are rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from forcerecon.cli import app
from forcerecon.flows.main import run_flow
from forcerecon.settings import Settings
from forcerecon.warehouse.fingerprint import marts_dirty
from forcerecon.warehouse.load import counts, load_run
from forcerecon.warehouse.retire import RetireError, retire_documents

from synthetic import synthetic_rows

runner = CliRunner()


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_retire_keeps_history_and_marks_marts_dirty(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    documents, claims = synthetic_rows(3, 2, variant="a", doc_prefix="a")
    load_run(db, {"run_id": "r1"}, documents, claims, None, None)
    doc_id = str(documents["doc_id"].iloc[0])
    done = retire_documents(db, [doc_id], "ret1", note="withdrawn by the outlet")
    assert (done["n_documents_superseded"], done["n_claims_retired"]) == (1, 2)
    assert counts(db)["documents"] == 2 and counts(db)["claims"] == 4
    # nothing deleted: the retired rows are kept, not current
    assert _rows(db, f"SELECT count(*) FROM claims WHERE doc_id = '{doc_id}'") == [(2,)]
    assert _rows(
        db, "SELECT status, n_claims_retired, message FROM runs WHERE run_id = 'ret1'"
    ) == [("retired", 2, f"retired on request: {doc_id} (withdrawn by the outlet)")]
    assert marts_dirty(db) == "r1"


def test_retire_unknown_or_retired_doc_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    documents, claims = synthetic_rows(2, 2, variant="a", doc_prefix="a")
    load_run(db, {"run_id": "r1"}, documents, claims, None, None)
    doc_id = str(documents["doc_id"].iloc[0])
    with pytest.raises(RetireError, match=r"not a current document .*: nope; nothing retired"):
        retire_documents(db, [doc_id, "nope"], "x")
    assert counts(db)["claims"] == 4
    retire_documents(db, [doc_id], "y")
    with pytest.raises(RetireError, match=f": {doc_id}; nothing retired"):
        retire_documents(db, [doc_id], "z")


@pytest.mark.slow
def test_retire_command_rebuilds_models_and_survives_the_next_run(
    tmp_path: Path, seeds_dir: Path
) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(seeds_dir, inputs)
    settings = Settings(db_path=tmp_path / "w.duckdb", reports_dir=tmp_path / "out", quiet=True)
    run_flow([str(inputs)], settings)
    doc_id = "001_e841d6b9f0043300"
    own = {r[0] for r in _rows(settings.db_path, f"SELECT subject FROM claims WHERE doc_id = "
                               f"'{doc_id}' EXCEPT SELECT subject FROM claims WHERE doc_id <> "
                               f"'{doc_id}'")}  # fmt: skip
    assert own, "the chosen seed has no subject of its own"
    # the article is removed from the input, then retired
    (inputs / f"{doc_id}.txt").unlink()
    args = ["retire", doc_id, "--db", str(settings.db_path), "--reports", str(settings.reports_dir)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "retired 1 documents" in result.output and "passed" in result.output
    subjects = {r[0] for r in _rows(settings.db_path, "SELECT subject FROM subject_summary")}
    assert subjects and not own & subjects
    assert marts_dirty(settings.db_path) is None
    index = (settings.reports_dir / "index.html").read_text(encoding="utf-8")
    assert not [subject for subject in own if subject in index]
    assert [subject for subject in subjects if subject in index]
    after_retire = counts(settings.db_path)
    # the next run over the remaining input changes nothing: the document stays retired
    again = run_flow([str(inputs)], settings)
    assert again["loaded"]["n_claims_new"] == 0
    assert counts(settings.db_path) == after_retire
    assert _rows(
        settings.db_path, f"SELECT is_current FROM documents WHERE doc_id = '{doc_id}'"
    ) == [(False,)]
    unknown = runner.invoke(app, ["retire", "ghost", "--db", str(settings.db_path)])
    assert unknown.exit_code == 2 and "not a current document" in unknown.output


def test_retire_has_help() -> None:
    result = runner.invoke(app, ["retire", "--help"])
    assert result.exit_code == 0 and "kept as history" in result.output
