"""A run killed between its load's commit and the end of reconciliation is healed by the next
run, and killing only the main process ends its Prefect server and extraction processes.

The killed runs are real `forcerecon run` subprocesses, paused at a named point
(forcerecon/faultpoints.py) and killed there with SIGKILL.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest
from typer.testing import CliRunner

from forcerecon.cli import app
from forcerecon.flows.main import run_flow
from forcerecon.settings import Settings
from forcerecon.warehouse.fingerprint import mark_marts_built, marts_dirty
from forcerecon.warehouse.load import load_run

from synthetic import synthetic_rows

FORCERECON = Path(sys.executable).parent / "forcerecon"

NEW_ARTICLE = (
    "VILNIUS, March 3, 2022 (Test Wire) - About 4,000 Russian troops arrived in Kaliningrad "
    "on Thursday, Lithuania's defence ministry said.\n"
)


def _start_run(
    inputs: list[Path], db: Path, out: Path, point: str, signal_file: Path, **env: str
) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "FORCERECON_TEST_PAUSE_AT": point,
        "FORCERECON_TEST_PAUSE_SIGNAL": str(signal_file),
        "FORCERECON_TEST_PAUSE_SECONDS": "120",
        **env,
    }
    environment.pop("PREFECT_API_URL", None)  # the run starts its own temporary server
    # output to a file, not a pipe: a surviving child would hold a pipe open
    log = (signal_file.parent / f"{signal_file.name}.log").open("w", encoding="utf-8")
    return subprocess.Popen(
        [str(FORCERECON), "run", *map(str, inputs), "--db", str(db), "--reports", str(out),
         "--quiet"],
        env=environment, stdout=log, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def _wait_for_signal(signal_file: Path, child: subprocess.Popen[str], lines: int = 1) -> list[int]:
    deadline = time.monotonic() + 300
    while True:
        if signal_file.exists():
            pids = [int(p) for p in signal_file.read_text().split()]
            if len(pids) >= lines:
                return pids
        if child.poll() is not None:
            log = signal_file.parent / f"{signal_file.name}.log"
            pytest.fail(f"run ended before the pause point (rc {child.returncode}):\n"
                        f"{log.read_text(encoding='utf-8')}")  # fmt: skip
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("run did not reach the pause point in 300 s")
        time.sleep(0.1)


def _kill(child: subprocess.Popen[str]) -> list[psutil.Process]:
    """SIGKILL the run's main process only; returns its descendants as they were."""
    descendants = psutil.Process(child.pid).children(recursive=True)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return descendants


def _all_gone(processes: list[psutil.Process], timeout: float = 20) -> list[psutil.Process]:
    """The processes still running after ``timeout`` seconds."""
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    for process in alive:  # do not leave them behind, whatever the test says
        process.kill()
    return alive


