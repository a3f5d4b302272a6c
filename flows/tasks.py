"""The tasks of the main flow: each a thin, typed wrapper around a library stage.

Tasks take paths, settings and DataFrames, never live DuckDB connections. DataFrame inputs
are not hashed for caching (NO_CACHE): each run recomputes, and the warehouse load is what
makes reruns idempotent.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner

from forcerecon import EXTRACTOR_VERSION
from forcerecon.extract import Extraction, extract_documents
from forcerecon.faultpoints import pause_at
from forcerecon.flows.publish import loaded_line, quality_line, rejects_line, run_logger
from forcerecon.ingest import IngestResult, read_inputs
from forcerecon.lifeline import watch_parent
from forcerecon.progress import Progress, gather
from forcerecon.records import (
    CLAIM_COLUMNS,
    REJECT_COLUMNS,
    STATEMENT_COLUMNS,
    empty_frame,
)
from forcerecon.settings import Settings


@dataclass
class RunInfo:
    """Identity and clock of one flow run."""

    run_id: str
    flow_run_id: str | None
    inputs: list[str]
    started_at: datetime
    t0: float = field(default_factory=time.perf_counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "flow_run_id": self.flow_run_id,
            "inputs": ";".join(self.inputs),
            "started_at": self.started_at,
            "extractor_version": EXTRACTOR_VERSION,
        }


@dataclass
class Validated:
    """What passed validation, and everything quarantined on the way."""

    documents: pd.DataFrame
    claims: pd.DataFrame
    statements: pd.DataFrame
    rejects: pd.DataFrame
    n_extracted_documents: int
    #: ingest's warnings that are not also rejects (stored in the warnings table)
    warnings: list[str] = field(default_factory=list)


def run_id_for(flow_run_id: object | None) -> str:
    """The warehouse run id: derived from Prefect's flow run id, so hooks can find the run."""
    return uuid.UUID(str(flow_run_id)).hex[:16] if flow_run_id else uuid.uuid4().hex[:16]


def start_run(inputs: list[str]) -> RunInfo:
    """A fresh run id (and the Prefect flow run id, when inside a flow run)."""
    from prefect.runtime import flow_run

    flow_run_id = flow_run.get_id()
    return RunInfo(
        run_id=run_id_for(flow_run_id),
        flow_run_id=str(flow_run_id) if flow_run_id else None,
        inputs=inputs,
        started_at=datetime.now(UTC).replace(microsecond=0),
    )


@task(cache_policy=NO_CACHE)
def ingest(inputs: list[str], run_id: str) -> IngestResult:
    """Read every input; bad files become rejects, never an exception for the batch."""
    result = read_inputs([Path(p) for p in inputs], run_id=run_id)
    logger = run_logger()
    logger.info("read %d documents from %s", len(result.documents), ", ".join(inputs))
    for warning in result.warnings[:5]:
        logger.warning("ingest: %s", warning)
    logger.info(rejects_line(result.rejects, "ingest"))
    return result


