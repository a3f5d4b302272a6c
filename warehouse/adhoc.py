"""Ad-hoc read-only SQL against the warehouse (`forcerecon sql`), read-only in fact.

Three walls, each enough on its own for the statements tried so far (tests/test_sql_readonly.py):

1. Only reading statements run: every statement of the query must be a ``SELECT`` (which
   includes ``FROM ...``, ``DESCRIBE``, ``SHOW``, ``SUMMARIZE``, ``VALUES`` and the reading
   pragmas such as ``PRAGMA table_info('claims')``), ``EXPLAIN`` or ``CALL``. ``COPY``,
   ``ATTACH``, ``SET``, setting pragmas, ``INSERT``, ``CREATE``, ``EXPORT``, ``INSTALL``/``LOAD``
   ... are refused before anything runs, with a one-line error.
2. The warehouse is opened read-only (DuckDB refuses writes to it).
3. The connection has ``enable_external_access = false`` and ``lock_configuration = true``: no
   file other than the warehouse can be read or written (``COPY ... TO``, ``read_csv``,
   ``ATTACH`` of a hard link to the warehouse, extensions), and no setting can be changed back.

Decision: ``forcerecon sql`` reads the warehouse and nothing else. Joining the warehouse with
other local files is what the ``duckdb`` shell is for (``.venv/bin/duckdb -readonly ...``,
docs/warehouse.md), where the user, not a query string, decides what is touched.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from forcerecon.warehouse.connection import open_warehouse, warehouse_lock

#: Statement types a read-only query may contain.
READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN", "CALL"})

#: DuckDB settings of the ad-hoc connection (locked: no SET can undo them).
READONLY_CONFIG: dict[str, object] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}


class QueryRefused(ValueError):
    """The query is not a read-only query of the warehouse (the message is one line)."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def statement_types(con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    """The type of each statement of ``query`` (``SELECT``, ``COPY``, ...); parse errors raise
    :class:`QueryRefused`."""
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryRefused(_first_line(exc)) from None
    return [str(statement.type).rsplit(".", 1)[-1] for statement in statements]


def check_read_only(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Raise :class:`QueryRefused` unless every statement of ``query`` only reads."""
    kinds = statement_types(con, query)
    if not kinds:
        raise QueryRefused("empty query")
    refused = [kind for kind in kinds if kind not in READ_STATEMENTS]
    if refused:
        raise QueryRefused(
            f"forcerecon sql is read-only: {refused[0]} statements are refused (allowed: "
            "SELECT, FROM, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, CALL, reading PRAGMAs)"
        )


def run_read_only(db_path: Path | str, query: str, *, timeout: float | None = None) -> pd.DataFrame:
    """The result of ``query`` on the warehouse ``db_path`` as a DataFrame.

    Raises :class:`QueryRefused` (one line) for a writing statement, any access outside the
    warehouse, a locked setting, or an SQL error; ``FileNotFoundError`` when there is no
    warehouse.
    """
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"warehouse not found: {path}")
    with warehouse_lock(path, exclusive=False, timeout=timeout):
        con = open_warehouse(path, read_only=True, timeout=timeout, config=READONLY_CONFIG)
        try:
            check_read_only(con, query)
            try:
                relation = con.sql(query)
                if relation is None:  # a statement without a result
                    return pd.DataFrame()
                return relation.df()
            except duckdb.Error as exc:
                raise QueryRefused(_first_line(exc)) from None
        finally:
            con.close()
