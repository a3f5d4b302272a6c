"""Sentence splitting: gold sentences come out whole; agreement with spaCy's sentencizer."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from forcerecon.extract.sentences import sentence_spans, spacy_sentence_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Maj. Gen. Ivan Petrov met U.S. officials on Feb. 3 at 10 a.m. in Kyiv. "
        "Lt. Col. Smith said 300 troops left. “They left,” he said. Did they? Yes!"
    )
    assert split(text) == [
        "Maj. Gen. Ivan Petrov met U.S. officials on Feb. 3 at 10 a.m. in Kyiv.",
        "Lt. Col. Smith said 300 troops left.",
        "“They left,” he said.",
        "Did they?",
        "Yes!",
    ]


def test_every_gold_sentence_is_one_sentence(seeds_dir: Path, gold_csv: Path) -> None:
    with gold_csv.open(encoding="utf-8") as handle:
        gold = list(csv.DictReader(handle))
    for row in gold:
        text = (seeds_dir / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        sentences = []
        for par in re.finditer(r"[^\n]+", text):
            sentences += [text[s:e] for s, e in sentence_spans(text, par.start(), par.end())]
        assert row["sentence"] in sentences


def test_same_boundaries_as_spacy_apart_from_opening_quotes(seeds_dir: Path) -> None:
    """spaCy leaves an opening quote at the end of the previous sentence; otherwise the
    boundaries agree on the seed articles."""
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for par in re.finditer(r"[^\n]+", text):
            ours = sentence_spans(text, par.start(), par.end())
            theirs = spacy_sentence_spans(text, par.start(), par.end())
            if not par.group().strip():
                assert ours == theirs == []
                continue
            assert ours[-1][1] == theirs[-1][1]
            assert len(ours) == len(theirs), (path.name, par.group())
            for (s1, _), (s2, _) in zip(ours, theirs, strict=True):
                assert text[s2:s1].strip(" \"“‘'") == ""
