"""End-to-end benchmark: `forcerecon run` on N distinct articles, then again with nothing new,
then extraction throughput on a local Dask cluster with 1 and 2 workers.

Usage::

    .venv/bin/python bench/bench_e2e.py [--docs 10000] [--seed 7] [--workers 1,2]
        [--skip-flow] [--skip-dask] [--keep]

Targets (issue #7, 2-core / 24 GiB machine): first run <= 120 s and peak memory <= 2 GB
(resident memory of the whole process tree, Dask workers and the Prefect server included);
second run with nothing new <= 15 s. The stage breakdown is read from the Prefect task runs
of the first flow run (the run's own PREFECT_HOME database), so it is the real flow's time.

Writes bench/out/e2e-<stamp>.json and prints a Markdown summary for bench/results/e2e.md.
The corpus comes from bench/corpus.py ``make_corpus(n_docs, seed)`` (the bench engineer's
generator); see :func:`write_corpus` for the shapes it may return.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FORCERECON = ROOT / ".venv" / "bin" / "forcerecon"
DOCS_PER_FILE = 1000
META = ("url", "outlet", "published", "title", "author")


# ---------------------------------------------------------------------------- corpus


def write_corpus(corpus: Any, folder: Path) -> tuple[int, int]:
    """Write ``make_corpus`` output as JSONL files (1,000 articles each) in ``folder``.

    Accepts a DataFrame or an iterable of dicts with ``doc_id`` and ``text`` (plus optional
    url, outlet, published, title, author), or a path to a folder/file it already wrote
    (copied). Returns (number of documents, bytes of text).
    """
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(corpus, str | Path):
        src = Path(corpus)
        if src.is_dir():
            shutil.copytree(src, folder, dirs_exist_ok=True)
        else:
            shutil.copy(src, folder / src.name)
        n = n_bytes = 0
        for path in folder.rglob("*"):
            if path.suffix in (".txt", ".html"):
                n, n_bytes = n + 1, n_bytes + path.stat().st_size
            elif path.suffix == ".jsonl":
                for line in path.read_text(encoding="utf-8").splitlines():
                    n, n_bytes = n + 1, n_bytes + len(json.loads(line)["text"].encode())
        return n, n_bytes
    rows: Iterable[dict[str, Any]]
    if isinstance(corpus, pd.DataFrame):
        rows = corpus.to_dict(orient="records")
    elif hasattr(corpus, "documents") and isinstance(corpus.documents, pd.DataFrame):
        rows = corpus.documents.to_dict(orient="records")
    else:
        rows = corpus
    n = n_bytes = 0
    chunk: list[str] = []
    for row in rows:
        record = {"doc_id": str(row["doc_id"]), "text": row["text"]}
        for key in META:
            value = row.get(key)
            record[key] = None if value is None or value != value else str(value)
        chunk.append(json.dumps(record, ensure_ascii=False))
        n, n_bytes = n + 1, n_bytes + len(row["text"].encode())
        if len(chunk) == DOCS_PER_FILE:
            (folder / f"part-{n // DOCS_PER_FILE:04d}.jsonl").write_text("\n".join(chunk) + "\n")
            chunk = []
    if chunk:
        (folder / f"part-{n // DOCS_PER_FILE + 1:04d}.jsonl").write_text("\n".join(chunk) + "\n")
    return n, n_bytes


def make_corpus(n_docs: int, seed: int) -> Any:
    """bench/corpus.py's generator; a clear error when it is not there yet."""
    sys.path.insert(0, str(BENCH))
    try:
        from corpus import make_corpus as generate  # type: ignore[import-not-found]
    except ImportError as exc:
        raise SystemExit(
            f"bench/corpus.py with make_corpus(n_docs, seed) is needed: {exc}"
        ) from exc
    return generate(n_docs, seed)


# ---------------------------------------------------------------------------- measuring


