"""The document pass: document date, dates an undated article states, the outlet as claimant,
speakers across sentences (issue 11). Invented sentences; the real examples are in
tests/dev/real_a."""

from __future__ import annotations

import pytest

from forcerecon.extract import extract_text
from forcerecon.extract.claimants import outlet_claimant
from forcerecon.extract.docdate import StatedDates, header_date


def _claims(text: str, outlet: str | None = "Wire", published: str | None = None) -> list[dict]:
    return extract_text(text, "doc", outlet=outlet, published=published)[0]


def test_outlet_gloss_is_not_part_of_the_claimant() -> None:
    assert outlet_claimant("Harbour Post (regional daily; via AP)") == "Harbour Post"
    assert outlet_claimant("KXYZ (Zenith wire)") == "Zenith"
    assert outlet_claimant("Plain Outlet") == "Plain Outlet"
    assert outlet_claimant(None) == "unknown outlet"
    text = "Some 4,000 troops arrived at the base."
    claim = _claims(text, outlet="Daily Lantern (lantern.zz)")[0]
    assert (claim["claimant"], claim["claimant_type"]) == ("Daily Lantern", "unattributed")


def test_header_date_dates_an_article_without_a_published_date() -> None:
    assert header_date(" date 2031-10 Troops gather\n") == "2031-10"
    assert header_date("Published: 2031-10-21\nText") == "2031-10-21"
    assert header_date("The date 2031-10 is in the text, not a header") is None
    text = " date 2031-10 Troops gather\n\nSome 4,000 troops arrived at the base."
    claim = _claims(text, None)[0]
    assert claim["as_of"] == "2031-10"


def test_a_date_without_a_year_and_no_document_date_is_undated() -> None:
    """Never the system clock: "on Sept. 21" with nothing that gives the year."""
    claim = _claims("On Sept. 21, some 4,000 troops arrived at the base.")[0]
    assert claim["as_of"] is None
    assert claim["subject"].endswith("undated")


def test_a_year_less_date_is_read_against_a_month_only_document_date() -> None:
    text = " date 2031-10 Base\n\nOn October 15, some 4,000 troops arrived at the base."
    assert _claims(text, None)[0]["as_of"] == "2031-10-15"


def test_undated_article_takes_the_latest_stated_date_before_the_figure() -> None:
    text = (
        "The exercise of March 2030 was small.\n"
        "The build-up seen in November 2031 continued.\n"
        "Satellite images show some 4,000 troops at the base.\n"
    )
    assert _claims(text)[0]["as_of"] == "2031-11"
    stated = StatedDates.of(text)
    assert stated.before(0) is None
    assert stated.before(len(text)) == "2031-11"


def test_stated_date_after_the_figure_does_not_date_it() -> None:
    text = "Some 4,000 troops are at the base.\nThe next drill is set for May 2032."
    assert _claims(text)[0]["as_of"] is None


