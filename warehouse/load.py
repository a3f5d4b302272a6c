"""Loading a run into the warehouse: one transaction, one writer, deterministic keys.

``load_run`` registers the run's frames with DuckDB and casts them (``load_sql/stage_*.sql``),
runs the load checks (``load_sql/check_*.sql``, queries that return the violating rows), then,
in one transaction: upserts the documents and marks older texts of the same doc_ids not
current (``upsert_documents``, ``retire_documents``); for claims and statements saves the old
rows of the ones read differently (``archive_*``), updates them (``refresh_*``), stamps every
one seen again (``touch_*``), inserts the new ones (``insert_*``) and marks what a reloaded
document no longer produces not current (``retire_*``); records the rejects and the run's row
in ``runs``, and marks the marts dirty when anything changed (``mark_marts_dirty``). It
commits together or not at all, holding ``<db>.lock``
(see :mod:`forcerecon.warehouse.connection`).

Nothing is ever deleted from documents, claims or statements: a figure's history stays, with
``first_seen``, ``last_seen``, ``is_current``, the ``run_id`` that last produced it and, for a
changed reading, the earlier row in ``claim_versions`` / ``statement_versions``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from forcerecon.ids import stable_id
from forcerecon.records import (
    CATEGORIES,
    CLAIM_COLUMNS,
    CLAIMANT_TYPES,
    DOCUMENT_COLUMNS,
    MODALITIES,
    QUALIFIERS,
    REJECT_COLUMNS,
    STATEMENT_COLUMNS,
    STATEMENT_KINDS,
)

from .connection import connect, open_warehouse

SQL_DIR = Path(__file__).resolve().parent / "load_sql"

log = logging.getLogger(__name__)

#: The load checks, in the order they run; each returns (relation, key, problem) rows.
CHECKS: tuple[str, ...] = (
    "check_required",
    "check_duplicate_keys",
    "check_orphans",
    "check_spans",
    "check_values",
)

#: How many violating rows a LoadError message quotes (all of them are in ``.problems``).
MAX_QUOTED_PROBLEMS = 10

KNOWN_COLUMNS: list[str] = ["doc_id", "content_hash", "extractor_version"]

#: The counts of a load that say it changed the warehouse (the marts must be rebuilt).
CHANGE_COUNTS: tuple[str, ...] = (
    "n_documents_new",
    "n_documents_superseded",
    "n_claims_new",
    "n_claims_changed",
    "n_claims_retired",
    "n_statements_new",
    "n_statements_changed",
    "n_statements_retired",
    "n_rejects_new",
)

_RUN_FIELDS: tuple[str, ...] = (
    "run_id",
    "flow_run_id",
    "started_at",
    "ended_at",
    "status",
    "inputs",
    "extractor_version",
    "n_documents",
    "n_claims",
    "n_statements",
    "n_rejects",
    "n_documents_new",
    "n_documents_superseded",
    "n_claims_new",
    "n_claims_retired",
    "n_claims_changed",
    "n_statements_new",
    "n_statements_retired",
    "n_statements_changed",
    "n_rejects_new",
    "loaded_at",
    "load_seconds",
    "message",
)
_TIME_FIELDS = frozenset({"started_at", "ended_at", "loaded_at"})


class LoadError(RuntimeError):
    """A load was rolled back; ``problems`` holds every violating row the checks found."""

    def __init__(self, message: str, problems: pd.DataFrame | None = None) -> None:
        super().__init__(message)
        self.problems = problems if problems is not None else pd.DataFrame()


@cache
def sql_text(name: str) -> str:
    """The text of ``load_sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _as_utc_naive(value: object, field: str) -> datetime | None:
    """A run time as a naive UTC datetime (what TIMESTAMP columns hold)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"run[{field!r}] is not an ISO date-time: {value!r}") from exc
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise ValueError(f"run[{field!r}] must be a datetime or ISO string, not {type(value).__name__}")


def _run_params(run: Mapping[str, Any]) -> dict[str, Any]:
    """Every runs column as a query parameter (None keeps the stored value on update)."""
    params: dict[str, Any] = {}
    for field in _RUN_FIELDS:
        value = run.get(field)
        if field in _TIME_FIELDS:
            value = _as_utc_naive(value, field)
        elif field == "inputs" and value is not None and not isinstance(value, str):
            value = json.dumps([str(v) for v in value])
        params[field] = value
    return params


def _frame(df: pd.DataFrame | None, columns: list[str], name: str) -> pd.DataFrame:
    """``df`` cut to ``columns`` (an empty frame for None); a missing column is an error."""
    if df is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"load_run: {name} must be a pandas DataFrame, not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"load_run: the {name} frame lacks column(s) {missing} "
            f"(see forcerecon/records.py); it has {list(df.columns)}"
        )
    return df.loc[:, columns].reset_index(drop=True)


def _fill_reject_ids(rejects: pd.DataFrame) -> pd.DataFrame:
    """Rejects without a reject_id get the deterministic one of records.REJECT_COLUMNS."""
    missing = rejects["reject_id"].isna()
    if not missing.any():
        return rejects
    rejects = rejects.copy()
    rejects["reject_id"] = rejects["reject_id"].astype(object)
    rejects.loc[missing, "reject_id"] = [
        stable_id(r.stage, r.source, r.doc_id, r.check, r.column, r.value)
        for r in rejects.loc[missing].itertuples(index=False)
    ]
    return rejects


def _stage(con: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> None:
    """Temp tables: ``stage_*`` (the registered ``in_*`` frames, typed) and ``changed_*`` (ids
    held before that this run reads differently). Run outside the write transaction, under the
    exclusive lock: temp tables written inside a transaction are several times slower to read."""
    for name in ("documents", "claims", "statements", "rejects"):
        sql = sql_text(f"stage_{name}")
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        t0 = time.perf_counter()
        con.execute(f"CREATE OR REPLACE TEMP TABLE stage_{name} AS {sql}", used)
        log.debug("stage_%s: %.3f s", name, time.perf_counter() - t0)
    for name in ("claims", "statements"):
        t0 = time.perf_counter()
        con.execute(f"CREATE OR REPLACE TEMP TABLE changed_{name} AS {sql_text(f'changed_{name}')}")
        log.debug("changed_%s: %.3f s", name, time.perf_counter() - t0)


def _check(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All violating rows of the load checks, with the check that found them."""
    vocab = {
        "qualifiers": list(QUALIFIERS),
        "categories": list(CATEGORIES),
        "modalities": list(MODALITIES),
        "claimant_types": list(CLAIMANT_TYPES),
        "statement_kinds": list(STATEMENT_KINDS),
    }
    found: list[pd.DataFrame] = []
    for name in CHECKS:
        sql = sql_text(name)
        used = {k: v for k, v in vocab.items() if f"${k}" in sql}
        t0 = time.perf_counter()
        rows = con.execute(sql, used).df()
        log.debug("%s: %d violation(s) in %.3f s", name, len(rows), time.perf_counter() - t0)
        if len(rows):
            rows.insert(0, "check", name)
            found.append(rows)
    if not found:
        return pd.DataFrame(columns=["check", "relation", "key", "problem"])
    return pd.concat(found, ignore_index=True)


