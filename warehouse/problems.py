"""What a run rejected and warned about, for the run's printed summary (and the report)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .connection import connect

#: How many reject messages and warnings the summary quotes (all are in the warehouse).
QUOTED = 5


def run_problems(db_path: Path | str, run_id: str, quoted: int = QUOTED) -> dict[str, Any]:
    """``reject_counts`` (check -> n), ``reject_examples`` (the first ``quoted`` messages),
    ``n_warnings`` and ``warnings`` (the first ``quoted``) of run ``run_id``."""
    with connect(db_path, read_only=True) as con:
        counts = con.execute(
            'SELECT "check", count(*) AS n FROM rejects WHERE run_id = ? '
            'GROUP BY ALL ORDER BY n DESC, "check"',
            [run_id],
        ).fetchall()
        examples = con.execute(
            "SELECT message FROM rejects WHERE run_id = ? ORDER BY stage, source, message LIMIT ?",
            [run_id, quoted],
        ).fetchall()
        n_warnings = con.execute(
            "SELECT count(*) FROM warnings WHERE run_id = ?", [run_id]
        ).fetchone()
        warnings = con.execute(
            "SELECT message FROM warnings WHERE run_id = ? ORDER BY message LIMIT ?",
            [run_id, quoted],
        ).fetchall()
    return {
        "reject_counts": {str(check): int(n) for check, n in counts},
        "reject_examples": [m for (m,) in examples],
        "n_warnings": int(n_warnings[0]) if n_warnings else 0,
        "warnings": [m for (m,) in warnings],
    }


def _rest(shown: int, total: int, query: str) -> list[str]:
    """The line pointing to the rest when fewer than all were quoted."""
    return [f'  ... all of them: forcerecon sql "{query}"'] if total > shown else []


def format_problems(problems: dict[str, Any] | None, run_id: str) -> list[str]:
    """The summary lines: rejects by check with the first reasons, then the warnings."""
    if not problems:
        return []
    lines: list[str] = []
    where = f"WHERE run_id = '{run_id}'"
    counts = problems["reject_counts"]
    if counts:
        total = sum(counts.values())
        by_check = ", ".join(f"{check} {n}" for check, n in counts.items())
        lines.append(f"rejects: {total} ({by_check})")
        lines += [f"  rejected: {message}" for message in problems["reject_examples"]]
        shown = len(problems["reject_examples"])
        lines += _rest(shown, total, f"SELECT source, message FROM rejects {where}")
    if problems["n_warnings"]:
        lines.append(f"warnings: {problems['n_warnings']}")
        lines += [f"  warning: {message}" for message in problems["warnings"]]
        shown = len(problems["warnings"])
        lines += _rest(shown, problems["n_warnings"], f"SELECT message FROM warnings {where}")
    return lines
