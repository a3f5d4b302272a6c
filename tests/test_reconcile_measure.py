"""measure (SCHEME.md): cues from forcerecon/lexicons/measures.csv on invented sentences, and
reconciliation comparing only figures of the same measure."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_reconcile_fixtures import claim, document, load_rows, new_warehouse, settings_for

from forcerecon.extract.measure import MeasureLexiconError, add_measure, get_cues, measure_of
from forcerecon.warehouse.models import build_models


def _measure(sentence: str, figure: str) -> str:
    start = sentence.index(figure)
    return measure_of(sentence, start, start + len(figure), get_cues())


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("The ministry said 40,000 soldiers stood at the frontier.", "40,000", "stock"),
        ("The army sent an additional 4,000 soldiers to the frontier.", "4,000", "added"),
        ("Officials said 2,500 more paratroopers landed on Tuesday.", "2,500", "added"),
        (
            "More than 8,000 soldiers are returning to their bases, the ministry said.",
            "More than 8,000",
            "withdrawn",
        ),
        (
            "The general said the army would withdraw 1,200 marines from the island.",
            "1,200",
            "withdrawn",
        ),
        ("Planners said 90 percent of the force needed was in place.", "90 percent", "needed"),
        (
            "The republic could mobilize up to 700,000 men, the minister said.",
            "up to 700,000",
            "needed",
        ),
        ("The state called up 45,000 reservists last week.", "45,000", "mobilized"),
        ("About 12,000 conscripts were drafted in the spring.", "About 12,000", "mobilized"),
        ("The group includes 900 spetsnaz commandos.", "900", "subset"),
        ("That is 15,000 ground troops only, the analyst said.", "15,000", "subset"),
    ],
)
def test_measure_cues_on_invented_sentences(sentence: str, figure: str, expected: str) -> None:
    assert _measure(sentence, figure) == expected


def test_a_bound_in_the_figure_is_not_an_increase() -> None:
    assert _measure("More than 20,000 troops stood near the frontier.", "More than 20,000") == (
        "stock"
    )


def test_a_cue_does_not_reach_across_another_figure() -> None:
    sentence = "They are pulling out 3,000 troops, part of the 21,000-strong garrison."
    assert _measure(sentence, "3,000") == "withdrawn"
    assert _measure(sentence, "21,000") == "stock"


def test_add_measure_uses_the_span_inside_the_sentence() -> None:
    sentence = "Some 5,000 stayed while 5,000 more arrived."
    frame = pd.DataFrame(
        [
            {"sentence": sentence, "figure_text": "5,000", "start": 105, "sentence_start": 100},
            {"sentence": sentence, "figure_text": "5,000", "start": 124, "sentence_start": 100},
            {"sentence": None, "figure_text": "5,000", "start": 0, "sentence_start": None},
        ]
    )
    assert add_measure(frame)["measure"].tolist() == ["stock", "added", "stock"]


def test_a_broken_measures_lexicon_names_the_file(tmp_path: Path) -> None:
    from forcerecon.extract.measure import read_cues

    path = tmp_path / "measures.csv"
    path.write_text("cue,measure,side_of_figure\nsurge,growth,before\n", encoding="utf-8")
    with pytest.raises(MeasureLexiconError, match=r"measures\.csv: entry 2: unknown measure"):
        read_cues(path)


def test_only_figures_of_the_same_measure_are_compared(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "BBC", "2022-02-05")
    claims = [
        claim(a, 10, "130,000", low=130000, high=130000, claimant="NATO"),
        {
            **claim(
                b,
                10,
                "10,000",
                low=10000,
                high=10000,
                claimant="Russian Defense Ministry",
                claimant_type="government",
            ),
            "measure": "withdrawn",
        },
    ]
    s = settings_for(tmp_path, None)
    db = new_warehouse(s.db_path)
    load_rows(db, [a, b], claims, None)
    build_models(db, s)
    with duckdb.connect(str(db), read_only=True) as con:
        pairs = con.execute("SELECT count(*) FROM conflicting_pairs").fetchone()[0]
        subjects = dict(con.execute("SELECT subject, measure FROM subject_facts").fetchall())
    assert pairs == 0
    assert subjects == {
        "RU-personnel-Belarus-2022-02": "stock",
        "RU-personnel-Belarus~withdrawn-2022-02": "withdrawn",
    }


def test_cues_follow_forcerecon_lexicons(tmp_path, monkeypatch) -> None:
    from forcerecon.extract.measure import get_cues

    (tmp_path / "measures.csv").write_text(
        "cue,measure,side_of_figure\nsurge,added,before\n", encoding="utf-8"
    )
    monkeypatch.setenv("FORCERECON_LEXICONS", str(tmp_path))
    assert [c.cue for c in get_cues()] == ["surge"]
    monkeypatch.delenv("FORCERECON_LEXICONS")
    assert "surge" not in {c.cue for c in get_cues()}
