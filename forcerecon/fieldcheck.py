"""Field checks of ingest: a bad value is rejected as a FIELD, so the article is kept.

The url and doc_id rules are those of the DocumentModel (schemas/models.py: ``URL_PATTERN``,
``DOC_ID_PATTERN``); checked here, a bad url or file name costs the article its url or its
name, not its figures. A manifest row is checked against its header, so a comma in an unquoted
field or a stray quote never shifts a value into the wrong column.
"""

from __future__ import annotations

import re
from typing import Any

_URL = re.compile(r"^https?://\S+$")
_DOC_ID = re.compile(r"^[^/\\\x00-\x1f]{1,200}$")
#: Manifest columns whose values are one line (a line break in them means a stray quote).
ONE_LINE_COLUMNS = ("doc_id", "outlet", "url", "published")


def is_url(value: str) -> bool:
    """An ``http(s)://`` URL without spaces (``javascript:``, ``ftp:``, ``www.x`` are not)."""
    return bool(_URL.match(value))


def doc_id_problem(doc_id: str) -> str | None:
    """Why ``doc_id`` cannot be a doc_id (None when it can)."""
    if _DOC_ID.match(doc_id):
        return None
    if len(doc_id) > 200:
        return f"{len(doc_id)} characters, over 200"
    if re.search(r"[\n\r]", doc_id):
        return "a line break in it"
    if re.search(r"[\x00-\x1f]", doc_id):
        return "a control character in it"
    return "a backslash in it" if "\\" in doc_id else "a slash in it"


def manifest_row_problem(row: dict[Any, Any], n_columns: int) -> str | None:
    """Why a ``csv.DictReader`` row is not a row of the header's columns (None when it is)."""
    extra = row.get(None)
    if extra:
        return (
            f"{n_columns + len(extra)} fields, the header has {n_columns} (a comma in an "
            "unquoted field, or a stray quote?)"
        )
    missing = [k for k, v in row.items() if v is None]
    if missing:
        return f"{n_columns - len(missing)} fields, the header has {n_columns}"
    broken = [c for c in ONE_LINE_COLUMNS if "\n" in (row.get(c) or "")]
    if broken:
        return f"a quoted {broken[0]} runs over several lines (an unbalanced quote?)"
    return None
