"""The validation page shows the Great Expectations suites and results offline and links each
suite's GX result JSON (written by forcerecon.quality, named by run); no page of the report,
the GX output included, refers to the network."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from report_sample import RUN_ID, write_sample_warehouse

from forcerecon.reports.render import render_report


def test_suites_and_their_gx_result_files(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    out = tmp_path / "out"
    results = out / "gx" / "runs" / RUN_ID
    results.mkdir(parents=True)
    (results / "claims.json").write_text(json.dumps({"success": False}), encoding="utf-8")
    render_report(db, out)
    page = BeautifulSoup((out / "validation.html").read_text(encoding="utf-8"), "html.parser")
    rows = page.select("#suite-table tbody tr")
    assert len(rows) == 1
    cells = [td.get_text(strip=True) for td in rows[0].select("td")]
    assert cells[:4] == ["claims", "2", "1", "1"]
    assert "fail" in rows[0]["class"]
    link = rows[0].select("td")[5].a["href"]
    assert link == f"gx/runs/{RUN_ID}/claims.json" and (out / link).is_file()
    assert RUN_ID in page.select_one("#suites").get_text()
    # the expectations themselves, failures first
    first = page.select("#quality-table tbody tr")[0]
    assert "expect_column_values_to_be_between" in first.get_text()


def test_no_gx_results_no_links_and_nothing_from_the_network(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    out = tmp_path / "out"
    render_report(db, out)
    page = BeautifulSoup((out / "validation.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select("#suite-table tbody tr td")[5].a is None
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "validation.html#suites" in index
    for path in out.rglob("*"):
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            # nothing loaded from elsewhere (links to the source articles are navigation)
            assert not re.search(r"""src=["']?(https?:)?//""", text), path
            assert not re.search(r"""<link[^>]+href=["']?(https?:)?//""", text), path
            assert not re.search(r"""url\(\s*["']?(https?:)?//""", text), path
