"""Benchmark of render_report: cold (empty output folder) and warm (nothing changed).

    .venv/bin/python bench/bench_report.py --copies 200
    .venv/bin/python bench/bench_report.py --db /tmp/c10k/w.duckdb

``--db`` times a real warehouse (e.g. the end-to-end benchmark's, 10,000 articles): cold into
an empty folder, then warm with another run id (only index.html and validation.html change).

``copies`` repeats the sample set (3 documents, 5 claims, 3 subjects of which 2 get charts)
under other keys: 200 copies = 600 subjects, 600 documents, 800 charts. Prints a Markdown
section with the machine (nproc, load average) for docs/reports.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

# the sample generator is a test fixture (tests/report_sample.py), not product code
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from report_sample import write_sample_warehouse

from forcerecon.reports.render import CACHE_DIR_NAME, render_report


def _files(out: Path) -> tuple[int, int, int]:
    pages = [p for p in out.rglob("*.html") if CACHE_DIR_NAME not in p.parts]
    charts = sum(p.read_text(encoding="utf-8").count("<svg") for p in out.glob("subjects/*.html"))
    return len(pages), charts, sum(p.stat().st_size for p in pages)


def run(copies: int, workdir: Path) -> str:
    """Render a ``copies``-sized sample three ways; return the Markdown result."""
    db = workdir / "bench.duckdb"
    write_sample_warehouse(db, copies=copies)
    out = workdir / "out"
    started = time.perf_counter()
    render_report(db, out, {"run_id": "bench"})
    cold = time.perf_counter() - started
    drawn = len(list((out / CACHE_DIR_NAME).glob("*.svg")))
    started = time.perf_counter()
    render_report(db, out, {"run_id": "bench"})
    warm = time.perf_counter() - started
    shutil.rmtree(out / CACHE_DIR_NAME)
    started = time.perf_counter()
    render_report(db, out, {"run_id": "bench"})
    no_cache_again = time.perf_counter() - started
    pages, charts, size = _files(out)
    load = os.getloadavg()
    return "\n".join(
        [
            f"### render_report, {copies} sample copies",
            "",
            f"- machine: {platform.machine()}, nproc={os.cpu_count()}, "
            f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (shared machine: pessimistic)",
            f"- {pages} pages ({size / 1e6:.1f} MB), {charts} inline SVG charts "
            f"({drawn} distinct, each drawn once by vl-convert)",
            f"- cold (every chart drawn by vl-convert): {cold:.1f} s "
            f"({1000 * cold / max(drawn, 1):.0f} ms per distinct chart, all work included)",
            f"- warm (charts from {CACHE_DIR_NAME}, pages unchanged): {warm:.1f} s",
            f"- cold again (cache removed): {no_cache_again:.1f} s",
            f"- peak RSS of the process: "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
            "",
        ]
    )


def run_db(db: Path, workdir: Path) -> str:
    """Render an existing warehouse cold and then warm; return the Markdown result."""
    out = workdir / "out"
    lines = [f"### render_report on {db}", ""]
    for label in ("cold (empty folder)", "warm (nothing changed, new run id)"):
        load = os.getloadavg()
        started, cpu = time.perf_counter(), time.process_time()
        render_report(db, out, {"run_id": f"bench-{len(lines)}"})
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        lines.append(
            f"- {label}: {wall:.1f} s wall, {cpu:.1f} CPU-s "
            f"(load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})"
        )
    pages, charts, size = _files(out)
    lines += [
        f"- machine: {platform.machine()}, nproc={os.cpu_count()} (shared machine: pessimistic)",
        f"- {pages} pages ({size / 1e6:.0f} MB), {charts} inline SVG charts",
        f"- peak RSS of the process: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--db", type=Path, help="time this warehouse instead of a sample")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="forcerecon-report-bench-") as tmp:
        if args.db is not None:
            print(run_db(args.db, Path(tmp)))
        else:
            print(run(args.copies, Path(tmp)))


if __name__ == "__main__":
    main()
