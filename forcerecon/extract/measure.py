"""What kind of count a figure is (SCHEME.md ``measure``): stock, added, withdrawn, needed,
mobilized or subset.

A post-pass over the claims frame (``extract_documents`` calls :func:`add_measure` once): for
each claim, the cues of ``forcerecon/lexicons/measures.csv`` are looked for in its sentence
around the figure. A cue counts when it stands on its allowed side of the figure
(``before``/``after``/``either``), within :data:`REACH` characters, outside the figure's own
text ("more than 10,000" is a bound, not an increase), in the same clause (no comma, colon,
bracket or dash between: "30,000 combat troops, Spetsnaz special forces" lists a second
force) and with no other figure in digits between it and the figure (in "pulling out 4,500
troops, part of the 28,500-strong USFK" the cue belongs to 4,500). The nearest cue wins; at
equal distance the longer cue ("could mobilize" over "mobilize"), then the earlier line.
No cue: ``stock``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from forcerecon.extract.lexicon import LexiconError, read_rows
from forcerecon.records import MEASURES

FILE = "measures.csv"
HEADER = ["cue", "measure", "side_of_figure"]
SIDES = ("before", "after", "either")
#: How far (characters) a cue may stand from the figure.
REACH = 60
_DIGIT_FIGURE = re.compile(r"\d[\d,.]*")
_BOUNDARY = re.compile(r"[,;:()\[\]]|\s[-\u2013\u2014]\s")


class MeasureLexiconError(LexiconError):
    """measures.csv is missing or malformed."""


@dataclass(frozen=True)
class Cue:
    """One line of measures.csv, compiled."""

    cue: str
    measure: str
    side: str
    rank: int
    pattern: re.Pattern[str]


def read_cues(path: Path) -> list[Cue]:
    """The cues of one measures.csv; a clear error naming the file and the entry."""
    cues = []
    for row in read_rows(path, HEADER):
        cue, measure, side, number = row["cue"], row["measure"], row["side_of_figure"], row["_line"]
        if measure not in MEASURES:
            raise MeasureLexiconError(f"{path}: entry {number}: unknown measure {measure!r}")
        if side not in SIDES:
            raise MeasureLexiconError(f"{path}: entry {number}: side_of_figure {side!r}")
        words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", cue))
        pattern = re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)
        cues.append(Cue(cue, measure, side, len(cues), pattern))
    return cues


def get_cues(directory: Path | None = None) -> tuple[Cue, ...]:
    """The cues of ``directory`` (default: ``Settings().lexicon_dir``, like the other
    lexicons: FORCERECON_LEXICONS or the packaged folder), read once per process and folder."""
    if directory is None:
        from forcerecon.settings import Settings

        directory = Settings().lexicon_dir
    return _cached_cues(Path(directory).resolve())


@lru_cache(maxsize=4)
def _cached_cues(directory: Path) -> tuple[Cue, ...]:
    return tuple(read_cues(directory / FILE))


def measure_of(sentence: str, start: int, end: int, cues: tuple[Cue, ...] | list[Cue]) -> str:
    """The measure of the figure at ``sentence[start:end]`` (``stock`` without a cue)."""
    best: tuple[int, int, int, str] | None = None
    for cue in cues:
        for hit in cue.pattern.finditer(sentence):
            if hit.end() <= start and cue.side != "after":
                gap = sentence[hit.end() : start]
            elif hit.start() >= end and cue.side != "before":
                gap = sentence[end : hit.start()]
            else:
                continue
            if len(gap) > REACH or _DIGIT_FIGURE.search(gap) or _BOUNDARY.search(gap):
                continue
            key = (len(gap), -len(cue.cue), cue.rank, cue.measure)
            if best is None or key < best:
                best = key
    return best[3] if best else "stock"


def add_measure(claims: pd.DataFrame, cues: tuple[Cue, ...] | None = None) -> pd.DataFrame:
    """``claims`` (records.CLAIM_COLUMNS) with ``measure`` set from each claim's sentence."""
    cues = get_cues() if cues is None else cues
    out = claims.copy()
    measures = []
    for row in out.itertuples(index=False):
        sentence, figure = row.sentence, row.figure_text
        if not isinstance(sentence, str) or not isinstance(figure, str):
            measures.append("stock")
            continue
        offset = _offset(row, sentence, figure)
        measures.append(
            "stock" if offset < 0 else measure_of(sentence, offset, offset + len(figure), cues)
        )
    out["measure"] = pd.Series(measures, index=out.index, dtype=object)
    return out


def _offset(row: object, sentence: str, figure: str) -> int:
    """Where the figure starts inside its sentence (its span, else the first occurrence)."""
    start, sentence_start = getattr(row, "start", None), getattr(row, "sentence_start", None)
    if start is not None and sentence_start is not None and not pd.isna(sentence_start):
        offset = int(start) - int(sentence_start)
        if sentence[offset : offset + len(figure)] == figure:
            return offset
    return sentence.find(figure)
