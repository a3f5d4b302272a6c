"""The `forcerecon` command line: thin commands that parse options and call library functions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

# No network here: Prefect must not try to send telemetry on every run. The temporary
# server Prefect starts when no server is configured needs longer than its 20 s default on
# a busy 2-core machine (first start runs its database migrations).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Extract, validate, load and reconcile military force figures from news articles.",
)

Inputs = Annotated[
    list[Path] | None,
    typer.Argument(help="Folders of .txt/.html (+ manifest.csv), files, or .jsonl files."),
]
DEFAULT_INPUTS = [Path("seeds")]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _lexicons():  # -> Lexicons
    """The extraction lexicons (FORCERECON_LEXICONS), or a clear error naming the folder."""
    from forcerecon.extract.lexicon import LexiconError, get_lexicons

    try:
        return get_lexicons()
    except LexiconError as exc:
        _fail(str(exc))


def _read(inputs: list[Path]):  # -> IngestResult
    from forcerecon.ingest import read_inputs

    try:
        result = read_inputs(inputs, run_id="adhoc")
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    rejected = set(result.rejects["message"])
    for warning in result.warnings:
        if warning not in rejected:
            typer.echo(f"warning: {warning}", err=True)
    _print_rejects(result.rejects)
    return result


def _print_rejects(rejects) -> None:  # rejects: DataFrame[REJECT_COLUMNS]
    for row in rejects.itertuples():
        typer.echo(f"rejected: {row.source}: {row.message}", err=True)


@app.command()
def run(
    inputs: Inputs = None,
    db: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for the HTML report.")] = None,
    workers: Annotated[int | None, typer.Option(help="Local Dask workers for extraction.")] = None,
    dask: Annotated[str | None, typer.Option(help="Address of an existing Dask cluster.")] = None,
    processes: Annotated[
        int | None,
        typer.Option(help="Extraction processes without Dask (default: one per CPU core)."),
    ] = None,
    gx_warn: Annotated[
        bool, typer.Option("--gx-warn", help="A failing expectation warns instead of failing.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Run the whole flow: ingest, extract, validate, load, reconcile, check, report."""
    paths = [str(p) for p in (inputs or DEFAULT_INPUTS)]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        _fail(f"input not found: {', '.join(missing)}")
    from forcerecon.prefect_api import start_early

    start_early()  # Prefect's temporary server starts while the rest is imported
    from forcerecon.settings import Settings

    settings = Settings().with_(
        db_path=db,
        reports_dir=reports,
        workers=workers,
        dask_address=dask,
        processes=processes,
        gx_on_failure="warn" if gx_warn else None,
        quiet=quiet or None,
    )
    from forcerecon.flows.main import run_flow

    try:
        summary = run_flow(paths, settings)
    except Exception as exc:  # the flow has logged the traceback and recorded the failed run
        typer.echo(f"error: run failed: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(summary["text"])
    if summary["status"] != "ok":
        raise typer.Exit(1)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders to extract from.")],
    out: Annotated[Path | None, typer.Option(help="CSV file to write (default: stdout).")] = None,
) -> None:
    """Extract claims without a database: one CSV row per figure (SCHEME columns + start, end)."""
    from forcerecon.extract import extract_documents, to_scheme

    lex = _lexicons()
    ingested = _read(inputs)
    extraction = extract_documents(ingested.documents, lex)
    _print_rejects(extraction.rejects)
    table = to_scheme(extraction.claims)
    if out is None:
        table.to_csv(sys.stdout, index=False)
    else:
        table.to_csv(out, index=False)
        n_docs = len(ingested.documents)
        typer.echo(f"{len(table)} claims from {n_docs} documents -> {out}", err=True)


