"""Render the HTML reconciliation report from the warehouse: the one entry point of ``reports``.

``render_report(db_path, out_dir, run_summary)`` reads the warehouse read-only
(:mod:`.reader`), builds page contexts (pure: :mod:`.index_views`, :mod:`.subject_views`,
:mod:`.document_views`, :mod:`.run_views`), draws charts (:mod:`.charts`) and renders the
Jinja templates (``reports/templates``, autoescape on) into::

    out_dir/index.html                 summary + sortable/filterable subject and document tables
    out_dir/validation.html            rejects, data-quality results, runs, GX Data Docs link
    out_dir/subjects/<slug>-<hash>.html    one page per subject
    out_dir/documents/<slug>-<hash>.html   one page per current document holding a figure

Pages share one stylesheet and one script (``out_dir/assets/``, linked relatively; the CSP
lets a page load only those, from its own folder tree, and forbids any other fetch); charts
are inline SVG. Output is deterministic: the same warehouse and run_summary give
byte-identical files.

Scale (a corpus of 10,000 articles has ~37,000 subjects): charts are drawn only for the
subjects that need them most, up to a cap (:mod:`.chart_plan`), in a separate process while
this one renders the other pages; rendered SVGs are cached under ``out_dir/.chart-cache`` by
spec hash; a subject or document page whose inputs did not change since the last render is
neither rendered nor written again (:mod:`.page_manifest`).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from forcerecon.ids import stable_id
from forcerecon.quality import run_folder_name

from . import charts
from .actor_views import (
    MAX_PAGE_ROWS,
    actor_index,
    claimant_context,
    claimant_list,
    outlet_context,
    outlet_list,
)
from .chart_plan import (
    DEFAULT_MAX_CHARTED_SUBJECTS,
    MIN_CLAIMS_FOR_CHART,
    ChartCapError,
    charted_subjects,
    max_charted_subjects,
)
from .chart_worker import ChartProcess, ChartProcessError
from .corpus_timeline import timeline_context
from .data_warnings import data_warnings
from .document_views import document_context
from .exports import RowSerializer, corpus_export_links, export_files, file_links
from .formatting import text_of
from .index_views import SEARCH_DATA, documents_with_figures, index_context, search_data
from .links import (
    CLAIMANT_DIR,
    DOCUMENT_DIR,
    OUTLET_DIR,
    SUBJECT_DIR,
    claimant_page,
    document_page,
    outlet_page,
    subject_page,
)
from .page_manifest import load_manifest, page_key, save_manifest
from .reader import ReportError, WarehouseRows, read_warehouse
from .run_views import data_docs_path, latest_quality, validation_context
from .subject_views import group_by_subject, scope_views, subject_context

__all__ = ["ReportError", "render_report"]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
CACHE_DIR_NAME = ".chart-cache"
#: Folder of the files every page links (``<link>`` / ``<script src>``), and those files: one
#: copy per report instead of ~12 KB inlined in each of ~47,000 pages (~0.6 GB at 10k articles).
ASSET_DIR = "assets"
ASSET_FILES = ("report.css", "report.js")

#: Folders of pages (each page's path is listed in the manifest) and what a page folder holds.
PAGE_DIRS = (SUBJECT_DIR, DOCUMENT_DIR, CLAIMANT_DIR, OUTLET_DIR)
PAGE_SUFFIXES = (".html", ".csv", ".json")
#: Page folders whose pages have a CSV and a JSON download beside them (:mod:`.exports`).
DOWNLOAD_DIRS = (f"{CLAIMANT_DIR}/", f"{OUTLET_DIR}/")

#: Columns of claimants.html and outlets.html: (label, key, numeric); the first is the link.
CLAIMANT_COLUMNS = (
    ("claimant", "name", False),
    ("type", "type", False),
    ("affiliation", "affiliation", False),
    ("figures", "n", True),
    ("subjects", "subjects", True),
    ("outlets", "outlets", True),
    ("echoed", "echoed", True),
    ("in conflicts", "conflicts", True),
)
OUTLET_COLUMNS = (
    ("outlet", "name", False),
    ("documents", "documents", True),
    ("figures", "n", True),
    ("claimants", "claimants", True),
    ("echoes", "echoes", True),
)

#: Columns of every per-page download, those the rows have (a page lists the figures an
#: analyst reads; exports/claims.* holds every column of every claim).
EXPORT_COLUMNS = (
    "subject",
    "claim_id",
    "figure_text",
    "qualifier",
    "measure",
    "low",
    "high",
    "item",
    "claimant",
    "claimant_type",
    "claimant_org",
    "outlet",
    "published",
    "as_of",
    "modality",
    "event",
    "location",
    "is_echo",
    "echo_of",
    "n_echoes",
    "doc_id",
    "url",
    "sentence",
)

#: Environment variable: processes rendering pages (1: no child process).
WORKERS_ENV = "FORCERECON_REPORT_WORKERS"

#: Cost of drawing one chart, in units of rendering a small page (for splitting the work).
CHART_COST = 80.0

#: Fewest pages to render for which forking a second process pays.
MIN_TASKS_TO_FORK = 2000

#: Fewest pages without a new chart for which drawing the charts in a chart process
#: (:mod:`.chart_worker`) while they render pays for starting it (~0.5 s).
MIN_PAGES_FOR_CHART_PROCESS = 500

__all__ += ["MIN_CLAIMS_FOR_CHART"]


try:  # MarkupSafe's C escaping of a str, without building a Markup through Markup.__new__
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - pure-Python MarkupSafe: the public function
    _escape_inner = None


def _escape(value: Any) -> Markup:
    """Exactly :func:`markupsafe.escape`, faster for a plain str (the common case).

    ``escape`` builds its result through ``Markup.__new__`` (Python code): with ~6.6 million
    values escaped at 10,000 articles that was more than the escaping itself."""
    if type(value) is str and _escape_inner is not None:
        return str.__new__(Markup, _escape_inner(value))
    return escape(value)


class _Template(jinja2.Template):
    """A template whose autoescaped output calls :func:`_escape` instead of markupsafe's."""

    @classmethod
    def from_code(cls, environment: Any, code: Any, globals: Any, uptodate: Any = None) -> Any:
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__  # the compiled module's names
        if namespace.get("escape") is escape:
            namespace["escape"] = _escape
        return template


