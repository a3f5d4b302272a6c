"""Extraction benchmark: forcerecon's throughput per core and peak memory, against quantulum3.

Builds a corpus of distinct synthetic articles (bench/corpus.py, >= 5 MB by default), runs
``forcerecon.extract.extract_documents`` over all of it in this one process pinned to one
core, and reports MB/s, claims found and peak RSS (targets: >= 1 MB/s per core, < 1 GB).
Then it runs a random subset of the same articles through quantulum3's general quantity
parser (``parser.parse(text)``), which is far too slow for the whole corpus, and prints
the throughput ratio; the subset size is stated in the output.

    .venv/bin/python bench/bench_extract.py                     # 5 MB, print results
    .venv/bin/python bench/bench_extract.py --write-md bench/results/extract.md
    .venv/bin/python bench/bench_extract.py --mb 1 --profile    # cProfile hot spots

It also times single long articles (--long-mb, default 0.25, 1 and 4 MB, each made of distinct
corpus articles joined into one text) to show that extraction time grows linearly with the
article (issue 11: it used to grow with the square of its figures).

Numbers depend on the machine and on what else runs on it: the output records nproc, the CPU
model, memory and the load average before and after.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import random
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus

from forcerecon import ids, records

#: Average article size of bench/corpus.py, used to size the corpus before generating it.
_BYTES_PER_DOC = 3_150


# ----------------------------------------------------------------------------- machine


def pin_to_one_core() -> str:
    """Restrict this process to one CPU (Linux); return a note saying what was done."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def machine_info() -> dict[str, Any]:
    """nproc, CPU model, total memory, Python version, load average now."""
    model, mem_kb = "unknown", 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "mem_gib": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "load": os.getloadavg(),
    }


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------------------- corpus


def documents_frame(docs: list[dict[str, str]]) -> pd.DataFrame:
    """Corpus articles as an ingested documents frame (records.DOCUMENT_COLUMNS)."""
    rows = [
        {
            "doc_id": d["doc_id"],
            "content_hash": ids.content_hash(d["text"]),
            "source": f"bench/corpus.py:{i + 1}",
            "format": "jsonl",
            "text": d["text"],
            "n_chars": len(d["text"]),
            "outlet": d["outlet"],
            "url": d["url"],
            "published": d["published"],
            "title": d["title"],
            "author": None,
            "outlet_inferred": False,
            "published_inferred": False,
        }
        for i, d in enumerate(docs)
    ]
    return pd.DataFrame(rows, columns=records.DOCUMENT_COLUMNS)


