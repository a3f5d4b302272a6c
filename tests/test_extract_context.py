"""Side, location, as_of, event, subject key and figure-less statements."""

from __future__ import annotations

import pytest

from forcerecon.extract import extract_text
from forcerecon.extract.subject import period_of, subject_key
from forcerecon.extract.temporal import find_temporals


def claims(text: str, published: str = "2022-03-09") -> list[dict]:
    return extract_text(text, "t", outlet="Kyiv Desk", published=published)[0]


@pytest.mark.parametrize(
    ("text", "side", "side_code"),
    [
        ("Some 2,000 Belarusian paratroopers took part.", "Belarus", "BY"),
        ("About 4,000 Russian and Belarusian troops trained together.", "Russia+Belarus", "RU+BY"),
        ("The Kremlin has sent 14 Tor batteries to Crimea.", "Russia", "RU"),
        ("Kyiv's forces have 40 HIMARS launchers now, analysts said.", "Ukraine", "UA"),
        ("Poland will receive 250 Abrams tanks.", "Poland", "PL"),
        ("NATO's 300,000 high-readiness troops were announced in Madrid.", "NATO", "NATO"),
    ],
)
def test_side(text: str, side: str, side_code: str) -> None:
    claim = claims(text)[0]
    assert (claim["side"], claim["side_code"]) == (side, side_code)


def test_side_of_a_list_carries_to_the_next_item() -> None:
    found = claims("Russian units brought 30,000 Russian troops, 40 Su-25 jets and 12 helicopters.")
    assert {c["side"] for c in found} == {"Russia"}


def test_side_falls_back_to_the_document() -> None:
    text = (
        "Russian troops continued to arrive in Belarus on Tuesday.\n"
        "The deployment of 6,000 soldiers is for defensive purposes, officials said."
    )
    assert claims(text)[0]["side"] == "Russia"


@pytest.mark.parametrize(
    ("text", "location", "location_key"),
    [
        ("Russia keeps 1,500 troops in Transnistria.", "Transnistria", "Transnistria"),
        (
            "About 10,000 troops are stationed along the border.",
            "along the border",
            "UkraineBorder",
        ),
        (
            "Russia moved 200 tanks to the Russia-Ukraine border.",
            "Russia-Ukraine border",
            "UkraineBorder",
        ),
        (
            "Up to 12,000 troops remain in the occupied territories.",
            "occupied territories",
            "UkraineOccupied",
        ),
        (
            "Russia sent 20 tanks, which crossed Ukraine last year, to southern Belarus.",
            "southern Belarus",
            "Belarus",
        ),
    ],
)
def test_location(text: str, location: str, location_key: str) -> None:
    claim = claims(text)[0]
    assert (claim["location"], claim["location_key"]) == (location, location_key)


def test_an_attacked_country_is_not_the_location() -> None:
    claim = claims("Moscow could invade Ukraine with 90,000 troops.")[0]
    assert claim["location"] is None
    # no place stated: the location stays empty and the subject uses the side's own country
    assert claim["subject"] == "RU-personnel-Russia-2022-03"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Last Friday, officials said", "2022-03-09", ["2022-03-04"]),
        ("the ministry said on Wednesday", "2022-03-09", ["2022-03-09"]),
        ("reported in late November 2021 that", "2022-03-09", ["2021-11"]),
        ("figures released in January showed", "2022-03-09", ["2022-01"]),
        ("as of March 1, 2022, there were", "2022-03-09", ["2022-03-01"]),
        ("yesterday officials counted", "2022-03-09", ["2022-03-08"]),
        ("drills that will end on March 20", "2022-03-09", []),
        ("last month, the army said", "2022-03-09", ["2022-02"]),
    ],
)
def test_temporal_phrases(sentence: str, published: str, expected: list[str]) -> None:
    assert [t.as_of for t in find_temporals(sentence, published)] == expected


