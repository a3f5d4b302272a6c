"""The CLI is thin: every command has --help, and bad arguments fail with a clear message."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from forcerecon.cli import app

runner = CliRunner()
COMMANDS = ["run", "extract", "eval", "report", "sql", "serve"]


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_missing_warehouse_is_a_clear_error(tmp_path) -> None:
    missing = tmp_path / "nope.duckdb"
    result = runner.invoke(app, ["sql", "SELECT 1", "--db", str(missing)])
    assert result.exit_code == 2
    assert f"warehouse not found: {missing}" in result.output


def test_missing_gold_is_a_clear_error(tmp_path, seeds_dir) -> None:
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path / "g.csv"), str(seeds_dir)])
    assert result.exit_code == 2
    assert "gold file not found" in result.output


def test_eval_help_points_at_the_scheme_in_the_repository(repo) -> None:
    result = runner.invoke(app, ["eval", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "docs/SCHEME.md" in result.output
    scheme = (repo / "docs" / "SCHEME.md").read_text(encoding="utf-8")
    assert scheme.startswith("# Force-figure claims: annotation scheme")
    assert "docs/SCHEME.md" in (repo / "README.md").read_text(encoding="utf-8")
