"""Warehouse storage: DDL, idempotent loads, history of changed documents, bad rows roll back."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from forcerecon.ids import content_hash, stable_id
from forcerecon.records import CLAIM_COLUMNS, DOCUMENT_COLUMNS, REJECT_COLUMNS, STATEMENT_COLUMNS
from forcerecon.warehouse import connection, load
from forcerecon.warehouse.connection import WarehouseSchemaError, open_warehouse
from forcerecon.warehouse.load import (
    LoadError,
    counts,
    integrity_problems,
    known_documents,
    load_run,
    record_quality,
    record_run,
)

TABLES = ("documents", "claims", "statements", "rejects", "runs", "quality_results")
BOOKKEEPING = ("last_seen", "run_id")

TEXT_A = "Minsk said about 30,000 Russian troops arrived. Later 12 Su-35 jets landed."
TEXT_A2 = "Minsk said up to 9,000 Russian troops arrived. Later 12 Su-35 jets landed."
TEXT_B = "NATO estimated 140,000 troops near Ukraine."


def document(doc_id: str, text: str) -> dict[str, object]:
    return {
        "doc_id": doc_id,
        "content_hash": content_hash(text),
        "source": f"inputs/{doc_id}.txt",
        "format": "txt",
        "text": text,
        "n_chars": len(text),
        "outlet": "Test Outlet",
        "url": f"https://example.org/{doc_id}",
        "published": "2022-02-10",
        "title": f"Title {doc_id}",
        "author": None,
        "outlet_inferred": False,
        "published_inferred": False,
    }


def claim(
    doc: dict[str, object],
    figure: str,
    low: float,
    high: float,
    qualifier: str,
    category: str,
    version: str = "v1",
) -> dict[str, object]:
    text = str(doc["text"])
    start = text.index(figure)
    end = start + len(figure)
    return {
        "claim_id": stable_id(doc["content_hash"], start, end),
        "doc_id": doc["doc_id"],
        "content_hash": doc["content_hash"],
        "claim_no": 1,
        "figure_text": figure,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "category": category,
        "item": "troops",
        "side": "Russia",
        "location": "Belarus",
        "as_of": "2022-02",
        "event": None,
        "claimant": "Minsk",
        "claimant_type": "government",
        "modality": "reported",
        "subject": f"RU-{category}-Belarus-2022-02",
        "sentence": text,
        "start": start,
        "end": end,
        "sentence_start": 0,
        "sentence_end": len(text),
        "subcategory": None,
        "side_code": "RU",
        "location_key": "Belarus",
        "period": "2022-02",
        "extractor_version": version,
    }


def frames(
    docs: list[dict[str, object]], claims: list[dict[str, object]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        pd.DataFrame(docs, columns=DOCUMENT_COLUMNS),
        pd.DataFrame(claims, columns=CLAIM_COLUMNS).astype(object),
    )


def three_rows() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two documents and three claims."""
    a, b = document("doc_a", TEXT_A), document("doc_b", TEXT_B)
    return frames(
        [a, b],
        [
            claim(a, "about 30,000", 30000, 30000, "approximate", "personnel"),
            claim(a, "12", 12, 12, "exact", "aircraft"),
            claim(b, "140,000", 140000, 140000, "exact", "personnel"),
        ],
    )


def statement_rows(doc: dict[str, object]) -> pd.DataFrame:
    row = {c: None for c in STATEMENT_COLUMNS}
    row.update(
        statement_id=stable_id(doc["content_hash"], "undisclosed", 0),
        doc_id=doc["doc_id"],
        content_hash=doc["content_hash"],
        kind="undisclosed",
        text="did not say",
        start=0,
        end=5,
        subject="RU-personnel-Belarus-2022-02",
        extractor_version="v1",
    )
    return pd.DataFrame([row], columns=STATEMENT_COLUMNS)


def reject_rows(run_id: str) -> pd.DataFrame:
    row = {
        "reject_id": stable_id("ingest", "inputs/bad.bin", None, "encoding", None, None),
        "run_id": run_id,
        "stage": "ingest",
        "source": "inputs/bad.bin",
        "doc_id": None,
        "check": "encoding",
        "column": None,
        "value": None,
        "message": "not UTF-8 text",
    }
    return pd.DataFrame([row], columns=REJECT_COLUMNS)


def run(run_id: str, version: str = "v1") -> dict[str, object]:
    return {"run_id": run_id, "extractor_version": version, "inputs": "inputs/"}