def test_as_of_defaults_to_publication_month_and_event_month() -> None:
    plain = claims("Russia has 3,000 troops in Transnistria, officials said.")[0]
    assert plain["as_of"] == "2022-03"
    dated = claims("Russia has 3,000 troops in Transnistria, officials said on Wednesday.")[0]
    assert dated["as_of"] == "2022-03-09"
    text = (
        "Zapad-2021 drills began in Belarus.\n"
        "Around 200,000 troops took part in the drills across Belarus, Moscow said."
    )
    event = claims(text, published="2021-09-25")[0]
    assert (event["event"], event["as_of"], event["period"]) == (
        "Zapad 2021",
        "2021-09",
        "2021-09",
    )


def test_an_article_that_dates_its_figures_pins_the_others() -> None:
    text = (
        "Minsk will host 2,000 Russian troops, officials said Tuesday (3/8/2022).\n"
        "Up to 20 Russian jets will also arrive in Belarus, Interfax reported."
    )
    found = claims(text, published="2022-03-08")
    assert [c["as_of"] for c in found] == ["2022-03-08", "2022-03-08"]


def test_event_not_attached_outside_its_area() -> None:
    text = (
        "Union Resolve 2022 drills are under way in Belarus.\n"
        "Separately, 100,000 Russian troops are massed near Ukraine, officials said."
    )
    claim = claims(text, published="2022-02-12")[0]
    assert claim["event"] is None and claim["location_key"] == "UkraineBorder"


def test_subject_key_and_period() -> None:
    assert subject_key("RU+BY", "facilities", "ranges", "Belarus", "2022-02") == (
        "RU+BY-facilities.ranges-Belarus-2022-02"
    )
    assert subject_key(None, "tanks", None, None, "2022-02") == "XX-tanks-Unspecified-2022-02"
    assert period_of("2022-02-03", "2022-02-10") == "2022-02"
    assert period_of("2021", "2021-06-01") == "2021-06"
    assert period_of(None, "2022-10-17") == "2022-10"
    assert period_of(None, None) is None
    assert subject_key("RU", "tanks", None, "Crimea", None) == "RU-tanks-Crimea-undated"


def test_same_thing_in_two_articles_gets_one_subject() -> None:
    a = claims("Some 30,000 Russian troops are in Belarus, NATO said.", "2022-02-04")[0]
    b = claims("Russia has deployed up to 30,000 soldiers to Belarusian territory.", "2022-02-20")[
        0
    ]
    assert a["subject"] == b["subject"] == "RU-personnel-Belarus-2022-02"


def test_statements_without_figures() -> None:
    text = (
        "The Kremlin declined to say how many soldiers were involved.\n"
        "“Not a single Russian soldier will stay after the drills,” Minsk said."
    )
    claims_, statements = extract_text(text, "t", outlet="Kyiv Desk", published="2022-02-12")
    assert claims_ == []
    kinds = [(s["kind"], s["category"], s["claimant"]) for s in statements]
    assert kinds == [
        ("undisclosed", "personnel", "Russian government"),
        ("denial", "personnel", "Belarusian government"),
    ]
    assert all(s["subject"].startswith("RU-personnel-") for s in statements)


def test_national_total_uses_the_sides_country() -> None:
    text = (
        "Russian troops are massing near Ukraine.\n"
        "Russia's armed forces number about 1.15 million active servicemen, analysts say."
    )
    total = claims(text)[-1]
    assert (total["location"], total["location_key"], total["side_code"]) == (
        None,
        "Russia",
        "RU",
    )


def test_a_list_of_places_becomes_their_common_area() -> None:
    claim = claims("NATO has 4,000 troops in Estonia, Latvia, Lithuania and Poland.")[0]
    assert claim["location_key"] == "NATOEastFlank"
    assert claim["location"] == "Estonia, Latvia, Lithuania and Poland"


