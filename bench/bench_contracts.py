"""Benchmark of ingest, pandera validation and the Great Expectations checkpoint.

    .venv/bin/python bench/bench_contracts.py --docs 10000 [--html 500] [--gx-docs 2000]

Prints one Markdown section (machine, load, timings) to paste into docs/data-contracts.md.
Claims for the validation and GX runs are synthesized from the corpus text (every number
becomes an exact claim with a correct span), so extraction speed does not enter the numbers.
Work files go to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus

from forcerecon import ids, records
from forcerecon.ingest import read_inputs

T = TypeVar("T")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{2,6}\b")


def machine() -> str:
    """nproc, memory and load average, for the results line."""
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem = f", {int(fh.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores{mem}, load average {load}"


def synth_claims(documents: pd.DataFrame) -> pd.DataFrame:
    """Every number of every document as an exact personnel claim with a correct span."""
    rows = []
    for doc in documents.itertuples():
        for no, m in enumerate(_NUMBER.finditer(doc.text), start=1):
            value = float(m.group(0).replace(",", ""))
            start, end = m.start(), m.end()
            row = dict.fromkeys(records.CLAIM_COLUMNS)
            row.update(
                claim_id=ids.stable_id(doc.content_hash, start, end),
                doc_id=doc.doc_id,
                content_hash=doc.content_hash,
                claim_no=no,
                figure_text=m.group(0),
                low=value,
                high=value,
                qualifier="exact",
                category="personnel",
                claimant_type="media",
                modality="reported",
                subject=f"RU-personnel-Belarus-{(doc.published or '2022-02')[:7]}",
                side_code="RU",
                location_key="Belarus",
                period=(doc.published or "2022-02")[:7],
                start=start,
                end=end,
                extractor_version="bench",
            )
            rows.append(row)
    return pd.DataFrame(rows, columns=records.CLAIM_COLUMNS)


def timed(label: str, fn: Callable[[], T], results: list[tuple[str, str]], note: str = "") -> T:
    t0 = time.perf_counter()
    out = fn()
    results.append((label, f"{time.perf_counter() - t0:.2f} s{note}"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--html", type=int, default=500)
    parser.add_argument("--gx-docs", type=int, default=2000)
    args = parser.parse_args(argv)
    results: list[tuple[str, str]] = []
    before = machine()
    with tempfile.TemporaryDirectory(prefix="bench-contracts-") as tmp:
        work = Path(tmp)
        corpus = make_corpus(args.docs, seed=7)
        jsonl = work / "corpus.jsonl"
        jsonl.write_text("".join(json.dumps(d) + "\n" for d in corpus), encoding="utf-8")
        mb = jsonl.stat().st_size / 1e6
        ingested = timed(
            f"ingest JSONL, {args.docs} articles ({mb:.0f} MB)",
            lambda: read_inputs([jsonl], "bench"),
            results,
        )
        html_dir = work / "html"
        html_dir.mkdir()
        for d in corpus[: args.html]:
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in d["text"].split("\n") if p)
            (html_dir / f"{d['doc_id']}.html").write_text(
                "<html><head><title>t</title><script>var n=1;</script></head><body>"
                "<nav><a href='/'>Home</a></nav><article>" + paras + "</article>"
                "<!-- 99 --><footer>(c)</footer></body></html>",
                encoding="utf-8",
            )
        timed(f"ingest HTML, {args.html} pages", lambda: read_inputs([html_dir], "b"), results)

        timed(
            "import forcerecon.schemas (pandera)", lambda: __import__("forcerecon.schemas"), results
        )
        from forcerecon.schemas import validate_claims, validate_documents

        docs, _ = timed(
            f"validate_documents, {len(ingested.documents)} documents",
            lambda: validate_documents(ingested.documents, "bench"),
            results,
        )
        claims = synth_claims(docs)
        good, rejects = timed(
            f"validate_claims, {len(claims)} claims",
            lambda: validate_claims(claims, docs, "bench"),
            results,
            note="",
        )
        results.append(("  rejects among synthetic claims", str(len(rejects))))

        from forcerecon.settings import Settings
        from forcerecon.warehouse.load import load_run
        from forcerecon.warehouse.models import build_models

        db = work / "w.duckdb"
        settings = Settings(db_path=db, reports_dir=work / "reports")
        gx_docs = docs.head(args.gx_docs)
        gx_claims = good[good["content_hash"].isin(gx_docs["content_hash"])]
        load_run(
            db,
            {"run_id": "bench", "started_at": datetime.now(UTC)},
            gx_docs,
            gx_claims,
            records.empty_frame(records.STATEMENT_COLUMNS),
            records.empty_frame(records.REJECT_COLUMNS),
        )
        build_models(db, settings)
        timed("import great_expectations", lambda: __import__("great_expectations"), results)
        from forcerecon.quality import run_checkpoint

        outcome = timed(
            f"GX checkpoint, {len(gx_docs)} documents / {len(gx_claims)} claims, with Data Docs",
            lambda: run_checkpoint(db, settings, "bench"),
            results,
        )
        results.append(
            ("  expectations / failed", f"{len(outcome.results)} / {len(outcome.failed)}")
        )
    print(f"### bench_contracts ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n")
    print(f"Machine: {before} at start; {machine()} at end.\n")
    print("| step | result |\n|---|---|")
    for label, value in results:
        print(f"| {label} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
