"""Scheduled incremental runs: the main flow served as a Prefect deployment on a cron schedule.

``forcerecon serve --cron "*/30 * * * *" seeds/ --feeds feeds.txt --inbox inbox/`` calls
:func:`serve`, which registers the deployment ``forcerecon-scheduled/forcerecon-scheduled``
with the Prefect API (a running ``prefect server start``, or a temporary local one) and polls
for its scheduled runs until interrupted. Each run is :func:`scheduled_run`:

1. with a feeds file: fetch new feed entries into the inbox (``forcerecon.feeds``);
2. run the main flow (``flows.main.run_flow``) on the inputs plus the inbox. The flow's plan
   step (``forcerecon.incremental.plan_incremental``) extracts only documents whose text or
   extractor version is new, so a run with nothing new is cheap.

Deployment parameters must be JSON: paths are strings and the settings a dict
(:func:`settings_to_params` / :func:`settings_from_params`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from forcerecon.settings import Settings

DEPLOYMENT_NAME = "forcerecon-scheduled"
FLOW_NAME = "forcerecon-scheduled"
#: Where the feed state and fetch rejects live, relative to the inbox (ingest skips dot-dirs).
FEED_STATE_DIR = ".feeds"

#: Settings fields that hold a path (annotations are strings here, so look at the defaults).
_PATH_FIELDS = tuple(
    name for name in Settings.model_fields if isinstance(getattr(Settings(), name), Path)
)


def settings_to_params(settings: Settings) -> dict[str, Any]:
    """Settings as a JSON-able dict (paths as absolute strings), for deployment parameters."""
    out: dict[str, Any] = {}
    for name in Settings.model_fields:
        value = getattr(settings, name)
        out[name] = str(Path(value).resolve()) if isinstance(value, Path) else value
    return out


def settings_from_params(params: dict[str, Any] | None) -> Settings:
    """The inverse of :func:`settings_to_params`; unknown keys are an error naming them."""
    params = dict(params or {})
    known = set(Settings.model_fields)
    unknown = sorted(set(params) - known)
    if unknown:
        raise ValueError(f"unknown settings in deployment parameters: {unknown}")
    for name in _PATH_FIELDS:
        if params.get(name) is not None:
            params[name] = Path(params[name])
    return Settings().with_(**params)


def feed_state_path(inbox: Path) -> Path:
    """The feed state file kept with an inbox: ``<inbox>/.feeds/state.json``."""
    return inbox / FEED_STATE_DIR / "state.json"


@task(cache_policy=NO_CACHE, retries=0)
def fetch_feeds_task(feeds_file: str, inbox: str, settings: Settings) -> dict[str, Any]:
    """Fetch new feed entries into the inbox and record the fetch in the warehouse.

    The fetch is a run of its own in the ``runs`` table (run id ``fetch-<uuid>``, status
    ``fetched``) that holds the feeds and pages that failed as rejects with stage ``fetch``.
    """
    import uuid
    from datetime import UTC, datetime

    from forcerecon import EXTRACTOR_VERSION
    from forcerecon.feeds import fetch_feeds
    from forcerecon.warehouse.load import load_run

    inbox_path = Path(inbox)
    run_id = f"fetch-{uuid.uuid4().hex[:12]}"
    started = datetime.now(UTC).replace(microsecond=0)
    result = fetch_feeds(
        Path(feeds_file), inbox_path, feed_state_path(inbox_path), settings, run_id=run_id
    )
    run = {
        "run_id": run_id,
        "started_at": started,
        "ended_at": datetime.now(UTC).replace(microsecond=0),
        "status": "fetched",
        "inputs": feeds_file,
        "extractor_version": EXTRACTOR_VERSION,
        "message": ", ".join(f"{k}={v}" for k, v in result.summary().items()),
    }
    load_run(settings.db_path, run, None, None, None, result.rejects)
    return {
        "run_id": run_id,
        **result.summary(),
        "inbox_file": str(result.inbox_file) if result.inbox_file else None,
        "rejects_file": str(result.rejects_file),
    }


@flow(name=FLOW_NAME, log_prints=False)
def scheduled_run(
    inputs: list[str],
    feeds_file: str | None = None,
    inbox: str | None = None,
    settings: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One scheduled run: fetch feeds into the inbox (if any), then the incremental main flow."""
    from forcerecon.flows.main import run_flow

    run_settings = settings_from_params(settings).with_(quiet=True)
    paths = list(inputs)
    feeds_summary: dict[str, Any] | None = None
    if inbox:
        Path(inbox).mkdir(parents=True, exist_ok=True)
        paths.append(inbox)
    if feeds_file:
        if not inbox:
            raise ValueError("a feeds file needs an inbox folder to write articles into")
        feeds_summary = fetch_feeds_task(feeds_file, inbox, run_settings)
    summary = run_flow(paths, run_settings)
    summary["feeds"] = feeds_summary
    return summary


