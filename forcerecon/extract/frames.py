"""Shallow syntax: frames that put the counted noun before the number (issue 11).

A number with no noun of its own still counts a force when a frame ties it to a force noun
earlier in the same clause:
  - "X, estimated by NATO to number 30,000", "forces ..., estimated by the West at more than
    150,000", "put at", "believed to total"       (estimate frame)
  - "its battlegroups number 5,000", "the force totals 40,000"        (verb "number/total")
  - "troop levels have climbed to 48,000", "the count had risen to 52,000"   (level frame)
  - "estimates of the force vary from 90,000 to 100,000"             (vary frame)
The force noun is the last categories.csv term in the clause before the frame (at most
:data:`REACH` characters back, never across sentence punctuation); a frame without one is
no figure.
"""

from __future__ import annotations

import re

from forcerecon.extract.figures import NOT_FORCE, Figure
from forcerecon.extract.lexicon import Lexicons, lower
from forcerecon.extract.numbers import NumberMention

#: How far back (characters) a frame looks for its force noun.
REACH = 160
_FRAME = re.compile(
    r"(?:\b(?:estimated|put|believed|thought|reckoned|assessed|said|reported|placed)"
    r"(?:\s+by\s+[^,;.!?]{1,50}?)?\s+(?:to\s+(?:number|total|be|stand\s+at)|at)"
    r"|\b(?:number|numbers|numbered|numbering|total|totals|totalled|totaled|totalling)"
    r"|\b(?:levels?|count|numbers?|total|presence|contingent|strength|size|headcount)"
    r"\s+(?:[\w’'-]+\s+){0,4}?(?:has\s+|have\s+|had\s+)?(?:now\s+)?(?:rose|risen|climbed|grown|"
    r"grew|increased|reached|swelled|swollen)(?:\s+to)?"
    r"|\bvar(?:y|ies|ied)(?:\s+widely)?)\s+[\"“”]?$",
    re.IGNORECASE,
)
#: The words a frame can end with (checked before the frame regex runs).
_FRAME_END_WORDS = """
at number numbers numbered numbering total totals totalled totaled totalling be to rose
risen climbed grown grew increased reached swelled swollen vary varies varied widely
"""
_FRAME_ENDS = frozenset(_FRAME_END_WORDS.split())
_LAST_WORD = re.compile(r"([A-Za-z]+)\s+[\"“”]?$")
#: Where a clause begins: the force noun must come after the last of these.
_CLAUSE_BREAK = re.compile(r"[.;:!?]\s|\b(?:but|while|whereas|although)\b")


def frame_before(text: str, number: NumberMention, lex: Lexicons) -> Figure | None:
    """A figure whose force noun comes before a frame ending right at the number."""
    last = _LAST_WORD.search(text, max(0, number.start - 20), number.start)
    if not last or last.group(1).lower() not in _FRAME_ENDS:
        return None  # cheap test first: most numbers follow no frame
    start = max(0, number.start - REACH)
    m = _FRAME.search(text, start, number.start)
    if not m or m.end() != number.start:
        return None
    clause = text[start : m.start()]
    breaks = list(_CLAUSE_BREAK.finditer(clause))
    offset = start + (breaks[-1].end() if breaks else 0)
    return _last_force_term(text, offset, m.start(), number, lex)


def _last_force_term(
    text: str, start: int, end: int, number: NumberMention, lex: Lexicons
) -> Figure | None:
    """``number`` counting the last categories.csv force term of ``text[start:end]``."""
    found = None
    for t in lex.term_re.finditer(lower(text[start:end])):
        if t.group().split()[-1] not in NOT_FORCE:
            found = t
    if found is None:
        return None
    entry = lex.term_of(found.group())
    s, e = start + found.start(), start + found.end()
    return Figure(number, entry.category, entry.subcategory, text[s:e], s, e)


#: Nouns that count a force only where the text around them is military, with the
#: category they then take: "13 thousand people, about 350 vehicles and more than 30
#: aircraft", "our army — it's about 70 thousand people", "9,000 representatives of the
#: Russian Armed Forces", "9,000 Military And About 400 Units Of Tanks".
_GENERIC = re.compile(
    r"\s+(?:(?P<people>people|men|servicemen\s+and\s+women)\b"
    r"|(?P<vehicles>vehicles)\b"
    r"|(?P<reps>representatives\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:Armed\s+Forces|army|"
    r"military)\b)"
    r"|(?P<military>[Mm]ilitary)(?=\s*(?:[,.;:]|$|\s+(?:And|and|personnel)\b)))",
)
#: A force named right before the number and tied to it: "our army — it's about N people".
_FORCE_IS = re.compile(
    r"\b(?:army|armies|troops|forces|force|contingent|military|grouping)\b[^.!?]{0,30}?"
    r"(?:[—–-]\s*)?(?:it['’ʼ]s|is|are|was|were|of|numbers?|totals?)\s+$",
    re.IGNORECASE,
)


def generic_figure(text: str, number: NumberMention, in_force_list: bool) -> Figure | None:
    """A figure whose noun counts a force only in a military context: a list of force
    items in the same sentence (``in_force_list``), a force named just before ("our army —
    it's about 70 thousand people"), or a noun that says so itself ("representatives of the
    Armed Forces", a headline's "9,000 Military")."""
    m = _GENERIC.match(text, number.end)
    if not m:
        return None
    if m.group("people") or m.group("vehicles"):
        tied = _FORCE_IS.search(text, max(0, number.start - 80), number.start) is not None
        if not (in_force_list or tied):
            return None
    category = "other_military" if m.group("vehicles") else "personnel"
    s, e = m.start() + len(m.group()) - len(m.group().lstrip()), m.end()
    return Figure(number, category, None, text[s:e], s, e)


#: "N of them": the force last named before, also in an earlier sentence ("Russia keeps
#: sending troops. There will soon be 80,000 of them.").
_OF_THEM = re.compile(r"\s+of\s+them\b")
#: How far back (characters) "of them" looks for the force it stands for.
OF_THEM_REACH = 300


def of_them(text: str, number: NumberMention, lex: Lexicons) -> Figure | None:
    """A figure "N of them" counting the force term named last before it."""
    if not _OF_THEM.match(text, number.end):
        return None
    start = max(0, number.start - OF_THEM_REACH)
    blank = text.rfind("\n\n", start, number.start)  # not across a blank line
    return _last_force_term(text, max(start, blank), number.start, number, lex)
