"""Warnings where the data is weak, shown on the index and the validation page.

- the share of claims without an as-of date (undated) and without a claimant of their own
  (unattributed: no claimant, or the outlet standing in for one, ``claimant_type`` =
  ``unattributed``);
- claimants that look like a dateline or a headline tag rather than a source: an all-caps
  place name ("KYIV", "MINSK (Reuters)"), or a single word of ``reports/weak_claimants.csv``
  ("Report", "Exclusive", "He"; a data file users extend).
Pure functions of the claim rows; the location names come from the location lexicon.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .formatting import text_of
from .links import claimant_page

Row = dict[str, Any]

WORDS_FILE = Path(__file__).resolve().parent / "weak_claimants.csv"
LOCATIONS_FILE = (
    Path(__file__).resolve().parent.parent / "forcerecon" / "lexicons" / "locations.csv"
)

#: News agencies a dateline names in parentheses ("KYIV (Reuters)").
AGENCIES = frozenset(
    [
        "reuters",
        "ap",
        "afp",
        "dpa",
        "efe",
        "ansa",
        "xinhua",
        "tass",
        "interfax",
        "ria",
        "ria",
        "novosti",
        "unian",
        "ukrinform",
        "belta",
        "bloomberg",
        "upi",
        "pap",
        "bns",
    ]
) | {"ria novosti"}

#: A dateline: an all-caps place, optionally followed by "(Agency)" or a dash.
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'\-]{2,}?)\s*(\([^)]*\))?\s*[-—–:]?\s*$")


@functools.cache
def weak_words(path: Path = WORDS_FILE) -> dict[str, str]:
    """word (lower case) -> reason, from the data file."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["word"].strip().lower(): r["reason"].strip() for r in csv.DictReader(fh)}


@functools.cache
def place_names(path: Path = LOCATIONS_FILE) -> frozenset[str]:
    """Lower-case place names of the location lexicon (aliases and keys); empty if absent."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError:
        return frozenset()
    names = {text_of(r.get(k)).strip().lower() for r in rows for k in ("alias", "location_key")}
    return frozenset(n for n in names if n)


def weak_claimant_reason(name: str, places: Iterable[str] | None = None) -> str | None:
    """Why a claimant looks like a dateline or headline tag, or None."""
    text = name.strip()
    if not text:
        return None
    words = weak_words()
    if " " not in text and text.lower().strip(".:") in words:
        return words[text.lower().strip(".:")]
    match = _DATELINE.match(text)
    if match and not any(ch.islower() for ch in match.group("place")):
        place = match.group("place").strip(" .-").lower()
        known = place_names() if places is None else frozenset(p.lower() for p in places)
        if place in known:
            return "dateline (all-caps place)"
        agency = (match.group(2) or "").strip("()").strip().lower()
        if agency in AGENCIES or "-" in text[len(match.group("place")) :]:
            return "dateline (all-caps word, then agency or dash)"
    return None


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "0%"


def data_warnings(claims: Sequence[Row], places: Iterable[str] | None = None) -> Row:
    """The weak spots of the claims: undated and unattributed shares, suspect claimants."""
    total = len(claims)
    undated = sum(1 for c in claims if not text_of(c.get("as_of")).strip())
    unattributed = sum(
        1
        for c in claims
        if not text_of(c.get("claimant")).strip()
        or text_of(c.get("claimant_type")) == "unattributed"
    )
    counts = Counter(" ".join(text_of(c.get("claimant")).split()) for c in claims)
    suspects = []
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        reason = weak_claimant_reason(name, places)
        if reason:
            suspects.append({"name": name, "n": n, "reason": reason, "link": claimant_page(name)})
    return {
        "total": total,
        "undated": undated,
        "undated_share": _share(undated, total),
        "unattributed": unattributed,
        "unattributed_share": _share(unattributed, total),
        "suspects": suspects,
        "weak": total > 0 and (undated * 4 > total or unattributed * 4 > total or bool(suspects)),
    }
