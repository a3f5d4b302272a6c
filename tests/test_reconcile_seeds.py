"""The seeds reconcile as ../shared/gold/seeds_subjects.md describes.

The claims are built from the gold CSV and the manifest (not extracted), so these tests check
reconciliation alone. The ready queries of docs/reconciliation.md run against the same warehouse.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_reconcile_fixtures import load_rows, new_warehouse, seed_rows, settings_for

from forcerecon.warehouse.models import build_models, check_violations

LOCATIONS = """alias,location_key,parent_key
Belarus,Belarus,UkraineBorder
southern border of Belarus,BelarusSouth,Belarus
around Ukraine,UkraineBorder,
"""

MULTI_ROW_SUBJECTS = {
    "RU-personnel-Belarus-2022-02": 30000,
    "RU-air_defense-Belarus-2022-02": 2,
    "RU-aircraft-Belarus-2022-02": 12,
    "RU+BY-facilities.ranges-Belarus-2022-02": 5,
    "RU+BY-facilities.airfields-Belarus-2022-02": 4,
    "RU-personnel-Belarus-2022-10": 9000,
}


@pytest.fixture(scope="module")
def seeds_db(
    tmp_path_factory: pytest.TempPathFactory, gold_csv: Path, seeds_dir: Path
) -> tuple[Path, dict[str, int]]:
    tmp = tmp_path_factory.mktemp("seeds")
    settings = settings_for(tmp, LOCATIONS)
    db = new_warehouse(settings.db_path)
    documents, claims = seed_rows(gold_csv, seeds_dir)
    load_rows(db, documents, claims)
    return db, build_models(db, settings)


def _sql(db: Path, query: str, params: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params or []).df()


def test_every_gold_subject_is_a_subject(seeds_db: tuple[Path, dict[str, int]]) -> None:
    db, counts = seeds_db
    assert counts["claim_reconciliation"] == 21
    assert counts["subject_summary"] == 13
    got = _sql(db, "SELECT claim_id, subject, extracted_subject FROM subject_claims")
    assert (got["subject"] == got["extracted_subject"]).all()


def test_multi_row_subjects_agree_on_the_gold_figure(
    seeds_db: tuple[Path, dict[str, int]],
) -> None:
    db, _ = seeds_db
    summary = _sql(db, "SELECT * FROM subject_summary").set_index("subject")
    for subject, figure in MULTI_ROW_SUBJECTS.items():
        row = summary.loc[subject]
        # "agree" needs two independent claimants; one source repeated stays single-source
        expected = (
            ("agree", "independent_overlap")
            if row["n_independent"] >= 2
            else (
                "single_source",
                "one_source_repeated",
            )
        )
        assert (row["status"], row["rule"]) == expected, subject
        assert row["best"] == figure, subject
        assert row["n_claims"] >= 2
    nato = summary.loc["RU-personnel-Belarus-2022-02"]
    assert (nato["status"], nato["n_independent"]) == ("single_source", 1)
    assert set(summary["status"]) <= {"agree", "single_source", "scope"}
    assert not (summary["status"] == "conflict").any()
    assert _sql(db, "SELECT count(*) AS n FROM conflicts")["n"][0] == 0


def test_nato_30000_is_one_echo_chain_with_one_independent_claimant(
    seeds_db: tuple[Path, dict[str, int]],
) -> None:
    db, _ = seeds_db
    subject = "RU-personnel-Belarus-2022-02"
    summary = _sql(db, "SELECT * FROM subject_summary WHERE subject = ?", [subject])
    assert summary["n_claims"][0] == 4
    assert summary["n_independent"][0] == 1
    assert summary["rule"][0] == "one_source_repeated"
    chain = _sql(db, "SELECT * FROM echo_chains WHERE subject = ? ORDER BY echo_depth", [subject])
    assert len(chain) == 4
    assert set(chain["root_claimant"]) == {"NATO"}
    root = chain[chain["echo_depth"] == 0].iloc[0]
    assert root["root_claimant_name"] == "NATO Secretary-General Jens Stoltenberg"
    assert root["root_outlet"] == "Washington Insider Magazine"
    assert root["figure_text"] == "an estimated 30,000"
    echoes = chain[chain["echo_depth"] > 0]
    assert set(echoes["figure_text"]) == {"About 30,000", "around 30,000", "as many as 30,000"}
    estimates = _sql(db, "SELECT * FROM subject_estimates WHERE subject = ?", [subject])
    assert estimates["chosen"].sum() == 1
    assert set(estimates.loc[~estimates["chosen"], "rule"]) == {"echo"}


def test_different_periods_and_scopes_are_not_reconciled_together(
    seeds_db: tuple[Path, dict[str, int]],
) -> None:
    db, _ = seeds_db
    claims = _sql(db, "SELECT subject, figure_text FROM subject_claims")
    subject_of = dict(zip(claims["figure_text"], claims["subject"], strict=False))
    assert subject_of["175,000"] != subject_of["140,000"]
    scope = _sql(db, "SELECT * FROM subject_scope")
    linked = set(zip(scope["part_subject"], scope["whole_subject"], strict=True))
    assert (subject_of["175,000"], subject_of["140,000"]) not in linked
    assert (subject_of["140,000"], subject_of["175,000"]) not in linked
    # 30,000 in Belarus lies within 140,000 around Ukraine: a part, not a conflict
    assert ("RU-personnel-Belarus-2022-02", "RU-personnel-UkraineBorder-2022-02") in linked
    # Feb 2022 airfields and Oct 2022 camps count different things
    assert not any("camps" in p and "airfields" in w for p, w in linked)


def test_up_to_9000_from_minsk_is_echoed_in_the_same_article(
    seeds_db: tuple[Path, dict[str, int]],
) -> None:
    db, _ = seeds_db
    rows = _sql(
        db,
        "SELECT claimant, is_echo, echo_rule FROM subject_claims "
        "WHERE subject = 'RU-personnel-Belarus-2022-10' ORDER BY seq",
    )
    assert rows["claimant"].tolist() == ["Belarusian government", "Globe Live Media"]
    assert rows["is_echo"].tolist() == [False, True]
    assert rows["echo_rule"].isna().tolist() == [True, False]
    assert rows["echo_rule"][1] == "unattributed_repeat"


def test_data_checks_find_nothing_on_the_seeds(seeds_db: tuple[Path, dict[str, int]]) -> None:
    db, _ = seeds_db
    with duckdb.connect(str(db), read_only=True) as con:
        violations = check_violations(con)
    assert len(violations) >= 5
    assert {name: len(rows) for name, rows in violations.items() if len(rows)} == {}


def _doc_queries(repo: Path) -> list[str]:
    text = (repo / "docs" / "reconciliation.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)


def test_ready_queries_in_the_docs_run_on_the_seeds(
    seeds_db: tuple[Path, dict[str, int]], repo: Path
) -> None:
    db, _ = seeds_db
    queries = _doc_queries(repo)
    assert len(queries) >= 5
    results = [_sql(db, q) for q in queries]
    side_by_side, estimates, nato, chains = results[1], results[2], results[3], results[4]
    assert len(side_by_side) == 4
    assert estimates["chosen"].sum() == 1
    assert {"RU-personnel-Belarus-2022-02"} <= set(nato["subject"])
    assert len(chains) == 6


def test_seeds_with_the_shipped_lexicons(tmp_path: Path, gold_csv: Path, seeds_dir: Path) -> None:
    """The project's own lexicons: officials count for their state or alliance."""
    from forcerecon.settings import LEXICON_DIR, Settings

    settings = Settings(db_path=tmp_path / "w.duckdb", lexicon_dir=LEXICON_DIR)
    db = new_warehouse(settings.db_path)
    documents, claims = seed_rows(gold_csv, seeds_dir)
    load_rows(db, documents, claims)
    build_models(db, settings)
    summary = _sql(db, "SELECT * FROM subject_summary").set_index("subject")
    for subject, figure in MULTI_ROW_SUBJECTS.items():
        want = "agree" if summary.loc[subject, "n_independent"] >= 2 else "single_source"
        assert summary.loc[subject, "status"] == want, subject
        assert summary.loc[subject, "best"] == figure, subject
    assert not (summary["status"] == "conflict").any()
    roots = _sql(
        db,
        "SELECT DISTINCT root_claimant FROM echo_chains "
        "WHERE subject = 'RU-personnel-Belarus-2022-02'",
    )
    assert roots["root_claimant"].tolist() == ["NATO"]
