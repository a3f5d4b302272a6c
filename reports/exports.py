"""Downloads of the report: per-page CSV/JSON files and the whole-corpus export.

Everything is a plain file written at render time beside the page that links it, so every
download works from ``file://`` with no network and no script (no fetch()):

- per page: ``subjects/<page>.csv`` / ``.json`` (the subject's figures), the same for each
  claimant and outlet page (:func:`export_files` names them, :func:`rows_csv` and
  :func:`rows_json` write them);
- whole corpus: ``exports/<name>.csv`` and ``exports/<name>.parquet`` for claims, subjects
  and conflicts, written by DuckDB's ``COPY (<query>) TO`` from
  ``reports/queries/export_<name>.sql`` (:func:`write_corpus_exports`).

Values are written as the warehouse holds them, never rounded for display, only cleared of
binary float noise (14300.000000000002 -> 14300): :func:`export_value`.
"""

from __future__ import annotations

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


def page_downloads(
    rows: Sequence[Mapping[str, Any]], page: str, first: Sequence[str] = ()
) -> dict[str, str]:
    """Relative path -> text of the CSV and JSON download of a page listing ``rows``."""
    columns = columns_of(rows, first)
    csv_path, json_path = export_files(page)
    return {csv_path: rows_csv(rows, columns), json_path: rows_json(rows, columns)}


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
