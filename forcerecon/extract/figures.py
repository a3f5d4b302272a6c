"""Decide which numbers are force figures and what they count.

A number is a figure only when the words right after it name a military force item from
categories.csv ("30,000 Russian troops", "two units of the S-400 missile defense system",
"70 percent of the military people ..."). Durations, distances, diplomats, countries and the
like stop the search ("ten days", "19 foreign military attachés"), so they never become
figures. The category comes from the item's terms: a model designation (S-400, Su-35) wins;
otherwise the head noun before "of"/"and" (``artillery pieces and mortars`` -> artillery);
a measure word ("units of", "pieces of") takes the category of its complement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forcerecon.extract.lexicon import Lexicons, Term, lower
from forcerecon.extract.numbers import NumberMention

#: Words that end the noun phrase after a number (prepositions, verbs, conjunctions).
STOP_WORDS = frozenset(
    [
        "in",
        "into",
        "to",
        "at",
        "across",
        "from",
        "on",
        "for",
        "with",
        "by",
        "near",
        "along",
        "around",
        "surrounding",
        "toward",
        "towards",
        "inside",
        "within",
        "outside",
        "under",
        "over",
        "through",
        "throughout",
        "between",
        "against",
        "after",
        "before",
        "during",
        "since",
        "per",
        "according",
        "including",
        "such",
        "have",
        "has",
        "had",
        "were",
        "are",
        "is",
        "was",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "should",
        "shall",
        "did",
        "do",
        "does",
        "said",
        "says",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "while",
        "when",
        "where",
        "as",
        "than",
        "if",
        "but",
        "because",
        "so",
        "also",
        "already",
        "now",
        "then",
        "there",
        "here",
        "could",
        "its",
        "their",
        "this",
        "these",
        "those",
        "it",
        "they",
        "he",
        "she",
        "we",
        "you",
        "reportedly",
        "currently",
    ]
)
#: Nouns that make a number something other than a force figure.
NOT_FORCE = frozenset(
    [
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "hour",
        "hours",
        "minute",
        "minutes",
        "second",
        "seconds",
        "decade",
        "decades",
        "century",
        "centuries",
        "km",
        "kilometer",
        "kilometers",
        "kilometre",
        "kilometres",
        "mile",
        "miles",
        "meter",
        "meters",
        "metre",
        "metres",
        "foot",
        "feet",
        "yard",
        "yards",
        "times",
        "time",
        "diplomat",
        "diplomats",
        "attache",
        "attaches",
        "attaché",
        "attachés",
        "country",
        "countries",
        "nation",
        "nations",
        "state",
        "states",
        "side",
        "sides",
        "party",
        "parties",
        "people",
        "civilians",
        "civilian",
        "residents",
        "refugees",
        "children",
        "women",
        "journalists",
        "reporters",
        "dollars",
        "euros",
        "rubles",
        "roubles",
        "hryvnia",
        "percent",
        "round",
        "rounds",
        "stage",
        "stages",
        "phase",
        "phases",
        "point",
        "points",
        "way",
        "ways",
        "member",
        "members",
        "delegates",
        "talks",
        "meetings",
        "meeting",
        "episode",
        "episodes",
        "killed",
        "wounded",
        "dead",
        "casualties",
        "injured",
        "captured",
        "prisoners",
        "pows",
        "bodies",
        "lives",
        "article",
        "articles",
        "page",
        "pages",
        "photo",
        "photos",
        "comments",
        "shares",
        "views",
    ]
)
#: Words that, after "of", show a share counts a force ("70 percent of the military ...").
FORCE_WORDS = re.compile(
    r"\b(?:forces?|army|armies|military|troops?|personnel|weaponry|equipment|combat|"
    r"capabilit\w*|units?|battalion\w*|arsenal|fleet|aviation)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\w][\w’'.-]*[\w]|[\w]|\S")
_DETERMINERS = frozenset(
    ["the", "its", "their", "his", "her", "our", "these", "those", "them", "russia's"]
)
_LOSS_BEFORE = re.compile(
    r"\b(?:killed|killing|kill|lost|losing|lose|destroyed|destroying|destroy|downed|"
    r"shot\s+down|captured|eliminated|wounded|casualties\s+of|losses\s+of|death\s+toll\s+of)"
    r"\s+(?:(?:at\s+least|about|around|some|more\s+than|over|nearly|up\s+to|an\s+estimated)"
    r"\s+)?$",
    re.IGNORECASE,
)
_LOSS_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:(?:were|was|have\s+been|had\s+been|has\s+been|being|are)\s+)?"
    r"(?:killed|wounded|injured|captured|destroyed|dead|died|lost|shot\s+down|missing|"
    r"taken\s+prisoner|eliminated)\b",
    re.IGNORECASE,
)
_STRONG_NOUNS = re.compile(
    r"-strong\s+(?:[\w-]+\s+){0,2}?(force|forces|contingent|army|grouping|group|troops|"
    r"garrison|unit|corps)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A number that counts a force item, with what it counts."""

    number: NumberMention
    category: str
    subcategory: str | None
    item: str
    item_start: int
    item_end: int


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [
        (m.group(), start + m.start(), start + m.end()) for m in _TOKEN.finditer(text, start, end)
    ]


