"""Claimant names: the canonical form and type of a claimant phrase, and the nationality
an article supplies to a claimant that names none.

Names are made canonical with claimants.csv (the longest alias inside the phrase); a phrase
not in the lexicon is kept as written and typed by its words (media, intelligence,
think_tank, government, military, official_person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from forcerecon.extract.lexicon import Lexicons, claimant_form, possessive_to_adjective
from forcerecon.extract.temporal import MONTH_NUM

_TRAIL = re.compile(
    r"\s+(?:reports?|estimates?|data|figures?|assessments?|statements?|calculations?|"
    r"information)$",
    re.IGNORECASE,
)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = tuple(max((k for k, v in MONTH_NUM.items() if v == n), key=len) for n in range(1, 13))
#: Words that head a clause or tag a headline but name no one: "Most estimates have put ...",
#: "... in the area: Report".
_NOT_NAMES = ("report", "reports", "most", "many", "some", "several", "others", "few", "all")
_NOT_CLAIMANTS = frozenset(_WEEKDAYS + _MONTHS + _NOT_NAMES)
_NATIONAL_BODY = re.compile(r"^([A-Z][\w.-]+)\s+(?:officials|authorities|government)$")

_TYPE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"intelligence|\bspy\b|\bspies\b", re.I), "intelligence"),
    (
        re.compile(
            r"institute|think[- ]tank|analysts?\b|experts?\b|researchers?|\bISW\b|"
            r"observers|monitors",
            re.I,
        ),
        "think_tank",
    ),
    (
        re.compile(
            r"media|outlets?\b|newspaper|agency\b|\bTV\b|television|news\b|reporters|"
            r"journalists|press\b|broadcaster|channel|magazine|times\b|post\b|bloggers?\b|"
            r"milbloggers?|commentators|correspondents",
            re.I,
        ),
        "media",
    ),
    (
        re.compile(r"\bNATO\b|United Nations|\bUN\b|\bEU\b|\bOSCE\b|alliance", re.I),
        "international_org",
    ),
    (
        re.compile(
            r"\b(?:chief|minister|spokes\w+|president|secretary|head|director|ambassador|envoy|"
            r"advis[eo]r|official|commander|general|governor|mayor|lawmaker|senator)$",
            re.I,
        ),
        "official_person",
    ),
    (
        re.compile(
            r"general staff|army|military|command\b|forces|commander|navy|armed|\bguards?\b", re.I
        ),
        "military",
    ),
    (
        re.compile(
            r"ministry|government|authorities|officials|kremlin|white house|department|"
            r"administration|council|parliament|embassy|sources?\b",
            re.I,
        ),
        "government",
    ),
)


@dataclass(frozen=True)
class Attribution:
    """Who asserts a figure; ``start``/``end`` locate the phrase in the sentence (or -1)."""

    claimant: str
    claimant_type: str
    verb: str = ""
    start: int = -1
    end: int = -1
    #: the date of the statement when it was made in an earlier sentence ("..., the ministry
    #: said on Friday. It said ..."): the later figures hold as of that day too
    as_of: str | None = None


_ENVOY_OF = re.compile(r"\b(?:envoy|ambassador|representative|delegate)s?\s+(?:to|at)\b", re.I)


def canonical_claimant(phrase: str, lex: Lexicons) -> tuple[str, str]:
    """(canonical name, claimant_type) of a claimant phrase, via claimants.csv or its words.

    The phrase is first put in the lexicon's spelling: "Britain's defence ministry" ->
    "British defense ministry", "Ministry of Defence" -> "Defense Ministry".
    """
    original = _TRAIL.sub("", possessive_to_adjective(phrase))
    phrase = _TRAIL.sub("", claimant_form(phrase))
    if _ENVOY_OF.search(phrase):  # "US envoy to the OSCE": a person, not the OSCE
        return _clean(original), "official_person"
    best = None
    for m in lex.claimant_re.finditer(phrase):
        if best is None or len(m.group()) > len(best.group()):
            best = m
    if best is not None:
        entry = lex.claimant_of(best.group())
        if entry.claimant_type == "official_person" or len(best.group()) >= 0.5 * len(phrase):
            return entry.canonical, entry.claimant_type
        if _TITLED_PERSON.search(phrase):  # "NATO's Supreme Allied Commander, Gen. X Y"
            return _clean(original), "official_person"
        if entry.canonical.endswith(" government") and _type_of(phrase) is not None:
            # "senior US sources": a body of that country, not its government as such
            return _clean(original), _type_of(phrase) or entry.claimant_type
        if entry.claimant_type in ("government", "military", "international_org"):
            # "Russian state media" is not "Russian government": type by the phrase's words.
            kind = _type_of(phrase)
            if kind in (None, entry.claimant_type):
                return entry.canonical, entry.claimant_type
        else:
            return entry.canonical, entry.claimant_type
    ministry = _MINISTRY_OF.match(_clean(phrase))
    if ministry:  # "Moldovan defence ministry", "Japan's defense white paper"
        return f"{ministry.group(1)} {ministry.group(2).title()} Ministry", "government"
    name = _clean(original)
    national = _NATIONAL_BODY.match(_clean(phrase))
    if national and national.group(1) in lex.sides:
        return f"{national.group(1)} government", "government"
    if re.fullmatch(r"(?:[A-Z][\w.-]*\s+)?[A-Z]\w*", name) and name.lower() in _NOT_CLAIMANTS:
        return "", ""
    return name, _type_of(name) or ("official_person" if _looks_like_person(name) else "government")


#: "<Nationality> defense ministry" / "<Nationality> (2022) defense white paper" -> the
#: ministry, for nationalities claimants.csv does not list.
_MINISTRY_OF = re.compile(
    r"^([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:\d{4}\s+)?(defense|foreign|interior)\s+"
    r"(?:ministry|white\s+paper|review|yearbook)$",
    re.IGNORECASE,
)
#: A title followed by a personal name: the phrase names a person, not the body in it.
_TITLED_PERSON = re.compile(
    r"\b(?:[Cc]ommander|[Gg]eneral|Gen\.|[Aa]dmiral|Adm\.|[Mm]inister|[Cc]hief|[Dd]irector|"
    r"[Ss]ecretary|[Ss]pokes\w+|[Cc]olonel|Col\.|[Aa]mbassador|[Pp]resident)\s+"
    r"(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]+$"
)


def _type_of(phrase: str) -> str | None:
    for pattern, kind in _TYPE_RULES:
        if pattern.search(phrase):
            return kind
    return None


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words[-2:])


def _clean(phrase: str) -> str:
    text = " ".join(phrase.replace("’", "'").split()).strip(" ,.;:'\"“”")
    text = re.sub(r"^(?:the|a|an|one|two|three|four|several)\s+(?=\w)", "", text, flags=re.I)
    return text


#: A claimant that names no nationality: "officials", "a senior defense official",
#: "Ministry of National Defense", "the defence ministry".
_NATIONLESS = re.compile(
    r"^(?:(?:senior|top|high-ranking|defen[cs]e|military|administration|government|"
    r"security)\s+)*(?:officials?|sources?)$|^(?:Ministry\s+of\s+(?:National\s+)?"
    r"Defen[cs]e|(?:National\s+)?Defen[cs]e\s+Ministry|defen[cs]e\s+ministry|"
    r"General\s+Staff|Foreign\s+Ministry)$",
    re.IGNORECASE,
)
#: A possessive that stands for the article's country: "the island's defence ministry".
_PLACE_POSSESSIVE = re.compile(r"^(?:the\s+)?(?:island|country|nation)['’]s\s+", re.IGNORECASE)
#: A dateline city in capitals at the start of a paragraph: "WASHINGTON (AP) —", "SEOUL, Feb.".
_DATELINE_CITY = re.compile(
    r"^([A-Z][A-Z'’-]{2,20}(?:\s[A-Z][A-Z'’-]{2,20})?)\b(?=[,(\s—–:-])", re.M
)


def dateline_adjective(text: str) -> str | None:
    """The nationality of the article's dateline capital ("WASHINGTON" -> "US"), if any."""
    from forcerecon.extract.lexicon import POSSESSIVE_ADJECTIVES

    m = _DATELINE_CITY.search(text[:1500])
    return POSSESSIVE_ADJECTIVES.get(m.group(1).lower()) if m else None


