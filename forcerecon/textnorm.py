"""Invisible format characters folded out before figures are read, offsets kept in the original.

Zero-width and bidirectional marks (``2\u200b00 tanks``, ``30\u200d,000 troops``, an RLM
before a number) are invisible in a browser but split a number for the extraction rules: the
first read as "0 tanks", the second was missed. :func:`fold` removes them (Unicode category Cf:
zero-width space/joiners, word joiner, LRM/RLM/ALM, bidi embeddings, overrides and isolates,
soft hyphen, BOM) and keeps a map from each folded position to the original one;
:func:`restore` turns records extracted from the folded text back into records of the original
text: ``start``/``end``/``sentence_start``/``sentence_end`` point into the original, and
``figure_text``, ``text`` and ``sentence`` are the original's characters (marks included), so
every span still equals the stored text and the claim ids are those of the original offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from forcerecon.ids import stable_id

#: The invisible format characters folded out (all of Unicode category Cf that occurs in text).
FORMAT_CHARS = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


@dataclass(frozen=True)
class Folded:
    """The folded text and, for each of its positions (and its end), the original position."""

    original: str
    text: str
    positions: list[int]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def start_of(self, index: int) -> int:
        """Original offset of a span starting at folded ``index``."""
        return self.positions[index]

    def end_of(self, index: int) -> int:
        """Original offset of a span ending (exclusive) at folded ``index``."""
        return self.positions[index - 1] + 1 if index > 0 else 0


def fold(text: str) -> Folded:
    """``text`` without invisible format characters, with the map back to ``text``."""
    if not FORMAT_CHARS.search(text):
        return Folded(text, text, [])
    kept = [i for i, ch in enumerate(text) if not FORMAT_CHARS.match(ch)]
    return Folded(text, "".join(text[i] for i in kept), [*kept, len(text)])


def restore(
    folded: Folded,
    content_hash: str,
    claims: list[dict[str, Any]],
    statements: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Claims and statements extracted from ``folded.text`` as records of ``folded.original``."""
    if not folded.changed:
        return claims, statements
    original = folded.original
    for row in (*claims, *statements):
        start, end = folded.start_of(row["start"]), folded.end_of(row["end"])
        row["start"], row["end"] = start, end
        if row.get("sentence_start") is not None and row.get("sentence_end") is not None:
            s_start = folded.start_of(row["sentence_start"])
            s_end = folded.end_of(row["sentence_end"])
            row["sentence_start"], row["sentence_end"] = s_start, s_end
            row["sentence"] = original[s_start:s_end]
    for row in claims:
        row["figure_text"] = original[row["start"] : row["end"]]
        row["claim_id"] = stable_id(content_hash, row["start"], row["end"])
    for row in statements:
        row["text"] = original[row["start"] : row["end"]]
        row["statement_id"] = stable_id(content_hash, "statement", row["start"], row["end"])
    return claims, statements
