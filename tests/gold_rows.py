"""Warehouse rows from a gold file: seed documents plus gold claims shaped as CLAIM_COLUMNS.

A gold CSV (docs/SCHEME.md) has no offsets and no normalized keys; this module finds
each figure in its document (inside the gold sentence, in order of appearance) and reads
side_code / subcategory / location_key / period from the gold subject key. It lets the
warehouse, the reconciliation models and the README queries be exercised on known-good data
without running the extractor.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forcerecon.ids import content_hash, stable_id
from forcerecon.records import CLAIM_COLUMNS, DOCUMENT_COLUMNS, SCHEME_COLUMNS

GOLD_EXTRACTOR_VERSION = "gold"


@dataclass(frozen=True)
class GoldRows:
    """Documents (DOCUMENT_COLUMNS) and claims (CLAIM_COLUMNS) ready for ``load_run``."""

    documents: pd.DataFrame
    claims: pd.DataFrame


def seed_documents(seeds_dir: Path) -> pd.DataFrame:
    """One row per ``seeds_dir/*.txt``, with the metadata of ``seeds_dir/manifest.csv``."""
    manifest_path = seeds_dir / "manifest.csv"
    with manifest_path.open(encoding="utf-8", newline="") as fh:
        manifest = {row["doc_id"]: row for row in csv.DictReader(fh)}
    rows = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta = manifest.get(path.stem, {})
        rows.append(
            {
                "doc_id": path.stem,
                "content_hash": content_hash(text),
                "source": str(path),
                "format": "txt",
                "text": text,
                "n_chars": len(text),
                "outlet": meta.get("outlet") or None,
                "url": meta.get("url") or None,
                "published": meta.get("published") or None,
                "title": meta.get("title") or None,
                "author": meta.get("author") or None,
                "outlet_inferred": False,
                "published_inferred": False,
            }
        )
    if not rows:
        raise FileNotFoundError(f"no .txt documents in {seeds_dir}")
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _locate(text: str, figure: str, sentence: str, cursor: int) -> tuple[int, int | None]:
    """Offset of ``figure`` at or after ``cursor``, preferring the occurrence inside ``sentence``;
    also the sentence's offset (None when the gold sentence is not verbatim in the text)."""
    s = text.find(sentence)
    while s != -1 and s + len(sentence) <= cursor:
        s = text.find(sentence, s + 1)
    if s != -1:
        f = text.find(figure, max(s, cursor))
        if f != -1 and f + len(figure) <= s + len(sentence):
            return f, s
    return text.find(figure, cursor), None


def _subject_keys(subject: str) -> dict[str, str | None]:
    """side_code, subcategory, location_key, period of ``SIDE-category[.sub]-Location-period``."""
    parts = subject.split("-")
    if len(parts) < 4:
        raise ValueError(f"subject {subject!r} is not SIDE-category-Location-period")
    _category, _, sub = parts[1].partition(".")
    return {
        "side_code": parts[0],
        "subcategory": sub or None,
        "location_key": parts[2],
        "period": "-".join(parts[3:]),
    }


def _number(value: str) -> float | None:
    return float(value) if value.strip() else None


def gold_claims(gold_csv: Path, documents: pd.DataFrame) -> pd.DataFrame:
    """The gold rows of ``gold_csv`` as CLAIM_COLUMNS, located in ``documents``' texts."""
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    hashes = dict(zip(documents["doc_id"], documents["content_hash"], strict=True))
    with gold_csv.open(encoding="utf-8", newline="") as fh:
        gold = list(csv.DictReader(fh))
    gold.sort(key=lambda r: (r["doc_id"], int(r["claim_no"])))
    rows = []
    cursor: dict[str, int] = {}
    for line_no, g in enumerate(gold, start=2):
        doc_id = g["doc_id"]
        if doc_id not in texts:
            raise ValueError(f"{gold_csv}:{line_no}: doc_id {doc_id} has no document")
        text = texts[doc_id]
        figure, sentence = g["figure_text"], g["sentence"]
        start, sentence_start = _locate(text, figure, sentence, cursor.get(doc_id, 0))
        if start == -1:
            raise ValueError(
                f"{gold_csv}:{line_no}: figure_text {g['figure_text']!r} not found in {doc_id}"
            )
        end = start + len(g["figure_text"])
        cursor[doc_id] = end
        row = {c: (g[c] or None) for c in SCHEME_COLUMNS}
        row.update(
            claim_id=stable_id(hashes[doc_id], start, end),
            content_hash=hashes[doc_id],
            claim_no=int(g["claim_no"]),
            low=_number(g["low"]),
            high=_number(g["high"]),
            start=start,
            end=end,
            sentence_start=sentence_start,
            sentence_end=None if sentence_start is None else sentence_start + len(g["sentence"]),
            extractor_version=GOLD_EXTRACTOR_VERSION,
            measure=g.get("measure") or None,
            **_subject_keys(g["subject"]),
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS).astype(object)


def gold_rows(seeds_dir: Path, gold_csv: Path) -> GoldRows:
    """Seed documents and their gold claims, as ``load_run`` takes them."""
    documents = seed_documents(seeds_dir)
    return GoldRows(documents=documents, claims=gold_claims(gold_csv, documents))


def load_gold(
    db_path: Path, seeds_dir: Path, gold_csv: Path, run_id: str = "gold-seeds"
) -> dict[str, object]:
    """Load the seed documents and their gold claims into ``db_path`` as one run."""
    from forcerecon.warehouse.load import load_run

    rows = gold_rows(seeds_dir, gold_csv)
    run = {
        "run_id": run_id,
        "extractor_version": GOLD_EXTRACTOR_VERSION,
        "inputs": f"{seeds_dir};{gold_csv}",
    }
    return load_run(db_path, run, rows.documents, rows.claims, None, None)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python tests/gold_rows.py --db PATH [--seeds] [--gold]``."""
    import argparse

    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description="Load seed documents and gold claims.")
    parser.add_argument("--db", type=Path, required=True, help="DuckDB warehouse file")
    parser.add_argument("--seeds", type=Path, default=root / "seeds", help="seed folder")
    parser.add_argument(
        "--gold",
        type=Path,
        default=root.parent / "shared" / "gold" / "seeds_claims.csv",
        help="gold CSV in the SCHEME format",
    )
    args = parser.parse_args(argv)
    print(load_gold(args.db, args.seeds, args.gold))


if __name__ == "__main__":
    main()
