"""What the reconciliation models were built from, so a run with nothing new can skip a rebuild.

build_models stores the fingerprint in ``reconcile_params``; the flow compares it with the
current one.

The fingerprint covers the settings the SQL reads (tolerance, reliability), the lexicon files the
build loads (locations, claimants) and the model SQL itself: change any of them and the next run
rebuilds even when no claim changed.

The fingerprint says nothing about the claims: that is ``marts_state`` (ddl/095). The load
marks the marts dirty in its own transaction when it changed anything; :func:`mark_marts_built`
clears the mark only after the models were rebuilt, the quality checks recorded and the report
rendered. A run killed
between its load's commit and that point (the marts still describe the previous claims) leaves
the mark, and the next run rebuilds even though its own load changes nothing
(:func:`marts_dirty`); the killed run's ``runs`` row, still ``loaded``, becomes ``interrupted``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from forcerecon.settings import Settings

MODELS_DIR = Path(__file__).resolve().parent / "models"
LEXICON_FILES = ("locations.csv", "claimants.csv")


def params_fingerprint(settings: Settings) -> str:
    """Hex digest of everything besides the claims that the models depend on."""
    digest = hashlib.sha256()
    digest.update(f"{float(settings.approx_tolerance)!r}|{bool(settings.reliability)}".encode())
    lexicons = Path(settings.lexicon_dir)
    sources = [lexicons / name for name in LEXICON_FILES] + sorted(MODELS_DIR.rglob("*.sql"))
    for path in sources:
        digest.update(str(path.relative_to(path.parent.parent)).encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:32]


def built_fingerprint(db_path: Path | str) -> str | None:
    """The fingerprint of the last build, or None when the models are missing or predate it."""
    from forcerecon.warehouse.connection import connect

    with connect(db_path, read_only=True) as con:
        tables = {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        if not {"subject_summary", "reconcile_params", "quality_results"} <= tables:
            return None
        columns = {r[0] for r in con.sql("DESCRIBE reconcile_params").fetchall()}
        if "fingerprint" not in columns:
            return None
        row = con.sql("SELECT fingerprint FROM reconcile_params").fetchone()
    return row[0] if row else None


def marts_dirty(db_path: Path | str) -> str | None:
    """The first run whose committed load the marts do not reflect yet, or None when they
    are up to date (or no load ever changed anything)."""
    from forcerecon.warehouse.connection import connect

    if not Path(db_path).exists():
        return None
    with connect(db_path, read_only=True) as con:
        tables = {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "marts_state" not in tables:
            return None
        row = con.sql("SELECT dirty, dirty_since_run FROM marts_state WHERE id = 1").fetchone()
    if row is None or not row[0]:
        return None
    return str(row[1] or "an unknown run")


def mark_marts_built(db_path: Path | str, run_id: str) -> int:
    """Run ``run_id`` rebuilt the marts and recorded the quality checks: clear the dirty mark
    and mark runs that stopped after their load ``interrupted``; returns how many."""
    from forcerecon.warehouse.connection import connect
    from forcerecon.warehouse.load import sql_text

    params = {"run_id": str(run_id), "now": datetime.now(UTC).replace(tzinfo=None)}
    with connect(db_path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql_text("mark_marts_built"), params)
            row = con.execute(sql_text("mark_runs_interrupted"), {"run_id": params["run_id"]})
            interrupted = int((row.fetchone() or (0,))[0])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return interrupted
