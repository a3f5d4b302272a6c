"""Conflict check: are the conflicts forcerecon shows real, and does it show the real ones?

Usage::

    .venv/bin/python bench/conflict_check.py GOLD.csv INPUT... [--tolerance 0.10] [--json]

Runs the whole pipeline (``forcerecon run INPUT... --db TMP --reports TMP --gx-warn --quiet``)
into a temporary warehouse, takes ``conflicting_pairs`` with the claims' doc_id/start/end, and
matches both claims of every pair to gold rows by span (``forcerecon.evaluate.locate_gold``
gives the gold spans; a claim matches the gold row of its document whose figure span overlaps
its own most).

A shown pair is **real** when gold puts both figures in the same dated subject (period not
``undated``) and the same measure (empty = stock), and their stated intervals do not overlap
(approximate figures widened by the tolerance, as the pipeline does). Pairs where gold leaves
either figure undated are counted apart (nobody can check them); pairs with a claim gold does
not have (a false figure) count as not real.

    precision = real / (pairs - undated)
    recall    = gold pairs shown / gold pairs

where the gold pairs are the pairs of gold rows with different claimants, the same dated
subject and measure, and non-overlapping intervals. ``kind`` independent pairs are scored;
same_claimant pairs are only counted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from forcerecon.evaluate import locate_gold, norm, read_gold_csv

PAIRS_SQL = """
SELECT p.kind, p.subject,
       a.doc_id AS doc_a, a."start" AS start_a, a."end" AS end_a, a.figure_text AS fig_a,
       a.claimant AS claimant_a,
       b.doc_id AS doc_b, b."start" AS start_b, b."end" AS end_b, b.figure_text AS fig_b,
       b.claimant AS claimant_b
FROM conflicting_pairs AS p
JOIN claims AS a ON a.claim_id = p.claim_id_low
JOIN claims AS b ON b.claim_id = p.claim_id_high
"""


@dataclass
class CheckResult:
    """The counts and scores of one conflict check."""

    pairs: int
    same_claimant_pairs: int
    undated: int
    unmatched: int
    real: int
    gold_pairs: int
    gold_pairs_shown: int
    precision: float
    recall: float
    conflict_subjects: int
    listing: list[str] = field(default_factory=list)

    def to_text(self) -> str:
        return (
            f"independent pairs shown {self.pairs} (same-claimant {self.same_claimant_pairs}) "
            f"in {self.conflict_subjects} conflict subjects\n"
            f"  undated in gold (apart) {self.undated}, claim not in gold {self.unmatched}, "
            f"real {self.real}\n"
            f"precision {self.precision:.2f} ({self.real}/{self.pairs - self.undated})  "
            f"recall {self.recall:.2f} ({self.gold_pairs_shown}/{self.gold_pairs})"
        )


def gold_interval(row: pd.Series, tolerance: float) -> tuple[float, float]:
    """The interval a gold row states, as the pipeline builds it (see docs/reconciliation.md)."""
    low = pd.to_numeric(row["low"], errors="coerce")
    high = pd.to_numeric(row["high"], errors="coerce")
    low = high if pd.isna(low) else low
    high = low if pd.isna(high) else high
    qualifier = norm(row["qualifier"])
    if qualifier == "approximate":
        return low * (1 - tolerance), high * (1 + tolerance)
    if qualifier == "upper_bound":
        return 0.0, high
    if qualifier == "lower_bound":
        return low, float("inf")
    return low, high


def disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two closed intervals share no point (NaN bounds never make a conflict)."""
    if any(pd.isna(x) for x in (*a, *b)):
        return False
    return a[1] < b[0] or b[1] < a[0]


def undated(row: pd.Series) -> bool:
    subject = norm(row["subject"])
    return subject == "" or subject.endswith("-undated")


def measure_of(row: pd.Series) -> str:
    value = norm(row.get("measure", "") or "")
    return value or "stock"


def real_pair(a: pd.Series, b: pd.Series, tolerance: float) -> bool:
    """Same dated subject, same measure, stated intervals disjoint."""
    return (
        norm(a["subject"]) == norm(b["subject"])
        and not undated(a)
        and measure_of(a) == measure_of(b)
        and disjoint(gold_interval(a, tolerance), gold_interval(b, tolerance))
    )


def gold_pairs(gold: pd.DataFrame, tolerance: float) -> set[tuple[int, int]]:
    """Index pairs of gold rows that a reconciler should show as a conflict."""
    out: set[tuple[int, int]] = set()
    for _, group in gold.groupby(gold["subject"].map(norm)):
        idx = list(group.index)
        for i, ia in enumerate(idx):
            for ib in idx[i + 1 :]:
                a, b = gold.loc[ia], gold.loc[ib]
                if norm(a["claimant"]) == norm(b["claimant"]):
                    continue
                if real_pair(a, b, tolerance):
                    out.add((min(ia, ib), max(ia, ib)))
    return out


