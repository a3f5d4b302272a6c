"""Extraction stage: documents in, claims + statements + rejects out (pure, no IO).

For each document: paragraphs that can hold a figure pass a cheap regex prefilter, are split
into sentences (spaCy), numbers are read (numbers.py), kept when they count a force item
(figures.py), attributed (attribution.py), placed in side/location/time/event (context.py,
temporal.py) and keyed (subject.py). Gaps a sentence leaves (no side, no location) are filled
from the document's other figures. A document whose extraction raises becomes one reject row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from forcerecon import EXTRACTOR_VERSION
from forcerecon.extract import attribution as attr
from forcerecon.extract import context as ctx
from forcerecon.extract.figures import (
    LOSS_WORDS,
    Figure,
    classify,
    elided,
    is_loss,
    noun_before,
    shared_noun,
)
from forcerecon.extract.lexicon import Event, Lexicons, get_lexicons, lower
from forcerecon.extract.measure import add_measure
from forcerecon.extract.metadata import infer_metadata
from forcerecon.extract.numbers import NumberMention, adopt_qualifier, find_numbers
from forcerecon.extract.sentences import sentence_spans
from forcerecon.extract.statements import CUE_RE, find_statements
from forcerecon.extract.subject import period_of, subject_key
from forcerecon.extract.temporal import Temporal, find_temporals, pick_as_of
from forcerecon.ids import content_hash as hash_text
from forcerecon.ids import stable_id
from forcerecon.records import (
    CLAIM_COLUMNS,
    EXTRACT_COLUMNS,
    REJECT_COLUMNS,
    STATEMENT_COLUMNS,
    empty_frame,
)

#: A sentence that starts with a possessive pronoun standing for the previous subject.
_POSSESSIVE_START = re.compile(r"^[\"“]?(?:Its|Their)\s")
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+)$")
_QUOTES_OPEN, _QUOTES_CLOSE = "“", "”"


@dataclass
class Extraction:
    """What extraction yields: frames with exactly the records.py columns."""

    claims: pd.DataFrame = field(default_factory=lambda: empty_frame(CLAIM_COLUMNS))
    statements: pd.DataFrame = field(default_factory=lambda: empty_frame(STATEMENT_COLUMNS))
    rejects: pd.DataFrame = field(default_factory=lambda: empty_frame(REJECT_COLUMNS))


@dataclass
class _Found:
    """One figure or statement on its way to a record (sentence-relative offsets)."""

    kind: str  # figure | undisclosed | denial
    sent_start: int
    sentence: str
    start: int
    end: int
    figure: Figure | None
    qualifier: str
    low: float | None
    high: float | None
    category: str
    subcategory: str | None
    item: str
    attribution: attr.Attribution | None
    modality: str
    side: tuple[str, str] | None
    side_from_item: bool
    place: ctx.Place | None
    explicit_as_of: str | None
    sentence_event: Event | None
    temporals: list[Temporal] = field(default_factory=list)
    national: bool = False  # a national force total with no place of its own


@dataclass
class _Doc:
    """Per-document facts computed at most once."""

    text: str
    lex: Lexicons
    _cache: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        if name not in self._cache:
            fn = {
                "force_side": ctx.force_side,
                "main_place": ctx.main_place,
                "country": ctx.country_place,
                "any_side": ctx.any_side,
            }[name]
            self._cache[name] = fn(self.text, self.lex)
        return self._cache[name]


def _quote_depth(paragraph: str, upto: int) -> bool:
    """True when offset ``upto`` of the paragraph lies inside quotation marks."""
    head = paragraph[:upto]
    curly = head.count(_QUOTES_OPEN) - head.count(_QUOTES_CLOSE)
    return curly > 0 or head.count('"') % 2 == 1


def _previous_claimant(
    text: str,
    pos: int,
    lex: Lexicons,
    published: str | None = None,
    kinds: frozenset[str] | None = None,
) -> attr.Attribution | None:
    """The nearest named claimant in the text before ``pos`` (for "he said"), with the date
    that sentence gives its statement, if any. With ``kinds`` ("the agency said" ->
    intelligence or media), the nearest claimant of one of those types."""
    chunks = [text[a:b] for a, b in sentence_spans(text, max(0, pos - 2000), pos)]
    for chunk in reversed(chunks):  # sentences, so "a U.S. intelligence ..." stays whole
        found = attr.find_attribution(chunk, len(chunk), lex)
        if kinds is not None:
            fixed, verbs = attr._candidates(chunk, lex)
            options = [fixed] if fixed is not None else [a for _, a in reversed(verbs)]
            found = next((a for a in options if a.claimant_type in kinds), None)
        if found and found.claimant_type != "pronoun":
            dated = [t for t in find_temporals(chunk, published) if len(t.as_of) == 10]
            return replace(found, as_of=dated[-1].as_of) if dated else found
    return None


def _sentence_attribution(
    text: str,
    spans: list[tuple[int, int]],
    idx: int,
    par: tuple[int, int],
    fig_pos: int,
    lex: Lexicons,
    published: str | None = None,
) -> attr.Attribution | None:
    """Claimant of a figure in sentence ``idx`` of a paragraph, quotes followed."""
    s, e = spans[idx]
    sentence = text[s:e]
    found = attr.find_attribution(sentence, fig_pos, lex)
    paragraph = text[par[0] : par[1]]
    if found is None and _quote_depth(paragraph, s - par[0] + 1):
        for j in range(idx + 1, len(spans)):
            later = text[spans[j][0] : spans[j][1]]
            close = max(later.rfind(_QUOTES_CLOSE), later.rfind('"'))
            if close >= 0:
                found = attr.find_attribution(later[close:], 0, lex)
                break
        if found is None:
            for j in range(idx - 1, -1, -1):
                earlier = text[spans[j][0] : spans[j][1]]
                found = attr.find_attribution(earlier, len(earlier), lex)
                if found:
                    break
    if found is not None and found.claimant_type == "pronoun":
        kinds = attr.anaphor_kinds(sentence[max(found.start, 0) : found.end])
        verb = found.verb
        found = _previous_claimant(text, s + max(found.start, 0), lex, published, kinds)
        if found is not None and verb:
            found = replace(found, verb=verb)  # "it said": this sentence's verb sets modality
    if found is not None:
        found = attr.expand_surname(text, s, found, lex)
    return found


def _figures_in(text: str, start: int, end: int, lex: Lexicons, low: str) -> list[Figure]:
    """The force figures of ``text[start:end]`` (a paragraph), offsets into ``text``, with
    list-shared qualifiers applied. Items never cross sentence punctuation, so a paragraph
    can be read before it is split into sentences.

    A number with no noun of its own is still a figure when the noun comes first ("the
    number of servicemen at 1.5 million"), is shared with the next number ("20 and 30
    aircraft") or was just named ("400 tanks, compared with 250 in 2021")."""
    numbers = [n for n in find_numbers(text, start, end, low) if not _in_model_name(text, n, lex)]
    limits = [numbers[i + 1].start if i + 1 < len(numbers) else end for i in range(len(numbers))]
    direct = [classify(text, n, lim, lex) for n, lim in zip(numbers, limits, strict=True)]
    figures: list[Figure] = []
    for i, number in enumerate(numbers):
        if figures and figures[-1].item_start <= number.start < figures[-1].item_end:
            continue  # a digit inside the previous item ("T-72 tanks", "S-400 regiments")
        fig = direct[i]
        if fig is None:
            fig = noun_before(text, number, lex)
        if fig is None and i + 1 < len(numbers) and direct[i + 1] is not None:
            fig = shared_noun(text, number, direct[i + 1])
        if fig is None and figures and not is_loss(text, number):
            prev = figures[-1]
            if LOSS_WORDS.search(text, prev.item_end, number.start):
                continue  # "... 1,078,000 [losses], including 1,010": a loss tally
            same = re.search(r"[.!?]\s", text[prev.item_end : number.start]) is None
            if same or number.start - prev.item_end < 250:
                fig = elided(text, number, limits[i], prev, same)
        if fig is None:
            continue
        if figures and not number.has_own_qualifier:
            prev = figures[-1]
            shared = prev.number.qualifier in ("upper_bound", "lower_bound", "approximate")
            if shared and _LIST_JOIN.match(text[prev.item_end : number.start]):
                fig = replace(fig, number=adopt_qualifier(number, prev.number.qualifier))
        figures.append(fig)
    return figures


def _in_model_name(text: str, number: Any, lex: Lexicons) -> bool:
    """True for the digit of a model name written with a space: "Leopard 2", "Challenger 2"."""
    m = re.search(r"([A-Z][\w-]*)\s$", text[max(0, number.start - 20) : number.start])
    if not m or number.has_own_qualifier:
        return False
    try:
        return lex.term_of(m.group(1)).kind == "model"
    except KeyError:
        return False


_LINE = re.compile(r"[^\n]+")
_BLOCK = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
_WRAPPED_JOIN = re.compile(r"[^.!?:\"”’)\]\s][ \t]*\n[ \t]*[a-z(“\"]")


def paragraphs(text: str) -> list[re.Match[str]]:
    """The paragraphs of an article: its lines, or, for hard-wrapped text (lines broken
    inside sentences), its blocks of lines between blank lines."""
    lines = _LINE.findall(text)
    if len(lines) >= 4 and len(_WRAPPED_JOIN.findall(text)) >= 0.3 * (len(lines) - 1):
        return list(_BLOCK.finditer(text))
    return list(_LINE.finditer(text))


def _shift(fig: Figure, offset: int) -> Figure:
    """The same figure with offsets relative to a sentence that starts at ``offset``."""
    n = fig.number
    number = NumberMention(
        n.start - offset,
        n.end - offset,
        n.low,
        n.high,
        n.qualifier,
        n.value,
        n.percent,
        n.strong,
        n.has_own_qualifier,
        n.is_word,
    )
    return Figure(
        number,
        fig.category,
        fig.subcategory,
        fig.item,
        fig.item_start - offset,
        fig.item_end - offset,
    )


def _scan(text: str, lex: Lexicons, published: str | None, doc: _Doc) -> list[_Found]:
    """First pass: everything a sentence says by itself about each figure and statement."""
    found: list[_Found] = []
    low = lower(text)
    for par in paragraphs(text):
        p_start, p_end = par.span()
        par_figures = _figures_in(text, p_start, p_end, lex, low)
        has_cue = CUE_RE.search(low, p_start, p_end) is not None
        if not par_figures and not has_cue:
            continue
        spans = sentence_spans(text, p_start, p_end)
        for idx, (s, e) in enumerate(spans):
            sentence = text[s:e]
            figures = [_shift(f, s) for f in par_figures if s <= f.number.start < e]
            statements = find_statements(sentence) if has_cue else []
            if not figures and not statements:
                continue
            masked = ctx.masked_spans(sentence)
            places = ctx.places(sentence, lex, masked)
            events = list(lex.event_re.finditer(lower(sentence)))
            temporals = find_temporals(
                sentence, published, [(m.start(), m.end()) for m in events] + masked
            )
            sentence_event = lex.event_of(events[0].group()) if events else None
            event_spans = [(m.start(), m.end()) for m in events]
            prev_side: tuple[str, str] | None = None
            for fig in figures:
                n = fig.number
                att = _sentence_attribution(
                    text, spans, idx, (par.start(), par.end()), n.start, lex, published
                )
                mod = attr.modality(
                    sentence,
                    n.start,
                    att,
                    sentence[n.start : n.end],
                    _list_end(fig, figures, sentence),
                )
                item_text = (
                    text[s + fig.item_start : s + fig.item_end]  # named first or just before
                    if fig.item_end <= n.start  # ("number of X at N", "Of these, N")
                    else sentence[n.end : fig.item_end]
                )
                item_side = (
                    ctx.side_in(item_text, lex)
                    or ctx.side_from_force(sentence, fig.item_end, lex)
                    or ctx.side_of_head(sentence, n.start, lex)
                    or ctx.side_after(sentence, max(n.end, fig.item_end), lex)
                    or ctx.country_possessive_side(sentence, n.start, lex)
                )
                side = item_side
                if side is None and fig.category not in ("personnel", "formations", "share"):
                    side = ctx.recipient_side(sentence, lex, masked)
                said_by = attr.find_attribution(sentence, n.start, lex)
                speaker = [(said_by.start, said_by.end)] if said_by and said_by.start >= 0 else []
                side = side or ctx.actor_side(
                    sentence, n.start, lex, masked + event_spans + speaker
                )
                if side is None and fig.category != "facilities":
                    side = prev_side
                if side is None and idx > 0 and _POSSESSIVE_START.match(sentence):
                    ps, pe = spans[idx - 1]  # "Nato said ... Its battlegroups number N"
                    before = text[ps:pe]
                    side = ctx.actor_side(before, len(before), lex, ctx.masked_spans(before))
                if side is not None and fig.category != "facilities":
                    prev_side = side
                place = ctx.pick_place(places, n.start, fig.item_end, sentence, lex)
                if place is None and ctx.country_mention(sentence):
                    place = doc.get("country")
                national = place is None and ctx.NATIONAL_TOTAL.search(sentence) is not None
                later = [g.number.start for g in figures if g.number.start > n.end]
                earlier = [g.number.end for g in figures if g.number.end <= n.start]
                as_of = pick_as_of(
                    temporals,
                    n.start,
                    n.end,
                    mod in ("planned", "speculative"),
                    min(later) if later else None,
                    max(earlier) if earlier else None,
                )
                if as_of is None and att is not None:
                    as_of = att.as_of  # "..., the ministry said on Friday. It said ..."
                found.append(
                    _Found(
                        "figure",
                        s,
                        sentence,
                        n.start,
                        n.end,
                        fig,
                        n.qualifier,
                        n.low,
                        n.high,
                        fig.category,
                        fig.subcategory,
                        fig.item,
                        att,
                        mod,
                        side,
                        item_side is not None,
                        place,
                        as_of,
                        sentence_event,
                        temporals,
                        national,
                    )
                )
            for st in statements:
                term = lex.term_re.search(lower(st.force_text))
                category = lex.term_of(term.group()).category if term else "personnel"
                att = _sentence_attribution(
                    text, spans, idx, (par.start(), par.end()), st.start, lex, published
                ) or _withholder(sentence, st, lex)
                said = sentence[st.start : st.end]
                side = (
                    ctx.side_in_brackets(said, lex)
                    or ctx.side_in(said, lex)
                    or ctx.actor_side(sentence, st.end, lex, masked)
                )
                if side is None and att is not None:
                    side = _claimant_side(att, lex)
                place = ctx.pick_place(places, st.start, st.end)
                as_of = pick_as_of(temporals, st.start, st.end, st.kind == "denial")
                found.append(
                    _Found(
                        st.kind,
                        s,
                        sentence,
                        st.start,
                        st.end,
                        None,
                        "",
                        None,
                        None,
                        category,
                        None,
                        st.force_text.strip(),
                        att,
                        "denied" if st.kind == "denial" else "reported",
                        side,
                        False,
                        place,
                        as_of,
                        sentence_event,
                        temporals,
                    )
                )
    return found


def _list_end(fig: Figure, figures: list[Figure], sentence: str) -> int:
    """Where the list that a figure's item begins ends: "400 ships, 120 aircraft and 90,000
    servicemen will take part" -> after "servicemen", so the predicate after the list
    ("will take part") sets the modality of every item."""
    end = fig.item_end
    for other in figures:
        if other.number.start < end:
            continue
        if not _LIST_JOIN.match(sentence[end : other.number.start]):
            break
        end = max(end, other.item_end)
    return end


def _withholder(sentence: str, st: Any, lex: Lexicons) -> attr.Attribution | None:
    """ "Moscow did not divulge ...": the subject of the withholding verb is the claimant."""
    m = re.search(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+$", sentence[: st.start])
    if not m:
        return None
    name, kind = attr.canonical_claimant(m.group(1), lex)
    return attr.Attribution(name, kind, "", m.start(1), m.end(1))


def _claimant_side(att: attr.Attribution, lex: Lexicons) -> tuple[str, str] | None:
    for entry in lex.claimants.values():
        if entry.canonical == att.claimant and entry.side:
            return entry.side, lex.side_codes.get(entry.side, entry.side[:2].upper())
    return None


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


def _event_place(event: Event, lex: Lexicons) -> ctx.Place | None:
    """The place of a named event (events.csv location_key), as a Place."""
    if not event.location_key:
        return None
    for loc in lex.locations.values():
        if loc.location_key == event.location_key:
            return ctx.Place(loc.alias, loc.location_key, loc.subject_key)
    return ctx.Place(event.location_key, event.location_key, event.location_key)


def _news_day_pinned(found: list[_Found], published: str | None) -> bool:
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
    f: _Found, figures: list[_Found], side: tuple[str, str] | None, text: str
) -> ctx.Place | None:
    """The place of the nearest earlier figure of the same side in the same paragraph (or
    within a few sentences): "Russia sent 30 tanks to Brest. It also sent 40 guns." A
    figure of another side does not pass its place on."""
    at = f.sent_start + f.start
    for other in reversed(figures):
        pos = other.sent_start + other.start
        if pos >= at or other.place is None:
            continue
        if at - pos > _CONTEXT_REACH or "\n\n" in text[pos:at]:
            return None
        if side is not None and other.side is not None and other.side != side:
            continue
        return other.place
    return None


_EXERCISE_WORDS = re.compile(
    r"\b(?:drills?|exercises?|war\s+games|manoeuvres|maneuvers|wargames)\b", re.IGNORECASE
)


def _takes_part(f: _Found, side: tuple[str, str] | None, event: Event, opening_event: bool) -> bool:
    """Whether a figure belongs to the event its article is about: its sentence speaks of
    the drills, or its force is one of the event's sides (events.csv ``side``,
    "Russia+Belarus" -> Russia, Belarus). A force of another side in an article about an
    exercise (a neighbour's border troops, an unrelated rotation) does not."""
    if _EXERCISE_WORDS.search(f.sentence) or side is None or not event.side:
        return True
    if "NATO" in event.side:  # an alliance exercise: its members' forces, when it is the
        return side[0] == "NATO" or opening_event  # article's subject (named up front)
    return side[0] == event.side or side[0] in event.side.split("+")


def _named_up_front(text: str, event: Event, lex: Lexicons) -> bool:
    """Whether the headline or the lede (the first two lines) names ``event``."""
    lines = _LINE.finditer(text)
    opening = lower("\n".join(m.group() for _, m in zip(range(2), lines, strict=False)))
    return any(lex.event_of(m.group()) == event for m in lex.event_re.finditer(opening))


def _topic_place(text: str, lex: Lexicons, doc_place: ctx.Place | None) -> ctx.Place | None:
    """The place an article is about, when its headline or lede states it: the majority
    place of its figures if the opening names that area, else the opening's first place.
    None when the opening names no place (a national story: figures keep their own)."""
    lines = _LINE.finditer(text)
    opening = "\n".join(m.group() for _, m in zip(range(2), lines, strict=False))
    found = ctx.places(opening, lex, ctx.masked_spans(opening))
    if not found:
        return None
    if doc_place is not None and any(p.subject_key == doc_place.subject_key for p in found):
        return doc_place
    return found[0]


def _implied_nationality(text: str, doc: _Doc) -> str | None:
    """The nationality a nationless claimant ("officials") takes: the dateline capital's,
    else the article's main country's."""
    from forcerecon.extract.lexicon import POSSESSIVE_ADJECTIVES

    found = attr.dateline_adjective(text)
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


def extract_text(
    text: str,
    doc_id: str,
    content_hash: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    lex: Lexicons | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Claims and statements (as record dicts) of one document's text."""
    lex = lex or get_lexicons()
    content_hash = content_hash or hash_text(text)
    if not outlet or not published:
        inferred = infer_metadata(text)
        outlet = outlet or inferred["outlet"]
        published = published or inferred["published"]
    doc = _Doc(text, lex)
    found = _scan(text, lex, published, doc)
    if not found:
        return [], []
    figures = [f for f in found if f.kind == "figure"]
    implied: list[str | None] = []  # the article's implied nationality, read when needed
    topic: list[ctx.Place | None] = []  # the place its headline/lede states, read when needed
    doc_side = _majority([f.side for f in figures if f.side and f.category != "facilities"])
    doc_place = _majority([f.place for f in figures if f.place])
    doc_event = _main_event(ctx.document_events(text, lex))
    up_front = doc_event is not None and _named_up_front(text, doc_event, lex)
    day_pinned = _news_day_pinned(found, published)
    claims, statements = [], []
    for f in found:
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
            place = _context_place(f, figures, own_side, text)
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
                doc_event, where, f.explicit_as_of or published, lex
            ) and _takes_part(f, f.side or doc_side, doc_event, up_front):
                event = doc_event  # a national total is never an exercise's
        side = f.side
        joint = event is not None and event.side is not None and "+" in event.side
        if joint and (side is None or f.category == "facilities") and not f.side_from_item:
            side = (event.side, lex.side_codes.get(event.side, event.side))
        side = side or doc_side or doc.get("force_side") or doc.get("any_side")
        as_of = f.explicit_as_of
        if as_of is None and event and event.start:
            as_of = event.start[:7]
        elif as_of is None and published:
            as_of = published if day_pinned else published[:7]
        period = period_of(as_of, published)
        side_name, side_code = side if side else (None, None)
        if f.attribution is not None:
            att = f.attribution
            if attr.needs_nationality(att.claimant):
                if not implied:
                    implied.append(_implied_nationality(text, doc))
                att = attr.qualify_claimant(att, implied[0], lex)
            claimant, claimant_type = att.claimant, att.claimant_type
        else:
            claimant, claimant_type = outlet or "unknown outlet", "unattributed"
        subject = subject_key(side_code, f.category, f.subcategory, location_key, period)
        start, end = f.sent_start + f.start, f.sent_start + f.end
        common = {
            "doc_id": doc_id,
            "content_hash": content_hash,
            "sentence": f.sentence,
            "sentence_start": f.sent_start,
            "sentence_end": f.sent_start + len(f.sentence),
            "category": f.category,
            "side": side_name,
            "side_code": side_code,
            "location": place.text if place else None,
            "location_key": location_key,
            "as_of": as_of,
            "period": period,
            "event": event.canonical if event else None,
            "claimant": claimant,
            "claimant_type": claimant_type,
            "subject": subject,
            "extractor_version": EXTRACTOR_VERSION,
            "start": start,
            "end": end,
        }
        if f.kind == "figure":
            claims.append(
                {
                    **common,
                    "claim_id": stable_id(content_hash, start, end),
                    "claim_no": len(claims) + 1,
                    "figure_text": text[start:end],
                    "low": f.low,
                    "high": f.high,
                    "qualifier": f.qualifier,
                    "item": f.item,
                    "modality": f.modality,
                    "subcategory": f.subcategory,
                }
            )
        else:
            statements.append(
                {
                    **common,
                    "statement_id": stable_id(content_hash, "statement", start, end),
                    "kind": f.kind,
                    "text": text[start:end],
                }
            )
    return claims, statements


def _reject(doc: dict[str, Any], error: Exception) -> dict[str, Any]:
    doc_id = str(doc.get("doc_id"))
    source = doc.get("source")
    message = f"extraction of document {doc_id} ({source}) failed: {type(error).__name__}: {error}"
    return {
        "reject_id": stable_id("extract", source, doc_id, "extraction_error", None, None),
        "run_id": None,
        "stage": "extract",
        "source": source,
        "doc_id": doc_id,
        "check": "extraction_error",
        "column": None,
        "value": None,
        "message": message,
    }


def extract_documents(documents: pd.DataFrame) -> Extraction:
    """Extract claims and statements from documents (DOCUMENT_COLUMNS).

    Uses the document's outlet/published, or what :func:`infer_metadata` reads from the
    text when they are missing. A document that fails becomes one reject; others go on.
    """
    lex = get_lexicons()
    claims: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for doc in documents.to_dict("records"):
        try:
            text = doc["text"]
            if not isinstance(text, str):
                raise TypeError(f"text is {type(text).__name__}, not str")
            c, s = extract_text(
                text,
                str(doc["doc_id"]),
                _str_or_none(doc.get("content_hash")),
                _str_or_none(doc.get("outlet")),
                _str_or_none(doc.get("published")),
                lex,
            )
        except Exception as error:  # one bad document must not stop the others
            rejects.append(_reject(doc, error))
            continue
        claims.extend(c)
        statements.extend(s)
    return Extraction(
        add_measure(_frame(claims, CLAIM_COLUMNS)),
        _frame(statements, STATEMENT_COLUMNS),
        _frame(rejects, REJECT_COLUMNS),
    )


def _str_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    if not rows:
        return empty_frame(columns)
    frame = pd.DataFrame(rows)
    for col in columns:
        if col not in frame:
            frame[col] = None
    frame = frame[columns]
    for col in ("low", "high"):
        if col in frame:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return frame


def _number_out(value: Any) -> Any:
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def to_scheme(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims in the SCHEME CSV shape plus their span (EXTRACT_COLUMNS); whole numbers as
    integers so the CSV reads 30000, not 30000.0."""
    if claims.empty:
        return empty_frame(EXTRACT_COLUMNS)
    out = claims[EXTRACT_COLUMNS].copy()
    for col in ("low", "high"):
        out[col] = pd.Series([_number_out(v) for v in out[col]], index=out.index, dtype=object)
    return out.reset_index(drop=True)
