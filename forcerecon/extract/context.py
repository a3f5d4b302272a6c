"""Whose forces (side), where (location) and which named event a figure belongs to.

Side, in order:
  1. a side word inside the item ("Russian troops", "Russian and Belarusian troops")
  2. facilities of a joint named exercise belong to its sides (events.csv ``side``)
  3. the actor before the figure: a side word used as a subject or possessive
     ("Russia will send", "the Kremlin has sent", "Russia's deployment", "Russian forces have")
  4. the side of the previous figure in the same sentence (a list of holdings)
  5. the document's force side: most frequent side among its other figures, else among
     "<side adjective> <force noun>" phrases in the text
Location: a locations.csv alias used as a place (after "in/into/to/across/on/at/along/near",
or an alias that is itself locative such as "around Ukraine"); the first after the figure
wins, else the nearest before it; "the country" is the document's main country; otherwise
the document's main location (the majority location of its other figures).
Relative clauses set off by commas (", which borders Ukraine,") are ignored for both.
Event: an events.csv alias in the sentence; else, when the document names exactly one
event, figures whose location is inside the event's area (or unknown) and whose time falls
within a month of the event.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from forcerecon.extract.lexicon import Event, Lexicons, lower

_LOCATIVE = re.compile(
    r"(?:\b(?:in|into|to|across|on|at|along|near|around|inside|within|throughout|toward|"
    r"towards|over|stationed\s+in|deployed\s+to|based\s+in|entered|entering|enter|reached|"
    r"(?:breakaway\s+)?(?:region|province|republic|enclave|exclave)\s+of|"
    r"within\s+striking\s+distance\s+of|within\s+reach\s+of|"
    r"crossed|crossing|arrived\s+in|arrived\s+at|arriving\s+in)\s+(?:the\s+|its\s+|their\s+|"
    r"neighbou?ring\s+|territory\s+of\s+|soil\s+of\s+)?(?:(?:[a-z]+ern|southern|northern|"
    r"central)\s+(?:and\s+\w+\s+)?)?(?:(?:russian-|ukrainian-)?(?:occupied|held|controlled)\s+|"
    r"annexed\s+|liberated\s+|front-?line\s+|besieged\s+)?"
    r"(?:(?:parts?|areas?|regions?)\s+of\s+(?:the\s+)?)?)$",
    re.IGNORECASE,
)
#: Where a clause about another force begins: places after it are not the figure's.
_OTHER_CLAUSE = re.compile(r",\s+(?:while|whereas|but)\b|;")
#: A place named as the home of a force: "the Kaliningrad grouping", "the Crimea garrison".
_PLACE_GROUPING = re.compile(
    r"\s+(?:grouping|garrison|contingent|group\s+of\s+forces)\b", re.IGNORECASE
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_FROM_TO = re.compile(r"\s+to\s+(?:the\s+)?")
#: A place that hosts a force: "Estonia to host thousands of allied troops".
_PLACE_HOSTS = re.compile(
    r"\s+(?:to\s+host|will\s+host|hosts|hosted|is\s+hosting|has\s+hosted|is\s+home\s+to)\b",
    re.IGNORECASE,
)
_SELF_LOCATIVE = re.compile(r"^(?:around|along|near|surrounding|on|at)\b", re.IGNORECASE)
_THE_COUNTRY = re.compile(
    r"\b(?:in|across|throughout|to|into|within)\s+(?:the\s+)?(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?"
    r"(?:part|parts|region|regions|areas?)\s+of\s+)?the\s+country\b",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|to|across|on|at|along|near|around|inside|within|throughout|toward|towards|"
    r"from|of|over|against|invade|invading|attack|attacking|surrounding)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r",\s+(?:which|who|where|whose)\b[^,;]*,")


@dataclass(frozen=True)
class Place:
    """A location mention: text as written, its key and the key a subject uses."""

    text: str
    location_key: str
    subject_key: str
    start: int = -1


def masked_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of comma-delimited relative clauses (", which borders Ukraine,")."""
    return [(m.start(), m.end()) for m in _RELATIVE.finditer(sentence)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def places(sentence: str, lex: Lexicons, masked: list[tuple[int, int]]) -> list[Place]:
    """Location aliases used as places in a sentence, in order."""
    out: list[Place] = []
    low = lower(sentence)
    for m in lex.location_re.finditer(low):
        if _inside(m.start(), masked):
            continue
        alias = sentence[m.start() : m.end()]
        head = low[max(0, m.start() - 20) : m.start()]
        if head.endswith(("from ", "from the ")):
            span = _FROM_TO.match(sentence, m.end())
            other = lex.location_re.match(low, span.end()) if span else None
            if other is not None:  # "from Estonia to Bulgaria": the area holding both
                a = lex.location_of(alias).location_key
                b = lex.location_of(other.group()).location_key
                area = common_area([a, b], lex)
                if area is not None and area not in (a, b):
                    out.append(Place(sentence[m.start() : other.end()], area, area, m.start()))
                    continue
        listed = bool(out) and re.fullmatch(
            r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?",
            sentence[out[-1].start + len(out[-1].text) : m.start()],
        )
        locative = _LOCATIVE.search(sentence, max(0, m.start() - 80), m.start())
        if locative and "according" in head and _ACCORDING_TO.search(head):
            continue  # "according to South Korea's white paper": a source, not a place
        if out and not locative:  # "to Russia's Kursk region": the owner's place, narrowed
            gap = sentence[out[-1].start + len(out[-1].text) : m.start()]
            locative = re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,3}|\s+", gap) and (
                out[-1].text.endswith(("'s", "’s")) or gap.startswith(("'", "’"))
            )
        if not (listed or locative or _SELF_LOCATIVE.match(alias)):
            grouping = _PLACE_GROUPING.match(sentence, m.end()) or _PLACE_HOSTS.match(
                sentence, m.end()
            )
            if not grouping:
                continue
        loc = lex.location_of(alias)
        out.append(Place(alias, loc.location_key, loc.subject_key, m.start()))
    return out


