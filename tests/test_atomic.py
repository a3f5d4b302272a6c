"""Crash and concurrency: a killed load leaves the warehouse as it was; two writers never collide.

Each test starts a child process that loads synthetic rows and signals (by creating a file) when
it is inside the load; the test then kills it, or loads at the same time from this process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from forcerecon.warehouse.connection import WarehouseLocked, lock_path_for, run_lock
from forcerecon.warehouse.load import counts, load_run

from synthetic import synthetic_rows

#: The child: load N_DOCS x PER_DOC synthetic claims into DB as run RUN_ID, creating SIGNAL when
#: it reaches POINT ("claims": the claims are being written; "commit": everything is written
#: but not committed), then HOLD seconds before going on.
CHILD = r"""
import sys, time
from pathlib import Path
from forcerecon.warehouse import load
from synthetic import synthetic_rows

db, run_id, n_docs, per_doc, point, signal_path, hold = sys.argv[1:8]
documents, claims = synthetic_rows(int(n_docs), int(per_doc), variant=run_id, doc_prefix=run_id)

def arrive():
    Path(signal_path).write_text("inside")
    time.sleep(float(hold))

real_merge, real_sql = load._merge, load.sql_text

def merge(con, kind, bookkeeping):
    if kind == "claims" and point == "claims":
        Path(signal_path).write_text("inside")   # the kill lands while claims are written...
        changed = real_merge(con, kind, bookkeeping)
        time.sleep(float(hold))                 # ...or, on a fast machine, just after
        return changed
    return real_merge(con, kind, bookkeeping)

def sql_text(name):
    if name == "upsert_run" and point == "commit":
        arrive()
    return real_sql(name)

load._merge, load.sql_text = merge, sql_text
load.load_run(db, {"run_id": run_id, "extractor_version": "child"}, documents, claims, None, None,
              lock_timeout=60)
print("committed")
"""


def start_child(
    db: Path, run_id: str, n_docs: int, per_doc: int, point: str, signal_file: Path, hold: float
) -> subprocess.Popen[str]:
    args = [str(db), run_id, str(n_docs), str(per_doc), point, str(signal_file), str(hold)]
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(signal_file: Path, child: subprocess.Popen[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not signal_file.exists():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"child ended before the signal (rc {child.returncode}): {out}\n{err}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("child did not reach the signal point in time")
        time.sleep(0.05)


def fingerprint(db: Path) -> dict[str, tuple[int, str | None]]:
    """Row count and an order-independent checksum of every table (all columns)."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for (table,) in con.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY table_name"
        ).fetchall():
            row = con.execute(
                f"SELECT count(*), md5(string_agg(md5(CAST(t AS VARCHAR)), '' "
                f"ORDER BY md5(CAST(t AS VARCHAR)))) FROM {table} AS t"
            ).fetchone()
            out[table] = (int(row[0]), row[1])
    return out


