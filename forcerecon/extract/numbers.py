"""Find numeric expressions in text and read their value, bounds and qualifier.

This module knows nothing about what is counted: it turns "up to 9,000", "some 170",
"between 5 and 7", "1.5 million", "30k", "two hundred", "a dozen", "tens of thousands"
into a :class:`NumberMention` with the SCHEME qualifier and bounds. It also rejects numbers
that are plainly not counts (parts of model names such as S-400 or 9K720, dates such as
"Feb. 10" or "10/17/2022", years such as "in 2022", ordinals, "four-way", money).
Deciding whether a count is a force figure is the job of :mod:`forcerecon.extract.figures`.

Qualifier words (SCHEME.md):
  approximate  about, around, some, roughly, (an) estimated, nearly, almost, approximately,
               close to, circa, or so (after)
  upper_bound  up to, as many as, no/not more than, fewer/less than, at most, a maximum of,
               under, below, just under, as much as
  lower_bound  at least, more than, over, well/just over, in excess of, upwards of,
               no fewer/less than, not less than, a minimum of, above, exceeding,
               or more / -plus / + (after)
  range        "127,000-130,000", "127,000 to 130,000", "between 5 and 7", "from 90,000 to
               100,000", "five or six"
  vague        magnitudes without a figure, with the bounds in ``VAGUE_BOUNDS``
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from text_to_num import text2num

from forcerecon.extract.lexicon import lower

#: Vague magnitudes and the bounds they allow. The first seven are SCHEME.md's; the others
#: follow the same reading ("several" = 3 or more, "a few" = 2 to 5 of the unit).
VAGUE_BOUNDS: dict[str, tuple[float, float]] = {
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "several hundred thousand": (300_000, 999_999),
    "a few hundred thousand": (200_000, 500_000),
    "several thousand": (3_000, 9_999),
    "a few thousand": (2_000, 5_000),
    "several hundred": (300, 999),
    "a few hundred": (200, 500),
    "several dozen": (36, 99),
    "a few dozen": (24, 60),
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
}

QUALIFIER_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "an estimated",
            "estimated",
            "approximately",
            "roughly",
            "around",
            "about",
            "nearly",
            "almost",
            "close to",
            "some",
            "circa",
            "approx.",
            "an approximate",
            "just about",
            "an expected",
        ],
        "approximate",
    ),
    **dict.fromkeys(
        [
            "up to",
            "as many as",
            "no more than",
            "not more than",
            "fewer than",
            "less than",
            "at most",
            "a maximum of",
            "maximum of",
            "under",
            "below",
            "just under",
            "as much as",
            "as high as",
            "does not exceed",
            "do not exceed",
            "did not exceed",
            "not exceeding",
        ],
        "upper_bound",
    ),
    **dict.fromkeys(
        [
            "at least",
            "more than",
            "over",
            "well over",
            "just over",
            "in excess of",
            "upwards of",
            "no fewer than",
            "no less than",
            "not less than",
            "a minimum of",
            "above",
            "exceeding",
            "some more than",
            "well above",
        ],
        "lower_bound",
    ),
}
TRAILING_QUALIFIERS = {
    "or more": "lower_bound",
    "plus": "lower_bound",
    "+": "lower_bound",
    "or so": "approximate",
}

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MONTHS = (
    "jan",
    "feb",
    "fe",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: Words right before a bare four-digit number that make it a year ("in 2022").
YEAR_CUES = {
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "of",
    "early",
    "late",
    "mid",
    "year",
    "fiscal",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "the",
    "before",
    "after",
    "during",
    "through",
    "and",
    "to",
    "between",
}

_W = r"(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")"
_WORD = rf"(?:{_W}(?:-{_W})?|hundred|thousand|million|billion|dozen)"
_WORDNUM = (  # the longest reading first: "one hundred and thirty thousand", not "one hundred"
    rf"(?:{_WORD}(?:(?:\s+and\s+|\s+|-){_WORD})*"
    rf"|(?:half\s+a|a|one)\s+(?:dozen|hundred|thousand|million)\b)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s+(?:hundred|thousand|million|billion)\b|\s?(?:mn|bn)\b|k(?![\w]))"
_NUM = rf"(?:{_DIGITS}{_SCALE}?|{_WORDNUM}(?!\w|-(?!to-|plus\b)))"
_QUAL = "|".join(
    re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIER_WORDS, key=len, reverse=True)
)
_VAGUE = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE_BOUNDS, key=len, reverse=True)
)
_PERCENT = r"(?:\s*%|\s+per\s*cent\b|\s+percent\b)"

NUMBER_RE = re.compile(
    rf"""(?<![\w/$€£#:.,’'-])(?:
        (?P<between>between)\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})(?P<bpct>{_PERCENT})?
      | (?P<from>from)\s+(?P<f1>{_NUM})\s+to\s+(?P<f2>{_NUM})(?P<fpct>{_PERCENT})?
      | (?P<vague>{_VAGUE})(?![\w-])
      | (?:(?P<qual>{_QUAL})[\"”’]?\s+)?
        (?P<n1>{_NUM})(?:\s*(?:-|–|—|to|or)\s*(?P<n2>{_NUM})|-to-(?P<n3>{_NUM}))?
        (?P<pct>{_PERCENT})?
        (?P<trail>\s+or\s+more\b|\s+or\s+so\b|-plus\b|\+)?
    )""",
    re.VERBOSE,  # matched against lowered text: see lexicon.lower
)
_SINGLE_WORDS = set(UNITS) | {"hundred", "thousand", "million", "dozen"}


@dataclass(frozen=True)
class NumberMention:
    """One numeric expression: its span (qualifier included), value bounds and qualifier."""

    start: int
    end: int
    low: float | None
    high: float | None
    qualifier: str
    value: float  # the figure itself (the high end of a range)
    percent: bool = False
    strong: bool = False  # "30,000-strong"
    has_own_qualifier: bool = False  # a qualifier word was written next to this number
    is_word: bool = False  # written in words ("twelve")


def words_to_number(text: str) -> float:
    """Value of a number written in words: "two hundred and fifty" -> 250, "a dozen" -> 12.

    Cardinal words are read by text2num (declared dependency; strict English number
    grammar); the forms it does not read ("a dozen", "half a million", "one and two") by
    the small reader below."""
    try:
        return float(text2num(" ".join(text.lower().split()), "en"))
    except ValueError:
        pass
    words = re.split(r"[\s-]+", text.lower().strip())
    total, current = 0.0, 0.0
    half = False
    for word in words:
        if word in ("and", ""):
            continue
        if word == "half":
            half = True
        elif word in ("a", "one") and current == 0:
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            raise ValueError(f"not a number word: {word!r} in {text!r}")
    value = total + current
    return value / 2 if half else value


def parse_number(text: str) -> float:
    """Value of one number: digits with separators/decimals and scale ("1.5 million", "30k")
    or number words."""
    t = " ".join(text.lower().split())
    m = _DIGITS_SCALE.match(t)
    if not m:
        return words_to_number(t)
    value = float(m.group(1).replace(",", ""))
    scale = m.group(2).strip()
    factor = {"": 1, "k": 1_000, "mn": 1_000_000, "bn": 1_000_000_000}.get(scale)
    if factor is None:
        factor = SCALES[scale]
    return value * factor


def _has_scale(text: str) -> bool:
    return bool(re.search(r"(?:thousand|million|billion|mn|bn|k)$", text.strip(), re.I))


def _clean(value: float) -> float:
    return float(round(value, 6))


_DIGITS_SCALE = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(.*)$")
_GLUED_AFTER = re.compile(r"[\w/]|-(?!strong\b|plus\b)[A-Za-z]|\.\d|:\d")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s*$")
#: A month name that ends a sentence: a full name with a period, or a line break after it.
_SENTENCE_END_AFTER_MONTH = re.compile(r"(?:[A-Za-z]{5,}\.\s+|\n\s*)$")
_YEAR = re.compile(r"(19|20)\d\d")
_YEAR_CUE_BEFORE = re.compile(r"([\w’']+)[\s,]*$")
_CLAUSE_END = re.compile(r"\s*[,.;)]")


def _rejected(text: str, m: re.Match[str]) -> bool:
    """True when the match is a model number, date, year, ordinal, money or hyphen word."""
    start, end = m.start(), m.end()
    after = text[end : end + 12]
    before = text[max(0, start - 14) : start]
    if _GLUED_AFTER.match(after):
        return True  # 9K720, 1st, 10/17, four-way, 10:30
    prev = _WORD_BEFORE.search(before)
    if (
        prev
        and prev.group(1).lower() in MONTHS
        and m.group("n1")
        and m.group("n1")[0].isdigit()
        and not m.group("qual")
        and not _SENTENCE_END_AFTER_MONTH.search(before)
    ):
        return True  # Feb. 10, February 3 (not "... in September. 20,000 troops")
    n1 = m.group("n1")
    if n1 and _YEAR.fullmatch(n1) and not m.group("qual") and not m.group("pct"):
        word = _YEAR_CUE_BEFORE.search(before)
        if not word or word.group(1).lower() in YEAR_CUES or word.group(1)[:1].isupper():
            return True  # in 2022, Union Resolve 2022
        if _CLAUSE_END.match(after) or not after.strip():
            return True
    return False


def find_numbers(
    text: str, start: int = 0, end: int | None = None, low: str | None = None
) -> list[NumberMention]:
    """Every numeric expression in ``text[start:end]`` that could be a count, in order
    (offsets are into ``text``). ``low`` is ``lexicon.lower(text)`` when the caller has it."""
    found: list[NumberMention] = []
    low = lower(text) if low is None else low
    for m in NUMBER_RE.finditer(low, start, len(text) if end is None else end):
        if _rejected(text, m):
            continue
        mention = _mention(m)
        topic = m.group("qual") and _ABOUT_TOPIC.search(low, max(0, m.start() - 40), m.start())
        if mention is not None and topic:
            mention = _topic(mention, m)  # "spoke about 300,000 people": a topic, exact
        if mention is not None:
            found.append(mention)
    return with_magnitudes(low, found, start, end)


#: Scale words beyond the ones counts use ("1.5 quadrillion troops" is 1.5e15, not 1.5).
BIG_SCALES = {
    "trillion": 1e12,
    "quadrillion": 1e15,
    "quintillion": 1e18,
    "sextillion": 1e21,
    "septillion": 1e24,
    "octillion": 1e27,
    "nonillion": 1e30,
    "decillion": 1e33,
}
_MAGNITUDE_RE = re.compile(
    rf"(?<![\w.,])(?P<base>\d+(?:\.\d+)?)(?:\s*(?:\^|\*\*)\s*(?P<exp>\d+)\b"
    rf"|\s+(?P<scale>{'|'.join(BIG_SCALES)})\b)"
)


def with_magnitudes(
    low: str, found: list[NumberMention], start: int = 0, end: int | None = None
) -> list[NumberMention]:
    """``found`` with powers ("10^400") and big scale words ("1.5 quadrillion") read whole:
    their real value (inf beyond a float), so validation can reject an implausible figure
    instead of the extraction keeping "400" or "1.5" of it."""
    magnitudes = []
    for m in _MAGNITUDE_RE.finditer(low, start, len(low) if end is None else end):
        base = float(m.group("base"))
        if m.group("exp") is not None:
            exponent = int(m.group("exp"))
            too_big = base > 1 and exponent * math.log10(base) > 308
            value = math.inf if too_big else base**exponent
        else:
            value = base * BIG_SCALES[m.group("scale")]
        magnitudes.append(_bounded(m.start(), m.end(), value, "exact", False, False, False, False))
    if not magnitudes:
        return found
    kept = [f for f in found if not any(f.start < g.end and g.start < f.end for g in magnitudes)]
    return sorted(kept + magnitudes, key=lambda f: f.start)


#: A verb of speaking right before "about": the number is the topic, not an approximation.
_ABOUT_TOPIC = re.compile(
    r"\b(?:spoke|speak|speaks|speaking|spoken|talked|talk|talks|talking|asked|wrote|writes|"
    r"warned|worried|knew|know|learned|heard|told\s+\w+)\s+$"
)


def _topic(mention: NumberMention, m: re.Match[str]) -> NumberMention:
    """The mention without its "about": the count as stated, exact."""
    if " ".join(m.group("qual").split()) != "about":
        return mention
    start = m.start("n1")
    return _bounded(
        start, mention.end, mention.value, "exact", False, mention.percent, mention.strong,
        mention.is_word,
    )  # fmt: skip


def _mention(m: re.Match[str]) -> NumberMention | None:
    start, end = m.start(), m.end()
    if m.group("vague"):
        low, high = VAGUE_BOUNDS[" ".join(m.group("vague").lower().split())]
        return NumberMention(start, end, low, high, "vague", high)
    if m.group("between") or m.group("from"):
        a, b = (
            (m.group("b1"), m.group("b2")) if m.group("between") else (m.group("f1"), m.group("f2"))
        )
        pct = bool(m.group("bpct") or m.group("fpct"))
        return _range(start, end, a, b, pct)
    n1, n2 = m.group("n1"), m.group("n2") or m.group("n3")
    is_word = not n1[0].isdigit()
    if is_word and n1.lower() == "a" and not n2:
        return None
    if n2:
        rng = _range(start, end, n1, n2, bool(m.group("pct")))
        if rng is None or m.group("qual"):
            return None  # "up to 5-7": too unusual to read safely
        return rng
    try:
        value = _clean(parse_number(n1))
    except (ValueError, KeyError):
        return None
    qualifier, own = "exact", False
    if m.group("qual"):
        qualifier, own = QUALIFIER_WORDS[" ".join(m.group("qual").lower().split())], True
    trail = (m.group("trail") or "").strip().lower()
    if trail:
        trail_key = "plus" if trail.endswith("plus") else " ".join(trail.split())
        qualifier, own = TRAILING_QUALIFIERS[trail_key], True
    strong = m.string[end : end + 7].lower() == "-strong"
    return _bounded(start, end, value, qualifier, own, bool(m.group("pct")), strong, is_word)


def _bounded(
    start: int,
    end: int,
    value: float,
    qualifier: str,
    own: bool,
    percent: bool,
    strong: bool,
    is_word: bool,
) -> NumberMention:
    low = None if qualifier == "upper_bound" else value
    high = None if qualifier == "lower_bound" else value
    return NumberMention(start, end, low, high, qualifier, value, percent, strong, own, is_word)


def _range(start: int, end: int, a: str, b: str, percent: bool = False) -> NumberMention | None:
    try:
        high = parse_number(b)
        low = parse_number(a)
    except (ValueError, KeyError):
        return None
    if _has_scale(b) and not _has_scale(a) and low < 1000 <= high:
        low *= high / parse_number(
            re.sub(r"\s*(thousand|million|billion|mn|bn|k)$", "", b, flags=re.I) or "1"
        )
    if not low < high:
        return None  # "10-10", or "24 to 7": not a range of counts
    return NumberMention(
        start,
        end,
        _clean(low),
        _clean(high),
        "range",
        _clean(high),
        percent=percent,
        has_own_qualifier=True,
    )


def adopt_qualifier(mention: NumberMention, qualifier: str) -> NumberMention:
    """The same number read with a qualifier shared from an earlier list item."""
    low = None if qualifier == "upper_bound" else mention.value
    high = None if qualifier == "lower_bound" else mention.value
    return NumberMention(
        mention.start,
        mention.end,
        low,
        high,
        qualifier,
        mention.value,
        mention.percent,
        mention.strong,
        False,
        mention.is_word,
    )
