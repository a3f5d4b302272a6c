"""Record sets for the reconciliation tests: literal claims in a temporary DuckDB warehouse.

The helpers build rows with every column of the warehouse `claims` and `documents` tables
(records.CLAIM_COLUMNS / DOCUMENT_COLUMNS plus bookkeeping) so the tests do not depend on
extraction; the seed helpers turn the gold CSV into such rows. The tests at the bottom check
the helpers themselves.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from forcerecon.ids import content_hash, stable_id
from forcerecon.records import CLAIM_COLUMNS, DOCUMENT_COLUMNS, STATEMENT_COLUMNS
from forcerecon.settings import Settings

NOW = datetime(2026, 11, 21, 9, 0, 0)
_SUBJECT = re.compile(r"^([^-]+)-([^-]+)-(.+)-(\d{4}(?:-\d{2}){0,2}|undated)$")


def new_warehouse(path: Path) -> Path:
    """An empty warehouse with the storage layer's DDL applied."""
    from forcerecon.warehouse.connection import open_warehouse

    con = open_warehouse(path)
    con.close()
    return path


def settings_for(tmp_path: Path, locations: str | None = None, **changes: Any) -> Settings:
    """Settings whose lexicon folder holds only the given locations.csv text (or nothing)."""
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir(exist_ok=True)
    if locations is not None:
        (lexicons / "locations.csv").write_text(locations, encoding="utf-8")
    return Settings(db_path=tmp_path / "w.duckdb", lexicon_dir=lexicons, **changes)


def document(doc_id: str, outlet: str, published: str | None, text: str | None = None) -> dict:
    """One documents-table row."""
    text = text if text is not None else f"text of {doc_id}"
    row: dict[str, Any] = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update(
        doc_id=doc_id,
        content_hash=content_hash(text),
        source=f"{doc_id}.txt",
        format="txt",
        text=text,
        n_chars=len(text),
        outlet=outlet,
        url=f"https://example.org/{doc_id}",
        published=published,
        title=doc_id,
        outlet_inferred=False,
        published_inferred=False,
    )
    return row


def claim(doc: dict, start: int, figure_text: str, **fields: Any) -> dict:
    """One claims-table row in ``doc`` at ``start``; subject parts default to RU personnel."""
    row: dict[str, Any] = dict.fromkeys(CLAIM_COLUMNS)
    end = start + len(figure_text)
    row.update(
        claim_id=stable_id(doc["content_hash"], start, end),
        doc_id=doc["doc_id"],
        content_hash=doc["content_hash"],
        claim_no=1,
        figure_text=figure_text,
        qualifier="exact",
        category="personnel",
        side="Russia",
        side_code="RU",
        location="Belarus",
        location_key="Belarus",
        period="2022-02",
        modality="reported",
        claimant_type="official_person",
        sentence=f"... {figure_text} ...",
        start=start,
        end=end,
        extractor_version="test",
    )
    row.update(fields)
    if row["subject"] is None:
        sub = f".{row['subcategory']}" if row["subcategory"] else ""
        row["subject"] = (
            f"{row['side_code']}-{row['category']}{sub}-{row['location_key']}-{row['period']}"
        )
    return row


def statement(doc: dict, start: int, text: str, **fields: Any) -> dict:
    """One statements-table row (a statement without a figure)."""
    row: dict[str, Any] = dict.fromkeys(STATEMENT_COLUMNS)
    row.update(
        statement_id=stable_id("statement", doc["content_hash"], start),
        doc_id=doc["doc_id"],
        content_hash=doc["content_hash"],
        kind="undisclosed",
        text=text,
        start=start,
        end=start + len(text),
        sentence=text,
        category="personnel",
        side="Russia",
        side_code="RU",
        location="Belarus",
        location_key="Belarus",
        period="2022-02",
        claimant="Belarusian Defense Ministry",
        claimant_type="government",
        extractor_version="test",
    )
    row.update(fields)
    return row


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("_rows", frame)
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _rows")
    con.unregister("_rows")


def load_rows(
    db: Path,
    documents: list[dict],
    claims: list[dict],
    statements: list[dict] | None = None,
) -> None:
    """Insert the rows as current, with first_seen/last_seen/run_id filled in."""
    book = {"first_seen": NOW, "last_seen": NOW, "is_current": True, "run_id": "test"}
    con = duckdb.connect(str(db))
    try:
        docs = pd.DataFrame(documents, columns=DOCUMENT_COLUMNS).assign(
            extractor_version="test", **book
        )
        _insert(con, "documents", docs)
        if claims:
            frame = pd.DataFrame(claims, columns=CLAIM_COLUMNS)
            _insert(con, "claims", frame.assign(**book))
        if statements:
            frame = pd.DataFrame(statements, columns=STATEMENT_COLUMNS)
            _insert(con, "statements", frame.assign(**book))
    finally:
        con.close()


def split_subject(subject: str) -> dict[str, str | None]:
    """side_code, category, subcategory, location_key, period of a SCHEME subject key."""
    m = _SUBJECT.match(subject)
    if m is None:
        raise ValueError(f"not a subject key: {subject!r}")
    side, cat, location, period = m.groups()
    category, _, sub = cat.partition(".")
    return {
        "side_code": side,
        "category": category,
        "subcategory": sub or None,
        "location_key": location,
        "period": period,
    }


def seed_rows(gold_csv: Path, seeds_dir: Path) -> tuple[list[dict], list[dict]]:
    """Documents and claims of the seeds as a perfect extractor would produce them."""
    with (seeds_dir / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        manifest = {r["doc_id"]: r for r in csv.DictReader(fh)}
    documents = {}
    for doc_id, meta in manifest.items():
        text = (seeds_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        documents[doc_id] = document(doc_id, meta["outlet"], meta["published"] or None, text)
        documents[doc_id]["url"] = meta["url"]
    claims = []
    cursor: dict[str, int] = {}
    with gold_csv.open(encoding="utf-8", newline="") as fh:
        for g in csv.DictReader(fh):
            doc = documents[g["doc_id"]]
            start = doc["text"].find(g["figure_text"], cursor.get(g["doc_id"], 0))
            if start < 0:
                raise ValueError(f"{gold_csv}: {g['figure_text']!r} not in {g['doc_id']}")
            cursor[g["doc_id"]] = start + 1
            fields = {k: (v or None) for k, v in g.items() if k not in ("low", "high")}
            fields.update(split_subject(g["subject"]))
            fields["claim_no"] = int(g["claim_no"])
            fields["low"] = float(g["low"]) if g["low"] else None
            fields["high"] = float(g["high"]) if g["high"] else None
            fields.pop("figure_text")
            fields.pop("doc_id")
            claims.append(claim(doc, start, g["figure_text"], **fields))
    return list(documents.values()), claims


def test_seed_rows_point_into_their_documents(gold_csv: Path, seeds_dir: Path) -> None:
    documents, claims = seed_rows(gold_csv, seeds_dir)
    texts = {d["doc_id"]: d["text"] for d in documents}
    assert len(claims) == 21
    for c in claims:
        assert texts[c["doc_id"]][c["start"] : c["end"]] == c["figure_text"]
    assert len({c["claim_id"] for c in claims}) == 21


def test_split_subject_reads_subcategory_and_multiword_location() -> None:
    assert split_subject("RU+BY-facilities.ranges-Belarus-2022-02") == {
        "side_code": "RU+BY",
        "category": "facilities",
        "subcategory": "ranges",
        "location_key": "Belarus",
        "period": "2022-02",
    }
