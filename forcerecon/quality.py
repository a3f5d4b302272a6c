"""Great Expectations checkpoint on the warehouse tables, run at the end of every flow run.

The suites are files in the repository: ``gx/expectations/<suite>.json`` (GX 1.x suite JSON),
each checking the rows that ``gx/queries/<suite>.sql`` selects from the warehouse. At run time:

1. the suite files are parsed (a broken file becomes a failed result naming the file, never a
   crash of the run);
2. each query is read with pandas over a read-only DuckDB connection;
3. one ephemeral GX context per run holds a pandas data source with one dataframe asset per
   suite, and one Checkpoint per suite (a checkpoint validates one dataframe); then one Data
   Docs build writes the site to ``settings.reports_dir / "gx"``, next to the HTML report, so
   the report can link ``data_docs_index``.

A failing expectation fails the run or only warns, per ``settings.gx_on_failure``; the flow
reads ``QualityResult.success`` and ``.failed`` (messages that name suite, expectation and
column). GX takes about 2-3 s to import; it is imported here lazily, once per run.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from forcerecon.settings import Settings

log = logging.getLogger(__name__)

#: Columns of QualityResult.results (what warehouse.load.record_quality stores).
RESULT_COLUMNS: list[str] = ["suite", "expectation", "column", "success", "details"]
ON_FAILURE = ("fail", "warn")
DOCS_SITE = "forcerecon"
_MAX_EXAMPLES = 5


@dataclass
class QualityResult:
    """The checkpoint's outcome: one row per expectation result, and where the Data Docs are."""

    success: bool
    results: pd.DataFrame
    data_docs_index: Path | None
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def message(self) -> str:
        """One line for the run summary or log."""
        n = len(self.results)
        if self.success:
            return f"quality: {n} expectations passed"
        return f"quality: {len(self.failed)} of {n} expectations failed: " + "; ".join(self.failed)


class QualityFailed(RuntimeError):
    """Raised by QualityResult checks in "fail" mode (see ``enforce``)."""


@dataclass(frozen=True)
class SuiteSpec:
    """One suite file, its expectation dicts and the query that selects its rows."""

    name: str
    path: Path
    expectations: list[dict[str, Any]]
    query: str | None
    notes: str | None = None


# --------------------------------------------------------------------------- suite files


def load_suites(gx_dir: Path) -> tuple[list[SuiteSpec], list[dict[str, Any]]]:
    """Parse ``gx_dir/expectations/*.json``: (specs, failed result rows for broken files).

    A file that is not JSON, has no ``expectations`` list, names another suite, or has no
    query beside it becomes one failed result row naming the file and the problem.
    """
    specs: list[SuiteSpec] = []
    problems: list[dict[str, Any]] = []
    suite_dir = gx_dir / "expectations"
    files = sorted(suite_dir.glob("*.json")) if suite_dir.is_dir() else []
    if not files:
        problems.append(
            _row("(none)", "suite_files_exist", None, False, {"error": f"no suites in {suite_dir}"})
        )
    for path in files:
        name = path.stem
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(_file_problem(name, path, f"cannot read suite file: {exc}"))
            continue
        if not isinstance(data, dict) or not isinstance(data.get("expectations"), list):
            problems.append(_file_problem(name, path, "suite file has no 'expectations' list"))
            continue
        if data.get("name", name) != name:
            problems.append(
                _file_problem(name, path, f"suite name {data.get('name')!r} is not the file name")
            )
            continue
        query_path = gx_dir / "queries" / f"{name}.sql"
        query = query_path.read_text(encoding="utf-8") if query_path.is_file() else None
        if query is None:
            problems.append(_file_problem(name, path, f"no query file {query_path}"))
            continue
        specs.append(SuiteSpec(name, path, data["expectations"], query, data.get("notes")))
    return specs, problems


def _file_problem(suite: str, path: Path, error: str) -> dict[str, Any]:
    return _row(suite, "suite_file", None, False, {"file": path.as_posix(), "error": error})