class _Environment(jinja2.Environment):
    """Jinja environment whose ``a.b`` looks ``b`` up as a key of a dict first.

    Page contexts are plain dicts; Jinja's default tries the attribute first and falls back
    to the key after an AttributeError, which was a fifth of the page rendering time.
    """

    template_class = _Template

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment() -> jinja2.Environment:
    """The Jinja environment: autoescape on for every template, undefined names are errors."""
    return _Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates do not change during a render: without this every page looked up its
        # template, base and macros again with a stat of each file (~130,000 at 10k articles).
        auto_reload=False,
    )


class ChartRenderer:
    """Turns specs into inline SVG, reusing SVGs cached on disk under ``cache_dir`` by spec hash."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self.rendered = 0
        self.cached = 0
        self.used: set[str] = set()

    def cached_key(self, spec: dict[str, Any]) -> bool:
        """Whether the SVG of ``spec`` is in the cache already."""
        return (
            self.cache_dir is not None
            and (self.cache_dir / f"{charts.spec_key(spec)}.svg").is_file()
        )

    def svg(self, spec: dict[str, Any] | None, prefix: str) -> Markup | None:
        """The chart as markup (ids prefixed), or None.

        A fresh SVG is checked by :func:`charts.render_svg` before it is cached; the cache
        lives in the output folder and is trusted like the pages written beside it.
        """
        global _VL_CONVERT_PID
        if spec is None:
            return None
        key = charts.spec_key(spec)
        path = self.cache_dir / f"{key}.svg" if self.cache_dir else None
        if path is not None and path.is_file():
            raw = path.read_text(encoding="utf-8")
            self.cached += 1
        else:
            _VL_CONVERT_PID = os.getpid()
            raw = charts.render_svg(spec)
            self.rendered += 1
            if path is not None:
                _write_if_changed(path, raw)
        self.used.add(f"{key}.svg")
        return Markup(charts.inline_svg(raw, prefix))

    def keep(self, keys: Iterable[str]) -> None:
        """Mark cached SVGs as used by this render's pages (so :meth:`prune` keeps them)."""
        self.used.update(f"{key}.svg" for key in keys)

    def prune(self) -> int:
        """Delete cached SVGs this render did not use; returns how many."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return 0
        stale = [p for p in sorted(self.cache_dir.glob("*.svg")) if p.name not in self.used]
        for path in stale:
            path.unlink()
        return len(stale)


#: The process in which vl-convert has started its runtime (its threads do not survive a fork,
#: so a forked child never draws when this is the parent).
_VL_CONVERT_PID: int | None = None


def page_workers(environ: Mapping[str, str] | None = None) -> int:
    """Processes rendering pages, this one included: ``FORCERECON_REPORT_WORKERS`` (default 1).

    2 forks one child sharing the rows read (copy-on-write); on the shared 2-core machine it
    did not shorten a cold render and the process tree's RSS (which counts shared pages twice)
    nearly doubled, so it is opt-in (docs/reports.md, "Speed"). Raises :class:`ReportError`
    for a value that is not a whole number >= 1."""
    from forcerecon.settings import Settings, SettingsError

    try:
        settings = Settings() if environ is None else Settings.from_environ(environ)
    except SettingsError as exc:
        raise ReportError(str(exc)) from None
    return settings.report_workers


def _split_work(
    tasks: Sequence[tuple[float, bool, Callable[[], object]]], child_draws: bool
) -> tuple[list[Callable[[], object]], list[Callable[[], object]]]:
    """Split (cost, draws a chart, task) into (this process's, the child's) with about equal
    cost; every task that draws a chart goes to the child when ``child_draws``, else here."""
    mine: list[Callable[[], object]] = []
    theirs: list[Callable[[], object]] = []
    load = [0.0, 0.0]
    for cost, draws, task in sorted(tasks, key=lambda t: not t[1]):  # chart tasks first
        side = int(child_draws) if draws else int(load[0] > load[1])
        (mine if side == 0 else theirs).append(task)
        load[side] += cost
    return mine, theirs


def _run_tasks(tasks: Sequence[tuple[float, bool, Callable[[], object]]], workers: int) -> None:
    """Run the page tasks: here, or split with one forked child process when ``workers`` >= 2
    and os.fork exists. The child shares the rows read (copy-on-write), writes its pages and
    exits; a failing child is reported as a :class:`ReportError` with its traceback."""
    if workers < 2 or not hasattr(os, "fork") or len(tasks) < MIN_TASKS_TO_FORK:
        for _, _, task in tasks:
            task()
        return
    mine, theirs = _split_work(tasks, child_draws=os.getpid() != _VL_CONVERT_PID)
    read_end, write_end = os.pipe()
    pid = os.fork()  # render_report froze the collector: it does not copy the shared rows
    if pid == 0:  # the child: render its share, say what went wrong if anything, exit
        os.close(read_end)
        status, message = 0, b""
        try:
            for task in theirs:
                task()
        except BaseException:
            status, message = 1, traceback.format_exc().encode("utf-8", "replace")
        finally:
            os.write(write_end, message[-8000:])
            os._exit(status)
    os.close(write_end)
    try:
        for task in mine:
            task()
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            message = pipe.read()
        _, status = os.waitpid(pid, 0)
    if status != 0:
        raise ReportError(
            "the process rendering the other half of the pages failed (exit status "
            f"{os.waitstatus_to_exitcode(status)}): {message.decode('utf-8', 'replace')}"
        )


def _write_new(name: str, data: bytes) -> bool:
    """Create ``name`` (which did not exist when the render began) and write ``data`` to it,
    without a temporary file and rename (a cold render writes ~120,000 files); False when it
    exists after all or its folder does not, so the caller takes the careful path. A render
    stopped half way leaves such a file unlisted in the manifest, so the next one redoes it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags, 0o666)
    except (FileExistsError, FileNotFoundError):
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    return True


