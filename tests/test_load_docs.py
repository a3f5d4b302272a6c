"""The README queries of docs/warehouse.md run against a warehouse loaded from the seeds' gold."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from forcerecon.warehouse.load import counts

from gold_rows import gold_rows, load_gold

TABLES = ("documents", "claims", "statements", "rejects", "runs", "quality_results")


@pytest.fixture(scope="module")
def gold_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, gold_csv: Path) -> Path:
    db = tmp_path_factory.mktemp("gold") / "forcerecon.duckdb"
    load_gold(db, seeds_dir, gold_csv)
    return db


def doc_queries(repo: Path) -> list[str]:
    text = (repo / "docs" / "warehouse.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)


def test_gold_rows_point_at_their_figures(seeds_dir: Path, gold_csv: Path) -> None:
    rows = gold_rows(seeds_dir, gold_csv)
    texts = dict(zip(rows.documents["content_hash"], rows.documents["text"], strict=True))
    for claim in rows.claims.itertuples(index=False):
        assert texts[claim.content_hash][claim.start : claim.end] == claim.figure_text
    assert len(rows.claims) == 21 and rows.claims["claim_id"].is_unique


def test_gold_warehouse_counts(gold_db: Path) -> None:
    assert counts(gold_db) == {"documents": 5, "claims": 21, "subjects": 13}


def test_the_three_documented_queries_run_and_return_what_the_doc_shows(
    repo: Path, gold_db: Path
) -> None:
    queries = doc_queries(repo)
    assert len(queries) == 3
    with duckdb.connect(str(gold_db), read_only=True) as con:
        results = [con.execute(q).fetchall() for q in queries]
    side_by_side, repeated, history = results
    assert [r[0] for r in side_by_side] == [
        "an estimated 30,000",
        "About 30,000",
        "around 30,000",
        "as many as 30,000",
    ]
    assert repeated[0][:3] == ("RU-personnel-Belarus-2022-02", 4, 2) and len(repeated) == 6
    assert [r[4] for r in history] == [
        "up to 9,000",
        "some 170",
        "up to 200",
        "up to 100",
        "up to 9,000",
        "four",
    ]


def test_the_table_list_names_every_column(repo: Path, tmp_path: Path) -> None:
    from forcerecon.warehouse.connection import open_warehouse

    doc = (repo / "docs" / "warehouse.md").read_text(encoding="utf-8")
    rows = {line.split("`")[1]: line for line in doc.splitlines() if line.startswith("| `")}
    con = open_warehouse(tmp_path / "w.duckdb")
    try:
        for table in (*TABLES, "schema_version"):
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            missing = [c for c in columns if f"`{c}`" not in rows[table]]
            assert not missing, f"docs/warehouse.md: table {table} does not list {missing}"
    finally:
        con.close()
