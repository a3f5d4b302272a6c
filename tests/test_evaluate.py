"""The eval yardstick: span matching, repeated figures, field comparison, subject pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from forcerecon.evaluate import (
    GoldError,
    evaluate,
    locate_gold,
    read_gold_csv,
    same_claimant,
    same_location,
)
from forcerecon.records import EXTRACT_COLUMNS, SCHEME_COLUMNS

TEXT = (
    "Russia has four battalions and four brigades in Belarus, NATO said. "
    "Kyiv says about 9,000 troops are near the border."
)
S1 = "Russia has four battalions and four brigades in Belarus, NATO said."
S2 = "Kyiv says about 9,000 troops are near the border."


def row(no: int, figure: str, sentence: str, **fields: object) -> dict:
    base = dict.fromkeys(SCHEME_COLUMNS, "")
    base.update(
        doc_id="d",
        claim_no=no,
        figure_text=figure,
        sentence=sentence,
        low="4",
        high="4",
        qualifier="exact",
        category="formations",
        side="Russia",
        location="Belarus",
        as_of="2022-02",
        claimant="NATO",
        claimant_type="international_org",
        modality="reported",
        subject="RU-formations-Belarus-2022-02",
    )
    base.update(fields)
    return base


GOLD = pd.DataFrame(
    [
        row(1, "four", S1),
        row(2, "four", S1),
        row(
            3,
            "about 9,000",
            S2,
            low="9000",
            high="9000",
            qualifier="approximate",
            category="personnel",
            location="near the border",
            claimant="Ukrainian government",
            claimant_type="government",
            subject="RU-personnel-UkraineBorder-2022-02",
        ),
    ],
    columns=SCHEME_COLUMNS,
)


def pred_row(figure: str, start: int, **fields: object) -> dict:
    gold = row(0, figure, "", **fields)
    return {
        **{k: gold[k] for k in SCHEME_COLUMNS},
        "start": start,
        "end": start + len(figure),
        "low": float(gold["low"]) if gold["low"] else None,
        "high": float(gold["high"]) if gold["high"] else None,
    }


def test_repeated_figure_texts_are_located_in_order() -> None:
    located = locate_gold(GOLD, {"d": TEXT})
    first, second = TEXT.index("four"), TEXT.index("four", TEXT.index("four") + 1)
    assert located["start"].tolist()[:2] == [first, second]


def test_perfect_prediction() -> None:
    s2 = TEXT.index("about 9,000")
    pred = pd.DataFrame(
        [
            pred_row("four", TEXT.index("four")),
            pred_row("four", TEXT.index("four", 12)),
            pred_row(
                "9,000",
                s2 + 6,
                low="9000",
                high="9000",
                qualifier="approximate",
                category="personnel",
                location="along the border",
                claimant="Ukrainian government",
                claimant_type="government",
                subject="RU-personnel-UkraineBorder-2022-02",
            ),
        ],
        columns=EXTRACT_COLUMNS,
    )
    report = evaluate(pred, GOLD, {"d": TEXT})
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert all(v == 1.0 for v in report.field_accuracy.values()), report.to_text()
    assert report.subject_pairs["f1"] == 1.0


def test_missed_spurious_and_field_errors_are_listed() -> None:
    pred = pd.DataFrame(
        [
            pred_row(
                "four", TEXT.index("four"), side="Belarus", subject="BY-formations-Belarus-2022-02"
            ),
            pred_row("Russia", 0, category="tanks"),
        ],
        columns=EXTRACT_COLUMNS,
    )
    report = evaluate(pred, GOLD, {"d": TEXT})
    assert (report.n_gold, report.n_pred, report.n_matched) == (3, 2, 1)
    assert report.precision == 0.5 and report.recall == pytest.approx(1 / 3)
    assert report.field_accuracy["side"] == 0.0
    assert [m["figure_text"] for m in report.missed] == ["four", "about 9,000"]
    assert [s["figure_text"] for s in report.spurious] == ["Russia"]
    text = report.to_text()
    assert "missed (2)" in text and "spurious (1)" in text and "'Russia' -> 'Belarus'" in text
    json.dumps(report.to_dict())


def test_subject_pairs_penalise_wrong_grouping() -> None:
    s2 = TEXT.index("about 9,000")
    pred = pd.DataFrame(
        [
            pred_row("four", TEXT.index("four"), subject="X"),
            pred_row("four", TEXT.index("four", 12), subject="Y"),
            pred_row("about 9,000", s2, subject="Y"),
        ],
        columns=EXTRACT_COLUMNS,
    )
    pairs = evaluate(pred, GOLD, {"d": TEXT}).subject_pairs
    assert (pairs["gold_pairs"], pairs["pred_pairs"]) == (1, 1)
    assert pairs["precision"] == 0.0 and pairs["recall"] == 0.0


def test_lenient_location_and_claimant() -> None:
    assert same_location("around Ukraine", "surrounding Ukraine")
    assert same_location("Ukraine’s borders", "Ukraine's borders")
    assert same_location("eastern and central Belarus", "Belarus")
    assert not same_location("Belarus", "Crimea")
    assert not same_location("", "Belarus")
    assert same_claimant("senior US sources", "Senior US sources (US intelligence assessments)")
    assert not same_claimant("NATO", "NATO Secretary-General Jens Stoltenberg")


def test_gold_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not found"):
        read_gold_csv(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,claim_no\nx,1\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.csv: missing gold columns"):
        read_gold_csv(bad)
