"""Load the user-editable lexicons (forcerecon/lexicons/*.csv) once and compile their patterns.

This module is the only place extraction touches the file system. Each CSV has a header row;
blank lines and lines starting with ``#`` are ignored. A malformed file raises
:class:`LexiconError` naming the file, the line and the problem.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from forcerecon.records import CATEGORIES, CLAIMANT_TYPES
from forcerecon.settings import LEXICON_DIR

#: The header each lexicon file must start with (extra columns are an error, order matters).
HEADERS: dict[str, list[str]] = {
    "categories.csv": ["term", "category", "subcategory", "kind"],
    "claimants.csv": ["alias", "canonical", "claimant_type", "side"],
    "sides.csv": ["term", "side", "side_code"],
    "locations.csv": ["alias", "location_key", "parent_key", "subject_key"],
    "events.csv": ["alias", "canonical", "side", "location_key", "start", "end"],
}
TERM_KINDS = ("noun", "model", "measure")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEY = re.compile(r"^[A-Za-z]+$")
_CODE = re.compile(r"^[A-Z]+(?:\+[A-Z]+)*$")


class LexiconError(ValueError):
    """A lexicon file is missing or malformed."""


@dataclass(frozen=True)
class Term:
    """One entry of categories.csv."""

    term: str
    category: str
    subcategory: str | None
    kind: str  # noun | model | measure


@dataclass(frozen=True)
class Claimant:
    """One entry of claimants.csv."""

    alias: str
    canonical: str
    claimant_type: str
    side: str | None


@dataclass(frozen=True)
class Location:
    """One entry of locations.csv."""

    alias: str
    location_key: str
    parent_key: str | None
    subject_key: str


@dataclass(frozen=True)
class Event:
    """One entry of events.csv (start/end: YYYY-MM-DD or None)."""

    alias: str
    canonical: str
    side: str | None
    location_key: str | None
    start: str | None
    end: str | None


@dataclass(eq=False)  # hashed by identity, so per-sentence results can be cached
class Lexicons:
    """All lexicons with compiled, case-insensitive, longest-first alternation patterns."""

    terms: dict[str, Term]
    claimants: dict[str, Claimant]
    sides: dict[str, tuple[str, str]]  # term as written -> (side, side_code)
    side_codes: dict[str, str]  # side -> side_code
    locations: dict[str, Location]
    location_parents: dict[str, str | None]
    events: dict[str, Event]
    term_re: re.Pattern[str] = field(init=False)
    claimant_re: re.Pattern[str] = field(init=False)
    side_re: re.Pattern[str] = field(init=False)
    location_re: re.Pattern[str] = field(init=False)
    event_re: re.Pattern[str] = field(init=False)
    countries: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        plural = set(self.terms)  # "tanks", "S-400s", "F-16s"
        self.term_re = _alternation(self.terms, plural=plural)
        self.claimant_re = _alternation(self.claimants, case_sensitive=True)
        # claimant phrases are matched in claimant_form() spelling; add the aliases so spelt
        for alias, entry in list(self.claimants.items()):
            self.claimants.setdefault(claimant_form(alias), entry)
        self.claimant_re = _alternation(self.claimants, case_sensitive=True)
        self.side_re = _alternation(self.sides, case_sensitive=True)
        self.location_re = _alternation(self.locations)
        self.event_re = _alternation(self.events)
        #: Location keys that are countries: sides that the locations lexicon also names.
        self.countries = frozenset(self.side_codes) & frozenset(self.location_parents)
        self._claimant_index = {_norm(k): v for k, v in self.claimants.items()}
        self._side_index = {_norm(k): v for k, v in self.sides.items()}

    def claimant_of(self, matched: str) -> Claimant:
        """The claimants.csv entry for a claimant_re match."""
        return self._claimant_index[_norm(matched)]

    def side_of(self, matched: str) -> tuple[str, str]:
        """(side, side_code) for a side_re match."""
        return self._side_index[_norm(matched)]

    def location_of(self, matched: str) -> Location:
        """The locations.csv entry for a location_re match."""
        return self.locations[_norm(matched)]

    def event_of(self, matched: str) -> Event:
        """The events.csv entry for an event_re match."""
        return self.events[_norm(matched)]

    def term_of(self, matched: str) -> Term:
        """The categories.csv entry for a term_re match (plural endings stripped)."""
        key = _norm(matched)
        if key in self.terms:
            return self.terms[key]
        for cut in ("es", "s"):
            if key.endswith(cut) and key[: -len(cut)] in self.terms:
                return self.terms[key[: -len(cut)]]
        raise KeyError(matched)


#: Possessive country forms and the adjective the lexicon uses.
POSSESSIVE_ADJECTIVES = {
    "russia": "Russian",
    "ukraine": "Ukrainian",
    "belarus": "Belarusian",
    "britain": "British",
    "poland": "Polish",
    "lithuania": "Lithuanian",
    "latvia": "Latvian",
    "estonia": "Estonian",
    "germany": "German",
    "france": "French",
    "china": "Chinese",
    "taiwan": "Taiwanese",
    "america": "US",
    "romania": "Romanian",
    "moldova": "Moldovan",
    "finland": "Finnish",
    "sweden": "Swedish",
    "turkey": "Turkish",
    "japan": "Japanese",
    "kazakhstan": "Kazakh",
    "south korea": "South Korean",
    "north korea": "North Korean",
    "the united states": "US",
    "united states": "US",
    "iran": "Iranian",
    "israel": "Israeli",
    "india": "Indian",
    "norway": "Norwegian",
    "denmark": "Danish",
    "the netherlands": "Dutch",
    "netherlands": "Dutch",
    "italy": "Italian",
    "spain": "Spanish",
    "canada": "Canadian",
    "bulgaria": "Bulgarian",
    "hungary": "Hungarian",
    "slovakia": "Slovak",
    "czechia": "Czech",
    "georgia": "Georgian",
    "armenia": "Armenian",
    "azerbaijan": "Azerbaijani",
    "serbia": "Serbian",
    "moscow": "Russian",
    "kyiv": "Ukrainian",
    "minsk": "Belarusian",
    "warsaw": "Polish",
    "seoul": "South Korean",
    "pyongyang": "North Korean",
    "beijing": "Chinese",
    "taipei": "Taiwanese",
    "tokyo": "Japanese",
    "berlin": "German",
    "london": "British",
    "washington": "US",
}
_POSSESSIVE = re.compile(
    r"\b(" + "|".join(k.replace(" ", r"\s+") for k in POSSESSIVE_ADJECTIVES) + r")['’]s?(?=\s)",
    re.IGNORECASE,
)


def possessive_to_adjective(phrase: str) -> str:
    """ "Ukraine's Southern Operational Command" -> "Ukrainian Southern Operational Command"."""
    return _POSSESSIVE.sub(
        lambda m: POSSESSIVE_ADJECTIVES[" ".join(m.group(1).lower().split())], phrase
    )


def claimant_form(phrase: str) -> str:
    """A claimant phrase in the spelling claimants.csv uses (US spelling, adjectives)."""
    text = possessive_to_adjective(phrase)
    text = re.sub(r"\b(D|d)efence\b", lambda m: m.group(1) + "efense", text)
    text = re.sub(
        r"\bMinistry of (?:the )?(?:National )?(Defense|Foreign Affairs|Interior)\b",
        lambda m: ("Foreign" if m.group(1) == "Foreign Affairs" else m.group(1)) + " Ministry",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"\bU\.S\.(?=\s)", "US", text)
    return text


def lower(text: str) -> str:
    """``text`` in lower case with every offset kept (the rare characters whose lower case
    is longer, such as "İ", stay as they are). Match term/location/event patterns on this."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _norm(text: str) -> str:
    """Lookup form of a lexicon phrase: lower case, straight apostrophes, single spaces."""
    return " ".join(text.replace("’", "'").lower().split())


