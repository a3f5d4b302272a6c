"""Shallow syntax frames and number forms of issue 11, on invented sentences."""

from __future__ import annotations

import pytest

from forcerecon.extract import extract_text
from forcerecon.extract.lexicon import lower
from forcerecon.extract.numbers import find_numbers


def _read(text: str) -> list[tuple[str, float | None, float | None, str]]:
    return [
        (text[n.start : n.end], n.low, n.high, n.qualifier)
        for n in find_numbers(text, 0, len(text), lower(text))
    ]


def _figures(text: str) -> list[tuple[str, str]]:
    claims = extract_text(text, "doc", outlet="Wire", published="2031-05-01")[0]
    return [(c["figure_text"], c["category"]) for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two-to-three brigades", ("two-to-three", 2.0, 3.0, "range")),
        ("thirteen thousand-plus troops", ("thirteen thousand-plus", 13000.0, None, "lower_bound")),
        (
            "one hundred and forty thousand-plus troops",
            ("one hundred and forty thousand-plus", 140000.0, None, "lower_bound"),
        ),
        ("14 thousand soldiers", ("14 thousand", 14000.0, 14000.0, "exact")),
        ("demanded 20-25 thousand", ("20-25 thousand", 20000.0, 25000.0, "range")),
        ("the force does not exceed 5,100", ("does not exceed 5,100", None, 5100.0, "upper_bound")),
        ("as high as 7,000 troops", ("as high as 7,000", None, 7000.0, "upper_bound")),
        ("an expected 12,000 troops", ("an expected 12,000", 12000.0, 12000.0, "approximate")),
        ('now "well over" 90,000 troops', ('well over" 90,000', 90000.0, None, "lower_bound")),
        ("she spoke about 200,000 people", ("200,000", 200000.0, 200000.0, "exact")),
        ("about 200,000 people", ("about 200,000", 200000.0, 200000.0, "approximate")),
    ],
)
def test_number_forms(text: str, expected: tuple) -> None:
    assert _read(text) == [expected]


def test_word_numbers_read_by_text2num_and_the_fallback() -> None:
    from forcerecon.extract.numbers import words_to_number

    assert words_to_number("one hundred and forty thousand") == 140000
    assert words_to_number("thirty-five") == 35
    assert words_to_number("half a dozen") == 6


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Ruritanian troops in the valley, estimated by the League to number 7,000, stayed.",
         "7,000"),
        ("The build-up of troops, estimated by analysts at more than 40,000, continues.",
         "more than 40,000"),
        ("Troop levels in the enclave have climbed to 8,500 this year.", "8,500"),
        ("Its battlegroups number 4,500 in all.", "4,500"),
        ("Estimates of the troops there vary from 9,000 to 11,000.", "from 9,000 to 11,000"),
    ],
)  # fmt: skip
def test_frames_tie_a_number_to_the_force_noun_before_it(text: str, figure: str) -> None:
    assert figure in [f for f, _ in _figures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The budget, estimated by analysts at more than 40,000 euros, grew.",
        "The talks lasted days; the count rose to 12 rounds.",
        "Prices have climbed to 300 this year.",
    ],
)
def test_frames_without_a_force_noun_are_no_figure(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The drills start in September. About 20,000 troops will come.", ["About 20,000"]),
        ("The drills start in September.\n12,000 troops will come.", ["12,000"]),
        ("They met on Feb. 10 with 400 troops.", ["400"]),
        ("They met on February 3 with 400 troops.", ["400"]),
    ],
)
def test_a_month_ending_a_sentence_does_not_make_the_next_number_a_day(
    text: str, found: list[str]
) -> None:
    assert [t for t, *_ in _read(text)] == found


@pytest.mark.parametrize(
    ("text", "figure", "category"),
    [
        ("Some 12 thousand people, about 300 vehicles and 40 aircraft will take part.",
         "Some 12 thousand", "personnel"),
        ("Some 12 thousand people, about 300 vehicles and 40 aircraft will take part.",
         "about 300", "other_military"),
        ("Our army — it's about 60 thousand people.", "about 60 thousand", "personnel"),
        ("There are 8,000 representatives of the Ruritanian Armed Forces there.", "8,000",
         "personnel"),
        ("Ruritania Sends 8,000 Military And 300 Tanks To The Border", "8,000", "personnel"),
    ],
)  # fmt: skip
def test_generic_nouns_count_in_a_military_context(text: str, figure: str, category: str) -> None:
    assert (figure, category) in _figures(text)


@pytest.mark.parametrize(
    "text",
    [
        "The floods displaced 3,000 people and damaged 200 vehicles.",
        "The army evacuated 3,000 people from the town.",
        "About 350 vehicles crossed the bridge on Sunday.",
    ],
)
def test_generic_nouns_without_a_military_context_are_no_figure(text: str) -> None:
    assert _figures(text) == []


def test_n_of_them_counts_the_force_named_before_also_across_sentences() -> None:
    assert ("80,000", "personnel") in _figures(
        "The League keeps sending troops. There will soon be 80,000 of them."
    )
    assert _figures("The talks had many guests. 20 of them left early.") == []
