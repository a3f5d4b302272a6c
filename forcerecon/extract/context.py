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
_ACTOR_AFTER = re.compile(
    r"^(?:['’]s?\b|\s+(?:will|has|have|had|is|was|are|were|might|may|could|would|plans|"
    r"planned|sent|sends|send|deployed|deploys|deploy|moved|moves|gathered|massed|amassed|"
    r"brought|stationed|keeps|kept|maintains|maintained|now|also|already|reportedly|currently|"
    r"continues|continued|began|begins|started|intends|wants|needs|lost|added|assembled|"
    r"denied|denies|said|says|claimed|claims|insisted|insists|announced|announces|"
    r"confirmed|confirms|reported|reports|admitted|admits|acknowledged|received|receives|"
    r"receive|got|obtained|acquired|bought|buys|purchased|ordered|operates|fields|fielded|"
    r"keeps|holds|stations|stationed|possesses|concentrated|concentrates|concentrate|"
    r"itself|themselves|alone|numbers|totals|musters|massed|masses|provided|supplied)\b)"
)
#: A subject noun phrase that a side word begins and a verb of having/sending ends:
#: "the Chinese People's Liberation Army Navy has sent", "the NATO Response Force numbers".
_ACTOR_NP = re.compile(
    r"^(?:\s+(?:[A-Z][\w’'.-]*|occupation|grouping|group|force|forces|navy|army|contingent|"
    r"military|fleet|command|armed|air|ground)){1,5}\s+(?:now\s+|currently\s+|also\s+)?"
    r"(?:has|have|had|will|numbers|number|totals|sent|sends|deployed|deploys|concentrated|"
    r"keeps|maintains|fields|moved)\b"
)
#: A headline actor: "NATO to put 300,000 troops ...", "Russia to send ..." (sentence start).
_HEADLINE_ACTOR = re.compile(r"^\s+to\s+[a-z]+\b")
#: Where the noun phrase of an item stops: a place or origin after the counted noun
#: ("80 percent of its ground forces from the Estonian border").
_ITEM_STOP = re.compile(r"\b(?:from|in|into|to|near|along|at|on|across|inside)\b")
#: "from the British Army": the force a contingent is drawn from gives its side.
_FROM_FORCE = re.compile(
    r"\s+from\s+(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)\s+(?:Army|army|Navy|navy|Air\s+Force|"
    r"armed\s+forces|Armed\s+Forces|forces|military|Marines|marines)\b"
)
_FROM_ALLIES = re.compile(r"from\s+(?:all\s+)?(?:(?:\d+|[a-z]+)\s+)?(allies|allied)\b")
#: "... the country's armed forces": the country named before in the sentence.
_THE_COUNTRYS = re.compile(r"\bthe\s+country['’]s\b", re.IGNORECASE)
#: "... about 150,000 for Taiwan": the side an elided figure is given for.
_FOR_SIDE = re.compile(r"\s*(?:[a-z-]+\s+){0,2}?for\s+(?:the\s+)?")


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
NATIONAL_TOTAL = re.compile(
    r"\b(?:armed\s+forces|standing\s+army|active[\s-]+(?:duty\s+)?(?:personnel|servicemen|"
    r"troops|soldiers)|in\s+total|total\s+strength|overall\s+strength|nationwide|"
    r"(?:entire|whole)\s+(?:army|military)|(?:its|their|the\s+country['’]s)\s+(?:army|military)"
    r"|reserves?\b)",
    re.IGNORECASE,
)


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
ALLIANCE_HOMES = {"NATO": "Europe"}


def side_in(text: str, lex: Lexicons) -> tuple[str, str] | None:
    """The side named by a side word inside ``text`` (an item), if any; a place or origin
    after the counted noun ("forces from the Estonian border") is not the item's side."""
    stop = _ITEM_STOP.search(text)
    m = lex.side_re.search(text, 0, stop.start() if stop else len(text))
    if m is None and stop is not None:  # "troops from all 31 allies and Sweden"
        allies = _FROM_ALLIES.match(text, stop.start())
        m = lex.side_re.match(text, allies.start(1)) if allies else None
    return lex.side_of(m.group()) if m else None


_EDITORIAL = re.compile(r"\[(?:from |of )?([^\[\]]{2,40})\]")


def side_in_brackets(text: str, lex: Lexicons) -> tuple[str, str] | None:
    """The side an editor's bracketed insertion names inside a quote: "not a single
    serviceman [from Russia] will remain", "the [Russian] troops"."""
    if "[" not in text:
        return None
    for bracket in _EDITORIAL.finditer(text):
        m = lex.side_re.fullmatch(bracket.group(1).strip())
        if m:
            return lex.side_of(m.group())
    return None


def side_from_force(sentence: str, item_end: int, lex: Lexicons) -> tuple[str, str] | None:
    """The side of the force a contingent is drawn from, right after its item: "16,000
    troops from the British Army"."""
    if not sentence.startswith(" from ", item_end):
        return None
    unit = _FROM_FORCE.match(sentence, item_end) or _FROM_ALLIES.match(
        sentence, item_end + 1 if sentence[item_end : item_end + 1] == " " else item_end
    )
    m = lex.side_re.match(sentence, unit.start(1)) if unit else None
    return lex.side_of(m.group()) if m else None