def build_corpus(mb: float, seed: int) -> list[dict[str, str]]:
    """Distinct articles totalling at least ``mb`` MB of UTF-8 text."""
    n = int(mb * 1e6 / _BYTES_PER_DOC) + 1
    docs = make_corpus(n, seed)
    while sum(len(d["text"].encode("utf-8")) for d in docs) < mb * 1e6:
        n += max(1, n // 20)
        docs = make_corpus(n, seed)
    if len({d["text"] for d in docs}) != len(docs):
        raise RuntimeError("bench/corpus.py produced duplicate articles")
    return docs


# ----------------------------------------------------------------------------- runs


def run_forcerecon(documents: pd.DataFrame) -> dict[str, Any]:
    """Warm up on one document, then extract the whole frame once; times and counts."""
    from forcerecon.extract import extract_documents

    t0 = time.perf_counter()
    extract_documents(documents.head(1))
    warmup_s = time.perf_counter() - t0
    rss_before = peak_rss_mb()
    n_bytes = int(documents["text"].str.encode("utf-8").str.len().sum())
    t0, c0 = time.perf_counter(), time.process_time()
    result = extract_documents(documents)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "docs": len(documents),
        "mb": n_bytes / 1e6,
        "warmup_s": warmup_s,
        "wall_s": wall,
        "cpu_s": cpu,
        "mb_per_s": n_bytes / 1e6 / wall,
        "mb_per_cpu_s": n_bytes / 1e6 / cpu if cpu else float("nan"),
        "claims": len(result.claims),
        "statements": len(result.statements),
        "rejects": len(result.rejects),
        "peak_rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_quantulum(texts: list[str]) -> dict[str, Any]:
    """quantulum3's parser over the given texts: time, quantities found."""
    from quantulum3 import parser

    parser.parse("Warm-up: 30,000 troops and 170 tanks.")
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    t0, c0 = time.perf_counter(), time.process_time()
    found = sum(len(parser.parse(t)) for t in texts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "docs": len(texts),
        "mb": n_bytes / 1e6,
        "wall_s": wall,
        "cpu_s": cpu,
        "mb_per_s": n_bytes / 1e6 / wall,
        "mb_per_cpu_s": n_bytes / 1e6 / cpu if cpu else float("nan"),
        "quantities": found,
    }


def long_article(docs: list[dict[str, str]], mb: float) -> str:
    """One article of about ``mb`` MB: distinct corpus articles joined by blank lines."""
    parts, size = [], 0
    for d in docs:
        if size >= mb * 1e6:
            break
        parts.append(d["text"])
        size += len(d["text"].encode("utf-8")) + 2
    return "\n\n".join(parts)


def run_long_articles(sizes: list[float], seed: int) -> list[dict[str, Any]]:
    """Extraction time of one long article per size (MB), with the default time budget off."""
    from forcerecon.extract import extract_text

    docs = build_corpus(max(sizes), seed + 1)
    rows = []
    for mb in sizes:
        text = long_article(docs, mb)
        n_bytes = len(text.encode("utf-8"))
        t0, c0 = time.perf_counter(), time.process_time()
        claims, _ = extract_text(text, f"long-{mb}", outlet="Bench", published="2024-01-01")
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        rows.append(
            {"mb": n_bytes / 1e6, "claims": len(claims), "wall_s": wall, "cpu_s": cpu,
             "s_per_mb": wall / (n_bytes / 1e6)}
        )  # fmt: skip
    return rows


def profile_forcerecon(documents: pd.DataFrame, top: int = 25) -> str:
    """cProfile of one extraction over ``documents``: the top functions by own and cum. time."""
    from forcerecon.extract import extract_documents

    extract_documents(documents.head(1))
    prof = cProfile.Profile()
    prof.enable()
    extract_documents(documents)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# ----------------------------------------------------------------------------- report


def report(
    machine: dict[str, Any],
    pin: str,
    fr: dict[str, Any],
    q: dict[str, Any] | None,
    load_after: tuple[float, float, float],
    command: str,
    long_rows: list[dict[str, Any]] | None = None,
) -> str:
    """The run as a Markdown section."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.2f}" for x in machine["load"])
    load2 = ", ".join(f"{x:.2f}" for x in load_after)
    lines = [
        f"## Run {now}",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: nproc={machine['nproc']}, CPU {machine['cpu']}, {machine['mem_gib']} GiB, "
        f"Python {machine['python']}; {pin}. Load average (1/5/15 min) before: {load}; "
        f"after: {load2}.",
        "",
        "| measure | forcerecon |",
        "|---|---|",
        f"| corpus | {fr['docs']} distinct articles, {fr['mb']:.2f} MB |",
        f"| warm-up (lexicons, pipeline, first doc) | {fr['warmup_s']:.2f} s |",
        f"| extraction wall time | {fr['wall_s']:.2f} s (CPU {fr['cpu_s']:.2f} s) |",
        f"| throughput | **{fr['mb_per_s']:.2f} MB/s** wall, **{fr['mb_per_cpu_s']:.2f} MB/CPU-s** "
        f"(target >= 1 MB/s per core: {'met' if fr['mb_per_s'] >= 1 else 'NOT met'} by wall "
        f"time, {'met' if fr['mb_per_cpu_s'] >= 1 else 'NOT met'} by CPU time) |",
        f"| claims / statements / rejects | {fr['claims']} / {fr['statements']} / "
        f"{fr['rejects']} ({fr['claims'] / max(fr['docs'], 1):.1f} claims per article) |",
        f"| peak RSS (whole process, incl. corpus) | {fr['peak_rss_mb']:.0f} MB "
        f"(before extraction: {fr['peak_rss_before_mb']:.0f} MB; target < 1024 MB: "
        f"{'met' if fr['peak_rss_mb'] < 1024 else 'NOT met'}) |",
    ]
    if q:
        ratio = fr["mb_per_s"] / q["mb_per_s"] if q["mb_per_s"] else float("nan")
        cpu_ratio = fr["mb_per_cpu_s"] / q["mb_per_cpu_s"]
        lines += [
            "",
            f"quantulum3 `parser.parse(text)` on a random subset of {q['docs']} of the same "
            f"articles ({q['mb']:.2f} MB; the whole corpus would take about "
            f"{fr['mb'] / q['mb_per_s'] / 60:.0f} min): {q['wall_s']:.1f} s "
            f"(CPU {q['cpu_s']:.1f} s), **{q['mb_per_s'] * 1000:.1f} KB/s** wall, "
            f"{q['mb_per_cpu_s'] * 1000:.1f} KB/CPU-s, {q['quantities']} quantities "
            f"(any unit, not force figures). forcerecon / quantulum3 throughput: "
            f"**{ratio:.0f}x** wall, **{cpu_ratio:.0f}x** CPU.",
        ]
    if long_rows:
        lines += [
            "",
            "Single long articles (one document each; time should grow linearly with size):",
            "",
            "| article | claims | wall | CPU | wall s per MB |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['mb']:.2f} MB | {r['claims']} | {r['wall_s']:.2f} s | {r['cpu_s']:.2f} s | "
            f"{r['s_per_mb']:.2f} |"
            for r in long_rows
        ]
    return "\n".join(lines) + "\n"


def append_markdown(path: Path, section: str) -> None:
    """Append a run section to the results file (created with a title if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text("# Extraction benchmark results\n\n", encoding="utf-8")
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n" + section)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--quantulum-docs",
        type=int,
        default=60,
        help="random subset of articles for quantulum3 (0 skips it; default 60)",
    )
    ap.add_argument(
        "--long-mb",
        default="0.25,1,4",
        help="sizes (MB, comma-separated) of single long articles to time; '' skips them",
    )
    ap.add_argument("--profile", action="store_true", help="print cProfile hot spots instead")
    ap.add_argument("--write-md", type=Path, help="append the results to this Markdown file")
    args = ap.parse_args(argv)
    if args.mb <= 0:
        ap.error("--mb must be > 0")

    pin = pin_to_one_core()
    machine = machine_info()
    docs = build_corpus(args.mb, args.seed)
    documents = documents_frame(docs)
    if args.profile:
        print(profile_forcerecon(documents))
        return 0
    fr = run_forcerecon(documents)
    q = None
    if args.quantulum_docs > 0:
        sample = random.Random(args.seed).sample(docs, min(args.quantulum_docs, len(docs)))
        q = run_quantulum([d["text"] for d in sample])
    sizes = [float(x) for x in args.long_mb.split(",") if x.strip()]
    long_rows = run_long_articles(sizes, args.seed) if sizes else None
    command = "python bench/bench_extract.py " + " ".join(sys.argv[1:] if argv is None else argv)
    section = report(machine, pin, fr, q, os.getloadavg(), command.strip(), long_rows)
    print(section)
    if args.write_md:
        append_markdown(args.write_md, section)
        print(f"appended to {args.write_md}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