@task(cache_policy=NO_CACHE)
def plan(documents: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Only documents whose text or extractor version is new need extracting."""
    from forcerecon.incremental import plan_incremental
    from forcerecon.warehouse.load import known_documents

    todo = plan_incremental(documents, known_documents(settings.db_path), EXTRACTOR_VERSION)
    run_logger().info(
        "%d of %d documents are new or changed and will be extracted (%d unchanged)",
        len(todo), len(documents), len(documents) - len(todo),
    )  # fmt: skip
    return todo


def batches(documents: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """Split documents into batches: one task per document does not scale (ENVIRONMENT.md)."""
    size = max(1, size)
    return [documents.iloc[i : i + size] for i in range(0, len(documents), size)]


@task(cache_policy=NO_CACHE)
def extract_batch(documents: pd.DataFrame) -> Extraction:
    """Extract claims and statements from one batch of documents."""
    pause_at("extract")
    return extract_documents(documents)


def extraction_processes(settings: Settings, n_batches: int, cpus: int | None = None) -> int:
    """How many processes extract ``n_batches`` batches when Dask is not configured.

    ``settings.processes`` when set; else one per CPU core (at most one per batch) once there
    are two batches: extraction is CPU-bound Python, so threads share one core (the GIL).
    """
    if settings.workers or settings.dask_address:
        return 1
    if settings.processes > 0:
        return min(settings.processes, max(n_batches, 1))
    cpus = cpus or os.cpu_count() or 1
    return min(cpus, n_batches) if n_batches >= 2 else 1


def extract_all(todo: pd.DataFrame, settings: Settings, progress: Progress) -> list[Extraction]:
    """Extract in batches, counting documents done: on the flow's Dask cluster when one is
    configured, else in a pool of processes that lives only as long as the extraction (its
    memory is returned before the report), else one batch after another in this process."""
    parts = batches(todo, settings.batch_size)
    sizes = [len(b) for b in parts]
    if settings.workers or settings.dask_address:
        return gather(extract_batch.map(parts), sizes, progress, "extracted")
    processes = extraction_processes(settings, len(parts))
    if processes > 1:
        # each worker ends with this process, even when it is killed (forcerecon/lifeline.py)
        pool = ProcessPoolTaskRunner(
            max_workers=processes, initializer=watch_parent, initargs=(os.getpid(),)
        )
        with pool as runner:
            futures = [runner.submit(extract_batch, {"documents": part}) for part in parts]
            return gather(futures, sizes, progress, "extracted")
    results = []
    for part, size in zip(parts, sizes, strict=True):
        results.append(extract_batch(part))
        progress.advance("extracted", size)
    return results


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame(columns)
    return pd.concat(frames, ignore_index=True)[columns]


@task(cache_policy=NO_CACHE)
def validate(
    ingested: IngestResult, todo: pd.DataFrame, extractions: list[Extraction], run_id: str
) -> Validated:
    """pandera checks at the stage boundaries; failing rows are quarantined as rejects."""
    from forcerecon.schemas import validate_claims, validate_documents, validate_statements

    claims = _concat([e.claims for e in extractions], CLAIM_COLUMNS)
    statements = _concat([e.statements for e in extractions], STATEMENT_COLUMNS)
    documents, doc_rejects = validate_documents(ingested.documents, run_id)
    good_claims, claim_rejects = validate_claims(claims, documents, run_id)
    good_statements, st_rejects = validate_statements(statements, documents, run_id)
    stage_rejects = [doc_rejects, claim_rejects, st_rejects]
    extract_rejects = [e.rejects for e in extractions]
    rejects = _concat([ingested.rejects, *extract_rejects, *stage_rejects], REJECT_COLUMNS)
    rejects["run_id"] = run_id
    # A document whose extraction failed is left out of the load: its earlier claims stay
    # current and the planner retries it next run.
    failed = set().union(*(set(e.rejects["doc_id"].dropna()) for e in extractions))
    extracted = documents[
        documents["content_hash"].isin(todo["content_hash"]) & ~documents["doc_id"].isin(failed)
    ]
    run_logger().info(
        "extracted %d claims and %d statements from %d documents; %d claims and %d statements "
        "passed validation",
        len(claims), len(statements), len(todo), len(good_claims), len(good_statements),
    )  # fmt: skip
    run_logger().info(rejects_line(rejects, "this run"))
    rejected = set(rejects["message"])
    warnings = [w for w in ingested.warnings if w not in rejected]
    return Validated(extracted, good_claims, good_statements, rejects, len(todo), warnings)


@task(cache_policy=NO_CACHE)
def load(settings: Settings, run: RunInfo, valid: Validated) -> dict[str, Any]:
    """One transaction: documents, claims, statements, rejects and the run record."""
    from forcerecon.warehouse.load import load_run

    loaded = load_run(
        settings.db_path,
        run.as_dict(),
        valid.documents,
        valid.claims,
        valid.statements,
        valid.rejects,
        warnings=valid.warnings,
    )
    run_logger().info("loaded into %s: %s", settings.db_path, loaded_line(loaded))
    pause_at("after_load")
    return loaded


@task(cache_policy=NO_CACHE)
def marts_built(settings: Settings, run_id: str) -> int:
    """The models are rebuilt, checked and rendered: clear the load's dirty mark (only now, so a
    run killed before this point is finished by the next one); returns the runs marked
    interrupted."""
    from forcerecon.warehouse.fingerprint import mark_marts_built

    return mark_marts_built(settings.db_path, run_id)


def needs_rebuild(loaded: dict[str, Any], settings: Settings) -> bool:
    """Whether the models and checks must be rebuilt: the load changed something, an earlier
    run stopped between its load and the end of its checks (the marts are marked dirty), or the
    models are missing or were built from other settings, lexicons or SQL."""
    from forcerecon.warehouse.fingerprint import built_fingerprint, marts_dirty, params_fingerprint
    from forcerecon.warehouse.load import CHANGE_COUNTS

    if any(loaded.get(k) for k in CHANGE_COUNTS) or marts_dirty(settings.db_path):
        return True
    return built_fingerprint(settings.db_path) != params_fingerprint(settings)


@task(cache_policy=NO_CACHE)
def carry_quality(settings: Settings, run_id: str) -> dict[str, Any]:
    """Nothing changed: the last checked run's results hold for this run; stored under it."""
    from forcerecon.warehouse.load import latest_quality, record_quality

    rows = latest_quality(settings.db_path)
    record_quality(settings.db_path, run_id, rows)
    failed = rows[~rows["success"].astype(bool)]
    docs = Path(settings.reports_dir) / "gx" / "index.html"
    quality = {
        "success": bool(rows["success"].all()),
        "failed": [f"{r.suite}: {r.expectation} ({r.column})" for r in failed.itertuples()],
        "data_docs_index": str(docs) if docs.exists() else None,
        "carried_from": rows["checked_in"].iloc[0] if len(rows) else None,
    }
    run_logger().info(quality_line(quality))
    return quality