def _write_if_changed(path: Path, text: str, new: bool = False) -> bool:
    """Write ``text`` atomically unless the file already holds exactly it; True if written.

    ``new``: the caller knows the file does not exist (a page not listed before this render),
    so it is not looked up first (at 10,000 articles a cold render writes ~47,000 pages)."""
    data = text.encode("utf-8")
    if not new:
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                return False
        except FileNotFoundError:
            pass
    name = os.fspath(path)
    if new and _write_new(name, data):
        return True
    head, _, tail = name.rpartition(os.sep)
    tmp = f"{head}{os.sep}.{tail}.{os.getpid()}.tmp"  # two renders never share one
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except FileNotFoundError:  # the folder is new
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    os.replace(tmp, name)
    return True


def _data_docs_href(run_summary: Mapping[str, Any] | None, out_dir: Path) -> str | None:
    """A link to the GX Data Docs index named in run_summary, relative to out_dir, if it exists."""
    named = data_docs_path(run_summary)
    if named is None:
        return None
    path = Path(named.removeprefix("file://"))
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return None
    return Path(os.path.relpath(path.resolve(), out_dir.resolve())).as_posix()


def _gx_results(
    rows: Mapping[str, list[dict[str, Any]]], out_dir: Path
) -> tuple[dict[str, str], str]:
    """(suite -> relative link of its GX validation result JSON, run) for the latest checked
    run, from ``out_dir/gx/runs/<run>/`` (forcerecon.quality writes them); the newest run
    folder there when that run carried its results over from an earlier one."""
    runs_dir = out_dir / "gx" / "runs"
    quality_run, _ = latest_quality(rows.get("quality_results", []))
    folder = runs_dir / run_folder_name(quality_run)
    if not folder.is_dir():
        folders = [p for p in runs_dir.glob("*") if p.is_dir()] if runs_dir.is_dir() else []
        if not folders:
            return {}, ""
        folder = max(folders, key=lambda p: (p.stat().st_mtime_ns, p.name))
    links = {
        path.stem: f"gx/runs/{folder.name}/{path.name}" for path in sorted(folder.glob("*.json"))
    }
    return links, folder.name


