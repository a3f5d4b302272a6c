"""The document pass: what a figure's sentence leaves open, filled from the article.

Side, place, event and time of each figure found by the sentence pass, from the document's
other figures, its headline and lede, its main event and its date; claimants that name no
nationality get the one the article implies.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from forcerecon.extract import context as ctx
from forcerecon.extract.candidates import LINE
from forcerecon.extract.claimants import (
    dateline_adjective,
    needs_nationality,
    outlet_claimant,
    qualify_claimant,
)
from forcerecon.extract.docdate import StatedDates
from forcerecon.extract.lexicon import Event, Lexicons, lower
from forcerecon.extract.sentence_pass import DocFacts, Found
from forcerecon.extract.subject import period_of, subject_key


def _main_event(mentions: list[tuple[int, int, Event]]) -> Event | None:
    """The event an article is about: the most often named one (the first on a tie)."""
    counts: dict[str, int] = {}
    first: dict[str, Event] = {}
    for _, _, event in mentions:
        counts[event.canonical] = counts.get(event.canonical, 0) + 1
        first.setdefault(event.canonical, event)
    if not counts:
        return None
    best = max(counts.values())
    return next(first[name] for name in first if counts[name] == best)


def _joint_place(event: Event, lex: Lexicons) -> ctx.Place | None:
    """The place a joint exercise with no place of its own is held in: its sides' countries
    together ("Russia+Belarus" -> the locations.csv entry "Russia and Belarus"), if listed."""
    parts = (event.side or "").split("+")
    for alias in (" and ".join(parts), " and ".join(reversed(parts))):
        loc = lex.locations.get(alias.lower())
        if loc is not None:
            return ctx.Place(loc.alias, loc.location_key, loc.subject_key)
    return None


def _event_place(event: Event, lex: Lexicons) -> ctx.Place | None:
    """The place of a named event (events.csv location_key), as a Place."""
    if not event.location_key:
        return None
    for loc in lex.locations.values():
        if loc.location_key == event.location_key:
            return ctx.Place(loc.alias, loc.location_key, loc.subject_key)
    return ctx.Place(event.location_key, event.location_key, event.location_key)


def _news_day_pinned(found: list[Found], published: str | None) -> bool:
    """Whether the article dates its own figures: a sentence with a figure states the full
    publication date ("..., the ministry reported Monday (10/17/2022)"). The article's other
    figures then hold as of that day too; otherwise, without a date of their own, only the
    publication month is known (a dateline or a bare weekday does not pin them)."""
    if not published:
        return False
    for f in found:
        if f.kind != "figure":
            continue
        for t in f.temporals:
            if t.as_of == published[:10] and re.search(r"\d{4}", f.sentence[t.start : t.end]):
                return True
    return False


#: How far back (characters) a figure without a place of its own looks for one.
_CONTEXT_REACH = 700


def _context_place(
    f: Found,
    figures: list[Found],
    starts: list[int],
    side: tuple[str, str] | None,
    text: str,
) -> ctx.Place | None:
    """The place of the nearest earlier figure of the same side in the same paragraph (or
    within a few sentences): "Russia sent 30 tanks to Brest. It also sent 40 guns." A
    figure of another side does not pass its place on."""
    at = f.sent_start + f.start
    for i in range(bisect.bisect_left(starts, at) - 1, -1, -1):  # earlier figures only
        other, pos = figures[i], starts[i]
        if other.place is None:
            continue
        if at - pos > _CONTEXT_REACH or "\n\n" in text[pos:at]:
            return None
        if side is not None and other.side is not None and other.side != side:
            continue
        return other.place
    return None


def _takes_part(f: Found, side: tuple[str, str] | None, event: Event, opening_event: bool) -> bool:
    """Whether a figure belongs to the event its article is about: its sentence speaks of
    the drills, or its force is one of the event's sides (events.csv ``side``,
    "Russia+Belarus" -> Russia, Belarus). A force of another side in an article about an
    exercise (a neighbour's border troops, an unrelated rotation) does not."""
    if ctx.EXERCISE_WORDS.search(f.sentence) or side is None or not event.side:
        return True
    if "NATO" in event.side:  # an alliance exercise: its members' forces, when it is the
        return side[0] == "NATO" or opening_event  # article's subject (named up front)
    return side[0] == event.side or side[0] in event.side.split("+")


def _named_up_front(text: str, event: Event, lex: Lexicons) -> bool:
    """Whether the headline or the lede (the first two lines) names ``event``."""
    lines = LINE.finditer(text)
    opening = lower("\n".join(m.group() for _, m in zip(range(2), lines, strict=False)))
    return any(lex.event_of(m.group()) == event for m in lex.event_re.finditer(opening))


def _topic_place(text: str, lex: Lexicons, doc_place: ctx.Place | None) -> ctx.Place | None:
    """The place an article is about, when its headline or lede states it: the majority
    place of its figures if the opening names that area, else the opening's first place.
    None when the opening names no place (a national story: figures keep their own)."""
    lines = LINE.finditer(text)
    opening = "\n".join(m.group() for _, m in zip(range(2), lines, strict=False))
    found = ctx.places(opening, lex, ctx.masked_spans(opening))
    if not found:
        return None
    if doc_place is not None and any(p.subject_key == doc_place.subject_key for p in found):
        return doc_place
    return found[0]


def _implied_nationality(text: str, doc: DocFacts) -> str | None:
    """The nationality a nationless claimant ("officials") takes: the dateline capital's,
    else the article's main country's."""
    from forcerecon.extract.lexicon import POSSESSIVE_ADJECTIVES

    found = dateline_adjective(text)
    if found:
        return found
    country = doc._cache.get("country") or ctx.country_place(text[:2500], doc.lex)
    return POSSESSIVE_ADJECTIVES.get(country.location_key.lower()) if country else None


def _majority(values: list[Any]) -> Any:
    counts: dict[Any, int] = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


#: How many lines at the top of an article may be its headline and subheads.
_HEAD_LINES = 4
_ENDS_SENTENCE = re.compile(r"[.!?\"”’')]\s*$")


def headline_end(text: str) -> int:
    """Where the headline and subheads end: the top lines (at most four) before the first
    line that ends like a sentence; 0 when the article opens with body text."""
    end = 0
    for n, line in enumerate(LINE.finditer(text[:2000])):
        if n >= _HEAD_LINES or _ENDS_SENTENCE.search(line.group()):
            break
        end = line.end()
    return end


def _headline_sources(text: str, figures: list[Found]) -> dict[int, Any]:
    """SCHEME.md: "A headline or subhead takes the source the body gives for the same
    figure": for each headline figure that names no source of its own, the attribution of
    the first body figure with the same value and category (keyed by the headline figure's
    id)."""
    end = headline_end(text)
    if end == 0:
        return {}
    first: dict[tuple[Any, ...], Any] = {}
    for f in figures:
        if f.sent_start >= end and f.attribution is not None:
            first.setdefault((f.low, f.high, f.category), f.attribution)
    return {
        id(f): first[(f.low, f.high, f.category)]
        for f in figures
        if f.sent_start < end and f.attribution is None and (f.low, f.high, f.category) in first
    }


@dataclass(frozen=True)
class Resolved:
    """What the document pass settles for one figure or statement."""

    side: tuple[str, str] | None
    place: ctx.Place | None
    location_key: str | None
    event: Event | None
    as_of: str | None
    period: str | None
    claimant: str
    claimant_type: str
    subject: str


def document_pass(
    text: str,
    found: list[Found],
    lex: Lexicons,
    outlet: str | None,
    published: str | None,
    doc: DocFacts,
) -> list[Resolved]:
    """Side, place, event, as_of and claimant of each found figure/statement, in order."""
    figures = [f for f in found if f.kind == "figure"]
    starts = [f.sent_start + f.start for f in figures]  # in text order
    implied: list[str | None] = []  # the article's implied nationality, read when needed
    topic: list[ctx.Place | None] = []  # the place its headline/lede states, read when needed
    doc_side = _majority([f.side for f in figures if f.side and f.category != "facilities"])
    doc_place = _majority([f.place for f in figures if f.place])
    doc_event = _main_event(ctx.document_events(text, lex))
    up_front = doc_event is not None and _named_up_front(text, doc_event, lex)
    day_pinned = _news_day_pinned(found, published)
    stated: StatedDates | None = None  # read only for an article without a date
    body_source = _headline_sources(text, figures)
    out: list[Resolved] = []
    for f in found:
        doc.deadline.check()
        place = f.place
        if place is None and f.kind != "figure" and doc_event is not None:
            place = _event_place(doc_event, lex)
        if place is None and f.sentence_event is not None:
            place = _event_place(f.sentence_event, lex)
        home = None
        if place is None and f.national and f.side:
            home = ctx.home_key(f.side[0], lex)  # national total: the side's own country
        elif place is None:
            own_side = f.side or doc_side
            place = _context_place(f, figures, starts, own_side, text)
            if own_side is not None and own_side == doc_side:
                if not topic:
                    topic.append(_topic_place(text, lex, doc_place))
                place = topic[0]
            if place is None and own_side is not None:
                home = ctx.home_key(own_side[0], lex)  # no place stated: the side's country
        location_key = place.subject_key if place else home
        event = f.sentence_event
        if event is None and doc_event is not None and not f.national:
            where = place.location_key if place else None
            if ctx.event_applies(
                doc_event, where, f.explicit_as_of or published, lex, f.explicit_as_of is None
            ) and _takes_part(f, f.side or doc_side, doc_event, up_front):
                event = doc_event  # a national total is never an exercise's
        side = f.side
        joint = event is not None and event.end is not None and "+" in (event.side or "")
        if joint and (side is None or f.category == "facilities") and not f.side_from_item:
            side = (event.side, lex.side_codes.get(event.side, event.side))
        if joint and place is None and location_key is None and not event.location_key:
            place = _joint_place(event, lex)  # a joint exercise's total: "Russia and Belarus"
            location_key = place.subject_key if place else None
        side = side or doc_side or doc.get("force_side") or doc.get("any_side")
        as_of = f.explicit_as_of
        if as_of and event and event.end and f.modality == "planned" and as_of < event.start[:7]:
            as_of = None  # announced before a dated exercise: the figure holds for the exercise
        if as_of is None and event and event.start and event.end:
            as_of = event.start[:7]  # a dated exercise (a standing formation has no end)
        elif as_of is None and published:
            as_of = published if day_pinned else published[:7]
        elif as_of is None and f.kind == "figure":
            if stated is None:
                stated = StatedDates.of(text)
            as_of = stated.before(f.sent_start + f.start)  # no document date: the text's
        period = period_of(as_of, published)
        side_code = side[1] if side else None
        att = body_source.get(id(f), f.attribution)
        if att is not None:
            if needs_nationality(att.claimant):
                if not implied:
                    implied.append(_implied_nationality(text, doc))
                att = qualify_claimant(att, implied[0], lex)
            claimant, claimant_type = att.claimant, att.claimant_type
        else:
            claimant, claimant_type = outlet_claimant(outlet), "unattributed"
        subject = subject_key(side_code, f.category, f.subcategory, location_key, period)
        out.append(
            Resolved(
                side, place, location_key, event, as_of, period, claimant, claimant_type, subject
            )
        )
    return out