def side_after(sentence: str, fig_end: int, lex: Lexicons) -> tuple[str, str] | None:
    """The side a figure is given for right after it: "compared with about 150,000 for
    Taiwan", "against 40 for Ukraine"."""
    if " for " not in sentence[fig_end : fig_end + 40]:
        return None  # cheap test first: the side regex is a long alternation
    for m in lex.side_re.finditer(sentence, fig_end, min(len(sentence), fig_end + 40)):
        if _FOR_SIDE.fullmatch(sentence, fig_end, m.start()):
            return lex.side_of(m.group())
        break
    return None


def country_possessive_side(sentence: str, fig_start: int, lex: Lexicons) -> tuple[str, str] | None:
    """ "Minister X of Belarus said the country's armed forces number N": the side named
    last before "the country's"."""
    if "ountry" not in sentence:
        return None
    refs = list(_THE_COUNTRYS.finditer(sentence, 0, fig_start))
    if not refs:
        return None
    named = list(lex.side_re.finditer(sentence, 0, refs[-1].start()))
    return lex.side_of(named[-1].group()) if named else None


_DELIVERY = re.compile(
    r"\b(?:deliver|suppl|giv|gave|pledg|provid|transferr?|donat|handed\s+over|gift)\w*\b",
    re.IGNORECASE,
)


_HEAD_OF = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}of\s+(?:(?:about|around|some|up\s+to|over|nearly|"
    r"roughly|more\s+than|at\s+least|as\s+many\s+as)\s+)?$"
)


def side_of_head(sentence: str, fig_start: int, lex: Lexicons) -> tuple[str, str] | None:
    """The side of a noun that the figure measures: "a German brigade of about 4,800
    soldiers", "a Russian force of 175,000"."""
    window_start = max(0, fig_start - 50)
    for m in lex.side_re.finditer(sentence, window_start, fig_start):
        if _HEAD_OF.fullmatch(sentence, m.end(), fig_start):
            return lex.side_of(m.group())
    return None


def recipient_side(
    sentence: str, lex: Lexicons, masked: list[tuple[int, int]]
) -> tuple[str, str] | None:
    """Equipment delivered to a side is that side's: "the US pledged 31 Abrams tanks to
    Ukraine", "... supplied to Kyiv"."""
    delivery = _DELIVERY.search(sentence)
    if not delivery:
        return None
    for m in lex.side_re.finditer(sentence):
        if _inside(m.start(), masked):
            continue
        if m.start() == delivery.end() + 1 and sentence.startswith(" with", m.end()):
            return lex.side_of(m.group())  # "provided Russia with 200 guns"
        if re.search(r"\b(?:to|for)\s+(?:the\s+)?$", sentence[max(0, m.start() - 10) : m.start()]):
            return lex.side_of(m.group())
    return None


def actor_side(
    sentence: str, fig_start: int, lex: Lexicons, masked: list[tuple[int, int]]
) -> tuple[str, str] | None:
    """The side of the actor before the figure: "Russia will send", "the Kremlin has"."""
    best = None
    for m in lex.side_re.finditer(sentence, 0, fig_start):
        if _inside(m.start(), masked) or _PLACE_BEFORE.search(sentence[: m.start()]):
            continue  # "into Belarus would be": a place, not an actor
        resume = next((e for s0, e in masked if m.end() <= s0 <= m.end() + 1), m.end())
        after = sentence[resume : resume + 40]  # "Moldova, which is neutral, has ..."
        is_actor = m.group().endswith(("'s", "’s")) or bool(_ACTOR_AFTER.match(after))
        if not is_actor:
            is_actor = bool(_ACTOR_NP.match(sentence[m.end() : m.end() + 80]))
        if not is_actor and not sentence[: m.start()].strip(" \"“'‘("):
            is_actor = bool(_HEADLINE_ACTOR.match(after))
        if not is_actor:
            nxt = lex.term_re.match(lower(after.lstrip())) if after[:1] == " " else None
            is_actor = nxt is not None and lex.term_of(nxt.group()).category == "personnel"
        if is_actor:
            best = m
    return lex.side_of(best.group()) if best else None


def force_side(text: str, lex: Lexicons) -> tuple[str, str] | None:
    """The side most often written before a force noun in a document ("Russian troops")."""
    low = lower(text)
    counts: Counter[tuple[str, str]] = Counter()
    for m in lex.side_re.finditer(text):
        nxt = re.match(r"\s+(?:[a-z-]+\s+){0,2}", text[m.end() : m.end() + 40])
        if nxt is None:
            continue
        term = lex.term_re.match(low, m.end() + nxt.end())
        if term is not None:
            counts[lex.side_of(m.group())] += 1
    return counts.most_common(1)[0][0] if counts else None


def any_side(text: str, lex: Lexicons) -> tuple[str, str] | None:
    """The side most often named in a document at all (last resort)."""
    counts: Counter[tuple[str, str]] = Counter(
        lex.side_of(m.group())
        for m in lex.side_re.finditer(text)
        if not _PLACE_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
    )
    return counts.most_common(1)[0][0] if counts else None


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


def event_applies(event: Event, location_key: str | None, when: str | None, lex: Lexicons) -> bool:
    """Whether a figure in a document about ``event`` belongs to it (place and time)."""
    if location_key and event.location_key and not within(location_key, event.location_key, lex):
        return False
    if when and len(when) >= 7 and event.start:
        first = _months(event.start) - 1
        last = _months(event.end or event.start) + 1
        return first <= _months(when) <= last
    if when and len(when) == 4 and event.start:
        return when == event.start[:4]
    return True
