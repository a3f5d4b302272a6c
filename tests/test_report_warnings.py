"""Warnings where the data is weak: undated and unattributed shares, claimants that look like
datelines or headline tags, on the index and the validation page."""

from __future__ import annotations

from pathlib import Path

import duckdb
from bs4 import BeautifulSoup
from report_sample import write_sample_warehouse

from forcerecon.reports.data_warnings import data_warnings, weak_claimant_reason
from forcerecon.reports.render import render_report


def test_datelines_and_headline_tags_are_named_real_sources_are_not() -> None:
    places = ["Kyiv", "Minsk"]
    assert weak_claimant_reason("KYIV", places) == "dateline (all-caps place)"
    assert weak_claimant_reason("MINSK (Reuters)", places) == "dateline (all-caps place)"
    assert (
        weak_claimant_reason("LVIV (AP)", places) == "dateline (all-caps word, then agency or dash)"
    )
    assert weak_claimant_reason("Report", places) == "headline tag"
    assert weak_claimant_reason("EXCLUSIVE:", places) == "headline tag"
    assert weak_claimant_reason("He", places) == "single common word"
    for source in (
        "NATO",
        "TASS",
        "ISW",
        "UK Ministry of Defence",
        "WHTC (Reuters wire)",
        "US officials",
        "Kyiv",
    ):
        assert weak_claimant_reason(source, places) is None, source


def test_shares_and_suspects() -> None:
    claims = [
        {"claimant": "KYIV", "as_of": None, "claimant_type": "other"},
        {"claimant": "NATO", "as_of": "2022-02", "claimant_type": "international_org"},
        {"claimant": "TASS", "as_of": "2022-02", "claimant_type": "unattributed"},
        {"claimant": None, "as_of": "", "claimant_type": None},
    ]
    weak = data_warnings(claims, places=["Kyiv"])
    assert (weak["undated"], weak["undated_share"]) == (2, "50%")
    assert (weak["unattributed"], weak["unattributed_share"]) == (2, "50%")
    assert [s["name"] for s in weak["suspects"]] == ["KYIV"]
    assert weak["weak"] is True


def test_index_and_validation_show_the_warnings(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE subject_claims SET claimant = 'Report' WHERE claimant = 'NATO'")
    render_report(db, tmp_path / "out")
    for page in ("index.html", "validation.html"):
        dom = BeautifulSoup((tmp_path / "out" / page).read_text(encoding="utf-8"), "html.parser")
        panel = dom.select_one("#data-warnings")
        assert panel is not None, page
        text = panel.get_text(" ", strip=True)
        assert "claims undated" in text and "unattributed" in text, page
        link = panel.find("a", string="Report")
        assert link is not None and (tmp_path / "out" / link["href"]).is_file(), page
