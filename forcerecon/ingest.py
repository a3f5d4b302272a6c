"""Read input articles into documents; bad input becomes reject rows, never an exception.

Inputs (``read_inputs``):

- a folder of ``.txt`` / ``.html`` / ``.htm`` / ``.jsonl`` files, with an optional
  ``manifest.csv`` beside them (doc_id, outlet, url, published, title, author);
- single files of those kinds (a ``manifest.csv`` beside a single file is used for its row);
- ``.jsonl`` files: one article per line, ``{"doc_id", "text"}`` plus optional url, outlet,
  published, title, author.

Every document gets exactly ``records.DOCUMENT_COLUMNS``. The same text under two names is
one document: the first in sorted order (by source path, then line) is kept and the other
becomes a warning and a ``duplicate_content`` reject. One bad file (empty, binary, too large,
vanished, broken JSON line ...) becomes a reject row naming the file and the problem; the rest
of the batch loads. Only a path that does not exist at all raises (``ValueError``).

This module is the only place that reads input files; decoding and HTML reduction are the
pure functions of ``forcerecon.textio``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from forcerecon import fieldcheck, ids, records, textio

#: File suffix -> document format.
FORMATS: dict[str, str] = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS: tuple[str, ...] = ("doc_id", "outlet", "url", "published", "title", "author")
#: Optional metadata fields of a JSONL line (besides doc_id and text).
JSONL_FIELDS: tuple[str, ...] = ("url", "outlet", "published", "title", "author")
_META_FIELDS = JSONL_FIELDS
#: Default size limit of one input file (or one JSONL line); FORCERECON_MAX_INPUT_MB overrides.
DEFAULT_MAX_MB = 20.0

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


@dataclass
class IngestResult:
    """Documents (DOCUMENT_COLUMNS), rejects (REJECT_COLUMNS) and human-readable warnings."""

    documents: pd.DataFrame
    rejects: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


class InputTooLarge(Exception):
    """A file or line is above the size limit (raised before reading it all)."""


def max_input_bytes() -> int:
    """The size limit of one input file in bytes (FORCERECON_MAX_INPUT_MB, default 20 MB)."""
    from forcerecon.settings import Settings

    return int(Settings().max_input_mb * 1024 * 1024)


def parse_published(value: object) -> str | None:
    """A publication date as YYYY-MM-DD (an ISO datetime is cut to its date); None if empty.

    Raises ValueError for anything else (e.g. "10/02/2022", "2022-02-30").
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    day = match.group(1)
    date.fromisoformat(day)  # raises ValueError for 2022-02-30
    return day


# --------------------------------------------------------------------------- collection


@dataclass
class _Batch:
    """What one call of read_inputs gathers before de-duplication."""

    run_id: str
    candidates: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def reject(
        self,
        source: str,
        check: str,
        message: str,
        *,
        doc_id: str | None = None,
        column: str | None = None,
        value: object = None,
        warn: bool = False,
    ) -> None:
        """Record a reject row (stage "ingest"); with warn=True also a warning line."""
        value_text = None if value is None else str(value)[:200]
        self.rejects.append(
            {
                "reject_id": ids.stable_id("ingest", source, doc_id, check, column, value_text),
                "run_id": self.run_id,
                "stage": "ingest",
                "source": source,
                "doc_id": doc_id,
                "check": check,
                "column": column,
                "value": value_text,
                "message": message,
            }
        )
        if warn:
            self.warnings.append(message)


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, refusing (before reading it) one above max_bytes."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLarge(f"{size} bytes")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew after stat()
        raise InputTooLarge(f"more than {max_bytes} bytes")
    return data