def _subjects(db: Path) -> tuple[set[str], set[str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        # the models key a non-stock measure as a suffix (~needed); claims.subject has none
        marts = {
            re.sub(r"~[a-z]+", "", r[0])
            for r in con.sql("SELECT subject FROM subject_summary").fetchall()
        }
        claims = {
            r[0] for r in con.sql("SELECT DISTINCT subject FROM claims WHERE is_current").fetchall()
        }
    return marts, claims


def test_load_marks_marts_dirty_until_they_are_built(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    documents, claims = synthetic_rows(3, 2, variant="a", doc_prefix="a")
    load_run(db, {"run_id": "r1"}, documents, claims, None, None)
    assert marts_dirty(db) == "r1"
    load_run(db, {"run_id": "r2"}, *synthetic_rows(2, 2, variant="b", doc_prefix="b"), None, None)
    assert marts_dirty(db) == "r1"  # the first run not reflected is kept
    assert mark_marts_built(db, "r3") == 2  # r1 and r2 stopped after their load
    assert marts_dirty(db) is None
    load_run(db, {"run_id": "r4"}, documents, claims, None, None)  # nothing new
    assert marts_dirty(db) is None
    with duckdb.connect(str(db), read_only=True) as con:
        status = dict(con.sql("SELECT run_id, status FROM runs").fetchall())
    assert status == {"r1": "interrupted", "r2": "interrupted", "r4": "loaded"}


@pytest.mark.slow
def test_kill_after_load_commit_is_healed_by_the_next_run(tmp_path: Path, seeds_dir: Path) -> None:
    first, second = tmp_path / "seeds", tmp_path / "new"
    shutil.copytree(seeds_dir, first)
    second.mkdir()
    (second / "kaliningrad.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    settings = Settings(db_path=tmp_path / "w.duckdb", reports_dir=tmp_path / "out", quiet=True)
    assert run_flow([str(first)], settings)["status"] == "ok"
    before, _ = _subjects(settings.db_path)

    signal_file = tmp_path / "paused"
    child = _start_run([first, second], settings.db_path, settings.reports_dir, "after_load",
                       signal_file)  # fmt: skip
    _wait_for_signal(signal_file, child)
    descendants = _kill(child)

    # The kill landed after the commit: the new claims are current, the marts are stale ...
    marts, claims = _subjects(settings.db_path)
    assert marts == before and claims - marts, "the kill did not land between load and build"
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        (killed_run,) = con.sql("SELECT run_id FROM runs WHERE status = 'loaded'").fetchone()
    assert marts_dirty(settings.db_path) == killed_run
    stale = CliRunner().invoke(app, ["report", "--db", str(settings.db_path), "--reports",
                                     str(tmp_path / "stale")])  # fmt: skip
    assert f"the models do not reflect the load of run {killed_run}" in stale.output
    # ... and the temporary Prefect server died with the run (forcerecon/lifeline.py).
    assert descendants, "the run had no temporary Prefect server"
    assert not _all_gone(descendants)

    # The next run finds nothing new to load, and still rebuilds, checks and reports.
    healed = run_flow([str(first), str(second)], settings)
    assert healed["loaded"]["n_claims_new"] == 0
    assert healed["status"] == "ok" and healed["validation"] == "passed"
    assert not healed.get("quality_carried_from")
    marts, claims = _subjects(settings.db_path)
    assert marts == claims
    assert marts_dirty(settings.db_path) is None
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        status = con.sql(f"SELECT status FROM runs WHERE run_id = '{killed_run}'").fetchone()[0]
        checked = con.sql(
            f"SELECT count(*) FROM quality_results WHERE run_id = '{healed['run_id']}'"
        ).fetchone()[0]
    assert status == "interrupted"
    assert checked > 0
    report_text = (settings.reports_dir / "index.html").read_text(encoding="utf-8")
    assert "Kaliningrad" in report_text


@pytest.mark.slow
def test_killing_the_main_process_ends_its_extraction_workers(
    tmp_path: Path, seeds_dir: Path
) -> None:
    signal_file = tmp_path / "paused"
    pool = {"FORCERECON_BATCH_SIZE": "1", "FORCERECON_PROCESSES": "2"}
    db, out = tmp_path / "w.duckdb", tmp_path / "out"
    child = _start_run([seeds_dir], db, out, "extract", signal_file, **pool)
    workers = _wait_for_signal(signal_file, child, lines=2)
    assert child.pid not in workers  # the batches run in the pool's processes
    descendants = _kill(child)
    assert {p.pid for p in descendants} >= set(workers)
    assert not _all_gone(descendants)


@pytest.mark.slow
def test_temporary_server_imports_nothing_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's dask.py beside their articles ran inside the server (prefect_dask imports dask,
    and the server has "." on sys.path): that one started a run, whose server started another."""
    from forcerecon.prefect_api import TemporaryServer

    marker = tmp_path / "imported"
    (tmp_path / "dask.py").write_text(
        f"open({str(marker)!r}, 'a').write('x')\nraise ImportError('shadow')\n", "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    server = TemporaryServer()
    try:
        server.wait(timeout=120)
    finally:
        server.stop()
    assert not marker.exists()