@app.command("eval")
def evaluate_cmd(
    gold: Annotated[Path, typer.Option(help="Gold CSV in the format of docs/SCHEME.md.")],
    inputs: Annotated[list[Path], typer.Argument(help="The annotated articles.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against a gold file: P/R/F1, field accuracy, subject grouping, misses.

    The gold file follows the annotation scheme in docs/SCHEME.md (what counts as a force
    figure, one row per figure mention, and every column: value bounds, qualifier, category,
    side, location, as_of, claimant, modality, subject).
    """
    if not gold.exists():
        _fail(f"gold file not found: {gold}")
    from forcerecon.evaluate import GoldError, evaluate, read_gold_csv
    from forcerecon.extract import extract_documents, to_scheme

    lex = _lexicons()
    ingested = _read(inputs)
    extraction = extract_documents(ingested.documents, lex)
    texts = dict(zip(ingested.documents["doc_id"], ingested.documents["text"], strict=True))
    try:
        gold_rows = read_gold_csv(gold)
    except GoldError as exc:
        _fail(str(exc))
    report = evaluate(to_scheme(extraction.claims), gold_rows, texts)
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.to_text())


@app.command()
def report(
    db: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for the HTML report.")] = None,
) -> None:
    """Render the HTML report from an existing warehouse."""
    from forcerecon.reports.reader import ReportError
    from forcerecon.reports.render import render_report
    from forcerecon.settings import Settings

    settings = Settings().with_(db_path=db, reports_dir=reports)
    if not settings.db_path.exists():
        _fail(f"warehouse not found: {settings.db_path} (run `forcerecon run` first)")
    from forcerecon.warehouse.fingerprint import marts_dirty

    if stale := marts_dirty(settings.db_path):
        typer.echo(
            f"warning: the models do not reflect the load of run {stale} yet (that run was "
            "stopped before it rebuilt them); `forcerecon run` finishes it",
            err=True,
        )
    try:
        index = render_report(settings.db_path, settings.reports_dir)
    except ReportError as exc:
        _fail(str(exc))
    typer.echo(f"report: {index}")


@app.command()
def retire(
    doc_ids: Annotated[list[str], typer.Argument(help="doc_id of each document to retire.")],
    db: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for the HTML report.")] = None,
    note: Annotated[str | None, typer.Option(help="Why, stored with the retirement.")] = None,
) -> None:
    """Retire documents (e.g. removed from the input): they and their claims stop being
    current, kept as history; the models, checks and report are rebuilt."""
    from forcerecon.retire import retire as retire_docs
    from forcerecon.settings import Settings
    from forcerecon.warehouse.retire import RetireError

    settings = Settings().with_(db_path=db, reports_dir=reports)
    try:
        done = retire_docs(doc_ids, settings, note=note)
    except (RetireError, FileNotFoundError) as exc:
        _fail(str(exc))
    typer.echo(
        f"retired {done['n_documents_superseded']} documents, {done['n_claims_retired']} claims, "
        f"{done['n_statements_retired']} statements (run {done['run_id']}; kept as history)"
    )
    typer.echo(f"data quality (Great Expectations, SQL checks): {done['validation']}")
    for name in done["failed"]:
        typer.echo(f"  failed expectation: {name}")
    typer.echo(f"report: {done['report']}")


SQL_FORMATS = ("table", "csv", "json")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run against the warehouse (read-only).")],
    db: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run an ad-hoc read-only query against the warehouse (it reads no other file)."""
    from forcerecon.settings import Settings
    from forcerecon.warehouse.adhoc import QueryRefused, run_read_only

    if fmt not in SQL_FORMATS:
        _fail(f"unknown --format {fmt!r}: use one of {', '.join(SQL_FORMATS)}")
    path = Settings().with_(db_path=db).db_path
    try:
        frame = run_read_only(path, query)
    except (QueryRefused, FileNotFoundError) as exc:
        _fail(str(exc))
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        typer.echo(frame.to_json(orient="records", indent=2, date_format="iso"))
    else:
        typer.echo(frame.to_string(index=False))


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help='Schedule, e.g. "*/30 * * * *".')],
    inputs: Inputs = None,
    inbox: Annotated[Path | None, typer.Option(help="Folder the feeds write into.")] = None,
    feeds: Annotated[Path | None, typer.Option(help="File of RSS/Atom feed URLs.")] = None,
    db: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for the HTML report.")] = None,
) -> None:
    """Serve the flow as a scheduled Prefect deployment (incremental runs)."""
    from forcerecon.serve import serve as serve_deployment
    from forcerecon.settings import Settings

    settings = Settings().with_(db_path=db, reports_dir=reports, quiet=True)
    try:
        serve_deployment(
            cron=cron,
            inputs=list(inputs or DEFAULT_INPUTS),
            feeds_file=feeds,
            inbox=inbox,
            settings=settings,
        )
    except ValueError as exc:
        _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    app()
