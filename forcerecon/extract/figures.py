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
_STOP_WORDS_LIST = """
in into to at across from on for with by near along around surrounding toward towards
inside within outside under over through throughout between against after before during
since per according including such have has had were are is was be been being will would
could can may might should shall did do does said says that which who whom whose while when
where as than if but because so also already now then there here could its their this these
those it they he she we you reportedly currently
"""
STOP_WORDS = frozenset(_STOP_WORDS_LIST.split())
#: Nouns that make a number something other than a force figure.
_NOT_FORCE_LIST = """
day days week weeks month months year years hour hours minute minutes second seconds decade
decades century centuries km kilometer kilometers kilometre kilometres mile miles meter
meters metre metres foot feet yard yards times time diplomat diplomats attache attaches
attaché attachés country countries nation nations state states side sides party parties
people civilians civilian residents refugees children women journalists reporters dollars
euros rubles roubles hryvnia percent round rounds stage stages phase phases point points
way ways member members delegates talks meetings meeting episode episodes killed wounded
dead casualties injured captured prisoners pows bodies lives article articles page pages
photo photos comments shares views mm millimeter millimeters millimetre millimetres cm
caliber calibre nautical assaults containers
"""
NOT_FORCE = frozenset(_NOT_FORCE_LIST.split())
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
_SERVING = re.compile(
    r"\s+((?:people|persons|men\s+and\s+women|[A-Z][a-z]+(?:ans|ians|ese|ish|s)))\s+"
    r"(?:(?:who\s+(?:are\s+)?)?serv(?:e|ing)|in\s+uniform|under\s+arms|"
    r"in\s+(?:the|its|their)\s+(?:armed\s+forces|army|military|ranks))\b"
)
#: Cue words before a number whose noun is left out because it was just named
#: ("compared with 800 in 2021", "only 40 have arrived", "including 3,000 in Crimea").
ELLIPSIS_CUE = re.compile(
    r"(?:\b(?:compared\s+(?:with|to)|up\s+from|down\s+from|from|versus|vs\.?|against|"
    r"including|of\s+which|of\s+whom|while|whereas|only|just|another|a\s+further|"
    r"an\s+additional|(?:rising|risen|rose|fell|fallen|increased|grown|grew|dropped)\s+to|"
    r"reached|and|or|with|to|[Oo]f\s+(?:these|those|them|the\s+[\w-]+(?:\s+[\w-]+)?),)|,)\s+$",
    re.IGNORECASE,
)
#: Cues strong enough to reach back to a figure in the previous sentence.
STRONG_ELLIPSIS_CUE = re.compile(
    r"\b(?:compared\s+(?:with|to)|up\s+from|down\s+from|only|just|another|a\s+further|"
    r"an\s+additional|including|of\s+which|of\s+whom|"
    r"[Oo]f\s+(?:these|those|them|the\s+[\w-]+(?:\s+[\w-]+)?),)\s+$",
    re.IGNORECASE,
)
_NUMBER_OF = re.compile(
    r"\b(?:number|size|strength|total|headcount|count|complement)\s+of\s+(?:the\s+|its\s+|"
    r"their\s+|[A-Z]\w+['’]s\s+)?(?P<noun>(?:[\w-]+\s+){0,4}?[\w-]+)\s+"
    r"(?:(?:in|on|near|along)\s+(?:the\s+)?(?:[\w-]+\s+){1,3})?(?:at|to|is|was|"
    r"will\s+be|would\s+be|stands\s+at|stood\s+at|reached|to\s+be|as|of)\s+"
    r"[\"“]?(?:[a-z]+\s+){0,3}$"
    r"|\b(?:put|puts|putting|estimated?|estimates|placed?|places)\s+(?:the\s+|its\s+|their\s+)"
    r"(?P<noun2>(?:[\w-]+\s+){0,2}?(?:force|forces|army|troops|strength|contingent|"
    r"grouping|garrison))\s+(?:at|closer\s+to|close\s+to|near|around)\s+"
    r"(?:[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)
#: Words one of which _NUMBER_OF needs (checked as plain substrings before the regex).
_NOUN_BEFORE_HINTS = (
    "number", "size", "strength", "total", "headcount", "count", "complement", "put",
    "estimat", "place",
)  # fmt: skip
_NUMERIC = re.compile(r"[\d.,]+")
_LOSS_BEFORE = re.compile(
    r"\b(?:killed|killing|kill|lost|losing|lose|destroyed|destroying|destroy|downed|fired|"
    r"damaged|damaging|destroyed\s+or\s+damaged|"
    r"firing|launched|launching|shot|intercepted|struck\s+with|attacked\s+with|"
    r"shot\s+down|captured|eliminated|wounded|casualties\s+of|losses\s+of|death\s+toll\s+of)"
    r"\s+(?:(?:at\s+least|about|around|some|more\s+than|over|nearly|up\s+to|an\s+estimated)"
    r"\s+)?$",
)
#: A loss verb followed by a list of counted items that ends right before the number.
_LOSS_LIST = re.compile(
    r"\b(?:killed|lost|destroyed|downed|fired|launched|shot\s+down|intercepted|captured)\s+"
    r"[^.;:!?]{1,60}?(?:,|\band|\bas\s+well\s+as)\s*$",
)
#: "combat losses of the Russian army ... have reached approximately N".
_LOSS_TOTAL = re.compile(
    r"\b(?:losses|casualties|death\s+toll)\b[^.;:!?]{0,80}?\b(?:reached|stood\s+at|stand\s+at|"
    r"total(?:led|ed|s)?|amount(?:ed|s)?\s+to|exceeded|rose\s+to|risen\s+to)\s+"
    r"(?:(?:approximately|about|around|some|more\s+than|over|nearly|almost)\s+)?$"
)
#: "destroyed or damaged more than 300 pieces of equipment ..., including 46 tanks".
_LOSS_INCLUDING = re.compile(
    r"\b(?:destroyed|damaged|lost|killed|downed|captured|shot\s+down)\b[^.;:!?]{1,180}?,\s+"
    r"including\s+(?:(?:about|around|some|more\s+than|over|nearly)\s+)?$"
)
#: Words between an antecedent figure and a number that make the number a loss tally
#: ("... 1,078,000 personnel [losses], including 1,010 over the past day").
LOSS_WORDS = re.compile(r"\b(?:losses|casualties|killed|destroyed|damaged|lost)\b", re.I)
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
        numeric = _NUMERIC.fullmatch(word)
        if numeric and end > start and text[start:end].split()[-1][:1].isupper():
            end = tok.end()  # "Leopard 2", "Challenger 2": part of a model name
            continue
        if not word[0].isalnum() or low in STOP_WORDS or numeric:
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
    after = text[fig.item_end : fig.item_end + 40]
    return is_loss(text, number) or bool(_LOSS_AFTER.match(after))


def is_loss(text: str, number: NumberMention) -> bool:
    """True when the words before a number make it a loss or a use in an attack
    ("destroyed 40", "killed 300", "fired 84 missiles and 24 drones")."""
    before = lower(text[max(0, number.start - 90) : number.start])
    if _LOSS_BEFORE.search(before[-40:]):
        return True
    listed = _LOSS_LIST.search(before)
    if listed is not None:
        return True
    if ("loss" in before or "casualt" in before or "toll" in before) and _LOSS_TOTAL.search(before):
        return True
    if "including" not in before[-30:]:
        return False
    wide = lower(text[max(0, number.start - 200) : number.start])
    return _LOSS_INCLUDING.search(wide) is not None


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
    serving = _SERVING.match(text, pos, limit)
    if serving:  # "900,000 people serving in the armed forces"
        return Figure(number, "personnel", None, serving.group(1), serving.start(1), serving.end(1))
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


def _bare(text: str, number: NumberMention, limit: int) -> bool:
    """True when nothing names an item right after the number ("... 800 in 2021")."""
    after = text[number.end : limit]
    m = re.match(r"\s*([\w’'-]+)?", after)
    word = (m.group(1) or "").lower() if m else ""
    return not word or word in STOP_WORDS or not after[: m.end()].strip()


def noun_before(text: str, number: NumberMention, lex: Lexicons) -> Figure | None:
    """A figure whose noun comes first: "set the number of servicemen at 1.5 million"."""
    window = lower(text[max(0, number.start - 110) : number.start])
    if not any(w in window for w in _NOUN_BEFORE_HINTS):
        return None  # cheap test first: most numbers have no noun before them
    m = _NUMBER_OF.search(text, max(0, number.start - 110), number.start)
    if not m or m.end() != number.start:
        return None
    group = "noun" if m.group("noun") else "noun2"
    noun = m.group(group)
    term = lex.term_re.search(lower(noun))
    if term:
        entry = lex.term_of(term.group())
        category, sub = entry.category, entry.subcategory
    elif group == "noun2":
        category, sub = "personnel", None  # "put the active force at 48,000"
    else:
        return None
    return Figure(number, category, sub, noun, m.start(group), m.end(group))


#: "About 20,000 of those will take part", "around 200 of which have been delivered".
_PARTITIVE_AFTER = re.compile(r"\s+of\s+(?:those|them|these|which|whom)\b")


#: "Of these, 4,000 ...", "Of the aircraft, 36 crossed ...": the noun named just before.
_OF_THE_BEFORE = re.compile(
    r"\b[Oo]f\s+(?:these|those|them|the\s+[\w-]+(?:\s+[\w-]+)?),\s+"
    r"(?:(?:about|around|some|roughly|nearly|more\s+than|over|at\s+least)\s+)?$"
)


def elided(
    text: str, number: NumberMention, limit: int, antecedent: Figure, same_sentence: bool
) -> Figure | None:
    """A number whose noun is left out because ``antecedent`` just named it.

    Needs a cue before the number (ELLIPSIS_CUE; only STRONG_ELLIPSIS_CUE reaches back
    across a sentence end) and no noun after it."""
    partitive = _PARTITIVE_AFTER.match(text, number.end) is not None
    partitive = partitive or _OF_THE_BEFORE.search(text, max(0, number.start - 40), number.start)
    if number.percent or number.strong or not (partitive or _bare(text, number, limit)):
        return None
    if _LOSS_AFTER.match(text, number.end):
        return None  # "Of these, 4,000 have been killed": casualties
    before = text[max(0, number.start - 30) : number.start]
    cue = ELLIPSIS_CUE if same_sentence else STRONG_ELLIPSIS_CUE
    if not cue.search(before) and not partitive:
        return None
    return Figure(
        number,
        antecedent.category,
        antecedent.subcategory,
        antecedent.item,
        antecedent.item_start,
        antecedent.item_end,
    )


def shared_noun(text: str, number: NumberMention, following: Figure) -> Figure | None:
    """ "20 and 30 aircraft respectively": the noun after the second number counts both."""
    between = text[number.end : following.number.start]
    if number.percent or not re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", between):
        return None
    return Figure(
        number,
        following.category,
        following.subcategory,
        following.item,
        following.item_start,
        following.item_end,
    )