def _with_titled_acronym(key: str, part: str) -> str:
    """An acronym of four letters or more also matches as British copy writes it: "NATO" ->
    also "Nato", "NATO's" -> also "Nato's" (shorter ones, "US", "AP", stay as written)."""
    word = re.match(r"[A-Z]{4,}(?![a-z])", key)
    if not word:
        return part
    titled = word.group().capitalize() + key[word.end() :]
    alt = re.escape(titled).replace("'", "['’]")
    return f"(?:{part}|{alt})"


def _alternation(
    entries: dict[str, object], plural: set[str] | None = None, case_sensitive: bool = False
) -> re.Pattern[str]:
    """One regex matching any key as a whole word, longest first; plural keys take -s/-es."""
    parts = []
    for key in sorted(entries, key=len, reverse=True):
        body = re.escape(key).replace("'", "['’]").replace(r"\ ", r"\s+")
        if plural and key in plural:
            body += "(?:e?s)?"
        parts.append(body)
    if case_sensitive:
        # Short single words ("US", "AP", "Kyiv") must match as written; longer names such
        # as "Belarusian Defense Ministry" also match in any case ("defense ministry").
        keys = sorted(entries, key=len, reverse=True)
        parts = [
            f"(?i:{p})" if " " in k and len(k) > 8 else _with_titled_acronym(k, p)
            for k, p in zip(keys, parts, strict=True)
        ]
    # Case-insensitive lexicons are matched against lowered text (see ``lower``): patterns
    # without IGNORECASE run several times faster in Python's re.
    flags = 0
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", flags)