def _read_or_reject(path: Path, batch: _Batch, max_bytes: int) -> bytes | None:
    """Read a file; on any problem record a reject naming the file and return None."""
    source = path.as_posix()
    try:
        return _read_limited(path, max_bytes)
    except InputTooLarge as exc:
        batch.reject(
            source,
            "too_large",
            f"{source}: file too large ({exc}); the limit is {max_bytes} bytes "
            "(set FORCERECON_MAX_INPUT_MB to raise it); not read",
            doc_id=path.stem,
            column="n_bytes",
            value=str(exc).split()[0],
        )
    except FileNotFoundError:
        batch.reject(
            source,
            "unreadable",
            f"{source}: file vanished between listing and reading; skipped",
            doc_id=path.stem,
        )
    except OSError as exc:
        batch.reject(
            source,
            "unreadable",
            f"{source}: cannot read file: {exc.strerror or exc}",
            doc_id=path.stem,
        )
    return None


def _decode_or_reject(
    data: bytes, source: str, doc_id: str, batch: _Batch, declared: str | None = None
) -> str | None:
    """Decode file bytes (UTF-8, else a declared or guessed code page) or reject the file."""
    if not data:
        batch.reject(source, "empty", f"{source}: file is empty (0 bytes); skipped", doc_id=doc_id)
        return None
    try:
        decoded = textio.decode_bytes(data, declared)
    except textio.DecodeError as exc:
        batch.reject(source, "binary", f"{source}: {exc}; skipped", doc_id=doc_id)
        return None
    if decoded.nul_replaced:
        batch.warnings.append(
            f"{source}: {decoded.nul_replaced} NUL byte(s) inside the text replaced by spaces"
        )
    if decoded.fallback:
        batch.warnings.append(
            f"{source}: not valid UTF-8; decoded as {decoded.encoding} "
            "(check the text; convert the file to UTF-8 to silence this warning)"
        )
    if not decoded.text.strip():
        batch.reject(
            source, "empty", f"{source}: file holds only whitespace; skipped", doc_id=doc_id
        )
        return None
    return decoded.text


# --------------------------------------------------------------------------- manifest


def _read_manifest(path: Path, batch: _Batch) -> dict[str, dict[str, Any]]:
    """Manifest rows by doc_id (with their line number under "_line"); problems -> warnings.

    A manifest without a doc_id column is unusable (one reject); a missing optional column is
    a warning; a bad date is a warning plus a ``bad_date`` reject and the row keeps the rest.
    """
    source = path.as_posix()
    data = _read_or_reject(path, batch, max_input_bytes())
    if data is None:
        return {}
    try:
        text = textio.decode_bytes(data).text
    except textio.DecodeError as exc:
        batch.reject(source, "binary", f"{source}: manifest is {exc}; ignored", warn=False)
        return {}
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    if "doc_id" not in header:
        batch.reject(
            source,
            "manifest_missing_column",
            f"{source}: manifest has no doc_id column (columns: {', '.join(header) or 'none'}); "
            "ignored, files load with unknown metadata",
            column="doc_id",
        )
        return {}
    missing = [c for c in MANIFEST_COLUMNS if c not in header]
    if missing:
        batch.warnings.append(
            f"{source}: manifest lacks column(s) {', '.join(missing)}; those fields are unknown"
        )
    extra = [c for c in header if c not in MANIFEST_COLUMNS]
    if extra:
        batch.warnings.append(f"{source}: manifest column(s) {', '.join(extra)} ignored")
    rows: dict[str, dict[str, Any]] = {}
    ended = reader.line_num  # the line the header ended on
    try:
        for row in reader:
            first, line, ended = ended + 1, reader.line_num, reader.line_num
            problem = fieldcheck.manifest_row_problem(row, len(header))
            if problem:
                lines = f"{first}" if first == line else f"{first}-{line}"
                raw = text.splitlines()[first - 1 : line]
                named = [n for n in (r.split(",", 1)[0].strip(' "') for r in raw) if n]
                batch.reject(
                    f"{source}:{lines}",
                    "bad_manifest_row",
                    f"{source}:{lines}: manifest row does not parse: {problem}; ignored"
                    + (f", {', '.join(named)} load(s) with unknown metadata" if named else ""),
                    doc_id=named[0] if len(named) == 1 else None,
                    value="\n".join(raw),
                    warn=True,
                )
                continue
            doc_id = (row.get("doc_id") or "").strip()
            if not doc_id:
                batch.warnings.append(f"{source}:{line}: manifest row without doc_id ignored")
                continue
            if doc_id in rows:
                batch.warnings.append(
                    f"{source}:{line}: doc_id {doc_id} listed again (first at line "
                    f"{rows[doc_id]['_line']}); this row ignored"
                )
                continue
            meta: dict[str, Any] = {"_line": line}
            for col in MANIFEST_COLUMNS[1:]:
                value = row.get(col)
                meta[col] = value.strip() if isinstance(value, str) and value.strip() else None
            try:
                meta["published"] = parse_published(meta["published"])
            except ValueError as exc:
                batch.reject(
                    f"{source}:{line}",
                    "bad_date",
                    f"{source}:{line}: published for {doc_id} is {exc}; "
                    "document kept, date left unknown (or read from the text)",
                    doc_id=doc_id,
                    column="published",
                    value=meta["published"],
                    warn=True,
                )
                meta["published"] = None
            rows[doc_id] = meta
    except csv.Error as exc:
        batch.reject(
            source,
            "bad_csv",
            f"{source}:{reader.line_num}: malformed CSV ({exc}); rows after it ignored",
            warn=True,
        )
    return rows


