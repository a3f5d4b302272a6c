"""Number reading: values, bounds and qualifiers (SCHEME.md), and numbers that are not counts."""

from __future__ import annotations

import pytest

from forcerecon.extract.numbers import find_numbers, parse_number, words_to_number


def read(text: str) -> list[tuple[str, float | None, float | None, str]]:
    return [(text[n.start : n.end], n.low, n.high, n.qualifier) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv counted 4,500 paratroopers.", ("4,500", 4500, 4500, "exact")),
        ("It fielded 12.5 thousand reservists.", ("12.5 thousand", 12500, 12500, "exact")),
        ("a force of 1.2 million men", ("1.2 million", 1_200_000, 1_200_000, "exact")),
        ("roughly 45k conscripts", ("roughly 45k", 45_000, 45_000, "approximate")),
        ("sent three hundred marines", ("three hundred", 300, 300, "exact")),
        ("moved twenty-four howitzers", ("twenty-four", 24, 24, "exact")),
        ("with a dozen gunships", ("a dozen", 12, 12, "exact")),
        ("nearly 8,000 guardsmen", ("nearly 8,000", 8000, 8000, "approximate")),
        ("close to 600 vehicles", ("close to 600", 600, 600, "approximate")),
        ("as many as 60 jets", ("as many as 60", None, 60, "upper_bound")),
        ("fewer than 40 launchers", ("fewer than 40", None, 40, "upper_bound")),
        ("no more than 3 brigades", ("no more than 3", None, 3, "upper_bound")),
        ("in excess of 2,000 tanks", ("in excess of 2,000", 2000, None, "lower_bound")),
        ("at least 15 warships", ("at least 15", 15, None, "lower_bound")),
        ("over 900 drones", ("over 900", 900, None, "lower_bound")),
        ("10,000 or more troops", ("10,000 or more", 10_000, None, "lower_bound")),
        ("62,000-65,000 soldiers", ("62,000-65,000", 62_000, 65_000, "range")),
        ("between 8 and 11 battalions", ("between 8 and 11", 8, 11, "range")),
        ("from 40,000 to 50,000 troops", ("from 40,000 to 50,000", 40_000, 50_000, "range")),
        ("2 to 3 million shells", ("2 to 3 million", 2_000_000, 3_000_000, "range")),
        ("seven or eight divisions", ("seven or eight", 7, 8, "range")),
        ("dozens of helicopters", ("dozens", 24, 99, "vague")),
        ("hundreds of tanks", ("hundreds", 200, 999, "vague")),
        ("thousands of troops", ("thousands", 2000, 9999, "vague")),
        ("tens of thousands of soldiers", ("tens of thousands", 20_000, 99_999, "vague")),
        ("hundreds of thousands of men", ("hundreds of thousands", 200_000, 999_999, "vague")),
        ("several thousand marines", ("several thousand", 3000, 9999, "vague")),
        ("a few hundred paratroopers", ("a few hundred", 200, 500, "vague")),
        ("about 40 percent of its army", ("about 40 percent", 40, 40, "approximate")),
    ],
)
def test_reads_value_bounds_and_qualifier(text: str, expected: tuple) -> None:
    assert expected in read(text)


@pytest.mark.parametrize(
    "text",
    [
        "The S-300 and Su-27 and 9K720 and Tu-22M3 and Pantsir S1 systems",
        "The exercise Zapad-2021 and Union Resolve-2022 ended.",
        "on Feb. 14 and on 10/17/2022 and Fe. 10-20",
        "in 2014 and since 2021 and during 2022",
        "the 1st Guards Tank Army and the 58th Army",
        "a four-way dialogue and a 24-hour truce",
        "it cost $300 and €45",
    ],
)
def test_numbers_that_are_not_counts_are_rejected(text: str) -> None:
    assert read(text) == []


def test_offsets_point_into_the_text() -> None:
    text = "Officials said up to 9,000 soldiers and some 170 tanks arrived."
    for n in find_numbers(text):
        assert text[n.start : n.end] in ("up to 9,000", "some 170")


def test_word_and_digit_parsers() -> None:
    assert words_to_number("two hundred and fifty") == 250
    assert words_to_number("half a million") == 500_000
    assert parse_number("30k") == 30_000
    assert parse_number("1,250.5") == 1250.5
    with pytest.raises(ValueError):
        words_to_number("many")