def test_a_document_past_its_time_budget_becomes_a_reject_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The deadline is cooperative: checked in the sentence and document loops."""
    import pandas as pd

    from forcerecon.extract import budget, extract_documents
    from forcerecon.ids import content_hash
    from forcerecon.records import DOCUMENT_COLUMNS

    monkeypatch.setattr(budget, "FLOOR_SECONDS", -1.0)  # any document is already late
    text = "Some 4,000 troops arrived at the base.\n" * 50
    row = {c: None for c in DOCUMENT_COLUMNS}
    row.update(
        doc_id="slow", content_hash=content_hash(text), source="in/slow.txt", text=text,
        n_chars=len(text), format="txt",
    )  # fmt: skip
    ok = dict(row, doc_id="fine", source="in/fine.txt")
    monkeypatch.setenv("FORCERECON_EXTRACT_SECONDS_PER_MB", "0.000001")
    out = extract_documents(pd.DataFrame([row], columns=DOCUMENT_COLUMNS))
    assert out.claims.empty
    (reject,) = out.rejects.to_dict("records")
    assert reject["stage"] == "extract" and reject["doc_id"] == "slow"
    assert "ExtractionTimeout" in reject["message"] and "document slow" in reject["message"]
    monkeypatch.setenv("FORCERECON_EXTRACT_SECONDS_PER_MB", "0")  # 0 = no budget
    out = extract_documents(pd.DataFrame([ok], columns=DOCUMENT_COLUMNS))
    assert out.rejects.empty and len(out.claims) == 50


def test_deadline_budget_grows_with_the_document() -> None:
    from forcerecon.extract.budget import FLOOR_SECONDS, Deadline

    assert Deadline.for_text("x" * 2_000_000, "d", 30).seconds == FLOOR_SECONDS + 60
    assert Deadline.for_text("x", "d", 0).seconds is None


# ----------------------------------------------------------------------------- speakers


def test_according_to_inside_a_quote_is_the_speakers_and_the_speaker_claims() -> None:
    text = "“According to our data, there are 4,000 troops there,” Ivan Petrenko said."
    claim = _claims(text)[0]
    assert claim["claimant"] == "Ivan Petrenko"


def test_claims_by_x_that() -> None:
    text = "Analysts doubt recent claims by General Tomas Varga that as many as 6,000 troops left."
    assert _claims(text)[0]["claimant"] == "General Tomas Varga"


def test_next_sentence_hands_the_statement_back() -> None:
    text = (
        "Ruritania will move up to 7,000 personnel to the border.\n\n"
        "The spokesman of the Ruritanian army Karel Dvorak announced this on Monday.\n"
    )
    assert _claims(text)[0]["claimant"].endswith("Karel Dvorak")
    text = (
        "Ruritania will move up to 7,000 personnel to the border.\n\n"
        "This was reported by the Institute for Border Studies (IBS).\n"
    )
    assert _claims(text)[0]["claimant"] == "Institute for Border Studies"


def test_a_question_line_does_not_hand_back_a_later_subject() -> None:
    text = "Ruritania sent 800 more troops.\n\nWill it attack?\n\nMoscow has said it has no plans."
    assert _claims(text)[0]["claimant_type"] == "unattributed"


def test_title_back_reference_takes_the_last_person_with_that_title() -> None:
    text = (
        "About 5,000 troops will take part, chief of the Ruritanian staff Karel Dvorak said.\n"
        "“About 5,000 troops will take part in the drills,” the chief of the Ruritanian staff "
        "informed.\n"
    )
    claims = _claims(text)
    assert [c["claimant"] for c in claims] == [claims[0]["claimant"]] * 2
    assert claims[0]["claimant"].endswith("Karel Dvorak")


def test_headline_takes_the_source_the_body_gives_for_the_same_figure() -> None:
    """SCHEME.md: a headline or subhead takes the source the body gives."""
    text = (
        "Ruritania to send 7,000 troops to the border\n"
        "Ruritania will send 7,000 troops to the border, General Karel Dvorak said.\n"
    )
    claims = _claims(text)
    assert len(claims) == 2
    assert claims[0]["claimant"] == claims[1]["claimant"] == "General Karel Dvorak"


# ----------------------------------------------------------------------------- events


def test_an_exercise_announced_months_ahead_takes_its_figures_and_date() -> None:
    text = (
        "Zapad-2025 will be held in September.\n"
        "In total, up to 9,000 troops and 60 tanks will take part in the exercise.\n"
    )
    claims = _claims(text, published="2025-04-02")
    assert {c["event"] for c in claims} == {"Zapad 2025"}
    assert {c["as_of"] for c in claims} == {"2025-09"}


def test_an_exercise_too_far_ahead_is_not_attached() -> None:
    text = "Zapad-2025 will be held in September.\nSome 9,000 troops are in the region.\n"
    assert _claims(text, published="2024-06-02")[0]["event"] is None


def test_a_standing_formation_keeps_the_articles_date_and_its_sides() -> None:
    """events.csv rows without an end are standing formations, not dated exercises."""
    text = "Russia sent 3,000 troops to Belarus as part of the joint military force."
    claim = _claims(text, published="2022-11-02")[0]
    assert claim["event"] == "Regional Grouping 2022"
    assert claim["as_of"] == "2022-11"
    assert claim["side"] == "Russia"


def test_estimated_by_x_and_citing_x_name_the_source() -> None:
    text = "Ruritanian troops in the valley, estimated by the League to number 7,000, stayed."
    claim = _claims(text)[0]
    assert (claim["claimant"], claim["modality"]) == ("League", "estimated")
    text = "Citing the Harbour Post, Ruritania sent two battalions to the border."
    assert _claims(text)[0]["claimant"] == "Harbour Post"


def test_the_next_sentence_of_the_paragraph_closing_with_its_speaker() -> None:
    text = (
        "The drills will involve up to 300 items of military hardware. Four ranges will be "
        "used, Dvorak specified.\n"
    )
    assert _claims(text)[0]["claimant"] == "Dvorak"


def test_a_source_named_in_quotes_after_what_it_is() -> None:
    text = 'The monitoring group "Border Watch" reported that 12 tanks crossed the river.'
    assert _claims(text)[0]["claimant"] == "Border Watch"


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania has 4,000 troops in the valley: Report",
        "Most estimates have put the force at 4,000 troops.",
    ],
)
def test_headline_tags_and_quantifiers_are_not_claimants(text: str) -> None:
    assert _claims(text)[0]["claimant_type"] == "unattributed"


def test_a_dateline_is_not_a_claimant_but_gives_officials_their_nationality() -> None:
    claim = _claims("MOSCOW: 4,000 troops were moved to the border, officials said.")[0]
    assert claim["claimant"] != "MOSCOW" and claim["claimant"].startswith("Russian")


def test_name_comma_title_without_article_comma_said() -> None:
    text = "Karel Dvorak, head of the Ruritanian Border Service, said 4,000 troops were moved."
    assert _claims(text)[0]["claimant"] == "Karel Dvorak"


def test_x_told_y_that_takes_the_teller() -> None:
    text = "Karel Dvorak told the Ruritanian parliament that 4,000 troops were moved."
    assert _claims(text)[0]["claimant"] == "Karel Dvorak"


# ----------------------------------------------------------------------------- modality


def _modalities(text: str) -> list[tuple[str, str]]:
    return [(c["figure_text"], c["modality"]) for c in _claims(text, published="2031-05-01")]


def test_planes_are_not_plans() -> None:
    assert _modalities("The drills involve 80 planes and 290 tanks, it says.") == [
        ("80", "reported"),
        ("290", "reported"),
    ]


def test_intelligence_in_a_name_is_not_an_estimate_but_an_assessment_is() -> None:
    text = "According to the Main Directorate of Intelligence, six battalions are near the border."
    assert _modalities(text) == [("six", "reported")]
    text = "According to intelligence assessments, six battalions are near the border."
    assert _modalities(text) == [("six", "estimated")]


def test_the_predicate_after_a_list_with_a_breakdown_sets_every_items_modality() -> None:
    text = (
        "Almost 9,000 servicemen, including about 1,500 Ruritanian soldiers and up to 40 "
        "marines, will be involved in the drills."
    )
    assert {m for _, m in _modalities(text)} == {"planned"}


def test_the_predicate_after_a_subject_tail_sets_the_modality() -> None:
    text = "Up to 40 marines of the League forces, including divers, will also be involved."
    assert _modalities(text) == [("Up to 40", "planned")]
    text = "Up to 40 marines of the League forces, who were there, said nothing."
    assert _modalities(text) == [("Up to 40", "reported")]


def test_a_joint_exercise_total_without_a_place_is_held_in_its_sides_countries() -> None:
    text = "In total, up to 9,000 troops and 60 tanks will take part in Zapad-2025."
    claims = _claims(text, published="2025-09-01")
    assert {c["location"] for c in claims} == {"Russia and Belarus"}
    assert {c["location_key"] for c in claims} == {"RussiaBelarus"}


def test_a_multi_sentence_quote_closed_with_a_straight_mark_finds_its_speaker() -> None:
    text = (
        "The ministry spoke on Monday.\n"
        "“Our army has about 60 thousand soldiers. This is the basis. We are training the "
        'boys," said Karel Dvorak.\n'
    )
    assert _claims(text)[0]["claimant"] == "Karel Dvorak"


def test_a_figure_announced_before_a_dated_exercise_holds_for_the_exercise() -> None:
    text = "MINSK, August 5. About 9,000 troops will participate in the Zapad-2025 drills."
    claim = _claims(text, published="2025-08-05")[0]
    assert (claim["event"], claim["as_of"]) == ("Zapad 2025", "2025-09")


def test_a_titles_object_is_not_the_speaker() -> None:
    claim = _claims("The Ruritanian envoy to the OSCE said 4,000 troops were moved.")[0]
    assert (claim["claimant"], claim["claimant_type"]) == (
        "Ruritanian envoy to the OSCE",
        "official_person",
    )
