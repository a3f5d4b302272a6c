"""`forcerecon sql` is read-only in fact: every writing or escaping statement is refused with a
one-line error, and the warehouse, other databases and other files stay untouched."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forcerecon.cli import app
from forcerecon.warehouse.load import counts, load_run

from synthetic import synthetic_rows

runner = CliRunner()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sqlro") / "w.duckdb"
    documents, claims = synthetic_rows(3, 2, variant="ro", doc_prefix="ro")
    load_run(db, {"run_id": "ro", "extractor_version": "t"}, documents, claims, None, None)
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sql(db: Path, query: str, *extra: str):
    return runner.invoke(app, ["sql", query, "--db", str(db), *extra])


def _refused(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_select_still_works(warehouse: Path) -> None:
    result = _sql(warehouse, "SELECT count(*) AS n FROM claims", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "6"]
    for query in (
        "DESCRIBE claims",
        "SHOW TABLES",
        "FROM documents LIMIT 1",
        "EXPLAIN SELECT 1",
        "PRAGMA table_info('claims')",
        "CALL duckdb_tables()",
    ):
        assert _sql(warehouse, query).exit_code == 0, query


def test_copy_over_the_warehouse_is_refused(warehouse: Path) -> None:
    before = _digest(warehouse)
    line = _refused(_sql(warehouse, f"COPY (SELECT 1) TO '{warehouse}' (FORMAT csv)"))
    assert "read-only" in line and "COPY" in line
    assert _digest(warehouse) == before
    assert counts(warehouse)["claims"] == 6


def test_attach_hard_link_read_write_cannot_delete(warehouse: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.duckdb"
    os.link(warehouse, link)
    query = f"ATTACH '{link}' AS w2 (READ_WRITE); DELETE FROM w2.claims"
    line = _refused(_sql(warehouse, query))
    assert "ATTACH" in line
    assert counts(warehouse)["claims"] == 6


def test_attach_cannot_create_other_databases(warehouse: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    _refused(_sql(warehouse, f"ATTACH '{other}' AS o (READ_WRITE)"))
    _refused(_sql(warehouse, f"SELECT 1; ATTACH '{other}' AS o"))
    assert not other.exists()


def test_copy_to_a_file_writes_nothing(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    _refused(_sql(warehouse, f"COPY (SELECT * FROM claims) TO '{out}'"))
    _refused(_sql(warehouse, f"EXPORT DATABASE '{tmp_path / 'exp'}'"))
    assert not out.exists() and not (tmp_path / "exp").exists()


@pytest.mark.parametrize(
    "query",
    [
        "SET threads = 1",
        "SET enable_external_access = true",
        "RESET lock_configuration",
        "PRAGMA enable_profiling",
        "INSTALL httpfs",
        "LOAD httpfs",
        "CREATE TABLE t AS SELECT 1",
        "DELETE FROM claims",
        "UPDATE claims SET low = 0",
        "INSERT INTO claims SELECT * FROM claims",
        "DETACH w",
    ],
)
def test_writing_and_setting_statements_refused_in_one_line(warehouse: Path, query: str) -> None:
    line = _refused(_sql(warehouse, query))
    assert "read-only" in line


def test_other_local_files_are_not_read(warehouse: Path, tmp_path: Path) -> None:
    """Decision (docs/warehouse.md): `forcerecon sql` reads the warehouse and nothing else."""
    data = tmp_path / "x.csv"
    data.write_text("a\n1\n", encoding="utf-8")
    for query in (
        f"SELECT * FROM read_csv('{data}')",
        f"SELECT * FROM '{data}'",
        "SELECT * FROM read_text('/etc/hostname')",
    ):
        line = _refused(_sql(warehouse, query))
        assert "disabled by configuration" in line, line


def test_sql_errors_are_one_line(warehouse: Path) -> None:
    _refused(_sql(warehouse, "SELECT * FROM no_such_table"))
    _refused(_sql(warehouse, "SELEC 1"))
    _refused(_sql(warehouse, "  "))


def test_unknown_format_is_rejected(warehouse: Path) -> None:
    line = _refused(_sql(warehouse, "SELECT 1", "--format", "xml"))
    assert "xml" in line and "table, csv, json" in line
