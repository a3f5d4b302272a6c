"""Scale-out: the flow on a local Dask cluster fills the same warehouse as a plain run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from forcerecon.settings import Settings

pytestmark = pytest.mark.slow

#: Bookkeeping columns that differ between two runs by design (time and run identity).
RUN_COLUMNS = {"first_seen", "last_seen", "run_id", "loaded_at", "started_at", "source"}


def _table(con: duckdb.DuckDBPyConnection, name: str, key: str) -> list[tuple[Any, ...]]:
    cols = [
        c
        for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [name],
        ).fetchall()
        if c not in RUN_COLUMNS
    ]
    quoted = ", ".join(f'"{c}"' for c in cols)
    return con.sql(f'SELECT {quoted} FROM "{name}" ORDER BY "{key}"').fetchall()


def _warehouse(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "documents": _table(con, "documents", "content_hash"),
            "claims": _table(con, "claims", "claim_id"),
            "statements": _table(con, "statements", "statement_id"),
            "subject_summary": _table(con, "subject_summary", "subject"),
        }


def test_dask_run_gives_the_same_warehouse_as_a_plain_run(tmp_path: Path, seeds_dir: Path) -> None:
    from dask.distributed import Client, LocalCluster, get_task_stream

    from forcerecon.flows.main import run_flow

    # Small batches, so the five seeds are spread over several tasks and both workers.
    plain = Settings(
        db_path=tmp_path / "plain.duckdb",
        reports_dir=tmp_path / "plain",
        batch_size=2,
        processes=1,
        quiet=True,
    )
    plain_summary = run_flow([str(seeds_dir)], plain)
    assert plain_summary["claims"] > 0

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        dask = plain.with_(
            db_path=tmp_path / "dask.duckdb",
            reports_dir=tmp_path / "dask",
            dask_address=cluster.scheduler_address,
        )
        workers = set(client.scheduler_info()["workers"])
        with get_task_stream(client=client) as stream:
            dask_summary = run_flow([str(seeds_dir)], dask)
    # The tasks really ran on the cluster: at least the three extraction batches (5 seeds / 2).
    assert len(workers) == 2
    assert len(stream.data) >= 3
    assert {t["worker"] for t in stream.data} <= workers

    assert dask_summary["status"] == plain_summary["status"]
    plain_rows, dask_rows = _warehouse(plain.db_path), _warehouse(dask.db_path)
    for table in plain_rows:
        assert dask_rows[table] == plain_rows[table], f"{table} differs under Dask"
    assert [r[0] for r in dask_rows["claims"]] == [r[0] for r in plain_rows["claims"]]


def test_process_pool_run_gives_the_same_warehouse_as_a_plain_run(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.task_runners import ProcessPoolTaskRunner

    from forcerecon.flows import tasks
    from forcerecon.flows.main import run_flow

    pools: list[int] = []
    submitted: list[int] = []

    class CountingPool(ProcessPoolTaskRunner):  # type: ignore[type-arg]
        def __enter__(self) -> CountingPool:
            pools.append(self._max_workers)
            return super().__enter__()

        def submit(self, task, parameters, *args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append(len(parameters["documents"]))
            return super().submit(task, parameters, *args, **kwargs)

    monkeypatch.setattr(tasks, "ProcessPoolTaskRunner", CountingPool)
    base = Settings(batch_size=2, quiet=True)
    plain = base.with_(db_path=tmp_path / "plain.duckdb", reports_dir=tmp_path / "p", processes=1)
    pooled = base.with_(db_path=tmp_path / "pool.duckdb", reports_dir=tmp_path / "q", processes=2)
    run_flow([str(seeds_dir)], plain)
    assert pools == []
    summary = run_flow([str(seeds_dir)], pooled)
    assert pools == [2] and submitted == [2, 2, 1]  # five seeds in batches of two
    assert summary["status"] == "ok"
    plain_rows, pool_rows = _warehouse(plain.db_path), _warehouse(pooled.db_path)
    for table in plain_rows:
        assert pool_rows[table] == plain_rows[table], f"{table} differs with a process pool"