class TreeMemory:
    """Samples the resident memory of a process and all its descendants (sum), every 0.2 s."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.samples: list[tuple[datetime, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return 0
        for proc in procs:
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = self._sample()
            self.peak = max(self.peak, rss)
            # UTC without zone, as the Prefect database stores task start and end times.
            self.samples.append((datetime.now(UTC).replace(tzinfo=None), rss))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _kill_tree(pid: int) -> None:
    try:
        root = psutil.Process(pid)
        procs = [*root.children(recursive=True), root]
    except psutil.Error:
        return
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.kill()


def run_cli(args: list[str], env: dict[str, str], log: Path, timeout: float) -> dict[str, Any]:
    """Run `forcerecon ARGS`, measuring wall time and the process tree's peak memory.

    A run past ``timeout`` seconds is killed (with its children) and gets rc ``"timeout"``.
    """
    t0 = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen([str(FORCERECON), *args], stdout=out, stderr=out, env=env)
        with TreeMemory(proc.pid) as mem:
            try:
                rc: int | str = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_tree(proc.pid)
                proc.wait()
                rc = "timeout"
    wall = time.perf_counter() - t0
    return {
        "rc": rc,
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(mem.peak / 2**20),
        "log": str(log),
        "rss_samples": mem.samples,
    }


def peak_during(samples: list[tuple[datetime, int]], first: Any, last: Any) -> int | None:
    """Peak process-tree RSS (MB) sampled between two times, None when no sample fell there."""
    inside = [rss for when, rss in samples if first <= when <= last]
    return round(max(inside) / 2**20) if inside else None


def task_times(prefect_home: Path) -> pd.DataFrame:
    """Per flow run and task name: runs, summed task seconds, and span (first start to last end).

    Read from the Prefect database of this PREFECT_HOME (the temporary server's SQLite file).
    Mapped tasks run concurrently, so their summed seconds can exceed their span.
    """
    columns = ["flow_start", "task", "n", "seconds", "span_s", "first", "last"]
    db = prefect_home / "prefect.db"
    if not db.exists():
        return pd.DataFrame(columns=columns)
    with sqlite3.connect(db) as con:
        rows = pd.read_sql_query(
            "SELECT f.start_time AS flow_start, t.name AS task_name, t.start_time AS t_start, "
            "t.end_time AS t_end FROM task_run t JOIN flow_run f ON t.flow_run_id = f.id "
            "WHERE t.start_time IS NOT NULL AND t.end_time IS NOT NULL",
            con,
        )
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows["task"] = rows["task_name"].str.replace(r"-[0-9a-f]{3}$", "", regex=True)
    rows["t_start"] = pd.to_datetime(rows["t_start"])
    rows["t_end"] = pd.to_datetime(rows["t_end"])
    rows["seconds"] = (rows["t_end"] - rows["t_start"]).dt.total_seconds()
    out = rows.groupby(["flow_start", "task"], as_index=False).agg(
        n=("seconds", "size"), seconds=("seconds", "sum"), first=("t_start", "min"),
        last=("t_end", "max"),
    )  # fmt: skip
    out["span_s"] = (out["last"] - out["first"]).dt.total_seconds().round(2)
    out["seconds"] = out["seconds"].round(2)
    return out.sort_values(["flow_start", "first"])[columns]


def _cpu_seconds() -> float:
    """User + system CPU seconds of the calling process (run on each Dask worker)."""
    times = psutil.Process().cpu_times()
    return times.user + times.system


def _row(n: int, seconds: float, cpu: float, documents: int, mb: float) -> dict[str, Any]:
    return {
        "workers": n,
        "seconds": round(seconds, 2),
        "docs_per_s": round(documents / seconds, 1),
        "mb_per_s": round(mb / seconds, 2),
        "cpu_s": round(cpu, 1),
        "mb_per_cpu_s": round(mb / cpu, 2) if cpu else None,
        # Share of the n cores the extraction actually got (the machine is shared).
        "cpu_share": round(cpu / (seconds * max(n, 1)), 2),
    }


def dask_extraction(corpus_dir: Path, workers: list[int], batch_size: int) -> list[dict[str, Any]]:
    """Extraction alone over the corpus: serial in this process, then on n-worker LocalClusters.

    Wall times exclude cluster start-up (reported apart) and include shipping batches to the
    workers. CPU seconds are the extracting processes' own (this one, or the Dask workers'),
    so MB per CPU-second does not depend on what else the machine runs; ``cpu_share`` says
    how much of its cores the run got.
    """
    from dask.distributed import Client, LocalCluster

    from forcerecon.extract import extract_documents
    from forcerecon.ingest import read_inputs

    documents = read_inputs([corpus_dir], run_id="bench").documents
    mb = documents["n_chars"].sum() / 1e6
    batches = [documents.iloc[i : i + batch_size] for i in range(0, len(documents), batch_size)]
    extract_documents(documents.iloc[:2])  # warm-up: first-call costs are not extraction
    t, c = time.perf_counter(), time.process_time()
    n_claims = sum(len(extract_documents(b).claims) for b in batches)
    row = _row(0, time.perf_counter() - t, time.process_time() - c, len(documents), mb)
    results: list[dict[str, Any]] = [{**row, "claims": n_claims, "startup_s": 0.0}]
    for n in workers:
        t = time.perf_counter()
        with (
            LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            startup = time.perf_counter() - t
            client.gather(client.map(extract_documents, [documents.iloc[:2]] * n, pure=False))
            scattered = client.scatter(batches)
            cpu0 = sum(client.run(_cpu_seconds).values())
            t = time.perf_counter()
            futures = client.map(extract_documents, scattered, pure=False)
            n_claims = sum(len(r.claims) for r in client.gather(futures))
            seconds = time.perf_counter() - t
            cpu = sum(client.run(_cpu_seconds).values()) - cpu0
        row = _row(n, seconds, cpu, len(documents), mb)
        results.append({**row, "claims": n_claims, "startup_s": round(startup, 1)})
    base = results[1]["seconds"] if len(results) > 1 else results[0]["seconds"]
    for r in results:
        r["speedup_vs_1_worker"] = round(base / r["seconds"], 2)
    return results


# ---------------------------------------------------------------------------- main


def machine() -> dict[str, Any]:
    return {
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }


def markdown(result: dict[str, Any]) -> str:
    m, c = result["machine"], result["corpus"]
    lines = [
        f"### {result['started']} - {c['documents']:,} documents, {c['mb']:.1f} MB of text",
        f"machine: {m['cpus']} cores, {m['memory_gib']} GiB, Python {m['python']}; "
        f"load average before {m['loadavg_before']}, after {result.get('loadavg_after')}",
        "",
        "| step | wall s | peak RSS MB (process tree) | target |",
        "|---|---:|---:|---|",
    ]
    targets = {"first run": "<= 120 s, <= 2048 MB", "second run (nothing new)": "<= 15 s"}
    for name, run in result.get("runs", {}).items():
        lines.append(
            f"| {name} | {run['wall_s']} | {run['peak_rss_mb']} | {targets.get(name, '')} |"
            + ("" if run["rc"] == 0 else f" rc={run['rc']}")
        )
    if result.get("stages"):
        lines += ["", "Stage breakdown (Prefect task runs; span = first start to last end):", "",
                  "| task | runs | first run: summed s | span s | peak RSS MB | "
                  "second run: span s |",
                  "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        second = {s["task"]: s["span_s"] for s in result.get("stages_second_run", [])}
        lines += [
            f"| {s['task']} | {s['n']} | {s['seconds']:.2f} | {s['span_s']:.2f} | "
            f"{s.get('peak_rss_mb')} | {second.get(s['task'], '')} |"
            for s in result["stages"]
        ]
    if result.get("dask"):
        lines += ["", "Extraction only (no Prefect), batches of "
                  f"{result['batch_size']} documents:", "",
                  "| Dask workers | wall s | docs/s | MB/s | speed-up vs 1 worker | CPU s | "
                  "MB per CPU-s | CPU share of its cores | start-up s |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
        for r in result["dask"]:
            label = "0 (serial, in process)" if r["workers"] == 0 else str(r["workers"])
            lines.append(
                f"| {label} | {r['seconds']} | {r['docs_per_s']} | {r['mb_per_s']} | "
                f"{r['speedup_vs_1_worker']} | {r['cpu_s']} | {r['mb_per_cpu_s']} | "
                f"{r['cpu_share']} | {r['startup_s']} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", default="1,2", help="Dask worker counts, comma-separated")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--skip-flow", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--flow-workers", type=int, default=0, help="--workers for the flow run")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per flow run")
    parser.add_argument(
        "--second-timeout", type=float, default=None, help="seconds for the rerun (default: same)"
    )
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-e2e-"))
    result: dict[str, Any] = {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "batch_size": args.batch_size,
        "work": str(work),
    }
    t = time.perf_counter()
    n, n_bytes = write_corpus(make_corpus(args.docs, args.seed), work / "corpus")
    result["corpus"] = {"documents": n, "mb": n_bytes / 1e6, "seconds": time.perf_counter() - t}
    print(f"corpus: {n:,} documents, {n_bytes / 1e6:.1f} MB in {work / 'corpus'}", flush=True)

    if not args.skip_flow:
        home = work / "prefect-home"
        env = {
            **os.environ,
            "PREFECT_HOME": str(home),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_LOGGING_LEVEL": "WARNING",
            "FORCERECON_BATCH_SIZE": str(args.batch_size),
        }
        cli = [
            "run", str(work / "corpus"), "--db", str(work / "wh.duckdb"),
            "--reports", str(work / "reports"), "--quiet", "--gx-warn",
            *(["--workers", str(args.flow_workers)] if args.flow_workers else []),
        ]  # fmt: skip
        result["runs"] = {}
        for name in ("first run", "second run (nothing new)"):
            limit = args.timeout if name == "first run" else (args.second_timeout or args.timeout)
            run = run_cli(cli, env, work / f"{name.split()[0]}.log", limit)
            result["runs"][name] = run
            shown = {k: v for k, v in run.items() if k != "rss_samples"}
            print(f"{name}: {shown}", flush=True)
        stages = task_times(home)
        if not stages.empty:
            first = stages[stages["flow_start"] == stages["flow_start"].min()]
            last = stages[stages["flow_start"] == stages["flow_start"].max()]
            keep = ["task", "n", "seconds", "span_s"]
            samples = result["runs"]["first run"]["rss_samples"]
            result["stages"] = [
                {**row, "peak_rss_mb": peak_during(samples, f, la)}
                for row, f, la in zip(
                    first[keep].to_dict(orient="records"),
                    first["first"],
                    first["last"],
                    strict=True,
                )
            ]
            result["stages_second_run"] = last[keep].to_dict(orient="records")
        for run in result["runs"].values():
            run.pop("rss_samples")

    if not args.skip_dask:
        workers = [int(x) for x in args.workers.split(",") if x]
        result["dask"] = dask_extraction(work / "corpus", workers, args.batch_size)

    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    out = BENCH / "out"
    out.mkdir(exist_ok=True)
    path = out / f"e2e-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2, default=str))
    print(markdown(result))
    print(f"\nraw results: {path}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


if __name__ == "__main__":
    main()
