"""Benchmark of warehouse.load.load_run: synthetic claims into a fresh DuckDB file.

Usage: .venv/bin/python bench/bench_load.py [N_DOCUMENTS] [CLAIMS_PER_DOCUMENT] [DB_DIR]
(default 10000 x 100 = 1,000,000 claims). Prints each load's steps and totals; results are
written down in docs/warehouse.md with the machine and its load at the time.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from forcerecon.warehouse.load import counts, load_run

from synthetic import synthetic_rows


def main(argv: list[str]) -> None:
    n_documents = int(argv[1]) if len(argv) > 1 else 10_000
    per_document = int(argv[2]) if len(argv) > 2 else 100
    root = Path(argv[3]) if len(argv) > 3 else Path(tempfile.mkdtemp(prefix="bench-load-"))
    db = root / "bench.duckdb"
    logging.basicConfig(format="    %(message)s")
    logging.getLogger("forcerecon.warehouse.load").setLevel(logging.DEBUG)  # step timings
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}")
    t = time.perf_counter()
    documents, claims = synthetic_rows(n_documents, per_document)
    print(
        f"generate {len(documents):,} documents, {len(claims):,} claims: "
        f"{time.perf_counter() - t:.1f} s"
    )
    for label, run_id in (("first load (all new)", "bench-1"), ("same load again", "bench-2")):
        t, cpu = time.perf_counter(), time.process_time()
        result = load_run(
            db,
            {"run_id": run_id, "extractor_version": "synthetic-a"},
            documents,
            claims,
            None,
            None,
        )
        print(
            f"{label}: {time.perf_counter() - t:.2f} s (CPU {time.process_time() - cpu:.2f} s) "
            f"(new claims {result['n_claims_new']:,}, retired {result['n_claims_retired']:,})"
        )
    changed_docs, changed_claims = synthetic_rows(n_documents // 10, per_document, variant="b")
    t, cpu = time.perf_counter(), time.process_time()
    result = load_run(
        db,
        {"run_id": "bench-3", "extractor_version": "synthetic-b"},
        changed_docs,
        changed_claims,
        None,
        None,
    )
    print(
        f"10% of documents changed: {time.perf_counter() - t:.2f} s "
        f"(CPU {time.process_time() - cpu:.2f} s) "
        f"(new claims {result['n_claims_new']:,}, retired {result['n_claims_retired']:,}, "
        f"superseded documents {result['n_documents_superseded']:,})"
    )
    print(f"counts: {counts(db)}; file {db.stat().st_size / 2**20:.0f} MiB")
    if len(argv) <= 3:
        shutil.rmtree(root)


if __name__ == "__main__":
    main(sys.argv)
