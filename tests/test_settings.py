"""One settings object: every FORCERECON_* variable is a Settings field, read nowhere else,
documented in one table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forcerecon.settings import PREFIX, Settings, SettingsError

PRODUCT = ("forcerecon", "flows", "schemas", "warehouse", "reports")


#: Test-only hooks that child processes of the tests switch on through the environment.
ENV_HOOKS = ("forcerecon/faultpoints.py",)


def test_no_module_reads_forcerecon_variables_from_the_environment(repo: Path) -> None:
    """No product module but settings.py both reads the environment and names a FORCERECON_
    variable (directly or through a constant)."""
    offenders = []
    for folder in PRODUCT:
        for path in (repo / folder).rglob("*.py"):
            name = path.relative_to(repo).as_posix()
            if name in ("forcerecon/settings.py", *ENV_HOOKS):
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"os\.environ|getenv", text) and re.search(r"[\"']FORCERECON_", text):
                offenders.append(name)
    assert offenders == []


def test_every_setting_is_in_the_documented_table(repo: Path) -> None:
    doc = (repo / "docs" / "operations.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(FORCERECON_[A-Z_]+)` \| `([a-z_]+)` \|", doc, re.MULTILINE))
    fields = {f.validation_alias: name for name, f in Settings.model_fields.items()}
    assert rows == fields


def test_environment_values_are_typed_and_options_override_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(PREFIX + "DB", str(tmp_path / "env.duckdb"))
    monkeypatch.setenv(PREFIX + "LOCK_TIMEOUT", "2.5")
    monkeypatch.setenv(PREFIX + "FETCH_RETRIES", "1")
    monkeypatch.setenv(PREFIX + "RELIABILITY", "1")
    monkeypatch.setenv(PREFIX + "DASK", "")
    settings = Settings()
    assert settings.db_path == tmp_path / "env.duckdb"
    assert (settings.lock_timeout, settings.fetch_retries) == (2.5, 1)
    assert settings.reliability is True and settings.dask_address is None
    changed = settings.with_(db_path=str(tmp_path / "cli.duckdb"), workers=None)
    assert changed.db_path == tmp_path / "cli.duckdb" and changed.workers == 0
    assert changed.lock_timeout == 2.5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("LOCK_TIMEOUT", "soon", "FORCERECON_LOCK_TIMEOUT must be seconds, not 'soon'"),
        ("LOCK_TIMEOUT", "-1", "FORCERECON_LOCK_TIMEOUT must be >= 0"),
        ("MAX_INPUT_MB", "big", "FORCERECON_MAX_INPUT_MB must be a number, got 'big'"),
        ("REPORT_WORKERS", "0", "FORCERECON_REPORT_WORKERS='0': expected a whole number >= 1"),
        ("BATCH_SIZE", "many", "FORCERECON_BATCH_SIZE='many': "),
        ("FETCH_RETRIES", "-2", "FORCERECON_FETCH_RETRIES='-2': "),
    ],
)
def test_a_bad_value_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(PREFIX + name, value)
    with pytest.raises(SettingsError) as info:
        Settings()
    assert message in str(info.value)


def test_unknown_setting_is_an_error() -> None:
    with pytest.raises(SettingsError, match="no_such"):
        Settings(no_such=1)
