"""Whose forces a figure counts (side), from the words around it.

In order (context.py explains the whole chain): a side word inside the item, the force a
contingent is drawn from, the head of the item, the actor before the figure (a side word
used as a subject or possessive: "Russia will send", "Russia's deployment"), a recipient of
deliveries; the document's force side (the most frequent "<side adjective> <force noun>").
"""

from __future__ import annotations

import re
from collections import Counter

from forcerecon.extract.context import _PLACE_BEFORE, _inside
from forcerecon.extract.lexicon import Lexicons, lower

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