def content(db: Path) -> dict[str, tuple[int, str | None]]:
    """Like fingerprint, for the data tables, without the bookkeeping columns of a reload."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in ("documents", "claims", "statements", "rejects"):
            row = con.execute(
                f"SELECT count(*), md5(string_agg(md5(CAST(t AS VARCHAR)), '' "
                f"ORDER BY md5(CAST(t AS VARCHAR)))) "
                f"FROM (SELECT * EXCLUDE (last_seen, run_id) FROM {table}) AS t"
            ).fetchone()
            out[table] = (int(row[0]), row[1])
    return out


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    """A warehouse holding one small committed run."""
    db = tmp_path / "wh" / "forcerecon.duckdb"
    documents, claims = synthetic_rows(20, 5, variant="base", doc_prefix="base")
    load_run(db, {"run_id": "base", "extractor_version": "base"}, documents, claims, None, None)
    return db


@pytest.mark.parametrize(("point", "n_docs"), [("claims", 1000), ("commit", 200)])
def test_sigkill_inside_the_load_leaves_the_warehouse_as_before(
    baseline: Path, tmp_path: Path, point: str, n_docs: int
) -> None:
    before = fingerprint(baseline)
    signal_file = tmp_path / "inside"
    child = start_child(baseline, "big", n_docs, 100, point, signal_file, hold=60)
    wait_for(signal_file, child)
    time.sleep(0.3 if point == "claims" else 0)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # The kernel dropped the dead writer's lock: nothing to wait for, nothing half-written.
    assert counts(baseline, lock_timeout=5) == {"documents": 20, "claims": 100, "subjects": 36}
    assert fingerprint(baseline) == before

    # The same load, re-run, completes; a third run of it is idempotent.
    documents, claims = synthetic_rows(n_docs, 100, variant="big", doc_prefix="big")
    run = {"extractor_version": "child"}
    second = load_run(baseline, {**run, "run_id": "big-2"}, documents, claims, None, None)
    assert second["n_claims_new"] == n_docs * 100
    after_second = content(baseline)
    third = load_run(baseline, {**run, "run_id": "big-3"}, documents, claims, None, None)
    assert third["n_claims_new"] == 0 and third["n_claims_changed"] == 0
    assert content(baseline) == after_second
    assert counts(baseline)["claims"] == 100 + n_docs * 100


def test_second_writer_waits_for_the_first(baseline: Path, tmp_path: Path) -> None:
    signal_file = tmp_path / "inside"
    child = start_child(baseline, "first", 50, 10, "commit", signal_file, hold=2)
    wait_for(signal_file, child)
    t0 = time.monotonic()
    documents, claims = synthetic_rows(30, 10, variant="second", doc_prefix="second")
    load_run(
        baseline,
        {"run_id": "second", "extractor_version": "x"},
        documents,
        claims,
        None,
        None,
        lock_timeout=60,
    )
    waited = time.monotonic() - t0
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert "committed" in out
    assert waited > 1.0  # it waited for the child's transaction instead of colliding
    assert counts(baseline) == {
        "documents": 20 + 50 + 30,
        "claims": 100 + 500 + 300,
        "subjects": 36,
    }
    with duckdb.connect(str(baseline), read_only=True) as con:
        runs = con.execute("SELECT run_id FROM runs ORDER BY loaded_at").fetchall()
    assert runs == [("base",), ("first",), ("second",)]


def test_busy_warehouse_stops_a_writer_with_a_clear_message(baseline: Path, tmp_path: Path) -> None:
    before = fingerprint(baseline)
    signal_file = tmp_path / "inside"
    child = start_child(baseline, "holder", 50, 10, "commit", signal_file, hold=60)
    wait_for(signal_file, child)
    documents, claims = synthetic_rows(5, 2, variant="late", doc_prefix="late")
    try:
        with pytest.raises(WarehouseLocked) as info:
            load_run(
                baseline,
                {"run_id": "late", "extractor_version": "x"},
                documents,
                claims,
                None,
                None,
                lock_timeout=0.5,
            )
        message = str(info.value)
        assert str(lock_path_for(baseline)) in message
        assert f"held by pid {child.pid} (write)" in message
        # Readers wait for the writer too, and give up the same way.
        with pytest.raises(WarehouseLocked, match="could not take the read lock"):
            counts(baseline, lock_timeout=0.2)
    finally:
        child.kill()
        child.wait(timeout=30)

    # The killed holder left a lock file but no lock: the next writer goes straight in.
    assert lock_path_for(baseline).exists()
    assert fingerprint(baseline) == before
    t0 = time.monotonic()
    load_run(
        baseline,
        {"run_id": "late", "extractor_version": "x"},
        documents,
        claims,
        None,
        None,
        lock_timeout=0,
    )
    assert time.monotonic() - t0 < 30
    assert counts(baseline)["claims"] == 100 + 10


RUN_HOLDER = r"""
import sys, time
from pathlib import Path
from forcerecon.warehouse.connection import run_lock

db, signal_path, hold = sys.argv[1:4]
with run_lock(db, timeout=10):
    Path(signal_path).write_text("inside")
    time.sleep(float(hold))
"""


def test_run_lock_serializes_whole_runs(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    signal_file = tmp_path / "inside"
    holder = subprocess.Popen(
        [sys.executable, "-c", RUN_HOLDER, str(db), str(signal_file), "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(signal_file, holder)
        with pytest.raises(WarehouseLocked) as info, run_lock(db, timeout=0.2):
            pass
        assert f"could not take the run lock on {db}.run.lock" in str(info.value)
        assert f"held by pid {holder.pid} (write)" in str(info.value)
        t0 = time.monotonic()
        with run_lock(db, timeout=60):
            waited = time.monotonic() - t0
        assert waited > 0.5
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()


SHELL = r"""
import sys, time
from pathlib import Path
import duckdb

db, signal_path = sys.argv[1:3]
con = duckdb.connect(db, read_only=True)  # what `duckdb -readonly` does
Path(signal_path).write_text("inside")
time.sleep(60)
"""


def test_a_duckdb_shell_holding_the_file_makes_writers_wait_then_stop(
    baseline: Path, tmp_path: Path
) -> None:
    signal_file = tmp_path / "inside"
    shell = subprocess.Popen(
        [sys.executable, "-c", SHELL, str(baseline), str(signal_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(signal_file, shell)
        documents, claims = synthetic_rows(2, 2, variant="w", doc_prefix="w")
        with pytest.raises(WarehouseLocked, match=rf"open in another process .*PID {shell.pid}"):
            load_run(baseline, {"run_id": "w"}, documents, claims, None, None, lock_timeout=0.5)
    finally:
        shell.kill()
        shell.wait(timeout=30)
    load_run(baseline, {"run_id": "w"}, documents, claims, None, None, lock_timeout=30)
    assert counts(baseline)["claims"] == 100 + 4
