"""Pure display helpers: numbers, dates, bounds, status labels and safe page file names.

Nothing here touches the file system or the database; every function returns a string
(or None) that the Jinja templates escape on output.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import pandas as pd

from forcerecon.ids import stable_id

#: Status codes of ``subject_summary.status`` and how the report names them.
STATUS_LABELS: dict[str, str] = {
    "agree": "agree",
    "conflict": "conflict",
    "scope": "scope",
    "qualifier_only": "qualifier only",
    "single_source": "single source",
}

#: Order of statuses in filters and legends: the ones needing attention first.
STATUS_ORDER: tuple[str, ...] = ("conflict", "scope", "qualifier_only", "agree", "single_source")

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def status_code(status: object) -> str:
    """Normalize a status ("qualifier only", "Qualifier-Only") to its code ("qualifier_only")."""
    if status is None or (isinstance(status, float) and math.isnan(status)):
        return "unknown"
    code = re.sub(r"[\s\-]+", "_", str(status).strip().lower())
    return code or "unknown"


def status_label(status: object) -> str:
    """Human label of a status code; unknown codes are shown as they are (underscores as spaces)."""
    code = status_code(status)
    return STATUS_LABELS.get(code, code.replace("_", " "))


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas/numpy missing markers."""
    if value is None:
        return True
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # the common cases, without isinstance
        return False
    if kind is float:
        return math.isnan(value)  # type: ignore[arg-type]
    if isinstance(value, (str, bool, int, list, tuple, dict, set)):
        return False
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_number(value: object) -> str:
    """30000 -> "30,000"; 0.7 -> "0.7"; 12.345 -> "12.35"; missing -> ""."""
    kind = type(value)
    if kind is int:  # the common cases first (~1.7 million numbers at 10,000 articles)
        return f"{value:,}"
    if kind is float and value.is_integer():  # type: ignore[union-attr]
        return f"{int(value):,}"  # type: ignore[call-overload]
    if is_missing(value):
        return ""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def fmt_date(value: object) -> str:
    """ISO date text. Dates as YYYY-MM-DD; timestamps as YYYY-MM-DD HH:MM:SS (plus "UTC" or the
    offset when they carry a zone; the date alone at midnight without one); ISO timestamp text
    the same way; other text (YYYY, YYYY-MM, YYYY-MM-DD) as it is."""
    if is_missing(value):
        return ""
    if isinstance(value, str) and len(value) > 10 and value[10] in "T ":
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            if value.time() == dt.time(0, 0):
                return value.date().isoformat()
            return value.isoformat(sep=" ", timespec="seconds")
        offset = value.utcoffset()
        if offset is not None and offset.total_seconds() == 0:
            return value.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds") + " UTC"
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def fmt_bounds(low: object, high: object, qualifier: object = None) -> str:
    """The numeric reading of a figure: "= 170", "≈ 30,000", "≤ 9,000", "≥ 2,000", "1–5"."""
    lo, hi = fmt_number(low), fmt_number(high)
    qual = "" if is_missing(qualifier) else str(qualifier)
    if lo and hi:
        if lo == hi:
            return f"≈ {lo}" if qual == "approximate" else f"= {lo}"
        return f"{lo}–{hi}"
    if hi:
        return f"≤ {hi}"
    if lo:
        return f"≥ {lo}"
    return "no bounds"


def fmt_duration(seconds: object) -> str:
    """12.3 -> "12.3 s"; 125 -> "2 min 5 s"."""
    if is_missing(seconds):
        return ""
    try:
        total = float(seconds)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(seconds)
    if total < 60:
        return f"{total:.1f} s"
    minutes, rest = divmod(round(total), 60)
    return f"{minutes} min {rest} s"


def fmt_cell(value: object) -> str:
    """Any warehouse value as table text: numbers with separators, dates ISO, booleans yes/no."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return fmt_number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return fmt_date(value)
    return str(value)


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII lower-case slug of any text, never empty ("RU+BY-facilities" -> "ru-by-facilities")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")[:max_len].strip("-")
    return slug or "item"


def page_name(kind: str, key: str, label: str | None = None) -> str:
    """A safe, stable file name for a page: a slug of ``label`` (default: the key) plus a hash
    of the key. The hash keeps two keys with the same slug apart; the slug keeps names readable.
    """
    return f"{slugify(key if label is None else label)}-{stable_id(kind, key, length=10)}.html"


def text_of(value: object) -> str:
    """Text of a value; "" for a missing one."""
    if type(value) is str:
        return value
    return "" if is_missing(value) else str(value)


def as_int(value: object) -> int | None:
    """An integer from a warehouse value; None for a missing or non-numeric one."""
    if is_missing(value):
        return None
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


def sort_number(value: object) -> str:
    """A numeric sort key for the table script ('' sorts last)."""
    if is_missing(value):
        return ""
    try:
        return repr(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
