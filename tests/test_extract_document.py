"""The document pass: document date, dates an undated article states, the outlet as claimant,
speakers across sentences (issue 11). Invented sentences; the real examples are in
tests/dev/real_a."""

from __future__ import annotations

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
