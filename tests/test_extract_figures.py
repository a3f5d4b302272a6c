"""Which numbers are force figures, what they count, and qualifiers shared across a list."""

from __future__ import annotations

import pytest

from forcerecon.extract import extract_text


def figures(text: str) -> list[dict]:
    claims, _ = extract_text(text, "t", outlet="Test Wire", published="2023-05-10")
    return claims


def one(text: str) -> dict:
    found = figures(text)
    assert len(found) == 1, [c["figure_text"] for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "category", "subcategory", "item"),
    [
        (
            "Moscow keeps 12,000 contract soldiers in the area.",
            "personnel",
            None,
            "contract soldiers",
        ),
        (
            "The brigade received 31 main battle tanks last month.",
            "tanks",
            None,
            "main battle tanks",
        ),
        ("Kyiv says 40 T-90M were spotted near the river.", "tanks", None, "T-90M"),
        (
            "Satellite photos show 120 infantry fighting vehicles at the depot.",
            "armored_vehicles",
            None,
            "infantry fighting vehicles",
        ),
        (
            "It brought 54 self-propelled howitzers and mortars.",
            "artillery",
            None,
            "self-propelled howitzers and mortars",
        ),
        (
            "Eight Ka-52 attack helicopters flew over the town.",
            "helicopters",
            None,
            "Ka-52 attack helicopters",
        ),
        ("Three Buk batteries were moved south.", "air_defense", None, "Buk batteries"),
        (
            "Two regiments of S-300 air defence systems arrived.",
            "air_defense",
            None,
            "regiments of S-300 air defence systems",
        ),
        (
            "Four Iskander-M launchers were deployed.",
            "missile_systems",
            None,
            "Iskander-M launchers",
        ),
        ("Six landing ships left Sevastopol.", "ships", None, "landing ships"),
        (
            "At least 18 battalion tactical groups are in place.",
            "formations",
            None,
            "battalion tactical groups",
        ),
        (
            "Troops trained at three proving grounds in the west.",
            "facilities",
            "ranges",
            "proving grounds",
        ),
        ("Jets were dispersed to seven air bases.", "facilities", "airfields", "air bases"),
        ("Recruits are housed in two field camps.", "facilities", "camps", "field camps"),
        ("A 40,000-strong contingent stayed behind.", "personnel", None, "contingent"),
        (
            "Some 60 percent of its ground forces are committed.",
            "share",
            None,
            "ground forces are committed",
        ),
    ],
)
def test_category_and_item(text: str, category: str, subcategory: str | None, item: str) -> None:
    claim = one(text)
    assert (claim["category"], claim["subcategory"]) == (category, subcategory)
    assert claim["item"] == item or item.startswith(claim["item"])


@pytest.mark.parametrize(
    "text",
    [
        "The drills lasted ten days and the convoy drove 300 kilometers.",
        "A ceasefire held for 24 hours before shelling resumed for several weeks.",
        "The minister briefed 25 foreign military attachés on the plans.",
        "Delegations from 30 countries attended the summit in two sessions.",
        "The S-400 and Su-35 were shown alongside the 9K720 Iskander system.",
        "Zapad-2021 and Union Resolve 2022 were large drills.",
        "The drills ran from Feb. 10 to Feb. 20, 2022, said the ministry.",
        "The 1st Guards Tank Army was formed in 2016.",
        "He said the weapons would not be needed for a hundred years.",
        "Follow us on Twitter. 12 comments. Share 5 times.",
        "Some 300 soldiers were killed and 40 wounded in the attack.",
        "Russia fired 84 missiles and 24 drones at cities overnight, Kyiv said.",
        "Its forces had destroyed 9 tanks and 14 armored vehicles, the army said.",
        "Defence spending is about 4 percent of GDP, up from 2.7 percent in 2021.",
        "Photo: Reuters/Gleb Garanich. 1 of 12. Reporting by Pavel Polityuk.",
        "The 58th Combined Arms Army and the 8th Army are based in the south.",
        "Prices rose 12% and about 3,000 people attended the rally in Minsk.",
    ],
)
def test_traps_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_upper_bound_shared_across_a_list() -> None:
    found = figures("The drills will involve up to 300 armoured vehicles and 80 artillery guns.")
    assert [(c["figure_text"], c["qualifier"], c["low"], c["high"]) for c in found] == [
        ("up to 300", "upper_bound", None, 300.0),
        ("80", "upper_bound", None, 80.0),
    ]


