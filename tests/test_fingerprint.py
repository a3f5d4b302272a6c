"""The models' fingerprint changes with anything besides the claims that they depend on."""

from __future__ import annotations

import shutil
from pathlib import Path

from forcerecon.settings import LEXICON_DIR, Settings
from forcerecon.warehouse.fingerprint import params_fingerprint


def test_same_settings_same_fingerprint() -> None:
    assert params_fingerprint(Settings()) == params_fingerprint(Settings())


def test_tolerance_and_reliability_change_it() -> None:
    base = params_fingerprint(Settings())
    assert params_fingerprint(Settings(approx_tolerance=0.2)) != base
    assert params_fingerprint(Settings(reliability=True)) != base


def test_a_lexicon_edit_changes_it(tmp_path: Path) -> None:
    copy = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, copy)
    before = params_fingerprint(Settings(lexicon_dir=copy))
    with (copy / "locations.csv").open("a", encoding="utf-8") as f:
        f.write("Narva,Estonia,,Estonia\n")
    assert params_fingerprint(Settings(lexicon_dir=copy)) != before