def test_side_of_the_unit_the_figure_measures() -> None:
    claim = claims("Lithuania will host a permanent German brigade of about 4,800 soldiers.")[0]
    assert claim["side"] == "Germany"


def test_occupied_city_is_a_place() -> None:
    claim = claims("Russia has moved 2,000 Rosgvardia personnel to occupied Melitopol.")[0]
    assert (claim["location"], claim["location_key"]) == ("Melitopol", "UkraineSouth")


def test_a_statement_date_carries_to_its_continuation() -> None:
    text = (
        "Up to 9,000 Russian troops will be stationed in Belarus, Minsk said on Friday.\n"
        "Russia will also send about 170 tanks to Belarus, it said."
    )
    found = claims(text, published="2022-10-15")
    assert [c["as_of"] for c in found] == ["2022-10-14", "2022-10-14"]
    assert found[1]["claimant"] == "Belarusian government"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # a subject noun phrase that a side word begins
        ("The Danish Royal Navy has sent four frigates to the Baltic.", "Denmark"),
        # a capital as the actor
        ("Berlin currently keeps about 1,200 troops in Lithuania.", "Germany"),
        # a headline infinitive
        ("Finland to send 300 soldiers to Latvia", "Finland"),
        # an elided figure given "for" a side
        ("China fields about 2,000 jets, compared with about 400 for Taiwan.", "Taiwan"),
        # equipment provided to a side
        ("Iran has provided Russia with more than 500 drones.", "Russia"),
        # "the country's" is the country named before it
        (
            "Estonia's defence chief said the country's army has about 7,000 soldiers.",
            "Estonia",
        ),
        # a place of origin after the counted noun is not the item's side
        ("Moscow moved 60 percent of its troops from the Finnish border.", "Russia"),
    ],
)
def test_side_of_the_counted_force(text: str, side: str) -> None:
    assert claims(text)[-1]["side"] == side


def test_a_national_story_does_not_spread_one_figures_place() -> None:
    """An article whose opening names no place: a figure without a place of its own keeps
    none (its side's country in the subject), not the place of another figure."""
    text = (
        "Hungary's army grows to 40,000 soldiers\n\n"
        "Hungary's military now has about 40,000 soldiers, the minister said.\n\n"
        "About 1,500 of them are deployed on the Serbian border, the ministry added.\n\n"
        "The government has also ordered 44 Leopard 2 tanks."
    )
    found = claims(text)
    tanks = found[-1]
    assert tanks["location"] is None
    assert tanks["location_key"] == "Hungary"


def test_a_figure_takes_the_place_of_an_earlier_figure_of_its_side() -> None:
    text = (
        "Russia has moved 30 tanks into Belarus, the ministry said. It also sent 40 guns, "
        "while Ukraine keeps 2,000 troops near Kyiv."
    )
    guns = next(c for c in claims(text) if c["figure_text"] == "40")
    assert guns["location_key"] == "Belarus"


def test_a_force_named_by_its_home_place() -> None:
    found = claims("The Kaliningrad grouping numbers about 15,000 troops, officials say.")
    assert found[0]["location_key"] == "Kaliningrad"


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("the brigade will be ready by 2027", "2025-09-12", []),
        ("down from 8,000 at the peak last summer", "2024-03-07", ["2023-07"]),
        ("up from 80,000 before the invasion", "2022-06-27", ["2022-02"]),
        ("the army said in a statement Wednesday", "2024-02-14", ["2024-02-14"]),
    ],
)
def test_named_periods_and_deadlines(sentence: str, published: str, expected: list[str]) -> None:
    assert [t.as_of for t in find_temporals(sentence, published)] == expected


def test_a_date_after_the_next_figure_dates_that_figure() -> None:
    found = claims("The US has some 100,000 troops in Europe, up from 80,000 before the invasion.")
    assert [c["as_of"] for c in found] == ["2022-03", "2022-02"]


