"""The scheduled deployment: right cron, JSON parameters, registered without blocking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from forcerecon import serve as serve_mod
from forcerecon.serve import (
    build_deployment,
    deployment_parameters,
    feed_state_path,
    settings_from_params,
    settings_to_params,
)
from forcerecon.settings import Settings

CRON = "*/30 * * * *"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "wh.duckdb", reports_dir=tmp_path / "out", batch_size=7)


def test_settings_round_trip_through_json(settings: Settings) -> None:
    params = json.loads(json.dumps(settings_to_params(settings)))
    assert params["db_path"] == str(settings.db_path.resolve())
    assert settings_from_params(params) == settings.with_(
        lexicon_dir=settings.lexicon_dir.resolve(), gx_dir=settings.gx_dir.resolve()
    )
    with pytest.raises(ValueError, match=r"unknown settings .*\['bogus'\]"):
        settings_from_params({"bogus": 1})


def test_deployment_has_the_cron_and_json_parameters(
    tmp_path: Path, seeds_dir: Path, settings: Settings
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:1/rss.xml\n")
    dep = build_deployment(CRON, [seeds_dir], feeds, tmp_path / "inbox", settings)
    assert dep.name == "forcerecon-scheduled"
    assert [s.schedule.cron for s in dep.schedules] == [CRON]
    assert dep.entrypoint == "forcerecon.serve.scheduled_run"
    params = json.loads(json.dumps(dep.parameters))  # JSON and nothing else
    assert params["inputs"] == [str(seeds_dir.resolve())]
    assert params["feeds_file"] == str(feeds.resolve())
    assert params["inbox"] == str((tmp_path / "inbox").resolve())
    assert params["settings"]["batch_size"] == 7
    # The parameters satisfy the flow's own parameter schema (what the API enforces).
    from prefect.utilities.schema_tools.validation import validate

    schema = dep._parameter_openapi_schema.model_dump()
    validate(params, schema, raise_on_error=True, ignore_required=False)


def test_bad_cron_and_bad_paths_are_clear_errors(
    tmp_path: Path, seeds_dir: Path, settings: Settings
) -> None:
    with pytest.raises(ValueError, match="invalid cron schedule 'every minute'"):
        build_deployment("every minute", [seeds_dir], None, None, settings)
    with pytest.raises(ValueError, match=r"input path does not exist: .*nope"):
        deployment_parameters([tmp_path / "nope"], None, None, settings)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("")
    with pytest.raises(ValueError, match="--feeds needs --inbox"):
        deployment_parameters([seeds_dir], feeds, None, settings)


def test_serve_serves_one_deployment_one_run_at_a_time(
    monkeypatch: pytest.MonkeyPatch, seeds_dir: Path, settings: Settings
) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    import prefect
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.setattr(prefect, "serve", lambda *a, **kw: calls.append((a, kw)))
    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        serve_mod.serve(CRON, [seeds_dir], None, None, settings)
    ((args, kwargs),) = calls
    assert [d.name for d in args] == ["forcerecon-scheduled"]
    assert kwargs == {"limit": 1}


def test_serve_without_a_prefect_server_is_refused(
    monkeypatch: pytest.MonkeyPatch, seeds_dir: Path, settings: Settings
) -> None:
    import prefect
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.setattr(prefect, "serve", lambda *a, **kw: pytest.fail("must not serve"))
    with (
        temporary_settings(restore_defaults={PREFECT_API_URL}),
        pytest.raises(ValueError, match=r"needs a Prefect server.*prefect server start"),
    ):
        serve_mod.serve(CRON, [seeds_dir], None, None, settings)


def test_feed_state_lives_in_a_dot_folder_ingest_skips(tmp_path: Path) -> None:
    assert feed_state_path(tmp_path / "inbox") == tmp_path / "inbox" / ".feeds" / "state.json"


@pytest.mark.slow
def test_deployment_registers_with_the_prefect_api(seeds_dir: Path, settings: Settings) -> None:
    """Registers on the temporary local server (no polling loop) and reads it back."""
    from prefect import get_client
    from prefect.utilities.asyncutils import run_coro_as_sync

    dep = build_deployment(CRON, [seeds_dir], None, None, settings, name="test-register")
    deployment_id = dep.apply()

    async def read() -> Any:
        async with get_client() as client:
            return await client.read_deployment(deployment_id)

    stored = run_coro_as_sync(read())
    assert stored.name == "test-register"
    assert [s.schedule.cron for s in stored.schedules] == [CRON]
    assert stored.parameters["settings"]["batch_size"] == 7
    assert stored.entrypoint == "forcerecon.serve.scheduled_run"