def read_rows(path: Path, expected: list[str] | None = None) -> list[dict[str, str]]:
    """Rows of one lexicon CSV, checked against its expected header (default: HEADERS's)."""
    expected = expected or HEADERS[path.name]
    if not path.exists():
        raise LexiconError(f"{path}: lexicon file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [ln for ln in handle if ln.strip() and not ln.lstrip().startswith("#")]
    reader = csv.reader(lines)
    header = next(reader, None)
    if header != expected:
        raise LexiconError(f"{path}: header is {header}, expected {expected}")
    rows = []
    for number, row in enumerate(reader, start=2):
        if len(row) != len(expected):
            raise LexiconError(
                f"{path}: entry {number} has {len(row)} fields, expected {len(expected)}: {row}"
            )
        values = {k: v.strip() for k, v in zip(expected, row, strict=True)}
        if not values[expected[0]]:
            raise LexiconError(f"{path}: entry {number} has an empty {expected[0]}")
        values["_line"] = str(number)
        rows.append(values)
    return rows


def load_lexicons(directory: Path) -> Lexicons:
    """Read and check all five lexicon files in ``directory``."""
    terms: dict[str, Term] = {}
    for row in read_rows(directory / "categories.csv"):
        where = f"{directory / 'categories.csv'}: entry {row['_line']}"
        if row["category"] not in CATEGORIES:
            raise LexiconError(f"{where}: unknown category {row['category']!r}")
        if row["kind"] not in TERM_KINDS:
            raise LexiconError(f"{where}: kind must be one of {TERM_KINDS}, not {row['kind']!r}")
        terms[_norm(row["term"])] = Term(
            row["term"], row["category"], row["subcategory"] or None, row["kind"]
        )
    claimants: dict[str, Claimant] = {}
    for row in read_rows(directory / "claimants.csv"):
        if row["claimant_type"] not in CLAIMANT_TYPES:
            raise LexiconError(
                f"{directory / 'claimants.csv'}: entry {row['_line']}: unknown "
                f"claimant_type {row['claimant_type']!r}"
            )
        claimants[row["alias"]] = Claimant(
            row["alias"], row["canonical"], row["claimant_type"], row["side"] or None
        )
    sides: dict[str, tuple[str, str]] = {}
    side_codes: dict[str, str] = {}
    for row in read_rows(directory / "sides.csv"):
        if not _CODE.match(row["side_code"]):
            raise LexiconError(
                f"{directory / 'sides.csv'}: entry {row['_line']}: side_code "
                f"{row['side_code']!r} must be capitals joined by '+'"
            )
        sides[row["term"]] = (row["side"], row["side_code"])
        side_codes.setdefault(row["side"], row["side_code"])
    locations: dict[str, Location] = {}
    parents: dict[str, str | None] = {}
    for row in read_rows(directory / "locations.csv"):
        for col in ("location_key", "subject_key"):
            if not _KEY.match(row[col] or row["location_key"]):
                raise LexiconError(
                    f"{directory / 'locations.csv'}: entry {row['_line']}: {col} "
                    f"{row[col]!r} must be letters only (CamelCase)"
                )
        loc = Location(
            row["alias"],
            row["location_key"],
            row["parent_key"] or None,
            row["subject_key"] or row["location_key"],
        )
        locations[_norm(row["alias"])] = loc
        if parents.get(loc.location_key) is None:
            parents[loc.location_key] = loc.parent_key
    events: dict[str, Event] = {}
    for row in read_rows(directory / "events.csv"):
        for col in ("start", "end"):
            if row[col] and not _DATE.match(row[col]):
                raise LexiconError(
                    f"{directory / 'events.csv'}: entry {row['_line']}: {col} "
                    f"{row[col]!r} is not YYYY-MM-DD"
                )
        events[_norm(row["alias"])] = Event(
            row["alias"],
            row["canonical"],
            row["side"] or None,
            row["location_key"] or None,
            row["start"] or None,
            row["end"] or None,
        )
    return Lexicons(terms, claimants, sides, side_codes, locations, parents, events)


def get_lexicons(directory: Path | None = None) -> Lexicons:
    """The lexicons of ``directory`` (default: ``Settings().lexicon_dir``, i.e.
    FORCERECON_LEXICONS or the packaged folder), loaded once per process and folder."""
    if directory is None:
        from forcerecon.settings import Settings

        directory = Settings().lexicon_dir
    return _cached_lexicons(Path(directory).resolve())


@lru_cache(maxsize=4)
def _cached_lexicons(directory: Path) -> Lexicons:
    if not directory.is_dir():
        raise LexiconError(
            f"{directory}: lexicon folder not found (set by FORCERECON_LEXICONS, or the "
            f"packaged {LEXICON_DIR})"
        )
    return load_lexicons(directory)