def _describe(problems: pd.DataFrame, db_path: Path | str, run_id: object) -> str:
    quoted = [
        f"  {r.relation} {r.key}: {r.problem} [{r.check}]"
        for r in problems.head(MAX_QUOTED_PROBLEMS).itertuples(index=False)
    ]
    more = len(problems) - len(quoted)
    tail = [f"  ... and {more} more"] if more > 0 else []
    return "\n".join(
        [
            f"load of run {run_id} into {db_path} rolled back: {len(problems)} bad row(s); "
            "nothing of this run was written:",
            *quoted,
            *tail,
        ]
    )


def _apply(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None
) -> int:
    """Run the write statement ``load_sql/<name>.sql``; returns the rows it changed."""
    sql = sql_text(name)
    used = {k: v for k, v in (params or {}).items() if f"${k}" in sql}
    t0 = time.perf_counter()
    row = con.execute(sql, used).fetchone()
    changed = int(row[0]) if row else 0
    log.debug("%s: %d row(s) in %.3f s", name, changed, time.perf_counter() - t0)
    return changed


def _merge(con: duckdb.DuckDBPyConnection, kind: str, bookkeeping: dict[str, Any]) -> int:
    """Save and refresh changed rows, touch the ones seen again, insert new ones.

    Returns the number of rows whose values changed (their old rows are in ``<kind>_versions``).

    Separate statements instead of one ``INSERT ... ON CONFLICT DO UPDATE``: a reload writes
    only the bookkeeping columns (measured: 1,000,000 unchanged claims ~10x faster).
    """
    archived = _apply(con, f"archive_{kind}", bookkeeping)
    changed = _apply(con, f"refresh_{kind}")
    if archived != changed:
        raise RuntimeError(f"{kind}: saved {archived} old version(s) but changed {changed} row(s)")
    _apply(con, f"touch_{kind}", bookkeeping)
    _apply(con, f"insert_{kind}", bookkeeping)
    return changed