def test_list_with_own_qualifiers_is_not_overridden() -> None:
    found = figures("It sent about 40 tanks, up to 90 armoured vehicles and 12 helicopters.")
    assert [c["qualifier"] for c in found] == ["approximate", "upper_bound", "upper_bound"]


def test_exact_list_items_stay_exact() -> None:
    found = figures("The unit used six training ranges and three airfields in the north.")
    assert [(c["figure_text"], c["qualifier"], c["subcategory"]) for c in found] == [
        ("six", "exact", "ranges"),
        ("three", "exact", "airfields"),
    ]


def test_vague_magnitude_bounds() -> None:
    claim = one("Tens of thousands of Russian troops remain near the border.")
    assert (claim["figure_text"], claim["low"], claim["high"], claim["qualifier"]) == (
        "Tens of thousands",
        20_000.0,
        99_999.0,
        "vague",
    )


@pytest.mark.parametrize(
    ("text", "figures_expected"),
    [
        (
            "Russia has 12,000 tanks, compared with 2,500 in Ukraine's inventory.",
            [("12,000", "tanks"), ("2,500", "tanks")],
        ),
        (
            "Poland will buy 250 Abrams tanks; only 58 have arrived so far.",
            [("250", "tanks"), ("58", "tanks")],
        ),
        (
            "The ranges hold 3 battalions in Brest and 2 in Gomel, officials said.",
            [("3", "formations"), ("2", "formations")],
        ),
        (
            "Poland and Romania received 20 and 30 F-16s respectively.",
            [("20", "aircraft"), ("30", "aircraft")],
        ),
        (
            "Britain sent 14 Challenger 2 tanks and Germany 18 Leopard 2 tanks.",
            [("14", "tanks"), ("18", "tanks")],
        ),
        ("The decree set the number of servicemen at 1.5 million.", [("1.5 million", "personnel")]),
        (
            "Russia has 1.15 million people serving in the armed forces.",
            [("1.15 million", "personnel")],
        ),
        (
            "Kyiv received eight F-16s and NATO keeps eight multinational battlegroups.",
            [("eight", "aircraft"), ("eight", "formations")],
        ),
    ],
)
def test_elided_shared_and_fronted_nouns(text: str, figures_expected: list) -> None:
    assert [(c["figure_text"], c["category"]) for c in figures(text)] == figures_expected


def test_ellipsis_needs_a_cue_and_no_noun() -> None:
    assert [c["figure_text"] for c in figures("Russia has 400 tanks. In 2021 it had 20 days.")] == [
        "400"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The army received 155 mm howitzers and 122 mm rockets.",
        "Forces destroyed or damaged more than 300 pieces of enemy equipment, including 46 tanks.",
        "Combat losses of the army have reached approximately 250,000 personnel, including 900 "
        "over the past day.",
        "About 12,000 troops were sent. Of these, around 3,000 have been killed or wounded.",
        "Over the past month, troops carried out more than 4,000 assaults on the front line.",
    ],
)
def test_calibres_losses_and_assaults_are_not_figures(text: str) -> None:
    found = [f["figure_text"] for f in figures(text)]
    assert found in ([], ["About 12,000"]), found


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("About 9,000 troops are in the region. About 2,000 of those will stay.", "About 2,000"),
        ("It bought 250 tanks, around 100 of which have arrived.", "around 100"),
        ("Jets flew 50 sorties with 30 aircraft. Of the aircraft, 12 crossed the line.", "12"),
        ("Analysts put the active force closer to 45,000.", "45,000"),
        ("Kyiv put the number of troops in the north at about 8,000.", "about 8,000"),
    ],
)
def test_partitives_and_nouns_named_before(text: str, figure: str) -> None:
    found = figures(text)
    assert any(figure in f["figure_text"] for f in found), [f["figure_text"] for f in found]
    assert all(f["category"] in ("personnel", "tanks", "aircraft") for f in found)