def _window(text: str, pos: int, limit: int, max_tokens: int = 10) -> tuple[int, int, bool]:
    """Start/end of the noun phrase that follows a number, and whether it begins with "of".

    The phrase stops at punctuation, a stop word, another number, or after ``max_tokens``.
    "of" and "and" are let through; the caller decides how far they go.
    """
    toks = [m for m in _TOKEN.finditer(text, pos, limit)][: max_tokens + 2]
    i, began_of = 0, False
    if toks and toks[0].group().lower() == "of":
        began_of = True
        i = 1
        if i < len(toks) and toks[i].group().lower() in _DETERMINERS:
            i += 1
    start = toks[i].start() if i < len(toks) else pos
    end = start
    for tok in toks[i : i + max_tokens]:
        word = tok.group()
        low = word.lower()
        if not word[0].isalnum() or low in STOP_WORDS or re.fullmatch(r"[\d.,]+", word):
            break
        end = tok.end()
    return start, end, began_of


def _split_head(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Cut the phrase into parts at " of " and " and "/" or ": [(start, end, joiner)]."""
    parts, cur = [], start
    for m in re.finditer(r"\s+(of|and|or|&)\s+", text[start:end]):
        parts.append((cur, start + m.start(), m.group(1).lower()))
        cur = start + m.end()
    parts.append((cur, end, ""))
    return parts


def classify(text: str, number: NumberMention, limit: int, lex: Lexicons) -> Figure | None:
    """The figure a number states, or None when it does not count a force item.

    ``limit`` is where the item must end: the end of the sentence or the start of the next
    number in it (so "five ranges and four airfields" gives two items).
    """
    fig = _classify(text, number, limit, lex)
    if fig is None or _is_casualty_or_loss(text, number, fig):
        return None
    return fig


def _is_casualty_or_loss(text: str, number: NumberMention, fig: Figure) -> bool:
    """Losses and casualties ("300 soldiers were killed", "destroyed 40 tanks") count what a
    force lost, not what it has: they are not force figures."""
    before = text[max(0, number.start - 40) : number.start]
    after = text[fig.item_end : fig.item_end + 40]
    return bool(_LOSS_BEFORE.search(before) or _LOSS_AFTER.match(after))


def _classify(text: str, number: NumberMention, limit: int, lex: Lexicons) -> Figure | None:
    pos = number.end
    if number.strong:
        m = _STRONG_NOUNS.match(text, pos, limit)
        if not m:
            return None
        return Figure(number, "personnel", None, m.group(1), m.start(1), m.end(1))
    if number.percent:
        return _share(text, number, limit, lex)
    w_start, w_end, began_of = _window(text, pos, limit)
    if w_end <= w_start:
        return None
    if began_of and number.is_word and number.value == 1:
        return None  # "one of the ..."
    first_word = text[w_start:w_end].split()[0].lower().strip("’'")
    if first_word in NOT_FORCE:
        return None
    parts = _split_head(text, w_start, w_end)
    found: list[list[tuple[Term, int, int]]] = []
    for p_start, p_end, _ in parts:
        found.append(
            [
                (lex.term_of(m.group()), p_start + m.start(), p_start + m.end())
                for m in lex.term_re.finditer(lower(text[p_start:p_end]))
            ]
        )
    # Coordinated modifiers ("Russian and Belarusian troops"): the first part names no
    # item, so it joins the next one.
    while not found[0] and len(parts) > 1 and parts[0][2] in ("and", "or", "&"):
        parts = [(parts[0][0], parts[1][1], parts[1][2]), *parts[2:]]
        found = [found[1], *found[2:]]
    head = found[0]
    if not head:
        return None
    # A non-force noun between the number and the first term ("19 military attachés ...").
    gap = text[w_start : head[0][1]].lower().replace("’", "'").split()
    if any(g.strip("'s") in NOT_FORCE or g in NOT_FORCE for g in gap):
        return None
    # How far the item goes: through "of" after a measure word, through "and"/"or" + terms.
    last_end = head[-1][2]
    used = [head]
    for idx in range(1, len(parts)):
        joiner = parts[idx - 1][2]
        prev_terms = found[idx - 1]
        if not found[idx]:
            break
        counter = prev_terms and (
            prev_terms[-1][0].kind == "measure" or prev_terms[-1][0].category == "formations"
        )
        if joiner == "of" and not counter:
            break
        used.append(found[idx])
        last_end = found[idx][-1][2]
    all_terms = [t for part in used for t in part]
    models = [t for t in all_terms if t[0].kind == "model"]
    if models:
        term = models[0][0]
    else:
        term = head[-1][0]
        if term.kind == "measure" and len(used) > 1:
            term = used[1][0][0]
    if term.category == "share":
        return None  # "units percent" and similar oddities
    return Figure(
        number, term.category, term.subcategory, text[w_start:last_end], w_start, last_end
    )


def _share(text: str, number: NumberMention, limit: int, lex: Lexicons) -> Figure | None:
    """'70 percent of the military people and weaponry needed for ...' -> a share figure."""
    m = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|Russia['’]s\s+|[A-Z]\w+['’]s\s+)?")
    of = m.match(text, number.end, limit)
    if not of:
        return None
    stop = re.compile(
        r"[,;:.!?()“”\"]|\s(?:on|in|into|at|across|along|near|that|which|who|"
        r"has|have|had|is|are|was|were|will|would|could|may|might)\s"
    )
    end_m = stop.search(text, of.end(), limit)
    end = end_m.start() if end_m else limit
    complement = text[of.end() : end]
    if not complement or not (
        FORCE_WORDS.search(complement) or lex.term_re.search(lower(complement))
    ):
        return None
    return Figure(
        number, "share", None, complement.strip(), of.end(), of.end() + len(complement.rstrip())
    )
