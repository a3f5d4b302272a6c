"""Sentence boundaries with spaCy's blank English tokenizer and rule-based sentencizer.

Only paragraphs that can hold a figure or a statement are split (the caller's prefilter),
which keeps extraction well above 1 MB/s. Title abbreviations common in news copy
("Maj. Gen.", "Col.", "Lt.") are tokenizer special cases, so they do not end a sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Abbreviations that never end a sentence in news copy (spaCy knows Gen., Gov., Feb. ...).
ABBREVIATIONS = (
    "Maj.",
    "Col.",
    "Lt.",
    "Capt.",
    "Cpt.",
    "Sgt.",
    "Adm.",
    "Brig.",
    "Cmdr.",
    "Gen.",
    "Lt.-Gen.",
    "Maj.-Gen.",
    "Pvt.",
    "Cpl.",
    "Rep.",
    "Sen.",
    "Amb.",
    "Pres.",
    "Gov.",
    "Sec.",
    "Dep.",
    "Fe.",
    "Sept.",
    "approx.",
    "est.",
    "No.",
    "Nos.",
    "Vol.",
    "vs.",
    "etc.",
    "St.",
)


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The blank English pipeline with a sentencizer, built once per process."""
    import spacy
    from spacy.symbols import ORTH

    pipeline = spacy.blank("en")
    for abbreviation in ABBREVIATIONS:
        pipeline.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    pipeline.add_pipe("sentencizer")
    return pipeline


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the sentences of ``text[start:end]``, whitespace
    trimmed."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    doc = nlp()(chunk)
    spans = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and chunk[s].isspace():
            s += 1
        while e > s and chunk[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((start + s, start + e))
    return spans