def _row(
    suite: str, expectation: str, column: str | None, success: bool, details: dict[str, Any]
) -> dict[str, Any]:
    return {
        "suite": suite,
        "expectation": expectation,
        "column": column,
        "success": bool(success),
        "details": details,
    }


# --------------------------------------------------------------------------- reading


def read_frames(db_path: Path, specs: list[SuiteSpec]) -> dict[str, pd.DataFrame | str]:
    """Each suite's rows as a DataFrame (read-only connection), or the error text."""
    from forcerecon.warehouse.connection import connect

    frames: dict[str, pd.DataFrame | str] = {}
    if not Path(db_path).exists():
        return {s.name: f"warehouse not found: {db_path}" for s in specs}
    with connect(db_path, read_only=True) as con:
        for spec in specs:
            try:
                frames[spec.name] = con.execute(spec.query).df()
            except Exception as exc:  # a missing model is a failed check, not a crash
                frames[spec.name] = f"query gx/queries/{spec.name}.sql failed: {exc}"
    return frames


# --------------------------------------------------------------------------- GX


def _jsonable(value: Any) -> Any:
    """Numpy scalars, tuples and the like -> plain JSON values."""
    return json.loads(json.dumps(value, default=str))


def _column_of(kwargs: dict[str, Any]) -> str | None:
    if "column" in kwargs:
        return str(kwargs["column"])
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    if "column_list" in kwargs:
        return ",".join(map(str, kwargs["column_list"]))
    return None


def _result_row(suite: str, er: Any) -> dict[str, Any]:
    """A result row from a GX ExpectationValidationResult."""
    config = er.expectation_config
    kwargs = {k: v for k, v in dict(config.kwargs).items() if k not in ("batch_id",)}
    result = dict(er.result or {})
    details: dict[str, Any] = {"kwargs": kwargs}
    for key in ("observed_value", "element_count", "unexpected_count", "unexpected_percent"):
        if key in result:
            details[key] = result[key]
    if result.get("partial_unexpected_list"):
        details["examples"] = result["partial_unexpected_list"][:_MAX_EXAMPLES]
    info = er.exception_info or {}
    if info.get("raised_exception"):
        details["exception"] = info.get("exception_message")
    if config.notes:
        details["notes"] = config.notes
    return _row(suite, config.type, _column_of(kwargs), bool(er.success), _jsonable(details))


def _failure_text(row: dict[str, Any]) -> str:
    """'claims: expect_column_values_to_be_in_set(qualifier) - 2 of 40 rows unexpected, e.g. ...'"""
    d = row["details"]
    where = f"{row['suite']}: {row['expectation']}" + (
        f"({row['column']})" if row["column"] else ""
    )
    if d.get("error"):
        return f"{where} - {d['error']}" + (f" [{d['file']}]" if d.get("file") else "")
    if d.get("exception"):
        return f"{where} - raised {d['exception']}"
    if d.get("unexpected_count") is not None:
        text = f"{where} - {d['unexpected_count']} of {d.get('element_count')} rows unexpected"
        if d.get("examples"):
            text += f", e.g. {d['examples']}"
        return text
    return f"{where} - observed {d.get('observed_value')!r}"


def _context(docs_dir: Path | None):  # -> EphemeralDataContext
    """One ephemeral GX context, progress bars off, with our Data Docs site (if docs_dir)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    if docs_dir is not None:
        context.add_data_docs_site(
            DOCS_SITE,
            {
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_dir),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return context


def _build_suite(spec: SuiteSpec) -> tuple[Any, list[dict[str, Any]]]:
    """A GX ExpectationSuite from a spec, and failed rows for expectations GX cannot build."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    expectations = []
    problems = []
    for i, raw in enumerate(spec.expectations):
        try:
            config = ExpectationConfiguration(
                type=raw["type"],
                kwargs=raw.get("kwargs", {}),
                meta=raw.get("meta"),
                notes=raw.get("notes"),
            )
            expectations.append(config.to_domain_obj())
        except Exception as exc:  # an unknown type or bad kwargs: name the file and entry
            kind = raw.get("type") if isinstance(raw, dict) else None
            problems.append(
                _row(
                    spec.name,
                    str(kind or "suite_file"),
                    _column_of(raw.get("kwargs", {})) if isinstance(raw, dict) else None,
                    False,
                    {"file": spec.path.as_posix(), "error": f"expectation #{i + 1}: {exc}"},
                )
            )
    suite = gx.ExpectationSuite(name=spec.name, expectations=expectations, notes=spec.notes)
    return suite, problems


