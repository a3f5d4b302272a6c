"""The sentence pass: everything a sentence says by itself about each figure and statement
(item, qualifier, claimant, modality, side, place, time, event), in document order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from forcerecon.extract import attribution as attr
from forcerecon.extract import context as ctx
from forcerecon.extract import side as sd
from forcerecon.extract.budget import NO_DEADLINE, Deadline
from forcerecon.extract.candidates import LIST_JOIN, figures_in, paragraphs, shift
from forcerecon.extract.claimants import Attribution
from forcerecon.extract.figures import Figure
from forcerecon.extract.lexicon import Event, Lexicons, lower
from forcerecon.extract.modality import modality
from forcerecon.extract.sentences import sentence_spans
from forcerecon.extract.speakers import (
    SpeakerRegister,
    claimant_side,
    sentence_attribution,
    withholder,
)
from forcerecon.extract.statements import CUE_RE, find_statements
from forcerecon.extract.temporal import Temporal, find_temporals, pick_as_of

#: A sentence that starts with a possessive pronoun standing for the previous subject.
_POSSESSIVE_START = re.compile(r"^[\"“]?(?:Its|Their)\s")


@dataclass
class Found:
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
    attribution: Attribution | None
    modality: str
    side: tuple[str, str] | None
    side_from_item: bool
    place: ctx.Place | None
    explicit_as_of: str | None
    sentence_event: Event | None
    temporals: list[Temporal] = field(default_factory=list)
    national: bool = False  # a national force total with no place of its own


@dataclass
class DocFacts:
    """Per-document facts computed at most once."""

    text: str
    lex: Lexicons
    published: str | None = None
    deadline: Deadline = NO_DEADLINE
    _cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.speakers = SpeakerRegister(self.text, self.lex, self.published)

    def get(self, name: str) -> Any:
        if name not in self._cache:
            fn = {
                "force_side": sd.force_side,
                "main_place": ctx.main_place,
                "country": ctx.country_place,
                "any_side": sd.any_side,
            }[name]
            self._cache[name] = fn(self.text, self.lex)
        return self._cache[name]


def sentence_pass(text: str, lex: Lexicons, published: str | None, doc: DocFacts) -> list[Found]:
    """First pass: everything a sentence says by itself about each figure and statement."""
    found: list[Found] = []
    low = lower(text)
    for par in paragraphs(text):
        doc.deadline.check()
        p_start, p_end = par.span()
        par_figures = figures_in(text, p_start, p_end, lex, low)
        has_cue = CUE_RE.search(low, p_start, p_end) is not None
        if not par_figures and not has_cue:
            continue
        spans = sentence_spans(text, p_start, p_end)
        k = 0  # the paragraph's figures are in text order: walk them with the sentences
        for idx, (s, e) in enumerate(spans):
            doc.deadline.check()
            sentence = text[s:e]
            while k < len(par_figures) and par_figures[k].number.start < s:
                k += 1
            figures = []
            while k < len(par_figures) and par_figures[k].number.start < e:
                figures.append(shift(par_figures[k], s))
                k += 1
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
                att = sentence_attribution(doc.speakers, spans, idx, par.span(), n.start)
                mod = modality(
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
                    sd.side_in(item_text, lex)
                    or sd.side_from_force(sentence, fig.item_end, lex)
                    or sd.side_of_head(sentence, n.start, lex)
                    or sd.side_after(sentence, max(n.end, fig.item_end), lex)
                    or sd.country_possessive_side(sentence, n.start, lex)
                )
                side = item_side
                if side is None and fig.category not in ("personnel", "formations", "share"):
                    side = sd.recipient_side(sentence, lex, masked)
                said_by = attr.find_attribution(sentence, n.start, lex)
                speaker = [(said_by.start, said_by.end)] if said_by and said_by.start >= 0 else []
                side = side or sd.actor_side(sentence, n.start, lex, masked + event_spans + speaker)
                if side is None and fig.category != "facilities":
                    side = prev_side
                if side is None and idx > 0 and _POSSESSIVE_START.match(sentence):
                    ps, pe = spans[idx - 1]  # "Nato said ... Its battlegroups number N"
                    before = text[ps:pe]
                    side = sd.actor_side(before, len(before), lex, ctx.masked_spans(before))
                if side is not None and fig.category != "facilities":
                    prev_side = side
                place = ctx.pick_place(places, n.start, fig.item_end, sentence, lex)
                if place is None and ctx.country_mention(sentence):
                    place = doc.get("country")
                national = (
                    place is None
                    and ctx.NATIONAL_TOTAL.search(sentence) is not None
                    and ctx.EXERCISE_WORDS.search(sentence) is None  # "In total, N will
                )  # take part in the exercise": the exercise's figure, not a national total
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
                    Found(
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
                att = sentence_attribution(
                    doc.speakers, spans, idx, par.span(), st.start
                ) or withholder(sentence, st, lex)
                said = sentence[st.start : st.end]
                side = (
                    sd.side_in_brackets(said, lex)
                    or sd.side_in(said, lex)
                    or sd.actor_side(sentence, st.end, lex, masked)
                )
                if side is None and att is not None:
                    side = claimant_side(att, lex)
                place = ctx.pick_place(places, st.start, st.end)
                as_of = pick_as_of(temporals, st.start, st.end, st.kind == "denial")
                found.append(
                    Found(
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


#: A list that goes on through a breakdown: "13,000 servicemen, including 2,500 Russian
#: soldiers and up to 50 Kazakh soldiers, will be involved".
_INCLUDING_JOIN = re.compile(r"^\s*,?\s*(?:including|of\s+(?:them|which|whom))\s+$")


def _list_end(fig: Figure, figures: list[Figure], sentence: str) -> int:
    """Where the list that a figure's item begins ends: "400 ships, 120 aircraft and 90,000
    servicemen will take part" -> after "servicemen", so the predicate after the list
    ("will take part") sets the modality of every item."""
    end = fig.item_end
    for other in figures:
        if other.number.start < end:
            continue
        gap = sentence[end : other.number.start]
        if not (LIST_JOIN.match(gap) or _INCLUDING_JOIN.match(gap)):
            break
        end = max(end, other.item_end)
    return end