@dataclass
class _SubjectJob:
    """A subject page to render: its rows, and its chart specs (None: no chart)."""

    summary: dict[str, Any]
    claims: list[dict[str, Any]]
    specs: tuple[dict[str, Any] | None, dict[str, Any] | None]
    omitted: int
    chart_skipped: bool
    path: str


def _pages(
    data: WarehouseRows,
    run_summary: Mapping[str, Any] | None,
    out_dir: Path,
    renderer: ChartRenderer,
    write: Callable[[str, str], object],
    previous: Mapping[str, str] | None = None,
    max_charts: int = DEFAULT_MAX_CHARTED_SUBJECTS,
    workers: int = 1,
    existing: set[str] | None = None,
) -> dict[str, str]:
    """Render every page of the report and hand each to ``write(relative path, html)`` as soon
    as it is made (memory stays bounded by one page).

    ``previous`` is the manifest of the last render into ``out_dir`` (page path -> input key):
    a subject or document page whose key is unchanged and whose file exists is kept as it is,
    neither rendered nor written. ``max_charts``: most subjects drawn with charts
    (:mod:`.chart_plan`); ``workers``: processes rendering pages (:func:`_run_tasks`);
    ``existing``: the pages in ``out_dir`` before this render (default: listed here). Returns
    the manifest of this render (every subject and document page
    of the report, written or kept), which also tells :func:`_remove_stale` what to keep.
    """
    previous = previous or {}
    present = _existing_pages(out_dir) if existing is None else existing
    env = environment()
    rows = data.rows
    index = index_context(rows, run_summary, _data_docs_href(run_summary, out_dir), data.missing)
    weak = data_warnings(rows["subject_claims"])
    header_run = {"run_id": index["run"]["run_id"], "started_at": index["run"]["started_at"]}
    # Subject and document pages do not name the run: they depend on their rows alone, so an
    # unchanged page is not rewritten by every run (the index and validation pages name it).
    no_run = {"run_id": "", "started_at": ""}
    written: set[str] = set()

    def emit(path: str, text: str) -> None:
        if path in written:
            raise ReportError(f"two pages would be written to {path}")
        written.add(path)
        write(path, text)

    def render(
        template: str, path: str, root: str, header: Mapping[str, str], **context: Any
    ) -> None:
        emit(path, env.get_template(template).render(root=root, header_run=header, **context))

    sample = rows["subject_claims"][:1]
    serializer = RowSerializer([c for c in EXPORT_COLUMNS if any(c in r for r in sample)])

    def render_downloads(rows: Sequence[dict[str, Any]], page: str) -> None:
        for rel, text in serializer.page_downloads(rows, page).items():
            emit(rel, text)

    render(
        "index.html.j2",
        "index.html",
        "",
        header_run,
        page_title="Reconciliation report",
        here="index",
        corpus_exports=corpus_export_links(data.exports),
        search_data=SEARCH_DATA,
        weak=weak,
        **index,
    )
    emit(SEARCH_DATA, search_data(rows["subject_claims"]))
    render(
        "timeline.html.j2",
        "timeline.html",
        "",
        no_run,
        page_title="Corpus timeline",
        here="timeline",
        **timeline_context(rows["subject_claims"]),
    )
    render(
        "validation.html.j2",
        "validation.html",
        "",
        header_run,
        page_title="Validation",
        here="validation",
        weak=weak,
        **validation_context(rows, data.missing, index["run"], *_gx_results(rows, out_dir)),
    )
    del index

    documents = documents_with_figures(rows)
    doc_keys = {(text_of(d.get("doc_id")), text_of(d.get("content_hash"))) for d in documents}
    doc_pages = {document_page(*key) for key in doc_keys}
    subject_keys = {str(s.get("subject")) for s in rows["subjects"]}
    subject_pages = {subject_page(s) for s in subject_keys}
    # a page key holds a short digest per claim row (computed once; a claim is on 3 pages)
    digest = {id(c): _row_digest(c) for c in rows["subject_claims"]}
    claims_by_subject = group_by_subject(rows["subject_claims"])
    statements_by_subject = group_by_subject(rows["subject_statements"])
    conflicts_by_subject = group_by_subject(rows["conflicts"])
    echoes_by_subject = group_by_subject(rows["echo_chains"])
    roles_by_subject = group_by_subject(rows["subject_estimates"])
    scope_by_subject: dict[str, list[dict[str, Any]]] = {}
    for link in rows["subject_scope"]:
        for end in ("part_subject", "whole_subject"):
            scope_by_subject.setdefault(str(link.get(end)), []).append(link)
    charted = charted_subjects(
        rows["subjects"], {k: len(v) for k, v in claims_by_subject.items()}, max_charts
    )
    manifest: dict[str, str] = {}

    def doc_linked(items: list[dict[str, Any]]) -> list[bool]:
        return [
            (text_of(r.get("doc_id")), text_of(r.get("content_hash"))) in doc_keys for r in items
        ]

    def unchanged(path: str, key: str, downloads: bool = False) -> bool:
        manifest[path] = key
        return (
            previous.get(path) == key
            and path in present
            and (not downloads or all(f in present for f in export_files(path)))
        )

    # 1. Plan: the key of every page; keep the unchanged ones, queue the others.
    subject_jobs: list[_SubjectJob] = []
    for summary in rows["subjects"]:
        subject = str(summary.get("subject"))
        claims = claims_by_subject.get(subject, [])
        specs: tuple[dict[str, Any] | None, dict[str, Any] | None] = (None, None)
        omitted = 0
        if subject in charted:
            drawn, omitted = charts.charted_claims(claims)
            specs = (charts.range_chart(drawn, summary), charts.timeline_chart(claims))
        spec_keys = [charts.spec_key(s) if s is not None else None for s in specs]
        chart_skipped = subject not in charted and len(claims) >= MIN_CLAIMS_FOR_CHART
        statements = statements_by_subject.get(subject, [])
        links = scope_by_subject.get(subject, [])
        key = page_key(
            "subject",
            summary,
            _rows_key(digest, claims),
            statements,
            conflicts_by_subject.get(subject, []),
            echoes_by_subject.get(subject, []),
            roles_by_subject.get(subject, []),
            links,
            [
                (str(link.get("part_subject")) in subject_keys)
                + 2 * (str(link.get("whole_subject")) in subject_keys)
                for link in links
            ],
            doc_linked(claims),
            doc_linked(statements),
            spec_keys,
            chart_skipped,
        )
        path = subject_page(subject)
        renderer.keep(k for k in spec_keys if k is not None)
        if not unchanged(path, key):
            subject_jobs.append(_SubjectJob(summary, claims, specs, omitted, chart_skipped, path))

    claims_by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in rows["document_claims"]:
        claims_by_doc.setdefault((text_of(c["doc_id"]), text_of(c["content_hash"])), []).append(c)
    statements_by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for s in rows["document_statements"]:
        statements_by_doc.setdefault((text_of(s["doc_id"]), text_of(s["content_hash"])), []).append(
            s
        )
    document_jobs: list[tuple[dict[str, Any], tuple[str, str], str]] = []
    for d in documents:
        doc_key = (text_of(d.get("doc_id")), text_of(d.get("content_hash")))
        claims, statements = claims_by_doc.get(doc_key, []), statements_by_doc.get(doc_key, [])
        key = page_key(
            "document",
            {k: v for k, v in d.items() if k != "text"},  # content_hash stands for the text
            claims,
            statements,
            [str(r.get("subject")) in subject_keys for r in (*claims, *statements)],
        )
        path = document_page(*doc_key)
        if not unchanged(path, key):
            document_jobs.append((d, doc_key, path))

    # 2. Render what changed: split over two processes when there is much of it (the charts,
    #    drawn by vl-convert, in the child where it can start its runtime).
    def render_document(d: dict[str, Any], doc_key: tuple[str, str], path: str) -> None:
        context = document_context(
            d, claims_by_doc.get(doc_key, []), statements_by_doc.get(doc_key, []), subject_pages
        )
        render(
            "document.html.j2",
            path,
            "../",
            no_run,
            page_title=context["title"],
            here="document",
            **context,
        )

    def render_subject(job: _SubjectJob) -> None:
        subject = str(job.summary.get("subject"))
        chart_id = stable_id("chart", subject, length=8)
        rendered = {
            "range": renderer.svg(job.specs[0], f"r{chart_id}"),
            "timeline": renderer.svg(job.specs[1], f"t{chart_id}"),
            "omitted": job.omitted,
            "skipped": job.chart_skipped,
        }
        context = subject_context(
            job.summary,
            job.claims,
            statements_by_subject.get(subject, []),
            conflicts_by_subject.get(subject, []),
            echoes_by_subject.get(subject, []),
            doc_pages,
            rendered,
            roles_by_subject.get(subject, []),
            scope_views(scope_by_subject.get(subject, []), subject, subject_pages),
        )
        render(
            "subject.html.j2",
            job.path,
            "../",
            no_run,
            page_title=subject,
            here="subject",
            downloads=serializer.data_links(job.claims, job.path),
            **context,
        )

    # the downloads of the subject pages to render, serialized in one go before any fork
    serializer.prepare([c for job in subject_jobs for c in job.claims])
    tasks: list[tuple[float, bool, Callable[[], object]]] = []
    for d, doc_key, path in document_jobs:
        cost = 2.0 + 0.3 * len(claims_by_doc.get(doc_key, []))
        tasks.append((cost, False, functools.partial(render_document, d, doc_key, path)))
    to_draw: dict[str, dict[str, Any]] = {}
    for job in subject_jobs:
        new_specs = [s for s in job.specs if s is not None and not renderer.cached_key(s)]
        to_draw.update((charts.spec_key(s), s) for s in new_specs)
        cost = 1.0 + 0.3 * len(job.claims) + CHART_COST * len(new_specs)
        tasks.append((cost, bool(new_specs), functools.partial(render_subject, job)))
    n_actor_pages = _actor_tasks(
        rows,
        documents,
        doc_pages,
        subject_pages,
        render,
        render_downloads,
        unchanged,
        tasks,
        digest,
    )
    for name in ("document.html.j2", "subject.html.j2", "claimant.html.j2", "outlet.html.j2"):
        env.get_template(name)  # compiled once, before any fork
    plain = [t for t in tasks if not t[1]]
    if not to_draw or renderer.cache_dir is None or len(plain) < MIN_PAGES_FOR_CHART_PROCESS:
        _run_tasks(tasks, workers)
    else:
        # The charts are drawn by a chart process (a fresh interpreter, not a fork) into the
        # cache while this one renders every page without a new chart; the pages with charts
        # come last and read their SVGs from the cache.
        drawer = ChartProcess(renderer.cache_dir, to_draw)
        try:
            _run_tasks(plain, workers)
            drawer.wait()
        except ChartProcessError as exc:
            raise ReportError(str(exc)) from exc
        except BaseException:
            drawer.stop()
            raise
        _run_tasks([t for t in tasks if t[1]], 1)
    if len(manifest) != len(subject_keys) + len(doc_keys) + n_actor_pages:
        raise ReportError("two pages would be written to one path (page names collide)")
    return manifest


