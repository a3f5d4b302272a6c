"""The conflict sample (docs/samples/conflicts/) shows a conflict after a run, with sources."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from forcerecon.flows.main import run_flow
from forcerecon.settings import Settings

pytestmark = pytest.mark.slow


def test_sample_articles_state_their_sources(repo: Path) -> None:
    lines = (repo / "docs/samples/conflicts/articles.jsonl").read_text("utf-8").splitlines()
    articles = [json.loads(line) for line in lines]
    assert len(articles) == 5
    for article in articles:
        assert article["url"].startswith("https://")
        assert article["outlet"] and article["published"] and len(article["text"]) > 500


def test_sample_run_shows_the_february_belarus_conflict(repo: Path, tmp_path: Path) -> None:
    settings = Settings(db_path=tmp_path / "w.duckdb", reports_dir=tmp_path / "out", quiet=True)
    summary = run_flow([str(repo / "docs/samples/conflicts/articles.jsonl")], settings)
    assert summary["status"] == "ok", summary["text"]
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        status = con.sql(
            "SELECT status FROM subject_summary WHERE subject = 'RU-personnel-Belarus-2022-02'"
        ).fetchall()
        pairs = con.sql(
            "SELECT value_low, value_high, outlet_low, outlet_high FROM conflicts "
            "WHERE subject = 'RU-personnel-Belarus-2022-02'"
        ).fetchall()
    assert status == [("conflict",)]
    values = {(low, high) for low, high, *_ in pairs}
    assert (9000, 30000) in values  # Ukraine's 9,000 (NV) against NATO's some 30,000 (dpa)
    assert all(outlet_low and outlet_high for *_, outlet_low, outlet_high in pairs)