def needs_nationality(claimant: str) -> bool:
    """Whether a claimant names no nationality the article could supply (see below)."""
    return bool(claimant) and bool(_PLACE_POSSESSIVE.match(claimant) or _NATIONLESS.match(claimant))


def qualify_claimant(att: Attribution, nationality: str | None, lex: Lexicons) -> Attribution:
    """A claimant that names no nationality, given the one the article implies ("officials"
    in a story datelined WASHINGTON -> "US officials"; "the island's defence ministry" in a
    story about Taiwan -> "Taiwanese Defense Ministry"); unchanged when none is implied."""
    if not nationality or not att.claimant:
        return att
    name = att.claimant
    if _PLACE_POSSESSIVE.match(name):
        name = _PLACE_POSSESSIVE.sub("", name)
    elif not _NATIONLESS.match(name):
        return att
    words = name.split()
    at = next((i for i, w in enumerate(words) if w.lower() not in _RANKS), 0)
    phrase = " ".join([*words[:at], nationality, *words[at:]])
    canonical, kind = canonical_claimant(phrase, lex)
    return replace(att, claimant=canonical or phrase, claimant_type=kind or att.claimant_type)


_RANKS = frozenset(["senior", "top", "high-ranking"])


#: Where the clause holding a figure begins (cues before it belong to another clause).


#: A bracketed gloss after an outlet's name: "news.by (Belarusian state TV ...)",
#: "WHTC (Reuters wire)".
_OUTLET_GLOSS = re.compile(r"\s*\((?P<gloss>[^()]*)\)\s*$")
_WIRE = re.compile(r"(?:via\s+)?(?P<wire>[A-Z][\w.&'’ -]*?)\s+wire(?:\s+service)?", re.IGNORECASE)


def outlet_claimant(outlet: str | None) -> str:
    """The claimant of a figure the article states on its own: the outlet by its name, without
    a bracketed gloss (SCHEME.md: "no bracketed glosses or '(via X)'"); a station that runs
    wire copy ("WHTC (Reuters wire)") passes on the wire's figure, so the wire is named."""
    if not outlet:
        return "unknown outlet"
    m = _OUTLET_GLOSS.search(outlet)
    if not m or m.start() == 0:
        return outlet
    wire = _WIRE.fullmatch(m.group("gloss").strip())
    return wire.group("wire") if wire else outlet[: m.start()].strip()
