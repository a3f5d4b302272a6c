"""Render the HTML reconciliation report from the warehouse: the one entry point of ``reports``.

``render_report(db_path, out_dir, run_summary)`` reads the warehouse read-only
(:mod:`.reader`), builds page contexts (pure: :mod:`.index_views`, :mod:`.subject_views`,
:mod:`.document_views`, :mod:`.run_views`), draws charts (:mod:`.charts`) and renders the
Jinja templates (``reports/templates``, autoescape on) into::

    out_dir/index.html                 summary + sortable/filterable subject and document tables
    out_dir/validation.html            rejects, data-quality results, runs, GX Data Docs link
    out_dir/subjects/<slug>-<hash>.html    one page per subject
    out_dir/documents/<slug>-<hash>.html   one page per current document holding a figure

Pages are self-contained (CSS and JS inlined, charts as inline SVG, a CSP that forbids any
fetch) and deterministic: the same warehouse and run_summary give byte-identical files.
Rendered chart SVGs are cached under ``out_dir/.chart-cache`` by spec hash, so a re-render
of an unchanged subject does not call vl-convert again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from forcerecon.ids import stable_id

from . import charts
from .document_views import document_context
from .index_views import documents_with_figures, index_context
from .links import DOCUMENT_DIR, SUBJECT_DIR, document_page, subject_page
from .reader import ReportError, WarehouseRows, read_warehouse
from .run_views import data_docs_path, validation_context
from .subject_views import group_by_subject, scope_views, subject_context

__all__ = ["ReportError", "render_report"]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
CACHE_DIR_NAME = ".chart-cache"

#: Subjects with fewer claims than this get no charts (the table says it all).
MIN_CLAIMS_FOR_CHART = 2


def environment() -> jinja2.Environment:
    """The Jinja environment: autoescape on for every template, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class ChartRenderer:
    """Turns specs into inline SVG, reusing SVGs cached on disk under ``cache_dir`` by spec hash."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self.rendered = 0
        self.cached = 0
        self.used: set[str] = set()

    def svg(self, spec: dict[str, Any] | None, prefix: str) -> Markup | None:
        """The chart as markup (ids prefixed), or None.

        A fresh SVG is checked by :func:`charts.render_svg` before it is cached; the cache
        lives in the output folder and is trusted like the pages written beside it.
        """
        if spec is None:
            return None
        key = charts.spec_key(spec)
        path = self.cache_dir / f"{key}.svg" if self.cache_dir else None
        if path is not None and path.is_file():
            raw = path.read_text(encoding="utf-8")
            self.cached += 1
        else:
            raw = charts.render_svg(spec)
            self.rendered += 1
            if path is not None:
                _write_if_changed(path, raw)
        self.used.add(f"{key}.svg")
        return Markup(charts.inline_svg(raw, prefix))

    def prune(self) -> int:
        """Delete cached SVGs this render did not use; returns how many."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return 0
        stale = [p for p in sorted(self.cache_dir.glob("*.svg")) if p.name not in self.used]
        for path in stale:
            path.unlink()
        return len(stale)


def _write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds exactly it; True if written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # two renders never share one
    tmp.write_bytes(data)
    os.replace(tmp, path)
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


