"""Scoreboard of the real dev corpus: one row per annotated set under ``tests/dev/``.

Each set is a folder with ``articles.jsonl`` (real articles, verbatim) and ``gold.csv`` (SCHEME.md
rows). A document with no gold row is a *negative*: an article with numbers but no force figure;
every figure extracted from it is a false figure, reported per ten negatives.

    .venv/bin/python tests/dev/score.py             # every set, then all of them together
    .venv/bin/python tests/dev/score.py b c --json  # chosen sets, machine-readable

A set's first score, taken before any rule was written on it, is its blind score: record it in
docs/extraction.md ("Learning curve on real text") before fitting anything to the set.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forcerecon.evaluate import EvalReport, evaluate, read_gold_csv
from forcerecon.extract import extract_documents, to_scheme
from forcerecon.ingest import read_inputs

HERE = Path(__file__).resolve().parent
SHOWN = ("claimant", "as_of", "side", "location", "event", "modality", "measure")


@dataclass
class SetScore:
    name: str
    docs: int
    negatives: int
    false_on_negatives: int
    report: EvalReport

    def row(self) -> dict[str, object]:
        d = self.report.to_dict()
        acc = d["field_accuracy"]
        per10 = 10 * self.false_on_negatives / self.negatives if self.negatives else None
        return {
            "set": self.name,
            "docs": self.docs,
            "gold": d["n_gold"],
            "pred": d["n_pred"],
            "P": d["precision"],
            "R": d["recall"],
            "F1": d["f1"],
            **{k: acc.get(k) for k in SHOWN},
            "subject_F1": d["subject_pairs"]["f1"],
            "negatives": self.negatives,
            "false_per_10_neg": per10,
        }


def load_set(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents and gold rows of one set folder."""
    ingested = read_inputs([folder / "articles.jsonl"], run_id="dev-score")
    if len(ingested.rejects):
        first = ingested.rejects.iloc[0]
        raise SystemExit(f"{folder}: {len(ingested.rejects)} rejected input(s): {first['message']}")
    return ingested.documents, read_gold_csv(folder / "gold.csv")


def score(name: str, documents: pd.DataFrame, gold: pd.DataFrame) -> SetScore:
    """Extract ``documents`` and score them against ``gold``."""
    pred = to_scheme(extract_documents(documents).claims)
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    negatives = set(documents["doc_id"]) - set(gold["doc_id"].astype(str))
    false_neg = int(pred["doc_id"].isin(negatives).sum())
    return SetScore(name, len(documents), len(negatives), false_neg, evaluate(pred, gold, texts))


def set_folders(names: list[str]) -> list[Path]:
    found = sorted(
        p.parent for p in HERE.glob("*/gold.csv") if (p.parent / "articles.jsonl").exists()
    )
    if not names:
        return found
    chosen = [HERE / n for n in names]
    missing = [str(p) for p in chosen if p not in found]
    if missing:
        raise SystemExit(f"no set (articles.jsonl + gold.csv) in: {', '.join(missing)}")
    return chosen


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set folders under tests/dev (default: all)")
    parser.add_argument("--json", action="store_true", help="print JSON rows")
    args = parser.parse_args(argv)
    folders = set_folders(args.sets)
    loaded = {f.name: load_set(f) for f in folders}
    rows = [score(n, d, g).row() for n, (d, g) in loaded.items()]
    if len(loaded) > 1:
        docs = pd.concat([d for d, _ in loaded.values()], ignore_index=True)
        gold = pd.concat([g for _, g in loaded.values()], ignore_index=True)
        rows.append(score("all", docs, gold).row())
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    header = list(rows[0])
    print("  ".join(f"{h:>9}" for h in header))
    for row in rows:
        print("  ".join(f"{_fmt(row[h]):>9}" for h in header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