def deployment_parameters(
    inputs: list[Path], feeds_file: Path | None, inbox: Path | None, settings: Settings
) -> dict[str, Any]:
    """The JSON parameters of the deployment; missing inputs or feeds file are an error."""
    missing = [p.as_posix() for p in [*inputs, *([feeds_file] if feeds_file else [])]]
    missing = [p for p in missing if not Path(p).exists()]
    if missing:
        raise ValueError(f"input path does not exist: {', '.join(missing)}")
    if feeds_file and not inbox:
        raise ValueError("--feeds needs --inbox: the folder fetched articles are written into")
    return {
        "inputs": [str(p.resolve()) for p in inputs],
        "feeds_file": str(feeds_file.resolve()) if feeds_file else None,
        "inbox": str(inbox.resolve()) if inbox else None,
        "settings": settings_to_params(settings),
    }


def build_deployment(
    cron: str,
    inputs: list[Path],
    feeds_file: Path | None,
    inbox: Path | None,
    settings: Settings,
    name: str = DEPLOYMENT_NAME,
):  # -> prefect.deployments.runner.RunnerDeployment
    """The deployment of :func:`scheduled_run` on ``cron``; builds, registers nothing.

    Raises ValueError for a cron expression Prefect does not accept.
    """
    from prefect.deployments.runner import EntrypointType
    from pydantic import ValidationError

    params = deployment_parameters(inputs, feeds_file, inbox, settings)
    try:
        return scheduled_run.to_deployment(
            name=name,
            cron=cron,
            parameters=params,
            description="Incremental forcerecon run: feeds -> inbox, then only new documents.",
            tags=["forcerecon"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
    except (ValidationError, ValueError) as exc:
        raise ValueError(f"invalid cron schedule {cron!r}: {exc}") from exc


def require_api_server(api_url: str | None) -> str:
    """The Prefect API URL, or ValueError: a temporary server never creates scheduled runs.

    Prefect's temporary (ephemeral) server runs without its scheduler service ("Cannot
    schedule flows on an ephemeral server"), so serving against it would wait forever.
    """
    if not api_url:
        raise ValueError(
            "forcerecon serve needs a Prefect server: the temporary one never schedules runs. "
            "Start one with `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (see docs/operations.md)"
        )
    return api_url


def serve(
    cron: str,
    inputs: list[Path],
    feeds_file: Path | None,
    inbox: Path | None,
    settings: Settings,
) -> None:
    """Serve the scheduled deployment until interrupted (Ctrl-C pauses its schedule).

    One run at a time (``limit=1``): runs share one DuckDB file, which has a single writer.
    Raises ValueError (before anything is registered) for a bad cron, a missing input, or
    when no Prefect server is configured (PREFECT_API_URL).
    """
    import prefect
    from prefect.settings import PREFECT_API_URL

    deployment = build_deployment(cron, inputs, feeds_file, inbox, settings)
    require_api_server(PREFECT_API_URL.value())
    prefect.serve(deployment, limit=1)
