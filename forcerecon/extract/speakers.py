"""Who speaks, across sentences: quotes followed to their attribution, pronouns and
"the ministry said" resolved to an earlier named claimant, withholding verbs.

The sentence pass (sentence_pass.py) asks :func:`sentence_attribution` for each figure; the
look-backs here are bounded by a window of text before the figure, so the cost per figure
does not grow with the article.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from forcerecon.extract import attribution as attr
from forcerecon.extract.claimants import Attribution, canonical_claimant, expand_surname
from forcerecon.extract.lexicon import Lexicons
from forcerecon.extract.sentences import sentence_spans
from forcerecon.extract.temporal import find_temporals

_QUOTES_OPEN, _QUOTES_CLOSE = "“", "”"


def _quote_depth(paragraph: str, upto: int) -> bool:
    """True when offset ``upto`` of the paragraph lies inside quotation marks."""
    head = paragraph[:upto]
    curly = head.count(_QUOTES_OPEN) - head.count(_QUOTES_CLOSE)
    return curly > 0 or head.count('"') % 2 == 1


def previous_claimant(
    text: str,
    pos: int,
    lex: Lexicons,
    published: str | None = None,
    kinds: frozenset[str] | None = None,
) -> Attribution | None:
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


def sentence_attribution(
    text: str,
    spans: list[tuple[int, int]],
    idx: int,
    par: tuple[int, int],
    fig_pos: int,
    lex: Lexicons,
    published: str | None = None,
) -> Attribution | None:
    """Claimant of a figure in sentence ``idx`` of a paragraph, quotes followed."""
    s, e = spans[idx]
    sentence = text[s:e]
    found = attr.find_attribution(sentence, fig_pos, lex)
    base = s  # where the text that ``found``'s offsets are relative to starts
    paragraph = text[par[0] : par[1]]
    if found is None and _quote_depth(paragraph, s - par[0] + 1):
        for j in range(idx + 1, len(spans)):
            later = text[spans[j][0] : spans[j][1]]
            close = max(later.rfind(_QUOTES_CLOSE), later.rfind('"'))
            if close >= 0:
                found = attr.find_attribution(later[close:], 0, lex)
                base = spans[j][0] + close
                break
        if found is None:
            for j in range(idx - 1, -1, -1):
                earlier = text[spans[j][0] : spans[j][1]]
                found = attr.find_attribution(earlier, len(earlier), lex)
                base = spans[j][0]
                if found:
                    break
    if found is not None and found.claimant_type == "pronoun":
        at = base + max(found.start, 0)
        kinds = attr.anaphor_kinds(text[at : base + max(found.end, found.start, 0)])
        verb = found.verb
        found = previous_claimant(text, at, lex, published, kinds)
        if found is not None and verb:
            found = replace(found, verb=verb)  # "it said": this sentence's verb sets modality
    if found is not None:
        found = expand_surname(text, s, found, lex)
    return found


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