def snapshot(db: Path, exclude: tuple[str, ...] = BOOKKEEPING) -> dict[str, list[tuple]]:
    """Every row of the data tables (not runs), without the bookkeeping columns."""
    keys = {
        "documents": "content_hash",
        "claims": "claim_id",
        "statements": "statement_id",
        "rejects": "reject_id",
    }
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table, key in keys.items():
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            keep = ", ".join(f'"{c}"' for c in cols if c not in exclude)
            out[table] = con.execute(f"SELECT {keep} FROM {table} ORDER BY {key}").fetchall()
    return out


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "dir" / "forcerecon.duckdb"


def test_open_warehouse_creates_dirs_tables_and_is_idempotent(db: Path) -> None:
    con = open_warehouse(db)
    names = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    versions = con.execute("SELECT name, applied_at FROM schema_version ORDER BY name").fetchall()
    con.close()
    assert set(TABLES) | {"schema_version"} <= names
    assert len(versions) == len(list(connection.DDL_DIR.glob("[0-9]*.sql")))
    con = open_warehouse(db)
    again = con.execute("SELECT name, applied_at FROM schema_version ORDER BY name").fetchall()
    con.close()
    assert again == versions


def test_edited_ddl_file_is_refused(db: Path, tmp_path: Path, monkeypatch) -> None:
    ddl = tmp_path / "ddl"
    ddl.mkdir()
    for path in connection.DDL_DIR.glob("*.sql"):
        (ddl / path.name).write_text(path.read_text())
    monkeypatch.setattr(connection, "DDL_DIR", ddl)
    open_warehouse(db).close()
    (ddl / "020_claims.sql").write_text(
        (ddl / "020_claims.sql").read_text().replace("subject           VARCHAR,", "")
    )
    with pytest.raises(WarehouseSchemaError, match=r"020_claims.sql changed since it was applied"):
        open_warehouse(db)


def test_loading_the_same_run_twice_changes_nothing_but_bookkeeping(db: Path) -> None:
    documents, claims = three_rows()
    statements = statement_rows(documents.iloc[0].to_dict())
    first = load_run(db, run("r1"), documents, claims, statements, reject_rows("r1"))
    before = snapshot(db)
    seen1 = query(db, "SELECT claim_id, first_seen, last_seen FROM claims ORDER BY claim_id")
    second = load_run(db, run("r2"), documents, claims, statements, reject_rows("r2"))
    after = snapshot(db)
    seen2 = query(db, "SELECT claim_id, first_seen, last_seen FROM claims ORDER BY claim_id")

    assert first["n_claims_new"] == 3 and first["n_documents_new"] == 2
    assert second["n_claims_new"] == 0 and second["n_claims_changed"] == 0
    assert second["n_claims_retired"] == 0 and second["n_rejects_new"] == 0
    assert after == before
    assert {t: len(rows) for t, rows in after.items()} == {
        "documents": 2,
        "claims": 3,
        "statements": 1,
        "rejects": 1,
    }
    assert [r[0] for r in seen2] == [r[0] for r in seen1]
    assert [r[1] for r in seen2] == [r[1] for r in seen1]  # first_seen kept
    assert all(r2[2] > r1[2] for r1, r2 in zip(seen1, seen2, strict=True))  # last_seen moved
    assert query(db, "SELECT DISTINCT run_id FROM claims") == [("r2",)]
    assert query(db, "SELECT run_id, n_claims, status FROM runs ORDER BY run_id") == [
        ("r1", 3, "loaded"),
        ("r2", 3, "loaded"),
    ]
    assert counts(db) == {"documents": 2, "claims": 3, "subjects": 2}


def test_changed_text_keeps_history_and_first_seen(db: Path) -> None:
    documents, claims = three_rows()
    load_run(db, run("r1"), documents, claims, None, None)
    b_first_seen = query(db, "SELECT claim_id, first_seen FROM claims WHERE doc_id = 'doc_b'")

    a2, b = document("doc_a", TEXT_A2), document("doc_b", TEXT_B)
    documents2, claims2 = frames(
        [a2, b],
        [
            claim(a2, "up to 9,000", None, 9000, "upper_bound", "personnel"),
            claim(b, "140,000", 140000, 140000, "exact", "personnel"),
        ],
    )
    result = load_run(db, run("r2"), documents2, claims2, None, None)

    assert result["n_documents_superseded"] == 1
    assert result["n_claims_retired"] == 2 and result["n_claims_new"] == 1
    assert query(db, "SELECT count(*) FROM documents") == [(3,)]
    assert query(
        db, "SELECT content_hash FROM documents WHERE doc_id = 'doc_a' AND is_current"
    ) == [(content_hash(TEXT_A2),)]
    history = query(
        db, "SELECT figure_text, is_current FROM claims WHERE doc_id = 'doc_a' ORDER BY figure_text"
    )
    assert history == [("12", False), ("about 30,000", False), ("up to 9,000", True)]
    assert query(db, "SELECT claim_id, first_seen FROM claims WHERE doc_id = 'doc_b'") == (
        b_first_seen
    )
    assert counts(db) == {"documents": 2, "claims": 2, "subjects": 1}
    known = known_documents(db)
    assert list(known.columns) == ["doc_id", "content_hash", "extractor_version"]
    assert dict(zip(known["doc_id"], known["content_hash"], strict=True)) == {
        "doc_a": content_hash(TEXT_A2),
        "doc_b": content_hash(TEXT_B),
    }

    # The old text comes back: its claims are current again, with their first first_seen.
    load_run(db, run("r3"), documents, claims, None, None)
    assert query(db, "SELECT count(*) FROM claims WHERE is_current") == [(3,)]
    assert query(db, "SELECT count(*) FROM claims") == [(4,)]


