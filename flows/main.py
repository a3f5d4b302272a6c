"""The main flow: ingest -> extract -> validate -> load -> reconcile -> check -> report.

The flow only sequences; every step is a task in flows/tasks.py over a library stage.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

from prefect import flow
from prefect.client.schemas.objects import FlowRun
from prefect.states import State

from forcerecon.flows import tasks
from forcerecon.flows.publish import loaded_line, reject_reasons
from forcerecon.prefect_api import configured_api_url, prefect_api
from forcerecon.progress import Progress
from forcerecon.settings import Settings
from forcerecon.warehouse.connection import run_lock
from forcerecon.warehouse.problems import format_problems


def record_failure(flow: object, flow_run: FlowRun, state: State) -> None:
    """A run that fails still leaves a `runs` row saying so (its load, if any, rolled back)."""
    from forcerecon.warehouse.connection import WarehouseLocked
    from forcerecon.warehouse.load import record_run

    settings = flow_run.parameters.get("settings")
    db_path = getattr(settings, "db_path", None) or (settings or {}).get("db_path")
    if not db_path:
        return
    failed = {
        "run_id": tasks.run_id_for(flow_run.id),
        "flow_run_id": str(flow_run.id),
        "ended_at": datetime.now(UTC).replace(microsecond=0),
        "status": "failed",
        "message": (state.message or "")[:2000],
    }
    # If the failure was a busy warehouse, there is nothing more to record now.
    with contextlib.suppress(WarehouseLocked):
        record_run(db_path, failed, lock_timeout=10)


@flow(name="forcerecon-run", log_prints=False, on_failure=[record_failure])
def forcerecon_run(inputs: list[str], settings: Settings) -> dict[str, Any]:
    """Extract, validate, load and reconcile the force figures of `inputs`."""
    with run_lock(settings.db_path), Progress(None, quiet=settings.quiet) as progress:
        run = tasks.start_run(inputs)
        ingested = tasks.ingest(inputs, run.run_id)
        progress.set_total(len(ingested.documents), "read")
        progress.advance("read", len(ingested.documents))
        todo = tasks.plan(ingested.documents, settings)
        progress.set_total(len(todo), "extracted", "loaded")
        extracted = tasks.extract_all(todo, settings, progress)
        valid = tasks.validate(ingested, todo, extracted, run.run_id)
        loaded = tasks.load(settings, run, valid)
        progress.advance("loaded", len(valid.documents))
        first_rejects = reject_reasons(valid.rejects)
        del ingested, todo, extracted, valid  # the texts and frames are in the warehouse now
        rebuild = tasks.needs_rebuild(loaded, settings)
        if rebuild:
            tasks.reconcile(settings)
            tasks.publish_conflicts(settings)
            quality = tasks.check_quality(settings, run.run_id)
        else:  # nothing new: models and checks as the last run left them
            quality = tasks.carry_quality(settings, run.run_id)
        summary = tasks.summarize(settings, run, loaded, quality)
        summary["report"] = tasks.report(settings, summary, refresh=rebuild)
        tasks.publish(summary, first_rejects)
        if rebuild:  # only now: a run killed before this point is finished by the next one
            tasks.marts_built(settings, run.run_id)
    return summary


def task_runner(settings: Settings):  # -> TaskRunner | None
    """Dask for extraction when asked (--workers N or --dask ADDRESS), else Prefect's default."""
    if not (settings.workers or settings.dask_address):
        return None
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1, "processes": True}
    )


def run_flow(inputs: list[str], settings: Settings) -> dict[str, Any]:
    """Run the flow with the task runner the settings ask for, and add a printable summary."""
    runner = task_runner(settings)
    flow_fn = forcerecon_run.with_options(task_runner=runner) if runner else forcerecon_run
    temporary = configured_api_url() is None
    with prefect_api():
        summary = flow_fn(inputs, settings)
        summary["prefect_run_url"] = flow_run_ui_url(summary.get("flow_run_id"))
    if temporary:
        from prefect.settings import PREFECT_HOME

        summary["prefect_home"] = str(PREFECT_HOME.value())
    summary["text"] = format_summary(summary)
    return summary


def flow_run_ui_url(flow_run_id: str | None) -> str | None:
    """The flow run's page in the Prefect UI (of the server it reported to, or, for the
    temporary server, of the UI that serves this Prefect home)."""
    from prefect.settings import PREFECT_UI_URL

    ui = PREFECT_UI_URL.value()
    return f"{ui.rstrip('/')}/runs/flow-run/{flow_run_id}" if ui and flow_run_id else None


def format_summary(summary: dict[str, Any]) -> str:
    """What `forcerecon run` prints at the end."""
    lines = [
        f"run {summary['run_id']} {summary['status']} in {summary['duration_s']:.1f} s",
        f"warehouse: {summary['db_path']}",
        f"  documents: {summary['documents']}  claims: {summary['claims']}"
        f"  subjects: {summary['subjects']}",
        f"  this run: {loaded_line(summary['loaded'])}",
        *format_problems(summary.get("problems"), summary["run_id"]),
        f"data quality (Great Expectations, SQL checks): {summary['validation']}"
        + (
            f" (nothing changed: results of run {summary['quality_carried_from']})"
            if summary.get("quality_carried_from")
            else ""
        ),
        *(f"  failed expectation: {name}" for name in summary["failed_expectations"]),
        f"report: {summary['report']}"
        + (" (unchanged: nothing new)" if summary.get("quality_carried_from") else ""),
    ]
    if summary.get("prefect_run_url"):
        home = summary.get("prefect_home")
        hint = f" (open it after `make ui`; run history in PREFECT_HOME={home})"
        lines.append(f"prefect: {summary['prefect_run_url']}" + (hint if home else ""))
    return "\n".join(lines)
