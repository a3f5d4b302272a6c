"""What the reconciliation models were built from, so a run with nothing new can skip a rebuild.

build_models stores the fingerprint in ``reconcile_params``; the flow compares it with the
current one.

The fingerprint covers the settings the SQL reads (tolerance, reliability), the lexicon files the
build loads (locations, claimants) and the model SQL itself: change any of them and the next run
rebuilds even when no claim changed.
"""

from __future__ import annotations

import hashlib
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
