"""Sentence boundaries for news copy.

A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) followed by
whitespace and a capital letter, a digit or an opening quote, unless the word before the
period is an abbreviation: spaCy's English tokenizer exceptions ("Feb.", "Gen.", "Mt.",
single letters), title abbreviations common in news ("Maj.", "Col.", "Lt.") and dotted
acronyms ("U.S."). This is the rule spaCy's sentencizer applies to its tokenizer's output;
reading it directly from the text runs several times faster than the blank pipeline
(measured: bench/results), and tests/test_extract_sentences.py checks that both give the
same sentences on the seed articles. :func:`spacy_sentence_spans` keeps the spaCy pipeline
available as the reference.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Abbreviations that never end a sentence in news copy, besides spaCy's own exceptions.
ABBREVIATIONS = (
    "Maj.", "Col.", "Lt.", "Capt.", "Cpt.", "Sgt.", "Adm.", "Brig.", "Cmdr.", "Gen.", "Pvt.",
    "Cpl.", "Rep.", "Sen.", "Amb.", "Pres.", "Gov.", "Sec.", "Dep.", "Fe.", "Sept.", "approx.",
    "est.", "No.", "Nos.", "Vol.", "vs.", "etc.", "St.", "Lt.-Gen.", "Maj.-Gen.", "Dr.",
    "Mr.", "Mrs.", "Ms.", "Prof.", "Jr.", "Sr.", "Inc.", "Corp.", "Ltd.", "Co.",
)  # fmt: skip
_END = re.compile(r"[.!?]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """spaCy's English tokenizer exceptions that end with a period, plus ABBREVIATIONS."""
    from spacy.lang.en.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    found = {k for k in TOKENIZER_EXCEPTIONS if k.endswith(".")}
    found |= {k.capitalize() for k in found if len(k) == 2}  # initials: "J."
    return frozenset(found | set(ABBREVIATIONS))


def _is_abbreviation(word: str, abbrevs: frozenset[str]) -> bool:
    word = word.lstrip("\"“‘'«([")
    if word in abbrevs:
        return True
    return bool(re.fullmatch(r"(?:[A-Za-z]\.){2,}", word))  # U.S., a.m.


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the sentences of ``text[start:end]``, whitespace
    trimmed."""
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = min(max(start, 0), end)
    abbrevs = abbreviations()
    spans = []
    cur = start
    for m in _END.finditer(text, start, end):
        if m.group().startswith(".") and len(m.group().rstrip("\"”’'»)]")) == 1:
            word = _WORD_BEFORE.search(text, max(start, m.start() - 30), m.start())
            if word and _is_abbreviation(word.group(1) + ".", abbrevs):
                continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@lru_cache(maxsize=1)
def nlp() -> Any:
    """spaCy's blank English pipeline with a sentencizer (the reference splitter)."""
    import spacy
    from spacy.symbols import ORTH

    pipeline = spacy.blank("en")
    for abbreviation in ABBREVIATIONS:
        pipeline.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    pipeline.add_pipe("sentencizer")
    return pipeline


def spacy_sentence_spans(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Like :func:`sentence_spans`, with spaCy's tokenizer and sentencizer."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans = []
    for sent in nlp()(chunk).sents:
        s, e = sent.start_char, sent.end_char
        while s < e and chunk[s].isspace():
            s += 1
        while e > s and chunk[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((start + s, start + e))
    return spans
