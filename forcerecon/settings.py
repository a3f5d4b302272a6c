"""Run settings: one frozen dataclass, read from FORCERECON_* environment variables.

Tasks receive a Settings value (and paths), never live connections, so Prefect can hash them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def _env(name: str, default: str) -> str:
    return os.environ.get(f"FORCERECON_{name}", default)


@dataclass(frozen=True)
class Settings:
    db_path: Path = field(default_factory=lambda: Path(_env("DB", "warehouse/forcerecon.duckdb")))
    reports_dir: Path = field(default_factory=lambda: Path(_env("REPORTS", "reports/out")))
    lexicon_dir: Path = field(default_factory=lambda: Path(_env("LEXICONS", str(LEXICON_DIR))))
    gx_dir: Path = field(default_factory=lambda: Path(_env("GX_DIR", str(PROJECT_ROOT / "gx"))))
    #: Half-width of the interval around an approximate figure (0.10 = plus or minus 10%).
    approx_tolerance: float = field(default_factory=lambda: float(_env("APPROX_TOLERANCE", "0.10")))
    #: What a failing Great Expectations expectation does to the run: "fail" or "warn".
    gx_on_failure: str = field(default_factory=lambda: _env("GX_ON_FAILURE", "fail"))
    #: Documents per extraction task (one task per document does not scale: see ENVIRONMENT.md).
    batch_size: int = field(default_factory=lambda: int(_env("BATCH_SIZE", "500")))
    #: Processes extracting in parallel when Dask is not used: 0 = one per CPU core once there
    #: are two batches or more, 1 = extract in the flow's own process.
    processes: int = field(default_factory=lambda: int(_env("PROCESSES", "0")))
    #: Local Dask workers for extraction (0 = no Dask), or the address of an existing cluster.
    workers: int = field(default_factory=lambda: int(_env("WORKERS", "0")))
    dask_address: str | None = field(
        default_factory=lambda: os.environ.get("FORCERECON_DASK") or None
    )
    #: Extraction time budget per MB of a document (plus a 10 s floor); a document past it
    #: becomes a reject instead of stalling the run. 0 = no budget.
    extract_seconds_per_mb: float = field(
        default_factory=lambda: float(_env("EXTRACT_SECONDS_PER_MB", "30"))
    )
    #: Claimant reliability weighting in best estimates (off unless shown to help).
    reliability: bool = field(default_factory=lambda: _env("RELIABILITY", "0") == "1")
    quiet: bool = False

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