def _actor_tasks(
    rows: Mapping[str, list[dict[str, Any]]],
    documents: Sequence[dict[str, Any]],
    doc_pages: set[str],
    subject_pages: set[str],
    render: Callable[..., None],
    render_downloads: Callable[[Sequence[dict[str, Any]], str], None],
    unchanged: Callable[..., bool],
    tasks: list[tuple[float, bool, Callable[[], object]]],
    digest: Mapping[int, str],
) -> int:
    """Render claimants.html and outlets.html now and queue a task per claimant and outlet
    page whose inputs changed (:mod:`.actor_views`); returns how many such pages there are."""
    index = actor_index(rows["subject_claims"], rows["subjects"])
    pairs_by_claim: dict[str, list[dict[str, Any]]] = {}
    for pair in rows["conflicts"]:
        for end in ("claim_id_low", "claim_id_high"):
            pairs_by_claim.setdefault(text_of(pair.get(end)), []).append(pair)
    docs_by_outlet: dict[str, list[dict[str, Any]]] = {}
    for d in rows["documents"]:
        docs_by_outlet.setdefault(text_of(d.get("outlet")).strip(), []).append(d)
    no_run = {"run_id": "", "started_at": ""}
    render(
        "actors.html.j2",
        "claimants.html",
        "",
        no_run,
        page_title="Claimants",
        here="claimants",
        heading="Claimants",
        intro="Everyone a figure is attributed to, with how many figures, subjects and outlets, "
        "how often later claims echo them and how many of their figures are in conflicting pairs.",
        columns=CLAIMANT_COLUMNS,
        items=claimant_list(index, set(pairs_by_claim)),
    )
    render(
        "actors.html.j2",
        "outlets.html",
        "",
        no_run,
        page_title="Outlets",
        here="outlets",
        heading="Outlets",
        intro="Every outlet that published a figure, with how many documents and figures, "
        "how many claimants it carries and how many of its figures echo an earlier one.",
        columns=OUTLET_COLUMNS,
        items=outlet_list(index, {k: len(v) for k, v in docs_by_outlet.items()}),
    )

    rows_key = functools.partial(_rows_key, digest)

    def lookups(claims: Sequence[dict[str, Any]], ids: Iterable[str]) -> list[object]:
        # what a page shows besides its own rows: subject statuses and the claims it points at
        pointed = (index.claim_by_id.get(i) for i in ids)
        return [
            [index.status_by_subject.get(text_of(c.get("subject"))) for c in claims],
            [digest[id(c)] if c is not None else "" for c in pointed],
        ]

    def render_claimant(
        group: str, claims: list[dict[str, Any]], pairs: list[Any], path: str
    ) -> None:
        context = claimant_context(group, claims, pairs, index, subject_pages)
        render(
            "claimant.html.j2",
            path,
            "../",
            no_run,
            page_title=context["name"],
            here="claimant",
            downloads=file_links(path),
            **context,
        )
        render_downloads(claims, path)

    def render_outlet(
        outlet: str, claims: list[dict[str, Any]], docs: list[Any], path: str
    ) -> None:
        context = outlet_context(outlet, claims, docs, index, subject_pages, doc_pages)
        render(
            "outlet.html.j2",
            path,
            "../",
            no_run,
            page_title=outlet,
            here="outlet",
            downloads=file_links(path),
            **context,
        )
        render_downloads(claims, path)

    for group, claims in index.by_claimant.items():
        ids = {text_of(c.get("claim_id")) for c in claims}
        seen: dict[int, dict[str, Any]] = {}
        for i in ids:
            for pair in pairs_by_claim.get(i, []):
                seen.setdefault(id(pair), pair)
        pairs = list(seen.values())
        others = [text_of(p.get(e)) for p in pairs for e in ("claim_id_low", "claim_id_high")]
        path = claimant_page(group)
        key = page_key("claimant", group, rows_key(claims), pairs, lookups(claims, others))
        if not unchanged(path, key, downloads=True):
            cost = 1.0 + 0.3 * min(len(claims), MAX_PAGE_ROWS)
            tasks.append(
                (cost, False, functools.partial(render_claimant, group, claims, pairs, path))
            )
    doc_keys = {(text_of(d.get("doc_id")), text_of(d.get("content_hash"))) for d in documents}
    for outlet, claims in index.by_outlet.items():
        docs = docs_by_outlet.get(outlet, [])
        linked = [
            (text_of(d.get("doc_id")), text_of(d.get("content_hash"))) in doc_keys for d in docs
        ]
        path = outlet_page(outlet)
        echoed = [text_of(c.get("echo_of")) for c in claims if c.get("is_echo") is True]
        docs_key = [{k: v for k, v in d.items() if k != "text"} for d in docs]
        key = page_key(
            "outlet", outlet, rows_key(claims), docs_key, linked, lookups(claims, echoed)
        )
        if not unchanged(path, key, downloads=True):
            cost = 1.0 + 0.3 * min(len(claims), MAX_PAGE_ROWS)
            tasks.append(
                (cost, False, functools.partial(render_outlet, outlet, claims, docs, path))
            )
    return len(index.by_claimant) + len(index.by_outlet)


