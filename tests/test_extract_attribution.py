"""Claimant (who says it), claimant_type via claimants.csv, and modality."""

from __future__ import annotations

import pytest

from forcerecon.extract import extract_text


def first(text: str, outlet: str = "Baltic Wire") -> dict:
    claims, _ = extract_text(text, "t", outlet=outlet, published="2022-01-20")
    assert claims, "no figure found"
    return claims[0]


@pytest.mark.parametrize(
    ("text", "claimant", "claimant_type"),
    [
        (
            "According to the Pentagon, Russia has 100 battalion tactical groups ready.",
            "US Department of Defense",
            "military",
        ),
        (
            "According to latest estimates released by the Institute for the Study of War, "
            "about 20,000 troops are in the region.",
            "Institute for the Study of War",
            "think_tank",
        ),
        (
            "Russia has moved 50 Su-34 bombers to the area, the UK Ministry of Defence said.",
            "UK Ministry of Defence",
            "government",
        ),
        (
            "Britain's Ministry of Defence said on Friday that 30 Tu-95 bombers had been moved.",
            "UK Ministry of Defence",
            "government",
        ),
        (
            "Moscow has stationed some 5,000 marines in the port, says Kyiv.",
            "Ukrainian government",
            "government",
        ),
        (
            "Lithuania's defense chief said about 3,000 Belarusian troops were near the border.",
            "Lithuanian defense chief",
            "official_person",
        ),
        (
            "Ukrainian President Volodymyr Zelensky said 60,000 reservists would be called up.",
            "Ukrainian President Volodymyr Zelensky",
            "official_person",
        ),
        ("Moscow has 40 warships in the Black Sea, TASS reported.", "TASS", "media"),
        (
            "By the ISW's estimate, 12 brigades have arrived.",
            "Institute for the Study of War",
            "think_tank",
        ),
        ("Around 8,000 troops have crossed into Belarus.", "Baltic Wire", "unattributed"),
    ],
)
def test_claimant(text: str, claimant: str, claimant_type: str) -> None:
    claim = first(text)
    assert (claim["claimant"], claim["claimant_type"]) == (claimant, claimant_type)


def test_quote_attributed_after_it() -> None:
    text = "“We have seen 35 battalion tactical groups arrive,” a senior NATO official told AP."
    assert first(text)["claimant"] == "NATO"


def test_quote_continued_in_the_next_sentence() -> None:
    text = (
        "“The build-up continues. They now have 20 Iskander launchers in range,” "
        "said Lithuanian Defence Minister Arvydas Anusauskas."
    )
    claim = first(text)
    assert "Anusauskas" in claim["claimant"]
    assert claim["claimant_type"] == "official_person"