# --------------------------------------------------------------------------- documents


def _candidate(
    *,
    doc_id: str,
    text: str,
    source: str,
    fmt: str,
    meta: dict[str, Any],
    sort_key: tuple[str, int],
) -> dict[str, Any]:
    """One document row (before metadata inference and de-duplication)."""
    return {
        "doc_id": doc_id,
        "content_hash": ids.content_hash(text),
        "source": source,
        "format": fmt,
        "text": text,
        "n_chars": len(text),
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "published": meta.get("published"),
        "title": meta.get("title"),
        "author": meta.get("author"),
        "outlet_inferred": False,
        "published_inferred": False,
        "_sort": sort_key,
    }


def _read_text_file(
    path: Path, fmt: str, meta: dict[str, Any], batch: _Batch, max_bytes: int
) -> None:
    """Read one .txt/.html file into a candidate document, or a reject."""
    source = path.as_posix()
    data = _read_or_reject(path, batch, max_bytes)
    if data is None:
        return
    declared = None
    if fmt == "html":
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    text = _decode_or_reject(data, source, path.stem, batch, declared)
    if text is None:
        return
    meta = dict(meta)
    if fmt == "html":
        if not meta.get("title"):
            meta["title"] = textio.html_title(text)
        text, _method = textio.html_to_text(text)
        if not text.strip():
            batch.reject(
                source,
                "no_article_text",
                f"{source}: HTML page holds no article text; skipped",
                doc_id=path.stem,
            )
            return
    batch.candidates.append(
        _candidate(
            doc_id=path.stem, text=text, source=source, fmt=fmt, meta=meta, sort_key=(source, 0)
        )
    )


def _jsonl_record(obj: object, where: str, batch: _Batch) -> tuple[str, str, dict[str, Any]] | None:
    """(doc_id, text, metadata) of one parsed JSONL line, or None after recording a reject."""
    if not isinstance(obj, dict):
        batch.reject(where, "bad_json", f"{where}: line is not a JSON object; skipped")
        return None
    raw_id = obj.get("doc_id")
    doc_id = str(raw_id).strip() if isinstance(raw_id, str | int) else ""
    if not doc_id:
        batch.reject(
            where,
            "missing_field",
            f"{where}: no doc_id (a string); skipped",
            column="doc_id",
            value=raw_id,
        )
        return None
    text = obj.get("text")
    if not isinstance(text, str):
        problem = (
            "no text" if text is None else f"text is of type {type(text).__name__}, not a string"
        )
        batch.reject(
            where, "missing_field", f"{where}: {problem}; skipped", doc_id=doc_id, column="text"
        )
        return None
    text, nuls = textio.replace_nul(textio.normalize_text(text))
    if nuls:
        batch.warnings.append(f"{where}: {nuls} NUL character(s) in text replaced by spaces")
    if not text.strip():
        batch.reject(
            where,
            "empty",
            f"{where}: text of {doc_id} is empty; skipped",
            doc_id=doc_id,
            column="text",
        )
        return None
    meta: dict[str, Any] = {}
    for key in JSONL_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            batch.warnings.append(f"{where}: {key} is not a string ({value!r}); ignored")
            value = None
        meta[key] = value.strip() if value and value.strip() else None
    try:
        meta["published"] = parse_published(meta["published"])
    except ValueError as exc:
        batch.reject(
            where,
            "bad_date",
            f"{where}: published is {exc}; document kept, date left unknown "
            "(or read from the text)",
            doc_id=doc_id,
            column="published",
            value=meta["published"],
            warn=True,
        )
        meta["published"] = None
    return doc_id, text, meta