def test_new_extractor_version_updates_claims_in_place(db: Path) -> None:
    documents, claims = three_rows()
    load_run(db, run("r1"), documents, claims, None, None)
    upgraded = claims.iloc[[0, 2]].copy()
    upgraded["extractor_version"] = "v2"
    upgraded.loc[upgraded.index[0], "qualifier"] = "range"
    result = load_run(db, run("r2", "v2"), documents, upgraded, None, None)

    assert result["n_claims_changed"] == 2 and result["n_claims_retired"] == 1
    assert query(db, "SELECT DISTINCT extractor_version FROM documents") == [("v2",)]
    assert query(db, "SELECT figure_text FROM claims WHERE NOT is_current") == [("12",)]
    assert query(db, "SELECT qualifier FROM claims WHERE figure_text = 'about 30,000'") == [
        ("range",)
    ]
    assert set(known_documents(db)["extractor_version"]) == {"v2"}
    # The earlier readings are kept, not overwritten.
    old = query(
        db,
        "SELECT figure_text, qualifier, extractor_version, run_id, replaced_by_run "
        "FROM claim_versions ORDER BY figure_text",
    )
    assert old == [
        ("140,000", "exact", "v1", "r1", "r2"),
        ("about 30,000", "approximate", "v1", "r1", "r2"),
    ]
    # Reading them the same way again saves nothing more.
    assert load_run(db, run("r3", "v2"), documents, upgraded, None, None)["n_claims_changed"] == 0
    assert query(db, "SELECT count(*) FROM claim_versions") == [(2,)]


def test_claim_of_unknown_document_rolls_back_everything(db: Path) -> None:
    documents, claims = three_rows()
    load_run(db, run("r1"), documents, claims, None, None)
    before = snapshot(db, exclude=())

    c = document("doc_c", "Kyiv counted 40 tanks.")
    ghost = document("doc_ghost", "A document nobody loaded: 7 tanks.")
    docs2, claims2 = frames(
        [c],
        [
            claim(c, "40", 40, 40, "exact", "tanks"),
            claim(ghost, "7", 7, 7, "exact", "tanks"),
        ],
    )
    with pytest.raises(LoadError) as info:
        load_run(db, run("r2"), docs2, claims2, None, reject_rows("r2"))

    message = str(info.value)
    assert "rolled back" in message and "nothing of this run was written" in message
    assert "claim of unknown document: doc_id doc_ghost" in message
    assert list(info.value.problems["check"]) == ["check_orphans"]
    assert snapshot(db, exclude=()) == before
    assert query(db, "SELECT run_id FROM runs") == [("r1",)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"figure_text": "about 31,000"}, r"text\[\d+:\d+\] is 'about 30,000', not figure_text"),
        ({"end": 10_000}, r"out of range \(text has \d+ characters\)"),
        ({"qualifier": "roughly"}, r"unknown qualifier roughly"),
        ({"low": 50_000.0}, r"low 50000.0 is above high 30000.0"),
        ({"claim_id": None}, r"missing claim_id"),
    ],
)
def test_bad_claim_rows_are_named_and_nothing_is_written(
    db: Path, change: dict[str, object], expected: str
) -> None:
    documents, claims = three_rows()
    for column, value in change.items():
        claims.loc[0, column] = value
    with pytest.raises(LoadError, match=expected):
        load_run(db, run("r1"), documents, claims, None, None)
    assert counts(db) == {"documents": 0, "claims": 0, "subjects": 0}
    assert query(db, "SELECT count(*) FROM runs") == [(0,)]


def test_two_different_rows_with_one_claim_id_are_refused(db: Path) -> None:
    documents, claims = three_rows()
    twin = claims.iloc[[0]].copy()
    twin["category"] = "tanks"
    with pytest.raises(LoadError, match="2 different rows share claim_id"):
        load_run(db, run("r1"), documents, pd.concat([claims, twin]), None, None)
    # An exact repeat is the same observation: it collapses to one row.
    result = load_run(db, run("r1"), documents, pd.concat([claims, claims.iloc[[0]]]), None, None)
    assert result["n_claims"] == 3


