"""Honest numbers and the index's facet data: stated ranges instead of midpoints, no float
noise, the range of a subject's independent figures, facet values and the search data."""

from __future__ import annotations

import json

from forcerecon.reports.index_views import facet_values, search_data, subject_rows
from forcerecon.reports.values import (
    clean,
    estimate_range,
    figure_range,
    independent_range,
    number,
)


def test_float_noise_is_cleared() -> None:
    assert clean(14300.000000000002) == 14300
    assert number(14300.000000000002) == "14,300"
    assert number(0.1 + 0.2) == "0.3"
    assert clean("x") == "x"


def test_vague_figure_shows_its_stated_range_not_a_midpoint() -> None:
    tens = {"low": 20000.0, "high": 99999.0, "value": 59999.5, "qualifier": "vague"}
    assert figure_range(tens) == "20,000–99,999"
    stated = {"low": 9000.0, "high": 9000.0, "stated_low": None, "stated_high": 9000.0}
    assert figure_range(stated) == "≤ 9,000"
    assert estimate_range(20000.0, 59999.5, 99999.0) == (
        "20,000–99,999",
        "range shown, not its midpoint 59,999.5",
    )
    assert estimate_range(11700.0, 13000.0, 14300.000000000002) == ("13,000", "")


def test_independent_range_leaves_echoes_out() -> None:
    claims = [
        {"low": 9000.0, "high": 9000.0, "is_echo": False},
        {"low": 30000.0, "high": 30000.0, "is_echo": False},
        {"low": 80000.0, "high": 80000.0, "is_echo": True},
        {"stated_low": 2000.0, "stated_high": 9999.0, "low": 2000.0, "high": 9999.0},
    ]
    assert independent_range(claims) == ("2,000–30,000", 28000.0, 3)
    assert independent_range(claims[:1]) == ("= 9,000", 0.0, 1)
    assert independent_range([]) == ("", None, 0)


def test_subject_rows_carry_range_claimants_and_outlets() -> None:
    subject = {
        "subject": "S",
        "status": "conflict",
        "low": 9000.0,
        "best": 9000.0,
        "high": 9000.0,
        "n_independent": 2,
    }
    claims = {
        "S": [
            {"claimant": "NATO", "outlet": "A|B", "low": 9000.0, "high": 9000.0},
            {"claimant": "Kremlin", "outlet": "C", "low": 30000.0, "high": 30000.0},
        ]
    }
    (row,) = subject_rows([subject], claims)
    assert row["spread"] == "9,000–30,000"
    assert row["claimants"] == "Kremlin|NATO"
    assert row["outlets"] == "A/B|C"  # the separator never appears inside a name


def test_facet_values_and_search_data() -> None:
    subjects = [
        {"side_code": "RU", "category": "tanks", "location_key": "Belarus", "period": "2022-02"},
        {"side_code": "RU", "category": "personnel", "location_key": "", "period": None},
    ]
    facets = {key: values for key, _, values in facet_values(subjects)}
    assert facets["side"] == [("RU", 2)]
    assert facets["location"] == [("Belarus", 1)]
    text = search_data(
        [{"subject": "S", "sentence": "NATO says 30,000 Troops", "claimant": "NATO"}]
    )
    assert text.startswith("window.forcereconSearch = ") and text.endswith(";\n")
    data = json.loads(text[len("window.forcereconSearch = ") : -2])
    assert "30,000 troops" in data["S"] and "nato" in data["S"]
