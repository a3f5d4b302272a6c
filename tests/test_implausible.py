"""Implausible figures are rejects with a reason at validation, and a GX expectation bounds
every stored figure (issue 15)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from forcerecon import quality
from forcerecon.extract import extract_documents
from forcerecon.extract.pipeline import extract_text
from forcerecon.ids import content_hash
from forcerecon.schemas import validate_claims, validate_documents
from forcerecon.schemas.bounds import FIGURE_BOUNDS, MAX_FIGURE
from forcerecon.settings import Settings
from forcerecon.warehouse.load import load_run

from synthetic import synthetic_rows

BAD = {
    "99999999999999999999 troops": 1e20,
    "9" * 400 + " troops": math.inf,
    "10^400 tanks": math.inf,
    "1.5 quadrillion troops": 1.5e15,
    "2 trillion tanks": 2e12,
}


@pytest.mark.parametrize(("figure", "value"), list(BAD.items()))
def test_powers_and_big_scales_are_read_whole(figure: str, value: float) -> None:
    claims, _ = extract_text(f"Officials said {figure} were there.", "d", published="2022-02-10")
    assert [c["high"] for c in claims] == [value]
    assert claims[0]["figure_text"] == figure.rsplit(" ", 1)[0]


def test_small_powers_are_ordinary_figures() -> None:
    claims, _ = extract_text("Officials said 10^3 tanks were there.", "d")
    assert (claims[0]["figure_text"], claims[0]["high"]) == ("10^3", 1000)


def _documents(text: str) -> pd.DataFrame:
    row = {
        "doc_id": "big", "content_hash": content_hash(text), "source": "big.txt", "format": "txt",
        "text": text, "n_chars": len(text), "outlet": "Wire", "url": None,
        "published": "2022-02-10", "title": None, "author": None, "outlet_inferred": False,
        "published_inferred": False,
    }  # fmt: skip
    documents, rejects = validate_documents(pd.DataFrame([row]), "r")
    assert rejects.empty
    return documents


def test_implausible_figures_are_rejects_with_a_reason_and_the_good_ones_stay() -> None:
    text = " ".join(f"NATO said {figure} arrived." for figure in BAD) + " Also 170 tanks came."
    documents = _documents(text)
    claims, rejects = validate_claims(extract_documents(documents).claims, documents, "r")
    assert claims["figure_text"].tolist() == ["170"]
    assert len(rejects) == len(BAD)
    assert set(rejects["check"]) == {"figure_is_plausible"}
    assert all("implausible figure" in m for m in rejects["message"])
    assert any("high=inf" in v and "category=tanks" in v for v in rejects["value"])


def test_every_category_has_a_bound_and_the_largest_bounds_the_gx_suite(repo: Path) -> None:
    from forcerecon.records import CATEGORIES

    assert set(FIGURE_BOUNDS) == set(CATEGORIES)
    suite = json.loads(
        (repo / "forcerecon" / "gx" / "expectations" / "claims.json").read_text("utf-8")
    )
    bounded = {
        e["kwargs"]["column"]: e["kwargs"].get("max_value")
        for e in suite["expectations"]
        if e["type"] == "expect_column_values_to_be_between"
    }
    assert bounded["low"] == bounded["high"] == MAX_FIGURE


def test_gx_fails_an_infinite_or_huge_stored_figure(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    documents, claims = synthetic_rows(3, 2, variant="g", doc_prefix="g")
    load_run(db, {"run_id": "g"}, documents, claims, None, None)
    settings = Settings(db_path=db, reports_dir=tmp_path / "out", gx_on_failure="warn")

    def failed_columns() -> set[tuple[str, str]]:
        result = quality.run_checkpoint(db, settings, "q")
        rows = result.results[~result.results["success"]]
        rows = rows[rows["expectation"] == "expect_column_values_to_be_between"]
        return set(zip(rows["suite"], rows["column"], strict=True))

    assert ("claims", "high") not in failed_columns()
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE claims SET high = 'inf'::DOUBLE, low = 1e20 WHERE claim_no = 1")
    assert {("claims", "high"), ("claims", "low")} <= failed_columns()
