"""The defaults are relative paths (warehouse/..., reports/out): every stage must accept them."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcerecon.quality import run_checkpoint
from forcerecon.settings import Settings
from forcerecon.warehouse.models import build_models

from gold_rows import load_gold


def test_quality_checkpoint_with_relative_paths(
    tmp_path: Path, seeds_dir: Path, gold_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(db_path=Path("warehouse/w.duckdb"), reports_dir=Path("reports/out"))
    load_gold(settings.db_path, seeds_dir, gold_csv)
    build_models(settings.db_path, settings)
    result = run_checkpoint(settings.db_path, settings, "relative")
    assert result.success, result.failed
    assert result.data_docs_index is not None
    assert (tmp_path / "reports" / "out" / "gx" / "runs" / "relative" / "claims.json").exists()
