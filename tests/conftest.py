"""Shared test set-up: an isolated Prefect home, no telemetry, paths to the seeds and gold."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Prefect reads these at import time: set them before any test module imports prefect.
_PREFECT_HOME = tempfile.mkdtemp(prefix="forcerecon-prefect-")
# removed at exit, after the temporary Prefect server (registered later, so stopped first)
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
# fetch-url tasks called outside a flow (feed tests) log without a flow run: not an error
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# Generators live with the tests and benchmarks, not in the product: tests/gold_rows.py is
# importable as `gold_rows` (pytest puts tests/ on sys.path), bench/synthetic.py as `synthetic`,
# here and in the child processes tests start.
_BENCH = str(REPO / "bench")
sys.path.insert(0, _BENCH)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_BENCH, os.environ.get("PYTHONPATH")) if p)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return REPO / "seeds"


@pytest.fixture(scope="session")
def gold_csv() -> Path:
    """The seed gold; tests that need it skip where ../shared is absent."""
    path = SHARED / "gold" / "seeds_claims.csv"
    if not path.exists():
        pytest.skip(f"gold file not found: {path}")
    return path