def _row_digest(row: Mapping[str, Any]) -> str:
    """A short content hash of one warehouse row: the repr of its values (rows of one query
    share their columns; the repr of a plain value is deterministic)."""
    text = repr(tuple(row.values())).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=8).hexdigest()


def _rows_key(digest: Mapping[int, str], rows: Sequence[Mapping[str, Any]]) -> str:
    """The digests of ``rows`` (claim rows of subject_claims) in order: what a page key holds
    instead of their repr (a claim is on three pages: subject, claimant, outlet)."""
    return "".join(digest[id(r)] for r in rows)


def _static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def _write_assets(out_dir: Path) -> None:
    """Copy the stylesheet and script every page links (``assets/``, relative to the page)."""
    for name in ASSET_FILES:
        _write_if_changed(out_dir / ASSET_DIR / name, _static(name))


def _existing_pages(out_dir: Path) -> set[str]:
    """Pages in the page folders of ``out_dir`` now, with their CSV/JSON downloads (one
    directory listing per folder)."""
    found: set[str] = set()
    for folder in PAGE_DIRS:
        try:
            names = os.listdir(out_dir / folder)
        except FileNotFoundError:
            continue
        found.update(f"{folder}/{name}" for name in names if name.endswith(PAGE_SUFFIXES))
    return found