def validate_frames(
    frames: dict[str, pd.DataFrame | str], specs: list[SuiteSpec], docs_dir: Path | None
) -> tuple[list[dict[str, Any]], Path | None]:
    """Run one GX checkpoint per suite over its frame; (result rows, Data Docs index)."""
    import great_expectations as gx

    context = _context(docs_dir)
    source = context.data_sources.add_pandas("warehouse")
    rows: list[dict[str, Any]] = []
    ran = False
    for spec in specs:
        frame = frames.get(spec.name)
        if not isinstance(frame, pd.DataFrame):
            rows.append(_row(spec.name, "table_readable", None, False, {"error": str(frame)}))
            continue
        suite, problems = _build_suite(spec)
        rows.extend(problems)
        suite = context.suites.add(suite)
        batch = source.add_dataframe_asset(spec.name).add_batch_definition_whole_dataframe("all")
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{spec.name}-rows", data=batch, suite=suite)
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"forcerecon-{spec.name}",
                validation_definitions=[definition],
                actions=[],
                result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": frame})
        ran = True
        for validation in result.run_results.values():
            rows.extend(_result_row(spec.name, er) for er in validation.results)
    index = None
    if docs_dir is not None and ran:
        # one build for every suite and result of this run (an UpdateDataDocsAction per
        # checkpoint rebuilt the site once per suite: 0.6 s each)
        context.build_data_docs(site_names=[DOCS_SITE])
        index = docs_dir / "index.html"
        index = index if index.exists() else None
    return rows, index


# --------------------------------------------------------------------------- entry point


def run_checkpoint(db_path: Path, settings: Settings, run_id: str | None = None) -> QualityResult:
    """Check the warehouse tables with the suites of ``settings.gx_dir``.

    Returns a QualityResult; failures are logged (error in "fail" mode, warning in "warn"
    mode) with messages naming suite, expectation and column. It does not raise for failing
    expectations: the flow marks the run failed (``gx_on_failure="fail"``) and still renders
    the report, which links the Data Docs. Use ``enforce`` to raise instead.
    """
    if settings.gx_on_failure not in ON_FAILURE:
        raise ValueError(
            f"FORCERECON_GX_ON_FAILURE must be one of {', '.join(ON_FAILURE)}, "
            f"got {settings.gx_on_failure!r}"
        )
    t0 = time.perf_counter()
    specs, rows = load_suites(Path(settings.gx_dir))
    frames = read_frames(Path(db_path), specs)
    # GX's Data Docs store takes only an absolute base directory ("reports/out" is relative).
    docs_dir = Path(settings.reports_dir).resolve() / "gx"
    docs_dir.mkdir(parents=True, exist_ok=True)
    gx_rows, index = validate_frames(frames, specs, docs_dir)
    rows.extend(gx_rows)
    results = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    failed = [_failure_text(r) for r in rows if not r["success"]]
    outcome = QualityResult(
        success=not failed,
        results=results,
        data_docs_index=index,
        failed=failed,
        seconds=round(time.perf_counter() - t0, 2),
    )
    if failed:
        level = logging.ERROR if settings.gx_on_failure == "fail" else logging.WARNING
        log.log(level, "run %s: %s", run_id, outcome.message)
    return outcome


def enforce(result: QualityResult, settings: Settings) -> None:
    """Raise QualityFailed (naming the expectations) when checks failed in "fail" mode."""
    if not result.success and settings.gx_on_failure == "fail":
        raise QualityFailed(result.message)