def _write(con: duckdb.DuckDBPyConnection, params: dict[str, Any]) -> dict[str, int]:
    """The upserts and retirements (inside the caller's transaction); returns change counts."""
    new = con.execute(sql_text("count_new")).df().iloc[0].to_dict()
    stats = {k: int(v) for k, v in new.items()}
    bookkeeping = {"now": params["now"], "run_id": params["run_id"]}
    _apply(con, "upsert_documents", bookkeeping)
    stats["n_documents_superseded"] = _apply(con, "retire_documents")
    stats["n_claims_changed"] = _merge(con, "claims", bookkeeping)
    stats["n_claims_retired"] = _apply(con, "retire_claims")
    stats["n_statements_changed"] = _merge(con, "statements", bookkeeping)
    stats["n_statements_retired"] = _apply(con, "retire_statements")
    _apply(con, "upsert_rejects", bookkeeping)
    if any(stats.get(k) for k in CHANGE_COUNTS):
        # In the load's own transaction: a run killed before it rebuilt the marts leaves them
        # marked, and the next run rebuilds (warehouse/fingerprint.py).
        _apply(con, "mark_marts_dirty", bookkeeping)
    return stats


def _warnings_frame(warnings: Sequence[str] | None) -> pd.DataFrame:
    """Warning messages as rows of the warnings table (stage ingest, deterministic ids)."""
    messages = [str(w) for w in (warnings or [])]
    return pd.DataFrame(
        {
            "warning_id": [stable_id("ingest", m) for m in messages],
            "stage": "ingest",
            "message": messages,
        },
        dtype=object,
    )