def test_a_foreign_force_in_an_exercise_story_is_not_the_exercises() -> None:
    text = (
        "Zapad-2025 drills begin in Belarus with 13,000 troops.\n\n"
        "Poland has moved 40,000 soldiers to the border with Belarus, officials said."
    )
    found = claims(text, published="2025-09-12")
    assert [c["event"] for c in found] == ["Zapad 2025", None]


def test_a_date_right_after_a_later_figure_is_its_own() -> None:
    found = claims(
        "Some 100,000 US troops are now in Europe, up from about 80,000 at the start of the year."
    )
    assert [c["as_of"] for c in found] == ["2022-03-09", "2022-01"]


def test_a_host_country_and_a_region_of_a_country_are_places() -> None:
    hosts = claims("Latvia to host 3,000 allied troops during the drills")[0]
    assert hosts["location_key"] == "Baltics"
    region = claims("About 1,500 Russian troops are in Moldova's breakaway region of Transnistria.")
    assert region[0]["location_key"] == "Transnistria"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Norway alone is sending about 3,000 personnel to the drills.", "Norway"),
        ("The deployment will include 2,000 troops from the Danish Army.", "Denmark"),
        ("Moldova, which is neutral, has about 6,000 active-duty personnel.", "Moldova"),
        (
            "North Korea sent 11,000 soldiers to Russia. Of these, some 3,000 moved to the front.",
            "North Korea",
        ),
    ],
)
def test_side_of_contingents_and_back_references(text: str, side: str) -> None:
    assert claims(text)[-1]["side"] == side


@pytest.mark.parametrize(
    ("text", "location_key"),
    [
        ("NATO has eight battlegroups from Estonia to Bulgaria.", "NATOEastFlank"),
        ("About 9,000 soldiers were sent to Russia's Kursk region.", "RussiaBorderRegions"),
        ("NATO will have 300,000 troops on high readiness.", "Europe"),
        (
            "North Korea's army has about 1.2 million troops, according to South Korea's "
            "defence white paper.",
            "NorthKorea",
        ),
    ],
)
def test_location_keys_of_ranges_owners_and_alliances(text: str, location_key: str) -> None:
    assert claims(text)[0]["location_key"] == location_key


def test_a_month_in_a_future_sentence_is_the_coming_one() -> None:
    assert [t.as_of for t in find_temporals("troops will take part in March", "2024-02-14")] == [
        "2024-03"
    ]
    assert [t.as_of for t in find_temporals("troops took part in March", "2024-02-14")] == [
        "2023-03"
    ]


@pytest.mark.parametrize(
    ("text", "location_key"),
    [
        ("Russia keeps some 2,000 servicemen in the occupied parts of Donetsk.", "Donbas"),
        ("The grouping has 30 battalion tactical groups within striking distance of Kyiv.", "Kyiv"),
        ("Fort Bragg is home to more than 40,000 soldiers.", "FortBragg"),
    ],
)
def test_parts_reach_and_home_are_places(text: str, location_key: str) -> None:
    assert claims(text)[0]["location_key"] == location_key


def test_a_sentence_starting_with_its_takes_the_previous_subjects_side() -> None:
    text = "Nato said it was watching. Its battlegroups number more than 10,000 troops."
    assert claims(text)[0]["side"] == "NATO"


def test_an_alliance_exercise_named_late_does_not_take_a_rotation() -> None:
    text = (
        "Army brigade heads to Poland\n\n"
        "About 4,000 U.S. soldiers are deploying to Poland this month, the Army said.\n\n"
        "The deployment comes as NATO runs Steadfast Defender 24. Roughly 90,000 troops are "
        "taking part in the drills, officials said."
    )
    found = claims(text, published="2024-02-14")
    assert [c["event"] for c in found] == [None, "Steadfast Defender 2024"]


def test_troops_from_the_allies_are_the_alliances() -> None:
    text = "The U.S. Army said 20,000 troops from all 32 allies will join, in Poland."
    assert claims(text)[0]["side"] == "NATO"