def _read_jsonl(path: Path, batch: _Batch, max_bytes: int) -> None:
    """Stream a JSONL file line by line; each bad line is a reject named ``file:LINE``."""
    source = path.as_posix()
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        batch.reject(
            source, "unreadable", f"{source}: file vanished between listing and reading; skipped"
        )
        return
    except OSError as exc:
        batch.reject(source, "unreadable", f"{source}: cannot read file: {exc.strerror or exc}")
        return
    n_lines = 0
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{source}:{lineno}"
            n_lines += 1
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                batch.reject(
                    where,
                    "too_large",
                    f"{where}: line of {len(raw)} bytes is above the "
                    f"limit of {max_bytes} bytes; skipped",
                    column="n_bytes",
                    value=len(raw),
                )
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                batch.reject(
                    where,
                    "bad_encoding",
                    f"{where}: line is not UTF-8 ({exc.reason} at byte {exc.start}); skipped",
                )
                continue
            except json.JSONDecodeError as exc:
                batch.reject(
                    where,
                    "bad_json",
                    f"{where}: broken JSON ({exc.msg}: column {exc.colno}); skipped",
                    value=raw[:80].decode("utf-8", "replace"),
                )
                continue
            parsed = _jsonl_record(obj, where, batch)
            if parsed is None:
                continue
            doc_id, text, meta = parsed
            batch.candidates.append(
                _candidate(
                    doc_id=doc_id,
                    text=text,
                    source=where,
                    fmt="jsonl",
                    meta=meta,
                    sort_key=(source, lineno),
                )
            )
    if n_lines == 0:
        batch.reject(source, "empty", f"{source}: file is empty (0 bytes); skipped")


# --------------------------------------------------------------------------- listing


def _list_folder(folder: Path, batch: _Batch) -> list[Path]:
    """Supported files directly in a folder, sorted; anything else is a warning."""
    files: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name == MANIFEST_NAME:
            continue
        if entry.is_symlink() and _broken_link(entry, batch):
            continue
        if entry.is_dir():
            batch.warnings.append(f"{entry.as_posix()}: sub-folder not read (give it as an input)")
        elif entry.suffix.lower() in FORMATS:
            files.append(entry)
        else:
            batch.warnings.append(
                f"{entry.as_posix()}: unsupported file type {entry.suffix or '(none)'}; skipped "
                f"(supported: {', '.join(FORMATS)})"
            )
    return files


def _broken_link(entry: Path, batch: _Batch) -> bool:
    """Record a reject for a symbolic link that loops or points nowhere; True if it did."""
    source = entry.as_posix()
    try:
        entry.resolve(strict=True)
    except FileNotFoundError:
        target = os.readlink(entry)
        problem = f"dangling symbolic link (to {target}, which does not exist)"
    except (OSError, RuntimeError):  # ELOOP (RuntimeError before Python 3.13)
        problem = "symbolic link loop"
    else:
        return False
    batch.reject(
        source, "broken_link", f"{source}: {problem}; skipped", doc_id=entry.stem, warn=False
    )
    return True