def test_database_error_mid_write_rolls_back(db: Path, monkeypatch) -> None:
    documents, claims = three_rows()
    load_run(db, run("r1"), documents.iloc[[1]], claims.iloc[[2]], None, None)
    before = snapshot(db, exclude=())
    real = load.sql_text

    def broken(name: str) -> str:
        return "SELECT * FROM no_such_table" if name == "retire_claims" else real(name)

    monkeypatch.setattr(load, "sql_text", broken)
    with pytest.raises(
        RuntimeError, match=r"rolled back, nothing of it was written.*no_such_table"
    ):
        load_run(db, run("r2"), documents, claims, None, None)
    monkeypatch.undo()
    assert snapshot(db, exclude=()) == before
    assert query(db, "SELECT run_id FROM runs") == [("r1",)]


def test_frame_missing_a_column_is_named(db: Path) -> None:
    documents, claims = three_rows()
    with pytest.raises(ValueError, match=r"claims frame lacks column\(s\) \['period'\]"):
        load_run(db, run("r1"), documents, claims.drop(columns=["period"]), None, None)


def test_rejects_are_recorded_once_and_get_ids(db: Path) -> None:
    documents, claims = three_rows()
    rejects = reject_rows("r1")
    load_run(db, run("r1"), documents, claims, None, rejects)
    no_id = rejects.copy()
    no_id["reject_id"] = None
    no_id["run_id"] = None  # the loading run's id is used
    load_run(db, run("r2"), documents, claims, None, no_id)
    rows = query(db, "SELECT reject_id, run_id, created_at < last_seen FROM rejects")
    assert rows == [(rejects.loc[0, "reject_id"], "r2", True)]


def test_readers_on_a_missing_warehouse_get_empty_results(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    known = known_documents(missing)
    assert list(known.columns) == ["doc_id", "content_hash", "extractor_version"] and known.empty
    assert counts(missing) == {"documents": 0, "claims": 0, "subjects": 0}
    assert not missing.exists()


def test_record_quality_replaces_a_suites_results(db: Path) -> None:
    rows = pd.DataFrame(
        {
            "suite": ["claims", "claims"],
            "expectation": ["expect_column_values_to_not_be_null"] * 2,
            "column": ["claim_id", "doc_id"],
            "success": [True, False],
            "details": [{"unexpected_count": 0}, {"unexpected_count": 2}],
        }
    )
    assert record_quality(db, "r1", rows) == 2
    assert record_quality(db, "r1", rows.iloc[[1]]) == 1
    assert query(db, 'SELECT run_id, suite, "column", success, details FROM quality_results') == [
        ("r1", "claims", "doc_id", False, '{"unexpected_count": 2}')
    ]


def test_record_run_fills_in_the_end_of_a_run(db: Path) -> None:
    documents, claims = three_rows()
    load_run(
        db, {**run("r1"), "started_at": "2026-11-21T08:00:00+01:00"}, documents, claims, None, None
    )
    record_run(db, {"run_id": "r1", "status": "ok", "ended_at": "2026-11-21T07:05:00+00:00"})
    row = query(db, "SELECT status, started_at, ended_at, n_claims FROM runs")[0]
    assert row[0] == "ok" and row[3] == 3
    assert str(row[1]) == "2026-11-21 07:00:00" and str(row[2]) == "2026-11-21 07:05:00"


def test_integrity_check_finds_a_broken_warehouse(db: Path) -> None:
    documents, claims = three_rows()
    load_run(db, run("r1"), documents, claims, None, None)
    assert integrity_problems(db).empty
    with duckdb.connect(str(db)) as con:  # what no load does: retire a text, keep its claims
        con.execute("UPDATE documents SET is_current = FALSE WHERE doc_id = 'doc_b'")
    problems = integrity_problems(db)
    assert list(problems["key"]) == [claims.loc[2, "claim_id"]]
    assert problems.loc[0, "problem"] == (
        "current claim of a text that is not the current text of doc_b"
    )


def test_lock_timeout_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("FORCERECON_LOCK_TIMEOUT", "2.5")
    assert connection.lock_timeout_from_env() == 2.5
    monkeypatch.setenv("FORCERECON_LOCK_TIMEOUT", "soon")
    with pytest.raises(ValueError, match="FORCERECON_LOCK_TIMEOUT must be seconds, not 'soon'"):
        connection.lock_timeout_from_env()
    monkeypatch.delenv("FORCERECON_LOCK_TIMEOUT")
    assert connection.lock_timeout_from_env() == connection.DEFAULT_LOCK_TIMEOUT
