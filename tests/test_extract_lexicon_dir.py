"""FORCERECON_LEXICONS reaches extraction: its folder's files are used, a missing folder is a
clear error naming it (issue 11)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from forcerecon.extract import extract_text
from forcerecon.extract.lexicon import LexiconError, get_lexicons
from forcerecon.settings import LEXICON_DIR

SENTENCE = "The Zorblat Bureau said 4,000 troops were moved to the border."


def test_lexicon_folder_from_the_environment_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lex"
    shutil.copytree(LEXICON_DIR, folder)
    with (folder / "claimants.csv").open("a", encoding="utf-8") as fh:
        fh.write("Zorblat Bureau,Zorblat Intelligence Bureau,intelligence,\n")
    before = extract_text(SENTENCE, "d")[0][0]["claimant"]
    monkeypatch.setenv("FORCERECON_LEXICONS", str(folder))
    claim = extract_text(SENTENCE, "d", lex=get_lexicons())[0][0]
    assert before == "Zorblat Bureau"
    assert (claim["claimant"], claim["claimant_type"]) == (
        "Zorblat Intelligence Bureau",
        "intelligence",
    )
    claim = extract_text(SENTENCE, "d")[0][0]  # the default lexicons follow the setting too
    assert claim["claimant"] == "Zorblat Intelligence Bureau"


def test_missing_lexicon_folder_is_an_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCERECON_LEXICONS", "/nonexistent/lexicons")
    with pytest.raises(LexiconError, match="/nonexistent/lexicons: lexicon folder not found"):
        get_lexicons()


def test_cli_extract_fails_clearly_on_a_missing_lexicon_folder(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE, encoding="utf-8")
    env = {"FORCERECON_LEXICONS": "/nonexistent/lexicons", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "forcerecon.cli", "extract", str(article)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "/nonexistent/lexicons: lexicon folder not found" in done.stderr
