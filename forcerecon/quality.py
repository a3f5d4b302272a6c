"""Great Expectations checkpoint on the warehouse tables, run at the end of every flow run.

The suites are files in the repository: ``gx/expectations/<suite>.json`` (GX 1.x suite JSON),
each checking the rows that ``gx/queries/<suite>.sql`` selects from the warehouse. At run time:

1. the suite files are parsed (a broken file becomes a failed result naming the file, never a
   crash of the run);
2. each query is read with pandas over a read-only DuckDB connection;
3. one ephemeral GX context per run holds a pandas data source with one dataframe asset per
   suite, and one Checkpoint per suite (a checkpoint validates one dataframe), run under the
   run's id (GX names results by it, not ``__none__``); each suite's full GX validation
   result is written as JSON to ``settings.reports_dir / "gx" / "runs" / <run_id> /
   <suite>.json``, next to the HTML report (``data_docs_index`` is that folder).

No GX Data Docs site is built: its pages load bootstrap, jQuery and Vega from CDNs and open
unstyled from ``file://``. The report's own validation page (offline, under its CSP) shows
every suite's expectations and results and links these JSON files; a Data Docs site an
earlier version left in ``reports_dir/gx`` is removed.

A failing expectation fails the run or only warns, per ``settings.gx_on_failure``; the flow
reads ``QualityResult.success`` and ``.failed`` (messages that name suite, expectation and
column). GX takes about 2-3 s to import; it is imported here lazily, once per run.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
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
_MAX_EXAMPLES = 5


@dataclass
class QualityResult:
    """The checkpoint's outcome: one row per expectation result, and the folder of this run's
    GX validation results as JSON (``data_docs_index``, kept under its old name)."""

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


def _context():  # -> EphemeralDataContext
    """One ephemeral GX context, progress bars off (no Data Docs site: see the module doc)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


#: What an earlier version's GX Data Docs build left in ``reports_dir/gx`` (CDN pages).
_OLD_SITE = ("index.html", "static", "expectations", "validations")


def _remove_old_site(docs_dir: Path) -> None:
    for name in _OLD_SITE:
        path = docs_dir / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink(missing_ok=True)


def run_folder_name(run_id: str | None) -> str:
    """A safe folder name for a run's results (letters, digits, '-', '_', '.')."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", run_id or "").strip("._")
    return name or "unnamed-run"


def _write_result(folder: Path, suite: str, validation: Any) -> None:
    """One suite's GX validation result as JSON (sorted keys: the same result, the same file)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_jsonable(validation.to_json_dict()), indent=1, sort_keys=True)
    tmp = folder / f".{suite}.json.tmp"
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, folder / f"{suite}.json")


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
    frames: dict[str, pd.DataFrame | str],
    specs: list[SuiteSpec],
    docs_dir: Path | None,
    run_id: str | None = None,
) -> tuple[list[dict[str, Any]], Path | None]:
    """Run one GX checkpoint per suite over its frame under ``run_id``; (result rows, the
    folder of this run's JSON results under ``docs_dir``, None without docs_dir)."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    context = _context()
    run_name = run_folder_name(run_id)
    folder = docs_dir / "runs" / run_name if docs_dir is not None else None
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
        result = checkpoint.run(
            batch_parameters={"dataframe": frame}, run_id=RunIdentifier(run_name=run_name)
        )
        ran = True
        for validation in result.run_results.values():
            rows.extend(_result_row(spec.name, er) for er in validation.results)
            if folder is not None:
                _write_result(folder, spec.name, validation)
    if docs_dir is not None:
        _remove_old_site(docs_dir)
    return rows, folder if ran else None


# --------------------------------------------------------------------------- entry point


def run_checkpoint(db_path: Path, settings: Settings, run_id: str | None = None) -> QualityResult:
    """Check the warehouse tables with the suites of ``settings.gx_dir``.

    Returns a QualityResult; failures are logged (error in "fail" mode, warning in "warn"
    mode) with messages naming suite, expectation and column. It does not raise for failing
    expectations: the flow marks the run failed (``gx_on_failure="fail"``) and still renders
    the report, which shows the results offline. Use ``enforce`` to raise instead.
    """
    if settings.gx_on_failure not in ON_FAILURE:
        raise ValueError(
            f"FORCERECON_GX_ON_FAILURE must be one of {', '.join(ON_FAILURE)}, "
            f"got {settings.gx_on_failure!r}"
        )
    t0 = time.perf_counter()
    specs, rows = load_suites(Path(settings.gx_dir))
    frames = read_frames(Path(db_path), specs)
    # the run's JSON results go next to the report (an absolute path: "reports/out" is relative)
    docs_dir = Path(settings.reports_dir).resolve() / "gx"
    docs_dir.mkdir(parents=True, exist_ok=True)
    gx_rows, index = validate_frames(frames, specs, docs_dir, run_id)
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
