"""The corpus timeline: independent figures of a side · category over publication date and
as-of date, ranges drawn as bars (never a midpoint), claimants coloured, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup
from report_sample import HOSTILE_CLAIMANT, write_sample_warehouse

from forcerecon.reports.corpus_timeline import chart, groups, timeline_context
from forcerecon.reports.render import render_report

CLAIMS = [
    {
        "claim_id": "a",
        "side_code": "RU",
        "category": "personnel",
        "claimant": "NATO",
        "figure_text": "30,000",
        "low": 30000.0,
        "high": 30000.0,
        "published": "2022-02-03",
        "as_of": "2022-02",
    },
    {
        "claim_id": "b",
        "side_code": "RU",
        "category": "personnel",
        "claimant": "<b>x</b>",
        "figure_text": "tens of thousands",
        "low": 20000.0,
        "high": 99999.0,
        "published": "2022-03-01",
        "as_of": None,
    },
    {
        "claim_id": "c",
        "side_code": "RU",
        "category": "personnel",
        "claimant": "TASS",
        "figure_text": "30,000",
        "low": 30000.0,
        "high": 30000.0,
        "published": "2022-03-02",
        "is_echo": True,
    },
    {
        "claim_id": "d",
        "side_code": "BY",
        "category": "tanks",
        "claimant": "MoD",
        "figure_text": "5",
        "low": 5.0,
        "high": 5.0,
        "published": "2022-01-01",
    },
]


def test_groups_leave_echoes_out_and_rank_by_figures() -> None:
    found = [(side, cat, [c["claim_id"] for c in rows]) for side, cat, rows in groups(CLAIMS)]
    assert found == [("RU", "personnel", ["a", "b"]), ("BY", "tanks", ["d"])]


def test_chart_draws_a_value_as_a_dot_and_a_range_as_a_bar() -> None:
    drawn = chart(CLAIMS[:2], "published")
    assert drawn is not None and drawn["n_drawn"] == 2
    svg = ET.fromstring(str(drawn["svg"]))
    marks = [g for g in svg.iter("{http://www.w3.org/2000/svg}g")]
    assert len(marks) == 2
    labels = [g.get("aria-label") for g in marks]
    assert "NATO · 30,000 (= 30,000)" in labels[0]
    assert "<b>x</b> · tens of thousands (20,000–99,999)" in labels[1]  # escaped, parsed back
    assert marks[0][0].tag.endswith("circle") and marks[1][0].tag.endswith("line")
    assert "59,999.5" not in str(drawn["svg"])
    by_as_of = chart(CLAIMS[:2], "as_of")
    assert by_as_of is not None and by_as_of["n_drawn"] == 1  # b has no as_of
    assert [name for name, _, _ in drawn["legend"]] == ["<b>x</b>", "NATO"]


def test_timeline_page(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db, hostile=True)
    render_report(db, tmp_path / "out")
    page = BeautifulSoup(
        (tmp_path / "out" / "timeline.html").read_text(encoding="utf-8"), "html.parser"
    )
    options = [o["value"] for o in page.select("select[data-timeline=group] option")]
    assert options and all("|" in v for v in options)
    sections = page.select("section.timeline")
    assert {s["data-by"] for s in sections} <= {"published", "as_of"}
    assert page.find("script", string=True) is None
    marks = page.select("section.timeline g[role=graphics-symbol]")
    assert any(HOSTILE_CLAIMANT in g["aria-label"] for g in marks)
    assert page.find("img") is None
    assert timeline_context([])["entries"] == []
