"""Undated figures never make a conflict; "agree" needs two independent claimants; a conflict
subject's headline is the disputed range (literal record sets, one per rule)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from test_reconcile_fixtures import claim, document, load_rows, new_warehouse, settings_for

from forcerecon.warehouse.models import build_models, run_checks


def _build(tmp_path: Path, documents: list[dict], claims: list[dict]) -> Path:
    s = settings_for(tmp_path, None)
    db = new_warehouse(s.db_path)
    load_rows(db, documents, claims, None)
    build_models(db, s)
    assert all(n == 0 for n in run_checks(db).values()), run_checks(db)
    return db


def _sql(db: Path, query: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).df()


def test_undated_figures_are_listed_beside_dated_subjects_never_in_conflict(
    tmp_path: Path,
) -> None:
    a = document("a", "Reuters", None)
    b = document("b", "AP", None)
    c = document("c", "BBC", "2022-02-04")
    claims = [
        claim(a, 1, "7,000", low=7000, high=7000, claimant="Pentagon", period=None),
        claim(b, 1, "190,000", low=190000, high=190000, claimant="NATO", period=None),
        claim(c, 1, "30,000", low=30000, high=30000, claimant="NATO"),
    ]
    db = _build(tmp_path, [a, b, c], claims)
    assert _sql(db, "SELECT count(*) AS n FROM conflicting_pairs")["n"].item() == 0
    summary = _sql(db, "SELECT subject, status, rule FROM subject_summary ORDER BY subject")
    assert summary.values.tolist() == [
        ["RU-personnel-Belarus-2022-02", "single_source", "one_claim"],
        ["RU-personnel-Belarus-undated", "undated", "undated_not_compared"],
    ]
    links = _sql(db, "SELECT undated_subject, dated_subject, undated_claims FROM undated_subjects")
    assert links.values.tolist() == [
        ["RU-personnel-Belarus-undated", "RU-personnel-Belarus-2022-02", 2]
    ]


def test_one_source_repeated_is_single_source_not_agree(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "AP", "2022-02-05")
    c = document("c", "BBC", "2022-02-06")
    one = [
        claim(a, 1, "30,000", low=30000, high=30000, claimant="NATO"),
        claim(
            b, 1, "about 30,000", low=30000, high=30000, qualifier="approximate", claimant="NATO"
        ),
    ]
    db = _build(tmp_path, [a, b], one)
    row = _sql(db, "SELECT status, rule, n_independent FROM subject_summary").iloc[0]
    assert (row["status"], row["rule"], row["n_independent"]) == (
        "single_source",
        "one_source_repeated",
        1,
    )
    two = [
        *one,
        claim(c, 1, "31,000", low=31000, high=31000, claimant="Pentagon", qualifier="approximate"),
    ]
    (tmp_path / "two").mkdir()
    db = _build(tmp_path / "two", [a, b, c], two)
    row = _sql(db, "SELECT status, rule, n_independent FROM subject_summary").iloc[0]
    assert (row["status"], row["rule"], row["n_independent"]) == (
        "agree",
        "independent_overlap",
        2,
    )


def test_a_conflict_headline_is_the_disputed_range(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "AP", "2022-02-05")
    claims = [
        claim(
            a,
            1,
            "9,000",
            low=9000,
            high=9000,
            claimant="Ukrainian government",
            claimant_type="government",
        ),
        claim(b, 1, "30,000", low=30000, high=30000, claimant="NATO", modality="estimated"),
    ]
    db = _build(tmp_path, [a, b], claims)
    row = _sql(db, "SELECT * FROM subject_summary").iloc[0]
    assert row["status"] == "conflict"
    assert (row["low"], row["high"], row["estimate_rule"]) == (9000, 30000, "disputed_range")


def test_a_junk_claimant_is_reported_and_never_makes_a_conflict(tmp_path: Path) -> None:
    a = document("a", "AP", "2022-02-03", text="MOSCOW (AP) - Some 9,000 troops arrived.")
    b = document("b", "Report", "2022-02-04", text="Report: 30,000 troops, NATO says.")
    claims = [
        claim(a, 19, "9,000", low=9000, high=9000, claimant="MOSCOW", claimant_type="media"),
        claim(b, 8, "30,000", low=30000, high=30000, claimant="NATO"),
        claim(
            b, 8 + 100, "60,000", low=60000, high=60000, claimant="Report", claimant_type="media"
        ),
    ]
    s = settings_for(tmp_path, None)
    db = new_warehouse(s.db_path)
    load_rows(db, [a, b], claims, None)
    build_models(db, s)
    assert _sql(db, "SELECT count(*) AS n FROM conflicting_pairs")["n"].item() == 0
    assert run_checks(db)["junk_claimants"] == 2