class _NotListed:
    """``rel in`` it: a subject or document page that was not in its folder before this render
    (so it need not be compared before it is written)."""

    def __init__(self, existing: set[str]) -> None:
        self.existing = existing

    def __contains__(self, rel: object) -> bool:
        return (
            isinstance(rel, str)
            and rel.startswith(tuple(f"{folder}/" for folder in PAGE_DIRS))
            and rel not in self.existing
        )


def _remove_stale(out_dir: Path, keep: set[str], existing: set[str]) -> list[str]:
    """Delete subject/document pages of an earlier render (``existing``, listed before this
    render) that this render did not keep or write."""
    removed = sorted(existing - keep)
    for rel in removed:
        (out_dir / rel).unlink(missing_ok=True)
    return removed


def render_report(
    db_path: Path | str,
    out_dir: Path | str,
    run_summary: dict[str, Any] | None = None,
    max_charts: int | None = None,
) -> Path:
    """Write the report for the warehouse at ``db_path`` into ``out_dir``; return index.html.

    ``run_summary`` (optional) describes the run that just finished: documents, claims,
    subjects, rejects, run_id, started_at, duration_s, validation (bool or text) and
    gx_data_docs (path of the GX Data Docs index); without it the latest row of ``runs``
    is shown. ``max_charts``: most subjects drawn with charts (default: the
    ``FORCERECON_REPORT_MAX_CHARTS`` environment variable, else
    :data:`.chart_plan.DEFAULT_MAX_CHARTED_SUBJECTS`). Subject and document pages whose inputs
    did not change since the last render into ``out_dir`` are kept as they are
    (:mod:`.page_manifest`). Raises :class:`ReportError` naming the file and the problem when
    the warehouse cannot be reported on; nothing is written then.
    """
    db_path, out_dir = Path(db_path), Path(out_dir)
    try:
        cap = max_charted_subjects() if max_charts is None else max_charts
    except ChartCapError as exc:
        raise ReportError(str(exc)) from exc
    # No cyclic garbage collection during the render: the rows read live until the end
    # (millions of objects without cycles, which full collections walked again and again:
    # ~1.8 s at 10,000 articles), and pages are freed by reference counting (a render of
    # 47,000 pages left ~2,000 objects in cycles, collected at the end). gc.freeze also keeps
    # a forked child from copying the rows when it touches their headers.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = read_warehouse(db_path, out_dir)
        gc.freeze()
        _write_assets(out_dir)
        existing = _existing_pages(out_dir)
        fresh = _NotListed(existing)
        renderer = ChartRenderer(out_dir / CACHE_DIR_NAME)
        manifest = _pages(
            data,
            run_summary,
            out_dir,
            renderer,
            lambda rel, html: _write_if_changed(out_dir / rel, html, new=rel in fresh),
            load_manifest(out_dir),
            cap,
            page_workers(),
            existing,
        )
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
    keep = set(manifest)
    keep.update(
        f for page in manifest if page.startswith(DOWNLOAD_DIRS) for f in export_files(page)
    )
    _remove_stale(out_dir, keep, existing)
    save_manifest(out_dir, manifest)
    renderer.prune()
    return out_dir / "index.html"
