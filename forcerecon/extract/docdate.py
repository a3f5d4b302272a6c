"""The document date, and the dates an undated article states (SCHEME.md: "as_of ... from the
text and the document's publication date only, never from ... the processing date").

In order: the published date of the manifest; else a date header at the top of the text
("date 2022-10", "Published: 2022-10-21"); else the first full date near the top
(metadata.py). A date without a year is read against the document date, never the system
clock; with no document date, a figure takes the latest date with a year that the text
states before it ("in November 2022"), and without any, it is undated (as_of empty).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from forcerecon.extract.temporal import find_temporals

#: A date header in the first lines: " date 2022-10 ...", "Published: 2022-10-21".
_HEADER_DATE = re.compile(
    r"^\s*(?:date|published|updated|posted)\s*:?\s+(?P<date>\d{4}-\d{2}(?:-\d{2})?)\b",
    re.IGNORECASE,
)
#: A stated date with its year: YYYY-MM-DD or YYYY-MM.
_WITH_YEAR = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def header_date(text: str) -> str | None:
    """The date of a header at the very top of the text (YYYY-MM or YYYY-MM-DD), if any."""
    m = _HEADER_DATE.match(text[:200])
    return m.group("date") if m else None


@dataclass
class StatedDates:
    """Dates with a year that an article states, in text order, read once (linear)."""

    positions: list[int] = field(default_factory=list)
    latest: list[str] = field(default_factory=list)  # the latest value up to each position

    @classmethod
    def of(cls, text: str) -> StatedDates:
        found = cls()
        for t in find_temporals(text, None):
            if _WITH_YEAR.match(t.as_of):
                found.positions.append(t.start)
                found.latest.append(max(t.as_of, found.latest[-1]) if found.latest else t.as_of)
        return found

    def before(self, pos: int) -> str | None:
        """The latest stated date (by value) among those written before ``pos``."""
        i = bisect.bisect_right(self.positions, pos)
        return self.latest[i - 1] if i else None
