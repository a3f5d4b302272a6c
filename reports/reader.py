"""Read what the report shows from the warehouse: one read-only DuckDB connection, SQL from files.

This is the only module of ``reports`` that talks to the database. Every query lives in
``reports/queries/<name>.sql`` and returns rows in a fixed order, so the same warehouse always
gives the same rows in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from forcerecon.warehouse.connection import connect

from .exports import write_corpus_exports

QUERY_DIR = Path(__file__).resolve().parent / "queries"

#: Rows fetched from DuckDB at a time.
_BATCH_ROWS = 10_000

Row = dict[str, Any]

#: Relations the report cannot do without, and the queries that read them.
REQUIRED: dict[str, tuple[str, ...]] = {
    "subjects": ("subject_summary",),
    "subject_claims": ("subject_claims",),
    "documents": ("documents",),
    "document_claims": ("claims", "subject_claims"),
}

#: Relations the report shows when present; when absent the page says so instead.
OPTIONAL: dict[str, tuple[str, ...]] = {
    "subject_statements": ("subject_statements", "statements", "documents"),
    "document_statements": ("statements", "subject_statements"),
    "rejects": ("rejects",),
    "quality_results": ("quality_results",),
    "runs": ("runs",),
    "subject_estimates": ("subject_estimates",),
    "subject_scope": ("subject_scope",),
    "conflicts": ("conflicts",),
    "echo_chains": ("echo_chains",),
}


class ReportError(RuntimeError):
    """The warehouse cannot be reported on (missing file, relation or column)."""


@dataclass
class WarehouseRows:
    """All rows the report needs, by query name, plus the optional relations that were absent."""

    rows: dict[str, list[Row]]
    missing: list[str] = field(default_factory=list)
    #: Whole-corpus export files written (relative to the report root), see :mod:`.exports`.
    exports: list[str] = field(default_factory=list)

    def get(self, name: str) -> list[Row]:
        """Rows of one query (an empty list when its relations were absent)."""
        return self.rows.get(name, [])


def query_text(name: str) -> str:
    """The SQL of ``reports/queries/<name>.sql``."""
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    found = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    return {str(name) for (name,) in found}


def _fetch(con: duckdb.DuckDBPyConnection, name: str, db_path: Path) -> list[Row]:
    try:
        cursor = con.execute(query_text(name))
    except duckdb.Error as exc:  # e.g. a column the contract names is missing
        raise ReportError(
            f"{db_path}: query reports/queries/{name}.sql failed: {exc}".rstrip()
        ) from exc
    columns = [d[0] for d in cursor.description]
    # Equal values of a column share one object: a claimant, outlet, subject key, date or
    # qualifier repeats over thousands of rows, and every row is held until the report is
    # written (at 10,000 articles this took ~0.45 GB off the rows read). Read in batches so
    # that the tuples fetched and the rows made are not all alive at once; a column whose
    # values are mostly distinct (ids, sentences) or unhashable is left as it is.
    seen: list[dict[Any, Any] | None] = [{} for _ in columns]
    rows: list[Row] = []
    while batch := cursor.fetchmany(_BATCH_ROWS):
        values = list(zip(*batch, strict=True))
        for i, cache in enumerate(seen):
            if cache is None:
                continue
            column = values[i]
            try:
                values[i] = [v if v is None else cache.setdefault(v, v) for v in column]
            except TypeError:  # a list or struct value: the column is kept as it is
                seen[i] = None
                continue
            if len(cache) > 0.9 * (len(rows) + len(batch)):  # nearly all distinct
                seen[i] = None
        rows.extend(dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True))
    return rows


def read_warehouse(db_path: Path, export_to: Path | None = None) -> WarehouseRows:
    """Open ``db_path`` read-only and run every report query; with ``export_to`` (the report
    folder) also write the whole-corpus export there (:func:`.exports.write_corpus_exports`).

    Raises :class:`ReportError` naming the file and the problem when the file does not exist,
    a required relation is missing (the models were not built) or a query fails.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise ReportError(f"{db_path}: warehouse file not found")
    try:
        with connect(db_path, read_only=True) as con:
            data = _read_all(con, db_path)
            if export_to is not None:
                data.exports = write_corpus_exports(con, export_to, _relations(con), query_text)
            return data
    except duckdb.Error as exc:
        raise ReportError(f"{db_path}: cannot open the warehouse read-only: {exc}") from exc


def _read_all(con: duckdb.DuckDBPyConnection, db_path: Path) -> WarehouseRows:
    """Run every report query on an open connection."""
    con.execute("SET enable_progress_bar = false")  # a slow query must not print to stdout
    present = _relations(con)
    absent_required = sorted({rel for rels in REQUIRED.values() for rel in rels} - present)
    if absent_required:
        raise ReportError(
            f"{db_path}: missing relation(s) {', '.join(absent_required)}; "
            "load a run and build the models (forcerecon.warehouse.models.build_models) first"
        )
    rows: dict[str, list[Row]] = {}
    missing: set[str] = set()
    for name in REQUIRED:
        rows[name] = _fetch(con, name, db_path)
    for name, rels in OPTIONAL.items():
        lacking = [rel for rel in rels if rel not in present]
        if lacking:
            missing.update(lacking)
            rows[name] = []
        else:
            rows[name] = _fetch(con, name, db_path)
    return WarehouseRows(rows=rows, missing=sorted(missing))
