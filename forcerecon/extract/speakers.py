"""Who speaks, across sentences: quotes followed to their attribution, pronouns and
"the ministry said" resolved to an earlier named claimant, withholding verbs.

The sentence pass (sentence_pass.py) asks :func:`sentence_attribution` for each figure; the
look-backs here are bounded by a window of text before the figure, so the cost per figure
does not grow with the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from forcerecon.extract import attribution as attr
from forcerecon.extract.claimants import Attribution, canonical_claimant
from forcerecon.extract.lexicon import Lexicons
from forcerecon.extract.sentences import sentence_spans
from forcerecon.extract.temporal import find_temporals

_QUOTES_OPEN, _QUOTES_CLOSE = "“", "”"
#: How many sentences a quote is followed across, forward to its attribution or back to
#: the sentence that opened it (a bound, so the cost per figure stays constant).
QUOTE_REACH = 12
#: How far back (characters) "he said" looks for the named claimant it stands for.
SPEAKER_REACH = 2000
_NAME_WORD = r"[A-Z][\w’'.-]*"


class SpeakerRegister:
    """Per-document memory of who speaks, built incrementally as the sentence pass reads
    the article: quote marks per paragraph (counted once, looked up by bisection) and the
    full names that bare surnames stand for (each surname searched once)."""

    def __init__(self, text: str, lex: Lexicons, published: str | None) -> None:
        self.text, self.lex, self.published = text, lex, published
        self._quotes: dict[tuple[int, int], tuple[list[int], list[int], list[int]]] = {}
        self._names: dict[str, list[tuple[int, str]]] = {}

    def inside_quote(self, par: tuple[int, int], upto: int) -> bool:
        """True when text offset ``upto`` lies inside quotation marks of its paragraph."""
        marks = self._quotes.get(par)
        if marks is None:
            opens, closes, straight = [], [], []
            for i in range(par[0], par[1]):
                ch = self.text[i]
                if ch == _QUOTES_OPEN:
                    opens.append(i)
                elif ch == _QUOTES_CLOSE:
                    closes.append(i)
                elif ch == '"':
                    straight.append(i)
            marks = self._quotes[par] = (opens, closes, straight)
        opens, closes, straight = marks
        curly = bisect.bisect_left(opens, upto) - bisect.bisect_left(closes, upto)
        return curly > 0 or bisect.bisect_left(straight, upto) % 2 == 1

    def expand(self, pos: int, att: Attribution) -> Attribution:
        """A bare surname ("Harper said") as the fuller name given before ``pos`` ("Colonel
        John Harper"); the attribution unchanged when there is none."""
        name = att.claimant
        if " " in name or not name[:1].isupper() or name in self.lex.claimants:
            return att
        if name not in self._names:
            pattern = re.compile(rf"((?:{_NAME_WORD}\s+){{1,4}}){re.escape(name)}\b")
            self._names[name] = [(m.end(), m.group(0)) for m in pattern.finditer(self.text)]
        for end, full in self._names[name]:
            if end <= pos:
                canonical, kind = canonical_claimant(full, self.lex)
                return Attribution(canonical, kind, att.verb, att.start, att.end)
            break
        return att


def previous_claimant(
    reg: SpeakerRegister, pos: int, kinds: frozenset[str] | None = None
) -> Attribution | None:
    """The nearest named claimant in the text before ``pos`` (for "he said"), with the date
    that sentence gives its statement, if any. With ``kinds`` ("the agency said" ->
    intelligence or media), the nearest claimant of one of those types."""
    text, lex = reg.text, reg.lex
    chunks = [text[a:b] for a, b in sentence_spans(text, max(0, pos - SPEAKER_REACH), pos)]
    for chunk in reversed(chunks):  # sentences, so "a U.S. intelligence ..." stays whole
        found = attr.find_attribution(chunk, len(chunk), lex)
        if kinds is not None:
            fixed, verbs = attr._candidates(chunk, lex)
            options = [fixed] if fixed is not None else [a for _, a in reversed(verbs)]
            found = next((a for a in options if a.claimant_type in kinds), None)
        if found and found.claimant_type != "pronoun":
            dated = [t for t in find_temporals(chunk, reg.published) if len(t.as_of) == 10]
            return replace(found, as_of=dated[-1].as_of) if dated else found
    return None


def sentence_attribution(
    reg: SpeakerRegister,
    spans: list[tuple[int, int]],
    idx: int,
    par: tuple[int, int],
    fig_pos: int,
) -> Attribution | None:
    """Claimant of a figure in sentence ``idx`` of a paragraph, quotes followed."""
    text, lex = reg.text, reg.lex
    s, e = spans[idx]
    sentence = text[s:e]
    found = attr.find_attribution(sentence, fig_pos, lex)
    base = s  # where the text that ``found``'s offsets are relative to starts
    if found is None and reg.inside_quote(par, s + 1):
        for j in range(idx + 1, min(len(spans), idx + 1 + QUOTE_REACH)):
            later = text[spans[j][0] : spans[j][1]]
            close = max(later.rfind(_QUOTES_CLOSE), later.rfind('"'))
            if close >= 0:
                # after the closing mark: a straight '"' at the start would read as opening
                found = attr.find_attribution(later[close + 1 :], 0, lex)
                base = spans[j][0] + close + 1
                break
        if found is None:
            for j in range(idx - 1, max(-1, idx - 1 - QUOTE_REACH), -1):
                earlier = text[spans[j][0] : spans[j][1]]
                found = attr.find_attribution(earlier, len(earlier), lex)
                base = spans[j][0]
                if found:
                    break
    if found is None and not reg.inside_quote(par, s + 1):
        found, base = _attributed_after(reg, e), e  # "... N troops. X announced this."
    if found is None and idx + 1 < len(spans) and not reg.inside_quote(par, s + 1):
        found, base = _closing_attribution(reg, spans[idx + 1]), spans[idx + 1][0]
    if found is not None and found.claimant_type != "pronoun" and found.start >= 0:
        title = _TITLE_BACKREF.match(text, base + found.start, base + found.end)
        if title and re.search(
            r"\bthe\s+$", text[max(0, base + found.start - 6) : base + found.start]
        ):
            person = _last_person(reg, base + found.start, title.group("head").lower())
            if person is not None:  # "the chief of the General Staff informed" -> who was
                found = replace(person, verb=found.verb, start=found.start, end=found.end)
    if found is not None and found.claimant_type == "pronoun":
        at = base + max(found.start, 0)
        kinds = attr.anaphor_kinds(text[at : base + max(found.end, found.start, 0)])
        verb = found.verb
        found = previous_claimant(reg, at, kinds)
        if found is not None and verb:
            found = replace(found, verb=verb)  # "it said": this sentence's verb sets modality
    if found is not None:
        found = reg.expand(s, found)
    return found


#: A title used as a back-reference after "the": "the chief of the Belarusian General Staff",
#: "the minister", "the head of state", "the deputy defense minister".
_TITLE_BACKREF = re.compile(
    r"(?:(?:first|deputy|vice|top|senior|chief|defen[cs]e|foreign|prime|military)\s+)*"
    r"(?P<head>minister|chief|head|spokes(?:man|woman|person)|commander|representative|aide|"
    r"president|secretary|director|envoy|ambassador)\b(?:\s+of\s+[^,;]*)?$",
    re.IGNORECASE,
)
#: A title's head word and the words a person's canonical name or context must hold for it.
_TITLE_FITS = {"head": ("head", "president", "chief", "leader"), "aide": ("aide", "deputy")}
#: The next sentence hands a statement back: "X announced this", "This was reported by X".
_THIS_BY = re.compile(
    r"^\s*(?:This|That|It|The\s+(?:figure|number|information|data))\s+"
    r"(?:was|is|has\s+been)\s+"
    r"(?:reported|announced|stated|said|confirmed|disclosed|revealed)\s+by\s+"
    r"(?P<np>(?:the\s+)?[A-Z][^,.;:()?!\n]{1,80}?)\s*(?:\([^()]{1,20}\))?\s*[.,;]"
)
_X_THIS = re.compile(
    r"^\s*(?P<np>(?:The\s+)?[A-Z][^,.;:()\"“”?!\n]{1,100}?)\s+(?:has\s+|have\s+)?"
    r"(?:announced|reported|stated|said|confirmed|disclosed|revealed|wrote)\s+this\b"
)
#: How far after a sentence its handing-back sentence may start (the next paragraph).
_AFTER_REACH = 400


def _attributed_after(reg: SpeakerRegister, end: int) -> Attribution | None:
    """The claimant the next sentence gives the statement before it ("Russia will send 9,000
    personnel. X announced this on his Twitter account."), if it does."""
    tail = reg.text[end : end + _AFTER_REACH]
    m = _THIS_BY.match(tail) or _X_THIS.match(tail)
    if not m:
        return None
    name, kind = canonical_claimant(m.group("np"), reg.lex)
    if not name:
        return None
    return Attribution(name, kind, "", -1, -1)


#: A sentence that ends with its attribution: "..., Gulevich specified." / "..., he added."
_ENDS_WITH_SPEAKER = re.compile(
    r",\s+([^,]{2,80}?)\s+(?:said|specified|added|noted|stressed|"
    r"explained|clarified|informed|stated|continued)(?:\s+on\s+\w+)?\.[\"”’]?$"
)


def _closing_attribution(reg: SpeakerRegister, span: tuple[int, int]) -> Attribution | None:
    """The speaker named at the end of the next sentence of the same paragraph, for a
    sentence that names none: "The drills will involve 350 items of hardware. [...] will be
    used, Gulevich specified." Only an attribution that closes that sentence counts."""
    sentence = reg.text[span[0] : span[1]]
    m = _ENDS_WITH_SPEAKER.search(sentence)
    if not m or reg.inside_quote((span[0], span[1]), span[0] + m.start() + 1):
        return None
    found = attr.find_attribution(sentence, len(sentence), reg.lex)
    if found is None or found.start < m.start(1):
        return None
    return found


def _last_person(reg: SpeakerRegister, pos: int, head: str) -> Attribution | None:
    """The last named person before ``pos`` whose title fits ``head`` ("chief")."""
    text, lex = reg.text, reg.lex
    fits = _TITLE_FITS.get(head, (head,))
    for a, b in reversed(sentence_spans(text, max(0, pos - SPEAKER_REACH), pos)):
        chunk = text[a:b]
        fixed, verbs = attr._candidates(chunk, lex)
        options = [fixed] if fixed is not None else [att for _, att in reversed(verbs)]
        for att in options:
            if att.claimant_type != "official_person" or not _FULL_NAME.search(att.claimant):
                continue
            where = (att.claimant + " " + chunk).lower()
            if any(word in where for word in fits):
                return reg.expand(a, att)
    return None


_FULL_NAME = re.compile(r"[A-Z][\w’'-]+\s+[A-Z][\w’'-]+$")


def withholder(sentence: str, st: Any, lex: Lexicons) -> Attribution | None:
    """ "Moscow did not divulge ...": the subject of the withholding verb is the claimant."""
    m = re.search(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+$", sentence[: st.start])
    if not m:
        return None
    name, kind = canonical_claimant(m.group(1), lex)
    return Attribution(name, kind, "", m.start(1), m.end(1))


def claimant_side(att: Attribution, lex: Lexicons) -> tuple[str, str] | None:
    for entry in lex.claimants.values():
        if entry.canonical == att.claimant and entry.side:
            return entry.side, lex.side_codes.get(entry.side, entry.side[:2].upper())
    return None