def _plan(paths: Iterable[Path], batch: _Batch) -> list[tuple[Path, dict[str, dict[str, Any]]]]:
    """(file, manifest rows of its folder) for every input file, each file once."""
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}

    def manifest_for(folder: Path) -> dict[str, dict[str, Any]]:
        if folder not in manifests:
            mpath = folder / MANIFEST_NAME
            manifests[folder] = _read_manifest(mpath, batch) if mpath.is_file() else {}
        return manifests[folder]

    plan: list[tuple[Path, dict[str, dict[str, Any]]]] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir() or path.name == MANIFEST_NAME:
            folder = path if path.is_dir() else path.parent
            files = _list_folder(folder, batch)
            rows = manifest_for(folder)
            stems = {f.stem for f in files if FORMATS[f.suffix.lower()] != "jsonl"}
            for doc_id, meta in rows.items():
                if doc_id not in stems:
                    batch.warnings.append(
                        f"{(folder / MANIFEST_NAME).as_posix()}:{meta['_line']}: doc_id {doc_id} "
                        "names no file in the folder; row ignored"
                    )
        else:
            files = [] if path.is_symlink() and _broken_link(path, batch) else [path]
        for file in files:
            try:
                key = file.resolve()
            except (OSError, RuntimeError):  # became a loop after listing
                key = file.absolute()
            if key in seen:
                continue
            seen.add(key)
            plan.append((file, manifest_for(file.parent)))
    return plan


# --------------------------------------------------------------------------- finishing


def _load_infer() -> Callable[[str], dict[str, Any]] | None:
    """forcerecon.extract.metadata.infer_metadata, or None while it does not exist."""
    try:
        from forcerecon.extract.metadata import infer_metadata
    except ImportError:
        return None
    return infer_metadata


def _infer(cands: list[dict[str, Any]], batch: _Batch) -> None:
    """Fill a missing outlet/published from the text and flag them as inferred."""
    infer = _load_infer()
    if infer is None:
        return
    for cand in cands:
        if cand["outlet"] and cand["published"]:
            continue
        try:
            found = infer(cand["text"]) or {}
        except Exception as exc:
            batch.warnings.append(f"{cand['source']}: metadata inference failed ({exc!r})")
            continue
        if not cand["outlet"] and found.get("outlet"):
            cand["outlet"] = str(found["outlet"])
            cand["outlet_inferred"] = True
        if not cand["published"] and found.get("published"):
            try:
                cand["published"] = parse_published(found["published"])
                cand["published_inferred"] = cand["published"] is not None
            except ValueError:
                batch.warnings.append(
                    f"{cand['source']}: inferred published {found['published']!r} is not a date; "
                    "ignored"
                )


def _check_fields(cand: dict[str, Any], batch: _Batch) -> None:
    """Reject a bad doc_id or url as a field: the article is kept (under a doc_id made from its
    text, or without the url), and the bad value is recorded in the reject row."""
    source = cand["source"].replace("\n", "\\n").replace("\r", "\\r")
    doc_id = cand["doc_id"]
    problem = fieldcheck.doc_id_problem(doc_id)
    if problem:
        new_id = f"doc-{cand['content_hash'][:16]}"
        batch.reject(
            source,
            "bad_doc_id",
            f"{source}: {doc_id[:60]!r} cannot be a doc_id ({problem}); "
            f"article kept as doc_id {new_id}",
            doc_id=new_id,
            column="doc_id",
            value=doc_id,
            warn=True,
        )
        cand["doc_id"] = new_id
    url = cand["url"]
    if url is not None and not fieldcheck.is_url(url):
        batch.reject(
            source,
            "bad_url",
            f"{source}: url {url[:80]!r} is not an http(s) URL; article kept without a url",
            doc_id=cand["doc_id"],
            column="url",
            value=url,
            warn=True,
        )
        cand["url"] = None