def match(located: pd.DataFrame, doc_id: str, start: int, end: int) -> int | None:
    """Index of the gold row whose figure span overlaps [start, end) most."""
    rows = located[(located["doc_id"] == doc_id) & (located["start"] >= 0)]
    best, best_overlap = None, 0
    for idx, row in rows.iterrows():
        overlap = min(end, int(row["end"])) - max(start, int(row["start"]))
        if overlap > best_overlap:
            best, best_overlap = idx, overlap
    return best


def score(
    pairs: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str], tolerance: float
) -> CheckResult:
    """Score the shown pairs against gold (pure; the tests call it on literal frames)."""
    located = locate_gold(gold, texts).reset_index(drop=True)
    expected = gold_pairs(located, tolerance)
    independent = pairs[pairs["kind"] == "independent"]
    undated_n = unmatched = real = 0
    listing: list[str] = []
    shown: set[tuple[int, int]] = set()
    for _, p in independent.iterrows():
        ga = match(located, p["doc_a"], int(p["start_a"]), int(p["end_a"]))
        gb = match(located, p["doc_b"], int(p["start_b"]), int(p["end_b"]))
        shown_as = f"{p['subject']}: {p.get('fig_a')!r} ({p.get('claimant_a')}) vs "
        shown_as += f"{p.get('fig_b')!r} ({p.get('claimant_b')})"
        if ga is None or gb is None or ga == gb:
            unmatched += 1
            listing.append(f"not in gold  {shown_as}")
            continue
        a, b = located.loc[ga], located.loc[gb]
        gold_as = f"gold {a['subject']}/{measure_of(a)} vs {b['subject']}/{measure_of(b)}"
        if undated(a) or undated(b):
            undated_n += 1
            listing.append(f"undated      {shown_as}; {gold_as}")
            continue
        if real_pair(a, b, tolerance):
            real += 1
            shown.add((min(ga, gb), max(ga, gb)))
            listing.append(f"real         {shown_as}")
        else:
            listing.append(f"not real     {shown_as}; {gold_as}")
    checkable = len(independent) - undated_n
    hit = len(shown & expected)
    return CheckResult(
        pairs=len(independent),
        same_claimant_pairs=int((pairs["kind"] == "same_claimant").sum()),
        undated=undated_n,
        unmatched=unmatched,
        real=real,
        gold_pairs=len(expected),
        gold_pairs_shown=hit,
        precision=real / checkable if checkable else 1.0,
        recall=hit / len(expected) if expected else 1.0,
        conflict_subjects=int(independent["subject"].nunique()),
        listing=listing
        + [
            f"missed       gold {located.loc[a, 'subject']}: {located.loc[a, 'figure_text']!r} "
            f"({located.loc[a, 'claimant']}) vs {located.loc[b, 'figure_text']!r} "
            f"({located.loc[b, 'claimant']})"
            for a, b in sorted(expected - shown)
        ],
    )


def run_pipeline(inputs: list[Path], workdir: Path) -> Path:
    """Run ``forcerecon run`` into a fresh warehouse under ``workdir``; return its path."""
    db = workdir / "check.duckdb"
    exe = Path(sys.executable).with_name("forcerecon")
    cmd = [str(exe), "run", *map(str, inputs), "--db", str(db)]
    cmd += ["--reports", str(workdir / "reports"), "--gx-warn", "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"forcerecon run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return db


def read_warehouse(db: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """The shown pairs with their claims' spans, and the current document texts."""
    with duckdb.connect(str(db), read_only=True) as con:
        pairs = con.execute(PAIRS_SQL).df()
        docs = con.execute("SELECT doc_id, text FROM documents WHERE is_current").df()
    return pairs, dict(zip(docs["doc_id"], docs["text"], strict=True))


def check(gold_csv: Path, inputs: list[Path], tolerance: float = 0.10) -> CheckResult:
    """Run the pipeline on ``inputs`` and score its conflicts against ``gold_csv``."""
    gold = read_gold_csv(gold_csv)  # names the file on a missing column
    with tempfile.TemporaryDirectory(prefix="conflict-check-") as tmp:
        pairs, texts = read_warehouse(run_pipeline(inputs, Path(tmp)))
    return score(pairs, gold, texts, tolerance)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, help="gold CSV (SCHEME.md columns)")
    parser.add_argument("inputs", type=Path, nargs="+", help="articles (.jsonl, folders)")
    parser.add_argument("--tolerance", type=float, default=0.10)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--list", action="store_true", help="list every pair and its verdict")
    args = parser.parse_args(argv)
    result = check(args.gold, args.inputs, args.tolerance)
    print(json.dumps(asdict(result)) if args.json else result.to_text())
    if args.list and not args.json:
        print("\n".join(result.listing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
