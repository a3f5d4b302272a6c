"""Downloads of the report: per-page CSV/JSON files and the whole-corpus export.

Every download is a plain file written at render time beside the page that links it, or a
data: URL in the page, so it works from ``file://`` with no network and no script (no fetch()):

- per page: the figures a page lists as CSV and JSON: files beside each claimant and outlet
  page (``claimants/<page>.csv`` / ``.json``), and data: URLs inside each subject page (there
  are tens of thousands of those; :class:`RowSerializer` makes both, each row once);
- whole corpus: ``exports/<name>.csv`` and ``exports/<name>.parquet`` for claims, subjects
  and conflicts, written by DuckDB's ``COPY (<query>) TO`` from
  ``reports/queries/export_<name>.sql`` (:func:`write_corpus_exports`).

Values are written as the warehouse holds them, never rounded for display, only cleared of
binary float noise (14300.000000000002 -> 14300): :func:`export_value`.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

#: Folder of the whole-corpus export under the report root.
EXPORT_DIR = "exports"

#: Whole-corpus exports: name -> the relation its query reads (absent relation: not written).
CORPUS_EXPORTS: dict[str, str] = {
    "claims": "subject_claims",
    "subjects": "subject_summary",
    "conflicts": "conflicts",
}

#: Formats of the whole-corpus export, and DuckDB's COPY options for each.
CORPUS_FORMATS: dict[str, str] = {
    "csv": "FORMAT CSV, HEADER true",
    "parquet": "FORMAT PARQUET, COMPRESSION zstd",
}

_FORMAT_NAMES = {"csv": "CSV", "json": "JSON", "parquet": "Parquet"}

#: Significant digits kept of a float: enough for any count, drops 1e-12 noise.
_DIGITS = 12


def export_value(value: Any) -> Any:
    """A warehouse value as a JSON-ready value: floats without noise (whole numbers as int),
    dates ISO text, missing values None, lists and dicts element by element."""
    if value is None:
        return None
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        clean = float(f"{value:.{_DIGITS}g}")
        return int(clean) if clean.is_integer() else clean
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): export_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [export_value(v) for v in value]
    try:  # numpy / pandas scalars and markers
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return export_value(value.item())
    return str(value)


def _csv_cell(value: Any) -> str:
    clean = export_value(value)
    if clean is None:
        return ""
    if isinstance(clean, bool):
        return "true" if clean else "false"
    if isinstance(clean, (list, dict)):
        return json.dumps(clean, ensure_ascii=False, sort_keys=True)
    return str(clean)


def columns_of(rows: Sequence[Mapping[str, Any]], first: Sequence[str] = ()) -> list[str]:
    """Columns of ``rows`` in the order met (``first`` leading when present): rows of one query
    share their keys, and a column another helper adds (e.g. ``measure``) is exported as is."""
    seen: dict[str, None] = {c: None for c in first if any(c in r for r in rows[:1])}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def rows_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text (header line, then one line per row, ``\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def rows_json(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """JSON text: a list of one object per row with ``columns`` as keys (sorted keys off, so
    the column order is the CSV's)."""
    data = [{c: export_value(row.get(c)) for c in columns} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export_files(page: str) -> tuple[str, str]:
    """The CSV and JSON download of a page: ``subjects/x.html`` -> ``subjects/x.csv``, ``.json``."""
    stem = page[: -len(".html")] if page.endswith(".html") else page
    return f"{stem}.csv", f"{stem}.json"


class RowSerializer:
    """CSV and JSON text of rows that share one column list, each row serialized once.

    A claim is listed by three pages (its subject, claimant and outlet): its CSV line and
    JSON object are made the first time and reused (keyed by the row object). Columns are
    converted a whole column at a time, and only the ones whose values need it (floats,
    dates, booleans), so a corpus of 81,369 claims is serialized in about a second."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.header = rows_csv([], self.columns)
        self._lines: dict[int, tuple[str, str]] = {}
        self._keep: list[Mapping[str, Any]] = []  # rows keyed by id() stay alive

    def _serialize(self, rows: Sequence[Mapping[str, Any]]) -> None:
        table = [[row.get(c) for row in rows] for c in self.columns]
        as_csv: list[list[Any]] = []
        as_json: list[list[Any]] = []
        for values in table:
            kinds = {type(v) for v in values} - {type(None), str, int}
            clean = values if not kinds else [export_value(v) for v in values]
            as_json.append(clean)
            if bool in kinds or any(isinstance(v, (list, dict)) for v in clean if v is not None):
                as_csv.append([_csv_cell(v) for v in clean])
            else:
                as_csv.append(clean)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=_RECORD_END)
        writer.writerows(zip(*as_csv, strict=True))
        lines = buffer.getvalue().split(_RECORD_END)
        if len(lines) != len(rows) + 1:  # a field held the record end: one row at a time
            lines = [rows_csv([r], self.columns)[len(self.header) : -1] for r in rows]
        encode = json.JSONEncoder(ensure_ascii=False).encode
        for i, row in enumerate(rows):
            obj = {c: as_json[j][i] for j, c in enumerate(self.columns)}
            self._lines[id(row)] = (lines[i] + "\n", encode(obj))
            self._keep.append(row)

    def prepare(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Serialize ``rows`` in one go (cheaper than page by page)."""
        new = [r for r in rows if id(r) not in self._lines]
        if new:
            self._serialize(new)

    def texts(self, rows: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
        """(CSV text, JSON text) of ``rows`` (a JSON list of one object per row)."""
        new = [r for r in rows if id(r) not in self._lines]
        if new:
            self._serialize(new)
        pairs = [self._lines[id(r)] for r in rows]
        body = ",\n".join(j for _, j in pairs)
        return (
            self.header + "".join(c for c, _ in pairs),
            f"[\n{body}\n]\n" if pairs else "[]\n",
        )

    def data_links(
        self, rows: Sequence[Mapping[str, Any]], page: str
    ) -> list[tuple[str, str, str]]:
        """(format, file name, data: URL) of the CSV and JSON download of a page, embedded in
        the page (base64): no file per page (a subject page each would be ~75,000 more files
        at 10,000 articles). A data: URL is a download, not a fetch: it works from file://."""
        csv_text, json_text = self.texts(rows)
        csv_path, json_path = export_files(page)
        return [
            ("CSV", csv_path.rpartition("/")[2], _data_url("text/csv", csv_text)),
            ("JSON", json_path.rpartition("/")[2], _data_url("application/json", json_text)),
        ]

    def page_downloads(self, rows: Sequence[Mapping[str, Any]], page: str) -> dict[str, str]:
        """Relative path -> text of the CSV and JSON download of a page listing ``rows``."""
        csv_text, json_text = self.texts(rows)
        csv_path, json_path = export_files(page)
        return {csv_path: csv_text, json_path: json_text}


def _data_url(mime: str, text: str) -> str:
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"data:{mime};charset=utf-8;base64,{encoded}"


def file_links(page: str) -> list[tuple[str, str, str]]:
    """(format, file name, relative link) of the CSV and JSON files beside a page."""
    out = []
    for path in export_files(page):
        name = path.rpartition("/")[2]
        out.append((name.rpartition(".")[2].upper(), name, name))
    return out


#: Ends each CSV record while serializing (split on afterwards; a field never holds it).
_RECORD_END = "\x1e\n"


def corpus_export_links(files: Sequence[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(name, [(format, relative path), ...]) per whole-corpus export, in export order."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for path in files:
        name, _, ext = path.rpartition("/")[2].rpartition(".")
        by_name.setdefault(name, []).append((_FORMAT_NAMES.get(ext, ext.upper()), path))
    return list(by_name.items())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except FileNotFoundError:
        return False


def write_corpus_exports(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    present: Iterable[str],
    query_text: Any,
) -> list[str]:
    """Write ``exports/<name>.csv`` and ``.parquet`` for every :data:`CORPUS_EXPORTS` entry
    whose relation is in ``present``; returns the files written or kept (relative paths).

    Each file is written to a temporary name by ``COPY (query) TO`` and replaces the old one
    only when its bytes differ, so an unchanged corpus leaves the files untouched."""
    present = set(present)
    folder = out_dir / EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    done: list[str] = []
    for name, relation in CORPUS_EXPORTS.items():
        if relation not in present:
            continue
        query = query_text(f"export_{name}").strip().rstrip(";")
        for ext, options in CORPUS_FORMATS.items():
            target = folder / f"{name}.{ext}"
            tmp = folder / f".{name}.{ext}.{os.getpid()}.tmp"
            literal = str(tmp).replace("'", "''")
            con.execute(f"COPY ({query}) TO '{literal}' ({options})")
            if _same_file(tmp, target):
                tmp.unlink()
            else:
                os.replace(tmp, target)
            done.append(f"{EXPORT_DIR}/{name}.{ext}")
    return done
