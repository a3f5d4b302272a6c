"""Read an article's outlet and publication date from its own text when no manifest says.

Outlet, first match wins:
  - a byline: "X is a national security reporter for the National Interest."
    (reporter, correspondent, editor, writer, columnist, journalist, contributor, fellow,
    analyst ... for/at/with OUTLET) -> "The National Interest"
  - a dateline with the outlet in brackets: "KYIV, Feb 10 (Reuters) -",
    "BELARUS (Washington Insider Magazine) –"
  - "Copyright 2022 The Associated Press" / "© 2022 Reuters"
Published: the first date near the top of the text (first 1,500 characters), written as
"(10/17/2022)", "Feb. 10, 2022", "February 10, 2022", "10 February 2022" or "2022-02-10";
ambiguous numeric dates are read month first (US style) unless the first part exceeds 12.
"""

from __future__ import annotations

import re
from datetime import date

from forcerecon.extract.temporal import MONTH_NUM

_BYLINE = re.compile(
    r"\b(?:is|was|are)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,5}?(?:reporter|correspondent|"
    r"editor|writer|columnist|journalist|contributor|fellow|analyst|producer|reporting\s+"
    r"intern|intern|staff\s+writer)\s+(?:for|at|with)\s+(?P<the>the\s+)?"
    r"(?P<outlet>[A-Z][\w&'’-]*(?:\.[A-Z][\w&'’-]*)*(?:[ ]+(?:of[ ]+|and[ ]+|&[ ]+)?"
    r"[A-Z][\w&'’-]*(?:\.[A-Z][\w&'’-]*)*){0,5})",
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'’-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((?P<outlet>[A-Z][\w&'’. -]"
    r"{1,40}?)\)\s*[-–—]",
    re.MULTILINE,
)
_COPYRIGHT = re.compile(
    r"(?:Copyright|©)[ ]*(?:\d{4}[ ]+)?(?P<the>The[ ]+)?(?P<outlet>[A-Z][\w&'’-]*"
    r"(?:[ ]+[A-Z][\w&'’-]*){0,4})"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_DATES = re.compile(
    rf"(?P<num>\b(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})\b)"
    rf"|(?P<md>\b(?P<m1>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}}),\s+(?P<y1>\d{{4}})\b)"
    rf"|(?P<dm>\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>\d{{4}})\b)"
    rf"|(?P<iso>\b(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b)"
)
TOP_CHARS = 1500


def _title_outlet(name: str, has_the: bool) -> str:
    name = " ".join(name.split()).rstrip(".,")
    if has_the and not name.lower().startswith("the "):
        name = "The " + name
    return name


def infer_outlet(text: str) -> str | None:
    """The outlet named by the article's byline, dateline or copyright line, if any."""
    for pattern in (_BYLINE, _DATELINE, _COPYRIGHT):
        m = pattern.search(text)
        if m:
            return _title_outlet(m.group("outlet"), bool(m.groupdict().get("the")))
    return None


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def infer_published(text: str) -> str | None:
    """The first full date near the top of the article (YYYY-MM-DD), if any."""
    for m in _DATES.finditer(text[:TOP_CHARS]):
        if m.group("num"):
            a, b = int(m.group("a")), int(m.group("b"))
            month, day = (b, a) if a > 12 else (a, b)
            found = _safe_date(int(m.group("y")), month, day)
        elif m.group("md"):
            found = _safe_date(
                int(m.group("y1")), MONTH_NUM[m.group("m1").lower()], int(m.group("d1"))
            )
        elif m.group("dm"):
            found = _safe_date(
                int(m.group("y2")), MONTH_NUM[m.group("m2").lower()], int(m.group("d2"))
            )
        else:
            found = _safe_date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        if found:
            return found
    return None


def infer_metadata(text: str) -> dict[str, str | None]:
    """``{"outlet": ..., "published": ...}`` read from the text; None where it says nothing."""
    return {"outlet": infer_outlet(text), "published": infer_published(text)}
