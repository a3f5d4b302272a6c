"""Claimant and outlet pages: every figure a claimant asserted, its conflicts and echoes; what
an outlet published, whose figures it carries and what it echoes; the list pages; links from
subject pages; and hostile names staying text."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from report_sample import HOSTILE_CLAIMANT, write_sample_warehouse

from forcerecon.reports.actor_views import claimant_group
from forcerecon.reports.links import claimant_page, outlet_page, subject_page
from forcerecon.reports.render import render_report


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("actors")
    db = base / "w.duckdb"
    write_sample_warehouse(db, hostile=True)
    render_report(db, base / "out", {"run_id": "actors"})
    return base / "out"


def _dom(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_claimants_are_grouped_by_name_not_by_independence_key() -> None:
    # claimant_key groups one government's ministry and general staff for independence
    ministry = {"claimant": "Belarusian Defense Ministry", "claimant_key": "belarus"}
    staff = {"claimant": "Belarusian  General Staff ", "claimant_key": "belarus"}
    assert claimant_group(ministry) == "Belarusian Defense Ministry"
    assert claimant_group(staff) == "Belarusian General Staff"
    assert claimant_group({"claimant": None}) == ""


def test_claimant_page_lists_figures_conflicts_and_echoes(out: Path) -> None:
    nato = _dom(out / claimant_page("NATO"))
    assert nato.h1.get_text(strip=True) == "NATO"
    rows = nato.select("#figures-table tbody tr")
    assert len(rows) == 1 and "an estimated 30,000" in rows[0].get_text()
    facts = nato.select_one(".inline-facts").get_text(" ", strip=True)
    assert "type international_org" in facts
    assert "echoed by later claims 1" in facts  # The National Interest repeats its figure
    assert nato.select_one("p.downloads a[href$='.csv']") is not None

    ministry = _dom(out / claimant_page("Belarusian Defense Ministry"))
    pairs = ministry.select("#claimant-conflicts tbody tr")
    assert len(pairs) == 1
    cells = [td.get_text(strip=True) for td in pairs[0].select("td")]
    assert cells[:4] == ["RU-tanks-Belarus-2022-02", "170", "300", HOSTILE_CLAIMANT]
    # the other claimant's name is text, never an element; its link goes to its page
    link = pairs[0].select("td")[3].a
    assert link["href"] == f"../{claimant_page(HOSTILE_CLAIMANT)}"
    assert ministry.find("img") is None
    assert (out / claimant_page(HOSTILE_CLAIMANT)).is_file()


def test_outlet_page_shows_carried_claimants_and_echoes(out: Path) -> None:
    tni = _dom(out / outlet_page("The National Interest"))
    carried = tni.select_one("#carried + p").get_text(" ", strip=True)
    assert "The National Interest (1)" in carried and f"{HOSTILE_CLAIMANT} (1)" in carried
    echoes = tni.select("#outlet-echoes tbody tr")
    assert len(echoes) == 1
    cells = [td.get_text(strip=True) for td in echoes[0].select("td")]
    assert cells[0] == "as many as 30,000" and cells[3] == "NATO"
    assert cells[4] == "Washington Insider Magazine"
    assert len(tni.select("#figures-table tbody tr")) == 2


def test_list_pages_and_links_from_subject_pages(out: Path) -> None:
    claimants = _dom(out / "claimants.html")
    names = [a.get_text() for a in claimants.select("#actor-table tbody td.key a")]
    assert "NATO" in names and HOSTILE_CLAIMANT in names
    outlets = _dom(out / "outlets.html")
    assert len(outlets.select("#actor-table tbody tr")) == 3
    subject = _dom(out / subject_page("RU-tanks-Belarus-2022-02"))
    hrefs = {a["href"] for a in subject.select("#claims-table a")}
    assert f"../{claimant_page('Belarusian Defense Ministry')}" in hrefs
    assert f"../{outlet_page('The National Interest')}" in hrefs
    for href in hrefs - {h for h in hrefs if h.startswith(("http", "#"))}:
        assert (out / "subjects" / href.split("#")[0]).resolve().is_file(), href