def _deduplicate(cands: list[dict[str, Any]], batch: _Batch) -> list[dict[str, Any]]:
    """Keep the first of each text and of each doc_id (sorted by source); reject the others."""
    kept: list[dict[str, Any]] = []
    by_hash: dict[str, dict[str, Any]] = {}
    by_id: dict[str, dict[str, Any]] = {}
    for cand in sorted(cands, key=lambda c: c["_sort"]):
        first = by_hash.get(cand["content_hash"])
        if first is not None:
            merged = [f for f in _META_FIELDS if not first[f] and cand[f]]
            for name in merged:  # the kept copy takes metadata only the other name had
                first[name] = cand[name]
            batch.reject(
                cand["source"],
                "duplicate_content",
                f"{cand['source']}: same text as {first['source']} (doc_id {first['doc_id']}); "
                f"kept once as {first['doc_id']}"
                + (f" (with its {', '.join(merged)})" if merged else ""),
                doc_id=cand["doc_id"],
                column="content_hash",
                value=cand["content_hash"],
                warn=True,
            )
            continue
        first = by_id.get(cand["doc_id"])
        if first is not None:
            batch.reject(
                cand["source"],
                "duplicate_doc_id",
                f"{cand['source']}: doc_id {cand['doc_id']} is already used by {first['source']} "
                "with a different text; skipped (rename one of them)",
                doc_id=cand["doc_id"],
                column="doc_id",
                value=cand["doc_id"],
                warn=True,
            )
            continue
        by_hash[cand["content_hash"]] = cand
        by_id[cand["doc_id"]] = cand
        kept.append(cand)
    return kept


def documents_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A documents frame with exactly DOCUMENT_COLUMNS (text columns object, None = unknown)."""
    if not rows:
        frame = records.empty_frame(records.DOCUMENT_COLUMNS)
    else:
        frame = pd.DataFrame(
            [{c: r[c] for c in records.DOCUMENT_COLUMNS} for r in rows],
            columns=records.DOCUMENT_COLUMNS,
            dtype=object,
        )
    frame["n_chars"] = frame["n_chars"].astype("int64")
    frame["outlet_inferred"] = frame["outlet_inferred"].astype(bool)
    frame["published_inferred"] = frame["published_inferred"].astype(bool)
    return frame.reset_index(drop=True)


def rejects_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A rejects frame with exactly REJECT_COLUMNS, one row per reject_id."""
    if not rows:
        return records.empty_frame(records.REJECT_COLUMNS)
    frame = pd.DataFrame(rows, columns=records.REJECT_COLUMNS, dtype=object)
    return frame.drop_duplicates("reject_id").reset_index(drop=True)


def read_inputs(paths: list[Path], run_id: str, *, max_bytes: int | None = None) -> IngestResult:
    """Read folders, single files and JSONL files into documents, rejects and warnings.

    Raises ValueError (naming them) when any given path does not exist: that is a mistake
    on the command line, not bad input. Everything else that is wrong becomes a reject row.
    """
    paths = [Path(p) for p in paths]
    missing = [p.as_posix() for p in paths if not p.exists()]
    if missing:
        raise ValueError(f"input path does not exist: {', '.join(missing)}")
    limit = max_input_bytes() if max_bytes is None else max_bytes
    batch = _Batch(run_id=run_id)
    for file, manifest in _plan(paths, batch):
        fmt = FORMATS.get(file.suffix.lower())
        if fmt is None:
            batch.reject(
                file.as_posix(),
                "unsupported_format",
                f"{file.as_posix()}: unsupported file type {file.suffix or '(none)'} "
                f"(supported: {', '.join(FORMATS)}); skipped",
                doc_id=file.stem,
            )
        elif fmt == "jsonl":
            _read_jsonl(file, batch, limit)
        else:
            meta = {k: v for k, v in manifest.get(file.stem, {}).items() if k != "_line"}
            _read_text_file(file, fmt, meta, batch, limit)
    for cand in batch.candidates:
        _check_fields(cand, batch)
    kept = _deduplicate(batch.candidates, batch)
    _infer(kept, batch)
    return IngestResult(
        documents=documents_frame(kept),
        rejects=rejects_frame(batch.rejects),
        warnings=batch.warnings,
    )
