"""The force figures of a paragraph: numbers read (numbers.py) and kept when they count a
force item (figures.py), with nouns shared across a list or named just before, and the
paragraphs of an article (lines, or blocks of a hard-wrapped text)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from forcerecon.extract.figures import (
    LOSS_WORDS,
    Figure,
    classify,
    elided,
    is_loss,
    noun_before,
    shared_noun,
)
from forcerecon.extract.frames import frame_before, generic_figure, of_them
from forcerecon.extract.lexicon import Lexicons
from forcerecon.extract.numbers import NumberMention, adopt_qualifier, find_numbers

LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+)$")


def figures_in(text: str, start: int, end: int, lex: Lexicons, low: str) -> list[Figure]:
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
            fig = noun_before(text, number, lex) or frame_before(text, number, lex)
        if fig is None and i + 1 < len(numbers) and direct[i + 1] is not None:
            fig = shared_noun(text, number, direct[i + 1])
        if fig is None:
            fig = generic_figure(text, number, _in_force_list(text, numbers, direct, i))
        if fig is None:
            fig = of_them(text, number, lex)  # "There will soon be 80,000 of them."
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
            if shared and LIST_JOIN.match(text[prev.item_end : number.start]):
                fig = replace(fig, number=adopt_qualifier(number, prev.number.qualifier))
        figures.append(fig)
    return figures


def _in_force_list(
    text: str, numbers: list[NumberMention], direct: list[Figure | None], i: int
) -> bool:
    """Whether number ``i`` stands in a list with a force figure of the same sentence."""
    for j in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= j < len(numbers) and direct[j] is not None:
            lo, hi = sorted((numbers[i].end, numbers[j].start))
            if re.search(r"[.!?;]\s", text[lo:hi]) is None:
                return True
    return False


def _in_model_name(text: str, number: Any, lex: Lexicons) -> bool:
    """True for the digit of a model name written with a space: "Leopard 2", "Challenger 2"."""
    m = re.search(r"([A-Z][\w-]*)\s$", text[max(0, number.start - 20) : number.start])
    if not m or number.has_own_qualifier:
        return False
    try:
        return lex.term_of(m.group(1)).kind == "model"
    except KeyError:
        return False


LINE = re.compile(r"[^\n]+")
_BLOCK = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
_WRAPPED_JOIN = re.compile(r"[^.!?:\"”’)\]\s][ \t]*\n[ \t]*[a-z(“\"]")


def paragraphs(text: str) -> list[re.Match[str]]:
    """The paragraphs of an article: its lines, or, for hard-wrapped text (lines broken
    inside sentences), its blocks of lines between blank lines."""
    lines = LINE.findall(text)
    if len(lines) >= 4 and len(_WRAPPED_JOIN.findall(text)) >= 0.3 * (len(lines) - 1):
        return list(_BLOCK.finditer(text))
    return list(LINE.finditer(text))


def shift(fig: Figure, offset: int) -> Figure:
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