def country_mention(sentence: str) -> re.Match[str] | None:
    """A reference to "the country" (resolved by the caller to the document's country)."""
    return _THE_COUNTRY.search(sentence)


def pick_place(
    found: list[Place],
    fig_start: int,
    fig_end: int,
    sentence: str = "",
    lex: Lexicons | None = None,
) -> Place | None:
    """The first place after the figure, else the nearest place before it. A list of places
    ("in Estonia, Latvia, Lithuania and Poland") becomes the area that contains them all."""
    stop = _OTHER_CLAUSE.search(sentence, fig_end) if sentence else None
    after = [p for p in found if p.start >= fig_end and (stop is None or p.start < stop.start())]
    if after:
        return _listed(after, sentence, lex)
    before = [p for p in found if p.start < fig_start]
    return before[-1] if before else None


def _listed(places_after: list[Place], sentence: str, lex: Lexicons | None) -> Place:
    first = places_after[0]
    if lex is None:
        return first
    if len(places_after) > 1:  # "in Moldova's breakaway region of Transnistria": the inner one
        nxt = places_after[1]
        gap = sentence[first.start + len(first.text) : nxt.start]
        inner = nxt.location_key != first.location_key and within(
            nxt.location_key, first.location_key, lex
        )
        owner = first.text.endswith(("'s", "’s"))
        if inner and len(gap) < 40 and (owner or re.search(r"['’]s\b|\bof\b", gap)):
            return nxt
    group = [first]
    for nxt in places_after[1:]:
        prev = group[-1]
        between = sentence[prev.start + len(prev.text) : nxt.start]
        if not re.fullmatch(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?", between):
            break
        group.append(nxt)
    keys = {p.subject_key for p in group}
    if len(keys) < 2:
        return first
    common = common_area([p.location_key for p in group], lex)
    if common is None:
        return first
    last = group[-1]
    return Place(sentence[first.start : last.start + len(last.text)], common, common, first.start)


def common_area(keys: list[str], lex: Lexicons) -> str | None:
    """The nearest location key that contains every key in ``keys`` (via parent_key)."""

    def chain(key: str) -> list[str]:
        out = []
        while key and key not in out:
            out.append(key)
            key = lex.location_parents.get(key) or ""
        return out

    chains = [chain(k) for k in keys]
    for candidate in chains[0]:
        if all(candidate in c for c in chains[1:]):
            return candidate
    return None


#: A national total: the strength of a side's armed forces as a whole ("Russia's armed
#: forces number 1.3 million", "an army of 900,000 active personnel").
#: A sentence about drills: its figures are the exercise's, never a national total.
EXERCISE_WORDS = re.compile(
    r"\b(?:drills?|exercises?|war\s+games|manoeuvres|maneuvers|wargames)\b", re.IGNORECASE
)
NATIONAL_TOTAL = re.compile(
    r"\b(?:armed\s+forces|standing\s+army|active[\s-]+(?:duty\s+)?(?:personnel|servicemen|"
    r"troops|soldiers)|in\s+total|total\s+strength|overall\s+strength|nationwide|"
    r"(?:entire|whole)\s+(?:army|military)|(?:its|their|the\s+country['’]s)\s+(?:army|military)"
    r"|reserves?\b)",
    re.IGNORECASE,
)


ALLIANCE_HOMES = {"NATO": "Europe"}


def home_key(side: str, lex: Lexicons) -> str:
    """The location key of a side's own country ("Russia" -> Russia, "United States" ->
    UnitedStates), used for national totals that name no place."""
    loc = lex.locations.get(" ".join(side.lower().split()))
    if loc is not None:
        return loc.subject_key
    if side in ALLIANCE_HOMES:
        return ALLIANCE_HOMES[side]
    return re.sub(r"[^A-Za-z]", "", side if "+" in side else side.title())


#: The area an alliance's forces with no stated place are keyed to.


def main_place(text: str, lex: Lexicons) -> Place | None:
    """The document's most mentioned place (used for "the country" and as a last resort)."""
    counts: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for p in places(text, lex, []):
        counts[p.subject_key] += 1
        first.setdefault(p.subject_key, p)
    if not counts:
        return None
    key = counts.most_common(1)[0][0]
    return first[key]


def country_place(text: str, lex: Lexicons) -> Place | None:
    """The document's most mentioned country: the nearest enclosing location key that is a
    country (a side in sides.csv that is also a location key), not the hierarchy's root, which
    may be a wider area ("around Ukraine" holds Belarus)."""
    counts: Counter[str] = Counter()
    countries = lex.countries
    for m in lex.location_re.finditer(lower(text)):
        key: str | None = lex.location_of(m.group()).location_key
        while key and key not in countries:
            key = lex.location_parents.get(key)
        if key:
            counts[key] += 1
    if not counts:
        return None
    key = counts.most_common(1)[0][0]
    return Place(key, key, key)


def document_events(text: str, lex: Lexicons) -> list[tuple[int, int, Event]]:
    """Every events.csv alias in a document: (start, end, event)."""
    return [
        (m.start(), m.end(), lex.event_of(m.group())) for m in lex.event_re.finditer(lower(text))
    ]


def within(key: str | None, area: str | None, lex: Lexicons) -> bool:
    """True when location ``key`` is ``area`` or inside it (via parent_key)."""
    seen = set()
    while key and key not in seen:
        if key == area:
            return True
        seen.add(key)
        key = lex.location_parents.get(key)
    return False


def _months(value: str) -> int:
    return int(value[:4]) * 12 + int(value[5:7]) - 1


#: How many months ahead an article may announce an exercise its figures then belong to.
ANNOUNCED_AHEAD_MONTHS = 9


def event_applies(
    event: Event,
    location_key: str | None,
    when: str | None,
    lex: Lexicons,
    announced: bool = False,
) -> bool:
    """Whether a figure in a document about ``event`` belongs to it (place and time).
    ``announced``: the figure has no date of its own, so ``when`` is the article's date,
    and an article published months before the exercise announces it."""
    if location_key and event.location_key and not within(location_key, event.location_key, lex):
        return False
    if when and len(when) >= 7 and event.start:
        if announced and 0 <= _months(event.start) - _months(when) <= ANNOUNCED_AHEAD_MONTHS:
            return True
        first = _months(event.start) - 1
        last = _months(event.end or event.start) + 1
        return first <= _months(when) <= last
    if when and len(when) == 4 and event.start:
        return when == event.start[:4]
    return True
