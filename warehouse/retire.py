"""Retiring documents on request: an article removed from the input stays current until a user
says so (``forcerecon retire DOC_ID...``).

:func:`retire_documents` marks the current texts of the doc_ids, their claims and their
statements not current, in ONE transaction with a ``runs`` row (status ``retired``, the counts
and a message naming the doc_ids) and the marts' dirty mark; nothing is deleted, so the retired
rows stay as history with ``is_current = false`` like any superseded text. A doc_id that is not
current is an error and nothing is retired. A retired article still in the input is loaded again
by the next run (its text is new to the current documents), so remove it from the input first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .connection import connect
from .load import _apply, _run_params, sql_text


class RetireError(ValueError):
    """Nothing was retired; the message says which doc_id is unknown or already retired."""


def retire_documents(
    db_path: Path | str, doc_ids: Sequence[str], run_id: str, *, note: str | None = None
) -> dict[str, Any]:
    """Retire the current documents ``doc_ids`` and their claims and statements (one
    transaction); returns the counts stored in the run's row."""
    wanted = list(dict.fromkeys(str(d) for d in doc_ids))
    if not wanted:
        raise RetireError("no doc_id given")
    if not Path(db_path).exists():
        raise FileNotFoundError(f"warehouse not found: {db_path}")
    now = datetime.now(UTC).replace(tzinfo=None)
    with connect(db_path) as con:
        con.register("retire_ids", pd.DataFrame({"doc_id": wanted}))
        current = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT doc_id FROM documents WHERE is_current "
                "AND doc_id IN (SELECT doc_id FROM retire_ids)"
            ).fetchall()
        }
        unknown = [d for d in wanted if d not in current]
        if unknown:
            raise RetireError(
                f"not a current document of {db_path}: {', '.join(unknown)}; nothing retired "
                '(list them: forcerecon sql "SELECT doc_id FROM documents WHERE is_current")'
            )
        con.execute("BEGIN TRANSACTION")
        try:
            stats = {
                "n_documents_superseded": _apply(con, "retire_requested_documents"),
                "n_claims_retired": _apply(con, "retire_requested_claims"),
                "n_statements_retired": _apply(con, "retire_requested_statements"),
            }
            message = f"retired on request: {', '.join(wanted)}" + (f" ({note})" if note else "")
            run = {
                "run_id": run_id,
                "started_at": now,
                "ended_at": now,
                "loaded_at": now,
                "status": "retired",
                "inputs": "retire " + " ".join(wanted),
                "message": message[:2000],
                **stats,
            }
            con.execute(sql_text("upsert_run"), _run_params(run))
            _apply(con, "mark_marts_dirty", {"run_id": run_id, "now": now})
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return {"run_id": run_id, "doc_ids": wanted, **stats}