def test_pronoun_takes_the_previous_claimant() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov spoke to reporters on Monday. "
        "He said 2,000 servicemen would return to their bases."
    )
    assert first(text)["claimant"] == "Kremlin spokesman Dmitry Peskov"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Russia will deploy 5,000 troops to the region, officials said.", "planned"),
        ("Minsk plans to host up to 12 Su-30SM fighters at the base.", "planned"),
        ("US intelligence estimates that Russia has 150,000 troops near Ukraine.", "estimated"),
        ("Russia is believed to have 90 battalion tactical groups in the area.", "estimated"),
        ("Analysts speculate Moscow could send 30,000 soldiers into the region.", "speculative"),
        ("Moscow denied that 10,000 troops had crossed the border.", "denied"),
        ("Some 10,000 troops crossed the border on Monday, officials said.", "reported"),
    ],
)
def test_modality(text: str, modality: str) -> None:
    assert first(text)["modality"] == modality


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "MINSK, Oct 3 (Wire) - Up to 9,000 troops will arrive, Belarus's Defence Ministry "
            "said.\nRussia will also send about 90 tanks, it said.",
            "Belarusian Defense Ministry",
        ),
        (
            "The Belarusian Defense Ministry issued a statement on Monday. According to the "
            "statement, 9,000 troops will arrive.",
            "Belarusian Defense Ministry",
        ),
        (
            "Putin signed a decree on Monday. The decree sets the army's strength at "
            "1.5 million servicemen.",
            "Russian President Vladimir Putin",
        ),
        (
            "Putin has ordered the army to grow to 1.5 million troops, according to a decree "
            "published on Monday.",
            "Russian President Vladimir Putin",
        ),
        (
            "Ukraine's Southern Command said 40 tanks were destroyed. It said 60 tanks remained.",
            "Ukrainian Southern Command",
        ),
    ],
)
def test_claimant_carried_by_anaphora(text: str, claimant: str) -> None:
    claims, _ = extract_text(text, "t", outlet="Wire", published="2022-10-03")
    assert claims[-1]["claimant"] == claimant


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("About 3,000 more US troops will deploy to Poland, officials said.", "planned"),
        (
            "Moscow denies any plan to invade, but 100,000 troops are near the border, "
            "officials said.",
            "reported",
        ),
        ("Some 2,000 paratroopers are expected to arrive next week.", "planned"),
        ("About 30,000 troops have moved into Belarus for drills that will end soon.", "reported"),
    ],
)
def test_modality_reads_the_figures_clause(text: str, modality: str) -> None:
    assert first(text)["modality"] == modality


def test_the_speakers_nationality_is_not_the_forces_side() -> None:
    text = "U.S. President Joe Biden said NATO would deploy 40,000 troops to its eastern flank."
    assert first(text)["side"] == "NATO"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a possessive title set off by commas before the name
        (
            "Hungary's defence minister, Kristof Szalay, said 800 soldiers would join the drill.",
            "Hungarian defence minister Kristof Szalay",
        ),
        # the name first, then its title in an appositive
        (
            "Ivo Markov, the Bulgarian army chief, said 1,200 troops were on alert.",
            "Bulgarian army chief Ivo Markov",
        ),
        # a headline that names its source at the end, after a dash or a colon
        ("Serbia moves 2,000 troops to the boundary - Vucic", "Vucic"),
        ("Army to add 40 tanks this year: Kallas", "Kallas"),
        # a closing quote opened in an earlier sentence does not hide the attribution
        (
            'The rest are reservists. In all we have 9,000 soldiers," Colonel Aho wrote.',
            "Colonel Aho",
        ),
        # a parenthetical after the name before the verb
        (
            "Some 300 tanks were counted, Minister Jan Novak (ANO) told reporters.",
            "Minister Jan Novak",
        ),
        # "according to him" points back to the person named before
        (
            "General Piet Smit spoke in The Hague. According to him, 600 marines are ready.",
            "General Piet Smit",
        ),
    ],
)
def test_attribution_forms_of_unseen_outlets(text: str, claimant: str) -> None:
    assert first(text)["claimant"] == claimant


def test_united_states_is_not_a_reporting_verb() -> None:
    claim = first("Poland's army of 200,000 soldiers is second only to the United States.")
    assert claim["claimant"] == "Baltic Wire"
    assert claim["claimant_type"] == "unattributed"


def test_a_purchase_is_not_an_order_to_report() -> None:
    text = "The ministry is rebuilding. It has ordered 250 K2 tanks from abroad."
    assert first(text)["claimant"] == "Baltic Wire"


def test_possessive_country_names_of_two_words() -> None:
    claim = first("South Korea's spy agency said 1,500 troops had been sent.")
    assert claim["claimant"] == "South Korean National Intelligence Service"
    assert claim["claimant_type"] == "intelligence"


def test_nationless_officials_take_the_dateline_nationality() -> None:
    text = "WASHINGTON (AP) — About 2,000 soldiers go to Latvia, a senior defense official said."
    assert first(text, outlet="AP")["claimant"] == "senior US defense official"