def load_run(
    db_path: Path | str,
    run: Mapping[str, Any],
    documents: pd.DataFrame | None,
    claims: pd.DataFrame | None,
    statements: pd.DataFrame | None,
    rejects: pd.DataFrame | None,
    *,
    lock_timeout: float | None = None,
    warnings: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Load one run's frames in ONE transaction; returns the run's counts.

    ``warnings`` (ingest's messages that are not rejects) go to the ``warnings`` table.

    ``run`` needs ``run_id``; ``flow_run_id``, ``started_at``, ``ended_at``, ``status``
    (default ``"loaded"``), ``inputs`` and ``extractor_version`` are stored when given (the
    documents' ``extractor_version`` is the run's). ``documents`` are the texts this run
    (re-)extracted: their claims and statements not in this run become not current. Loading the
    same frames again changes nothing but ``last_seen``/``run_id`` and the runs table.

    Raises :class:`LoadError` (with ``.problems``) when a load check finds bad rows, and re-raises
    any database error with the db path and run id; in both cases nothing of the run is written.
    Waits up to ``lock_timeout`` s for another writer (:class:`WarehouseLocked` after that).
    """
    run_id = run.get("run_id")
    if not run_id:
        raise ValueError("load_run: run['run_id'] is required")
    frames = {
        "in_documents": _frame(documents, DOCUMENT_COLUMNS, "documents"),
        "in_claims": _frame(claims, CLAIM_COLUMNS, "claims"),
        "in_statements": _frame(statements, STATEMENT_COLUMNS, "statements"),
        "in_rejects": _fill_reject_ids(_frame(rejects, REJECT_COLUMNS, "rejects")),
    }
    run_params = _run_params(run)
    now = _utcnow()
    params = {
        "now": now,
        "run_id": str(run_id),
        "extractor_version": run_params["extractor_version"],
    }
    t0 = time.perf_counter()
    with connect(db_path, timeout=lock_timeout) as con:
        for name, frame in frames.items():
            con.register(name, frame)
        # Staging and checks write only this connection's TEMP tables and read the warehouse
        # under our exclusive lock, so they need no transaction (and temp tables written
        # inside one are several times slower to read).
        try:
            _stage(con, params)
            problems = _check(con)
            sizes = con.execute(sql_text("count_input")).fetchone() or (0, 0, 0, 0)
        except duckdb.Error as exc:
            raise LoadError(
                f"load of run {run_id} into {db_path} stopped before writing anything: staging "
                f"or checking its frames failed: {type(exc).__name__}: {exc}"
            ) from exc
        if len(problems):
            raise LoadError(_describe(problems, db_path, run_id), problems)
        con.register("in_warnings", _warnings_frame(warnings))
        con.execute("BEGIN TRANSACTION")
        try:
            stats = _write(con, params)
            _apply(con, "upsert_warnings", params)
            stats.update(
                n_documents=int(sizes[0]),
                n_claims=int(sizes[1]),
                n_statements=int(sizes[2]),
                n_rejects=int(sizes[3]),
            )
            run_row = {
                **run_params,
                **stats,
                "run_id": str(run_id),
                "status": run_params["status"] or "loaded",
                "loaded_at": now,
                "load_seconds": round(time.perf_counter() - t0, 3),
            }
            _apply(con, "upsert_run", run_row)
            t_commit = time.perf_counter()
            con.execute("COMMIT")
            log.debug("commit: %.3f s", time.perf_counter() - t_commit)
        except BaseException as exc:
            con.execute("ROLLBACK")
            if not isinstance(exc, Exception):
                raise
            raise RuntimeError(
                f"load of run {run_id} into {db_path} rolled back, nothing of it was written: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    return {k: run_row[k] for k in ("run_id", "status", "load_seconds", *sorted(stats))}


def record_run(
    db_path: Path | str, run: Mapping[str, Any], *, lock_timeout: float | None = None
) -> None:
    """Insert or update a run's row: fields given (not None) replace the stored ones.

    The flow calls it at the end (``status``, ``ended_at``, ``message``), or for a run that
    failed before it loaded anything.
    """
    if not run.get("run_id"):
        raise ValueError("record_run: run['run_id'] is required")
    params = _run_params(run)
    with connect(db_path, timeout=lock_timeout) as con:
        con.execute(sql_text("upsert_run"), params)


#: Columns ``record_quality`` needs (``column`` is optional).
QUALITY_COLUMNS: list[str] = ["suite", "expectation", "success", "details"]


def record_quality(
    db_path: Path | str,
    run_id: str,
    rows_df: pd.DataFrame,
    *,
    lock_timeout: float | None = None,
) -> int:
    """Store data-quality results of ``run_id``; returns the number of rows written.

    ``rows_df`` has ``suite``, ``expectation``, ``success``, ``details`` (a dict or JSON text)
    and optionally ``column``. The rows replace earlier rows of the same run and suites, in one
    transaction, so re-running a checkpoint does not duplicate its results.
    """
    missing = [c for c in QUALITY_COLUMNS if c not in rows_df.columns]
    if missing:
        raise ValueError(
            f"record_quality: rows_df lacks column(s) {missing}; it has {list(rows_df.columns)}"
        )
    frame = pd.DataFrame(
        {
            "run_id": str(run_id),
            "suite": rows_df["suite"].astype(str).to_numpy(),
            "expectation": rows_df["expectation"].astype(str).to_numpy(),
            "column": (
                rows_df["column"].astype(object).where(rows_df["column"].notna(), None).to_numpy()
                if "column" in rows_df.columns
                else None
            ),
            "success": rows_df["success"].astype(bool).to_numpy(),
            "details": [
                d if d is None or isinstance(d, str) else json.dumps(d, default=str, sort_keys=True)
                for d in rows_df["details"]
            ],
        }
    )
    with connect(db_path, timeout=lock_timeout) as con:
        con.register("in_quality", frame)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "DELETE FROM quality_results WHERE run_id = ? "
                "AND suite IN (SELECT DISTINCT suite FROM in_quality)",
                [str(run_id)],
            )
            con.execute(
                'INSERT INTO quality_results (run_id, suite, expectation, "column", success, '
                'details, recorded_at) SELECT run_id, suite, expectation, CAST("column" AS '
                "VARCHAR), success, CAST(details AS VARCHAR), ? FROM in_quality",
                [_utcnow()],
            )
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise RuntimeError(
                f"record_quality for run {run_id} into {db_path} rolled back: {exc}"
            ) from exc
    return len(frame)


def integrity_problems(db_path: Path | str, *, lock_timeout: float | None = None) -> pd.DataFrame:
    """Violations of the warehouse invariants (``load_sql/integrity.sql``); empty = consistent.

    Columns ``relation``, ``key``, ``problem``. After any sequence of committed loads it is
    empty; the flow or the quality stage can call it after loading.
    """
    if not Path(db_path).exists():
        return pd.DataFrame(columns=["relation", "key", "problem"])
    with connect(db_path, read_only=True, timeout=lock_timeout) as con:
        return con.execute(sql_text("integrity")).df()


def latest_quality(db_path: Path | str, *, lock_timeout: float | None = None) -> pd.DataFrame:
    """The quality results of the last run that has any: ``checked_in`` (that run's id),
    ``suite``, ``expectation``, ``column``, ``success``, ``details``; empty when none."""
    with connect(db_path, read_only=True, timeout=lock_timeout) as con:
        return con.execute(
            'SELECT run_id AS checked_in, suite, expectation, "column", success, details '
            "FROM quality_results WHERE run_id = (SELECT run_id FROM quality_results "
            "ORDER BY recorded_at DESC LIMIT 1)"
        ).df()


def known_documents(db_path: Path | str, *, lock_timeout: float | None = None) -> pd.DataFrame:
    """Current documents: ``doc_id``, ``content_hash``, ``extractor_version`` (none: empty)."""
    if not Path(db_path).exists():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in KNOWN_COLUMNS})
    with connect(db_path, read_only=True, timeout=lock_timeout) as con:
        return con.execute(
            "SELECT doc_id, content_hash, extractor_version FROM documents "
            "WHERE is_current ORDER BY doc_id"
        ).df()


def counts(db_path: Path | str, *, lock_timeout: float | None = None) -> dict[str, int]:
    """Current rows: ``documents``, ``claims``, ``subjects`` (distinct subjects of claims)."""
    if not Path(db_path).exists():
        return {"documents": 0, "claims": 0, "subjects": 0}
    with connect(db_path, read_only=True, timeout=lock_timeout) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM documents WHERE is_current), "
            "(SELECT count(*) FROM claims WHERE is_current), "
            "(SELECT count(DISTINCT subject) FROM claims WHERE is_current)"
        ).fetchone()
    assert row is not None
    return {"documents": int(row[0]), "claims": int(row[1]), "subjects": int(row[2])}


__all__ = [
    "LoadError",
    "counts",
    "integrity_problems",
    "known_documents",
    "load_run",
    "open_warehouse",
    "record_quality",
    "record_run",
]
