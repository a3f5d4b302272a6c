"""bench/conflict_check.py on a tiny invented corpus and on literal pair sets."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import pandas as pd

from forcerecon.records import SCHEME_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("conflict_check", ROOT / "bench/conflict_check.py")
assert _spec and _spec.loader
conflict_check = importlib.util.module_from_spec(_spec)
sys.modules["conflict_check"] = conflict_check
_spec.loader.exec_module(conflict_check)

ARTICLES = [
    (
        "x1",
        "Daily Alpha",
        "2022-02-10",
        "NATO said on Thursday that 30,000 Russian troops were in Belarus.",
    ),
    (
        "x2",
        "Daily Beta",
        "2022-02-12",
        "The Belarusian Defense Ministry said that 9,000 Russian troops were in Belarus.",
    ),
    ("x3", "Daily Gamma", None, "The Pentagon said 60,000 Russian troops were in Belarus."),
]
GOLD = [
    # doc, figure, low, claimant, subject, measure
    ("x1", "30,000", 30000, "NATO", "RU-personnel-Belarus-2022-02", ""),
    ("x2", "9,000", 9000, "Belarusian Defense Ministry", "RU-personnel-Belarus-2022-02", "stock"),
    ("x3", "60,000", 60000, "US Department of Defense", "RU-personnel-Belarus-undated", ""),
]
COLUMNS = [*SCHEME_COLUMNS, "measure"]


def _write(tmp: Path) -> tuple[Path, Path, dict[str, str]]:
    texts = {}
    with (tmp / "articles.jsonl").open("w") as out:
        for doc_id, outlet, published, sentence in ARTICLES:
            text = f"Troops\n\n{sentence} The drills continue."
            texts[doc_id] = text
            row = {
                "doc_id": doc_id,
                "outlet": outlet,
                "url": f"https://{doc_id}.example/",
                "published": published,
                "title": "Troops",
                "text": text,
            }
            out.write(json.dumps(row) + "\n")
    sentences = {a[0]: a[3] for a in ARTICLES}
    with (tmp / "gold.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for doc_id, figure, low, claimant, subject, measure in GOLD:
            writer.writerow(
                [
                    doc_id,
                    1,
                    figure,
                    low,
                    low,
                    "exact",
                    "personnel",
                    "Russian troops",
                    "Russia",
                    "Belarus",
                    "",
                    "",
                    claimant,
                    "government",
                    "reported",
                    subject,
                    sentences[doc_id],
                    measure,
                ]
            )
    return tmp / "gold.csv", tmp / "articles.jsonl", texts


def test_conflict_check_end_to_end_on_invented_articles(tmp_path: Path) -> None:
    gold, articles, _ = _write(tmp_path)
    result = conflict_check.check(gold, [articles])
    # NATO 30,000 vs Belarus 9,000 in February 2022 is the one real conflict; the undated
    # 60,000 must not be set against either of them
    assert result.gold_pairs == 1
    assert (result.real, result.gold_pairs_shown) == (1, 1)
    assert result.undated == 0
    assert (result.precision, result.recall) == (1.0, 1.0)


def _pair(doc_a: str, doc_b: str, texts: dict[str, str], kind: str = "independent") -> dict:
    def span(doc: str) -> tuple[int, int]:
        figure = next(g[1] for g in GOLD if g[0] == doc)
        start = texts[doc].find(figure)
        return start, start + len(figure)

    (sa, ea), (sb, eb) = span(doc_a), span(doc_b)
    return {
        "kind": kind,
        "subject": "s",
        "doc_a": doc_a,
        "start_a": sa,
        "end_a": ea,
        "doc_b": doc_b,
        "start_b": sb,
        "end_b": eb,
    }


def test_score_counts_undated_apart_and_unmatched_as_false(tmp_path: Path) -> None:
    gold_csv, _, texts = _write(tmp_path)
    gold = pd.read_csv(gold_csv, dtype=str, keep_default_na=False)
    pairs = pd.DataFrame(
        [
            _pair("x1", "x3", texts),  # gold leaves x3 undated: apart
            _pair("x2", "x3", texts),
            {**_pair("x1", "x2", texts), "start_a": 0, "end_a": 2},  # not a gold figure
            _pair("x1", "x2", texts, kind="same_claimant"),  # only counted
        ]
    )
    result = conflict_check.score(pairs, gold, texts, 0.10)
    assert (result.pairs, result.undated, result.unmatched, result.real) == (3, 2, 1, 0)
    assert result.same_claimant_pairs == 1
    assert (result.precision, result.recall) == (0.0, 0.0)


def test_other_measure_or_overlapping_intervals_are_not_real(tmp_path: Path) -> None:
    gold_csv, _, texts = _write(tmp_path)
    gold = pd.read_csv(gold_csv, dtype=str, keep_default_na=False)
    pairs = pd.DataFrame([_pair("x1", "x2", texts)])
    other = gold.copy()
    other.loc[other["doc_id"] == "x2", "measure"] = "withdrawn"
    assert conflict_check.score(pairs, other, texts, 0.10).real == 0
    near = gold.copy()
    near.loc[near["doc_id"] == "x2", ["low", "high", "qualifier"]] = [
        "28000",
        "28000",
        "approximate",
    ]
    assert conflict_check.score(pairs, near, texts, 0.10).real == 0  # 25,200..30,800 meets 30,000
    assert conflict_check.score(pairs, gold, texts, 0.10).real == 1
