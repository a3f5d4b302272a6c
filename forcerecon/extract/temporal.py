"""When a figure holds (as_of): temporal phrases resolved against the publication date.

Phrases and what they give (``pub`` = the article's publication date):
  "last Thursday"           the Thursday before pub (YYYY-MM-DD)
  "on Monday", "Monday"     the latest Monday on or before pub
  "yesterday" / "today", "currently", "current", "now"      pub - 1 day / pub
  "last week"               the month of pub - 7 days (YYYY-MM)
  "this month", "last month", "last year", "this year"     YYYY-MM or YYYY
  "Feb. 3", "3 February 2022", "10/17/2022", "2022-02-03"  that date (dateparser for names)
  "(in) (early|mid|late) December (2021)"                   YYYY-MM (year: latest not after pub)
  "in (early) 2022"                                         YYYY ("by 2027" is a deadline)
  "last summer", "this winter"                              YYYY-MM (Jul, Jan, Apr, Oct)
  "before the invasion", "at the start of the war"          2022-02
  "(at) the start/end of the year", "... of last year"       YYYY-01 / YYYY-12
Dates that say when something else starts or ends ("expected to conclude on Feb. 20",
"will run from February 10 to 20") are not as_of dates and are skipped.
Month-name dates are read directly; dateparser is the fallback for a form the reader does not
know (it costs ~5 ms a call, so it is kept out of the common path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from forcerecon.extract.lexicon import lower

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NUM = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "fe": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
TEMPORAL_RE = re.compile(
    rf"""\b(?:(?P<numeric>(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})\b)
    | (?P<iso>\d{{4}}-\d{{2}}-\d{{2}}\b)
    | (?P<mday>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?![\d-]))
    | (?P<daym>\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?\b)
    | (?P<month>(?:(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|
        beginning\s+of|the\s+start\s+of)[\s-]+)?(?P<mname>{_MONTH})(?:\s+(?P<my>\d{{4}}))?\b)
    | (?P<weekday>(?:(?P<wrel>last|this|past|next|on)\s+)?(?P<wd>monday|tuesday|wednesday|
        thursday|friday|saturday|sunday)\b)
    | (?P<rel>(?:(?:earlier|later)\s+)?(?P<rel_kind>last|this|past|next)\s+
        (?P<rel_unit>week|month|year)\b)
    | (?P<now>(?:yesterday|today|tonight|currently|at\s+present|at\s+the\s+moment|
        presently|as\s+of\s+now|right\s+now|now|current)\b)
    | (?P<year>(?:in|since|as\s+of|during|throughout|of)\s+(?:(?:early|mid|late)[\s-]+)?
        (?P<yy>(?:19|20)\d\d)\b(?![-\d]))
    )""",
    re.VERBOSE,  # matched against lowered text (lexicon.lower): much faster than IGNORECASE
)
#: Named periods, looked for only in sentences that have one of their key words (keeps the
#: main pattern short: it runs on every sentence with a figure).
NAMED_PERIOD_RE = re.compile(
    r"""\b(?:(?P<yearpart>(?:the\s+)?(?P<ypart>start|beginning|end)\s+of\s+
        (?P<yrel>the|this|last)\s+year\b)
    | (?P<season>(?P<srel>last|this|past)\s+(?P<sname>summer|winter|spring|autumn|fall)\b)
    | (?P<invasion>(?:before|at\s+the\s+(?:start|beginning|outset)\s+of)\s+(?:the\s+)?
        (?:russia['’]s\s+)?(?:full[\s-]+scale\s+)?(?:invasion|war)\b))""",
    re.VERBOSE,
)
_NAMED_HINT = re.compile(r"invasion|\bwar\b|summer|winter|spring|autumn|fall\b|\bof\s+\w+\s+year")
#: Words just before a date that make it the start/end of something, not an as_of date.
SKIP_BEFORE = re.compile(
    r"\b(?:conclude[sd]?|conclusion|end(?:s|ed)?|until|till|through|scheduled|expected|"
    r"begin(?:s|ning)?|began|start(?:s|ed|ing)?|run(?:s|ning)?|from|to|lasting|last|between|"
    r"finish(?:es|ed)?|wrap(?:s|ped)?\s+up|due|deadline|before|after|since|born|by|dated|"
    r"held|hold|take\s+place|will|would)\s+(?:on\s+|in\s+|at\s+|until\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


_REPORTED = re.compile(
    r"\b(?:said|says|reported|reports|announced|told|stated|confirmed|estimated|claimed|"
    r"added|wrote|tweeted|declared)\s+(?:(?:in\s+an?|on\s+its|in\s+its)\s+(?:[\w-]+\s+){1,2}|"
    r"(?:reporters|journalists)\s+)?(?:late\s+|early\s+)?(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Temporal:
    """A temporal phrase in a sentence and the as_of value it resolves to."""

    start: int
    end: int
    as_of: str  # YYYY-MM-DD, YYYY-MM or YYYY
    reporting: bool = False  # dates a reporting verb: "said on Friday", "reported Monday"


def _pub(published: str | None) -> date | None:
    """The document date; a month-only one ("2022-10") stands for the month's last day."""
    if not published:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}", published):
            year, month = int(published[:4]), int(published[5:7])
            first_next = date(year + month // 12, month % 12 + 1, 1)
            return first_next - timedelta(days=1)
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_back(pub: date, months: int) -> str:
    y, m = pub.year, pub.month - months
    while m < 1:
        y, m = y - 1, m + 12
    return f"{y:04d}-{m:02d}"


@lru_cache(maxsize=4096)
def _dateparser(text: str, published: str | None) -> str | None:
    import dateparser  # imported lazily: slow to load, rarely needed

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "MDY",
        "REQUIRE_PARTS": ["day", "month"],
    }
    base = _pub(published)
    if base is None and not re.search(r"\b\d{4}\b", text):
        return None  # a date without a year and no document date: never the system clock
    if base is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day) + timedelta(days=7)
    parsed = dateparser.parse(text.replace("Fe.", "Feb."), languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


_MONTH_DAY = re.compile(
    r"^(?:(?P<m1>[a-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})\s+(?P<m2>[a-z]+)\.?)"
    r"(?:,?\s+(?P<y>\d{4}))?$"
)


def _month_day(text: str, published: str | None) -> str | None:
    """ "Feb. 3", "3 February 2022", "March 1, 2022" -> YYYY-MM-DD; without a year, the
    latest such day no more than a week after publication. None when it cannot be read."""
    m = _MONTH_DAY.match(" ".join(text.lower().split()))
    if not m:
        return None
    month = MONTH_NUM.get(m.group("m1") or m.group("m2") or "")
    day = int(m.group("d1") or m.group("d2"))
    if month is None:
        return None
    if m.group("y"):
        years = [int(m.group("y"))]
    else:
        pub = _pub(published)
        if pub is None:
            return None
        years = [pub.year, pub.year - 1]
    for year in years:
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        pub = _pub(published)
        if m.group("y") or pub is None or found <= pub + timedelta(days=7):
            return found.isoformat()
    return None


def resolve(m: re.Match[str], published: str | None) -> str | None:
    """The as_of value of one TEMPORAL_RE match, or None when it cannot be resolved."""
    pub = _pub(published)
    if m.re is NAMED_PERIOD_RE:
        return _named_period(m, pub)
    if m.group("numeric"):
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        month, day = (a, b) if a <= 12 else (b, a)
        try:
            return date(y, month, day).isoformat()
        except ValueError:
            return None
    if m.group("iso"):
        try:
            return date.fromisoformat(m.group("iso")).isoformat()
        except ValueError:
            return None
    if m.group("mday") or m.group("daym"):
        return _month_day(m.group(), published) or _dateparser(m.group(), published)
    if m.group("month"):
        month = MONTH_NUM[m.group("mname").rstrip(".").lower()]
        if m.group("my"):
            return f"{m.group('my')}-{month:02d}"
        if pub is None:
            return None
        year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}"
    if m.group("year"):
        return m.group("yy")
    if pub is None:
        return None
    return _relative(m, pub)


def _named_period(m: re.Match[str], pub: date | None) -> str | None:
    """The as_of of a NAMED_PERIOD_RE match."""
    if m.group("invasion"):  # Russia's full-scale invasion of Ukraine began on 24 Feb 2022
        return "2022-02" if pub is None or pub >= date(2022, 2, 24) else None
    if pub is None:
        return None
    if m.group("yearpart"):
        year = pub.year - (1 if m.group("yrel") == "last" else 0)
        return f"{year:04d}-{12 if m.group('ypart') == 'end' else 1:02d}"
    year = pub.year - (0 if m.group("srel") == "this" else 1)
    month = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}[m.group("sname")]
    return f"{year:04d}-{month:02d}"


def _relative(m: re.Match[str], pub: date) -> str | None:
    """The as_of of a weekday, relative or "now" match of TEMPORAL_RE."""
    if m.group("weekday"):
        target = WEEKDAYS.index(m.group("wd").lower())
        rel = (m.group("wrel") or "").lower()
        if rel == "next":
            delta = (target - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat()
        delta = (pub.weekday() - target) % 7
        if rel in ("last", "past") and delta == 0:
            delta = 7
        return (pub - timedelta(days=delta)).isoformat()
    if m.group("rel"):
        kind, unit = m.group("rel_kind").lower(), m.group("rel_unit").lower()
        if unit == "week":
            days = {"last": 7, "past": 7, "this": 0, "next": -7}[kind]
            return (pub - timedelta(days=days)).isoformat()[:7]
        if unit == "month":
            return _month_back(pub, {"last": 1, "past": 1, "this": 0, "next": -1}[kind])
        return str(pub.year - {"last": 1, "past": 1, "this": 0, "next": -1}[kind])
    word = m.group("now").lower()
    return (pub - timedelta(days=1)).isoformat() if word == "yesterday" else pub.isoformat()


_FUTURE = re.compile(r"\b(?:will|shall|scheduled|planned\s+for|next)\b", re.IGNORECASE)


def _ahead(value: str, published: str | None) -> str:
    """A month-only date read as the coming one: "2023-03" -> "2024-03" when published in
    February 2024 (the reader otherwise takes the latest such month not after publication)."""
    pub = _pub(published)
    if pub is None or len(value) != 7:
        return value
    year, month = int(value[:4]), int(value[5:7])
    if year < pub.year and month > pub.month:
        return f"{pub.year:04d}-{month:02d}"
    return value


def find_temporals(
    sentence: str, published: str | None, masked: list[tuple[int, int]] = ()
) -> list[Temporal]:
    """Temporal phrases of a sentence that can be as_of dates (masked spans are skipped)."""
    out = []
    low = lower(sentence)
    matches = list(TEMPORAL_RE.finditer(low))
    if _NAMED_HINT.search(low):
        matches = sorted([*matches, *NAMED_PERIOD_RE.finditer(low)], key=lambda x: x.start())
    for m in matches:
        if any(s <= m.start() < e for s, e in masked):
            continue
        if m.re is NAMED_PERIOD_RE:
            value = resolve(m, published)
            if value:
                out.append(Temporal(m.start(), m.end(), value, False))
            continue
        if (
            m.group("month")
            and m.group("mname").lower().startswith("may")
            and not (
                m.group("my")
                or re.search(r"\b(?:in|since|early|late|mid|of)\s+$", sentence[: m.start()], re.I)
            )
        ):
            continue  # "may" the verb
        if SKIP_BEFORE.search(sentence[max(0, m.start() - 40) : m.start()]) and not (
            (m.group("weekday") and (m.group("wrel") or "").lower() in ("last", "past"))
            or m.group("rel")
            or m.group("now")
        ):
            continue
        value = resolve(m, published)
        if value and m.group("month") and not m.group("my") and _FUTURE.search(sentence):
            value = _ahead(value, published)  # "will take part ... in March" (not last March)
        if value:
            reporting = _REPORTED.search(sentence[max(0, m.start() - 25) : m.start()])
            out.append(Temporal(m.start(), m.end(), value, reporting is not None))
    return out


def pick_as_of(
    temporals: list[Temporal],
    fig_start: int,
    fig_end: int,
    future: bool,
    next_figure: int | None = None,
    prev_figure: int | None = None,
) -> str | None:
    """The as_of for a figure: the nearest phrase before it, else the nearest one after it,
    unless the figure is planned/speculative (its later dates are about the future) and the
    phrase does not date a reporting verb ("..., the ministry said on Friday"). A phrase
    after the next figure (``next_figure``) dates that one ("N now, up from M before the
    invasion"), unless it dates the reporting verb; and a phrase right after the figure
    beats one before it when an earlier figure (``prev_figure``: where it ends) stands
    between: "now has N, compared with M at the start of the invasion"."""
    before = [t for t in temporals if t.end <= fig_start]
    own = [
        t
        for t in temporals
        if fig_end <= t.start < fig_end + 60
        and not t.reporting
        and (next_figure is None or t.start < next_figure)
    ]
    if before and own and prev_figure is not None:
        return own[0].as_of
    if before:
        return before[-1].as_of
    after = [
        t
        for t in temporals
        if t.start >= fig_end
        and (not future or t.reporting)
        and (next_figure is None or t.start < next_figure or t.reporting)
    ]
    return after[0].as_of if after else None