@task(cache_policy=NO_CACHE)
def reconcile(settings: Settings) -> dict[str, int]:
    """Rebuild the reconciliation models (staging -> marts) from the current claims."""
    from forcerecon.warehouse.models import build_models

    built = build_models(settings.db_path, settings)
    run_logger().info(
        "reconciliation models rebuilt (%d relations): %s subjects, %s conflicting pairs",
        len(built), built.get("subject_summary", "?"), built.get("conflicting_pairs", "?"),
    )  # fmt: skip
    return built


@task(cache_policy=NO_CACHE)
def check_quality(settings: Settings, run_id: str) -> dict[str, Any]:
    """Great Expectations suites and the warehouse's SQL data checks; results stored per run."""
    from forcerecon.quality import run_checkpoint
    from forcerecon.warehouse.load import record_quality
    from forcerecon.warehouse.models import run_checks

    result = run_checkpoint(settings.db_path, settings, run_id)
    violations = run_checks(settings.db_path)
    checks = pd.DataFrame(
        {
            "suite": "warehouse_checks",
            "expectation": list(violations),
            "success": [n == 0 for n in violations.values()],
            "details": [{"violating_rows": n} for n in violations.values()],
        }
    )
    record_quality(settings.db_path, run_id, pd.concat([result.results, checks]))
    failed_checks = [
        f"warehouse_checks: {name} - {n} violating rows (warehouse/checks/{name}.sql)"
        for name, n in violations.items()
        if n
    ]
    quality = {
        "success": bool(result.success) and not failed_checks,
        "failed": [*result.failed, *failed_checks],
        "data_docs_index": str(result.data_docs_index) if result.data_docs_index else None,
    }
    run_logger().info(quality_line(quality) + f" ({len(result.results) + len(checks)} checks)")
    return quality


@task(cache_policy=NO_CACHE)
def publish_conflicts(settings: Settings) -> int:
    """Show the conflicting subjects as a table artifact in the Prefect UI."""
    from forcerecon.warehouse.models import conflicting_subjects

    rows = conflicting_subjects(settings.db_path)
    table = rows.astype(object).where(rows.notna(), None).to_dict(orient="records")
    create_table_artifact(
        table=table or [{"subject": "(none)", "status": "no conflicting subjects"}],
        key="forcerecon-conflicts",
        description=f"Subjects whose independent figures do not overlap ({len(rows)}).",
    )
    run_logger().info("%d conflicting subjects (table artifact forcerecon-conflicts)", len(rows))
    return len(rows)


@task(cache_policy=NO_CACHE)
def report(settings: Settings, summary: dict[str, Any], refresh: bool = True) -> str:
    """Render the HTML report; returns the path of its index page. With nothing changed in
    the warehouse (``refresh`` False) an existing report is kept as it is: a scheduled run
    that finds nothing new does not rewrite tens of thousands of pages."""
    from forcerecon.reports.render import render_report

    index = Path(settings.reports_dir) / "index.html"
    if not refresh and index.exists():
        run_logger().info("report unchanged (nothing new): %s", index)
        return str(index)

    hidden = ("loaded", "flow_run_id", "db_path", "quality_carried_from", "problems")
    shown = {k: v for k, v in summary.items() if k not in hidden}
    path = str(render_report(settings.db_path, settings.reports_dir, shown))
    run_logger().info("report written: %s", path)
    return path


@task(cache_policy=NO_CACHE)
def publish(summary: dict[str, Any], reject_lines: list[str]) -> None:
    """The run's summary in the log, as a markdown artifact, and a link artifact to the report."""
    from forcerecon.flows.publish import publish_summary

    publish_summary(summary, reject_lines)


def summarize(
    settings: Settings, run: RunInfo, loaded: dict[str, Any], quality: dict[str, Any]
) -> dict[str, Any]:
    """Close the run's record in the warehouse; the summary the report shows and the CLI prints."""
    from forcerecon.warehouse.load import counts, record_run
    from forcerecon.warehouse.problems import run_problems

    ok = quality["success"] or settings.gx_on_failure == "warn"
    failed = "; ".join(quality["failed"])
    record_run(
        settings.db_path,
        {
            "run_id": run.run_id,
            "ended_at": datetime.now(UTC).replace(microsecond=0),
            "status": "ok" if ok else "failed",
            "message": f"failed expectations: {failed}" if failed else None,
        },
    )
    held = counts(settings.db_path)
    return {
        "run_id": run.run_id,
        "flow_run_id": run.flow_run_id,
        "started_at": run.started_at.isoformat(),
        "duration_s": round(time.perf_counter() - run.t0, 2),
        "db_path": str(settings.db_path),
        "status": "ok" if ok else "failed",
        **held,
        "rejects": int(loaded.get("n_rejects", 0)),
        "validation": "passed" if quality["success"] else "failed",
        "failed_expectations": quality["failed"],
        "data_docs_index": quality["data_docs_index"],
        "quality_carried_from": quality.get("carried_from"),
        "loaded": loaded,
        "problems": run_problems(settings.db_path, run.run_id),
    }