def _pages(
    data: WarehouseRows,
    run_summary: Mapping[str, Any] | None,
    out_dir: Path,
    renderer: ChartRenderer,
    write: Callable[[str, str], object],
) -> set[str]:
    """Render every page of the report and hand each to ``write(relative path, html)`` as soon
    as it is made (memory stays bounded by one page); returns the paths written."""
    env = environment()
    common = {
        "css": Markup(_static("report.css")),
        "js": Markup(_static("report.js")),
    }
    rows = data.rows
    index = index_context(rows, run_summary, _data_docs_href(run_summary, out_dir), data.missing)
    header_run = {"run_id": index["run"]["run_id"], "started_at": index["run"]["started_at"]}
    pages: set[str] = set()

    def render(template: str, path: str, root: str, **context: Any) -> None:
        if path in pages:
            raise ReportError(f"two pages would be written to {path}")
        pages.add(path)
        write(
            path,
            env.get_template(template).render(
                root=root, header_run=header_run, **common, **context
            ),
        )

    render(
        "index.html.j2", "index.html", "", page_title="Reconciliation report", here="index", **index
    )
    render(
        "validation.html.j2",
        "validation.html",
        "",
        page_title="Validation",
        here="validation",
        **validation_context(rows, data.missing, index["run"]),
    )

    documents = documents_with_figures(rows)
    doc_pages = {document_page(d.get("doc_id"), d.get("content_hash")) for d in documents}
    subject_pages = {subject_page(s.get("subject")) for s in rows["subjects"]}
    claims_by_subject = group_by_subject(rows["subject_claims"])
    statements_by_subject = group_by_subject(rows["subject_statements"])
    conflicts_by_subject = group_by_subject(rows["conflicts"])
    echoes_by_subject = group_by_subject(rows["echo_chains"])
    roles_by_subject = group_by_subject(rows["subject_estimates"])
    scope_by_subject: dict[str, list[dict[str, Any]]] = {}
    for link in rows["subject_scope"]:
        for end in ("part_subject", "whole_subject"):
            scope_by_subject.setdefault(str(link.get(end)), []).append(link)
    for summary in rows["subjects"]:
        subject = str(summary.get("subject"))
        chart_id = stable_id("chart", subject, length=8)
        claims = claims_by_subject.get(subject, [])
        rendered: dict[str, Any] = {"range": None, "timeline": None, "omitted": 0}
        if len(claims) >= MIN_CLAIMS_FOR_CHART:
            drawn, rendered["omitted"] = charts.charted_claims(claims)
            rendered["range"] = renderer.svg(charts.range_chart(drawn, summary), f"r{chart_id}")
            rendered["timeline"] = renderer.svg(charts.timeline_chart(claims), f"t{chart_id}")
        context = subject_context(
            summary,
            claims,
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
            subject_page(subject),
            "../",
            page_title=subject,
            here="subject",
            **context,
        )

    claims_by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in rows["document_claims"]:
        claims_by_doc.setdefault((str(c["doc_id"]), str(c["content_hash"])), []).append(c)
    statements_by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for s in rows["document_statements"]:
        statements_by_doc.setdefault((str(s["doc_id"]), str(s["content_hash"])), []).append(s)
    for d in documents:
        key = (str(d["doc_id"]), str(d["content_hash"]))
        context = document_context(
            d, claims_by_doc.get(key, []), statements_by_doc.get(key, []), subject_pages
        )
        render(
            "document.html.j2",
            document_page(*key),
            "../",
            page_title=context["title"],
            here="document",
            **context,
        )
    return pages


def _static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def _remove_stale(out_dir: Path, keep: set[str]) -> list[str]:
    """Delete subject/document pages of an earlier render that this render did not write."""
    removed: list[str] = []
    for folder in (SUBJECT_DIR, DOCUMENT_DIR):
        for path in sorted((out_dir / folder).glob("*.html")):
            rel = f"{folder}/{path.name}"
            if rel not in keep:
                path.unlink()
                removed.append(rel)
    return removed


def render_report(
    db_path: Path | str, out_dir: Path | str, run_summary: dict[str, Any] | None = None
) -> Path:
    """Write the report for the warehouse at ``db_path`` into ``out_dir``; return index.html.

    ``run_summary`` (optional) describes the run that just finished: documents, claims,
    subjects, rejects, run_id, started_at, duration_s, validation (bool or text) and
    gx_data_docs (path of the GX Data Docs index); without it the latest row of ``runs``
    is shown. Raises :class:`ReportError` naming the file and the problem when the warehouse
    cannot be reported on; nothing is written then.
    """
    db_path, out_dir = Path(db_path), Path(out_dir)
    data = read_warehouse(db_path)
    renderer = ChartRenderer(out_dir / CACHE_DIR_NAME)
    pages = _pages(
        data,
        run_summary,
        out_dir,
        renderer,
        lambda rel, html: _write_if_changed(out_dir / rel, html),
    )
    _remove_stale(out_dir, pages)
    renderer.prune()
    return out_dir / "index.html"