def test_the_islands_ministry_is_the_articles_country() -> None:
    text = (
        "China sent 30 warships toward Taiwan. Taiwan has about 90 warships of its own, "
        "according to the island's defence ministry."
    )
    claims, _ = extract_text(text, "t", outlet="Wire", published="2024-05-01")
    assert claims[-1]["claimant"] == "Taiwanese Defense Ministry"


def test_an_anaphoric_agency_skips_a_person_named_in_between() -> None:
    text = (
        "The National Intelligence Service believes 5,000 soldiers were sent, Lee said. "
        "The agency also said 40 howitzers had been shipped."
    )
    claims, _ = extract_text(text, "t", outlet="Wire", published="2024-05-01")
    assert claims[-1]["claimant"] == "South Korean National Intelligence Service"
    assert claims[-1]["modality"] == "reported"  # the verb of its own sentence


def test_an_inverted_verb_needs_its_claimant_to_end_the_clause() -> None:
    text = "Colonel Ann Berg, the brigade commander, said the group had 300 soldiers in the field."
    assert first(text)["claimant"] == "brigade commander Colonel Ann Berg"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # the predicate after a list sets the modality of every item
        (
            "More than 50 ships, 30 aircraft and 8,000 sailors will take part, the navy said.",
            "planned",
        ),
        ("Drills to involve over 60 warships and 7,000 servicemen", "planned"),
        ("The government's goal is for the army to reach 250,000 soldiers.", "planned"),
        ("Norway is building a brigade of 3,000 soldiers in the north.", "planned"),
    ],
)
def test_future_forms(text: str, modality: str) -> None:
    claims, _ = extract_text(text, "t", outlet="Wire", published="2024-05-01")
    assert claims and {c["modality"] for c in claims} == {modality}


@pytest.mark.parametrize(
    ("text", "claimant", "claimant_type"),
    [
        (
            "The force has 90 tanks, according to the Georgian defence ministry.",
            "Georgian Defense Ministry",
            "government",
        ),
        (
            "Norway's defence white paper says the navy has 40 ships.",
            "Norwegian Defense Ministry",
            "government",
        ),
        (
            "The plan covers 30 warships, NATO's Maritime Commander, Vice Admiral Ole Berg, said.",
            "NATO's Maritime Commander Vice Admiral Ole Berg",
            "official_person",
        ),
    ],
)
def test_unlisted_ministries_and_titled_people(
    text: str, claimant: str, claimant_type: str
) -> None:
    claim = first(text)
    assert (claim["claimant"], claim["claimant_type"]) == (claimant, claimant_type)


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("The US believes that Russia has 150,000 troops near the border.", "US government"),
        ("Satellite images showed 900 tanks at the site, one official said.", "official"),
        (
            "The figure is lower than what some Western officials, who have spoken of 80,000 "
            "troops, suggested.",
            "Western officials",
        ),
        (
            "It is higher than the figure the Latvian Defense Ministry gave last month, when it "
            "said 2,000 troops were massed.",
            "Latvian Defense Ministry",
        ),
        (
            "Riga has seen the plan, according to a U.S. intelligence assessment. The assessment "
            "says Moscow intends to move 50 battalion tactical groups.",
            "US intelligence",
        ),
    ],
)
def test_claimants_named_in_other_clauses(text: str, claimant: str) -> None:
    assert first(text)["claimant"] == claimant


def test_states_is_a_verb_only_before_what_is_stated() -> None:
    claim = first("Battlegroups in the Baltic states number more than 10,000 troops.")
    assert claim["claimant_type"] == "unattributed"
    claim = first("The Latvian Defense Ministry states that 4,000 troops are ready.")
    assert claim["claimant"] == "Latvian Defense Ministry"


def test_a_monitor_that_detects_is_the_claimant() -> None:
    assert first("MND tracks 71 PLA aircraft near the island")["claimant"] == (
        "Taiwanese Defense Ministry"
    )
