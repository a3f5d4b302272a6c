"""Who asserts a figure (claimant, claimant_type) and how (modality).

Claimant patterns, tried in this order on the figure's sentence:
  1. "according to X" (also "according to earlier estimates offered by X",
     "according to X reports", "according to senior US sources familiar with ...")
  2. "X's estimate/assessment/figures"
  3. "X said/says/reported/estimated/announced/claimed/..." and the inverted
     ", says X" / "," said X" (the reporting verb nearest the figure wins)
  4. a quote: a sentence inside quotation marks takes the attribution of its quote
     ("“...,” the Interfax agency reported.") or of the sentence that opened it
Pronouns ("he said") take the doc's previous named claimant. Names are made canonical with
claimants.csv (the longest alias inside the phrase); a phrase not in the lexicon is kept as
written and typed by its words (media, intelligence, think_tank, government, military,
official_person). A figure with no claimant is the outlet's own: claimant_type "unattributed".

Modality comes from cue words between the sentence start and the figure, plus the
reporting verb: denied > speculative > estimated > planned > reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from forcerecon.extract.lexicon import (
    Lexicons,
    claimant_form,
    lower,
    possessive_to_adjective,
)

REPORTING_VERBS = (
    "said|says|say|stated|states|told|tells|reported|reports|announced|announces|estimated|"
    "estimates|estimate|claimed|claims|claim|confirmed|confirms|noted|notes|added|adds|warned|"
    "warns|wrote|writes|tweeted|assessed|assesses|assess|believes|believe|speculated|"
    "speculate|speculating|suggested|suggests|alleged|alleges|insisted|insists|maintained|"
    "maintains|denied|denies|deny|argued|argues|revealed|reveals|disclosed|discloses|put|puts|"
    "cited|informed|declared|declares|acknowledged|admitted|indicated|indicates|calculated|"
    "calculates|counted|counts|reckons|reckoned|explained|explains|stressed|emphasized|"
    "specified|clarified|quoted|asserted|asserts|concluded|concludes|spoke|signed|decreed|"
    "issued|released|published|unveiled|presented|ordered|orders|order|"
    "briefed|briefs|testified|observed|observes|announce|posted|gave|spoken|tracks|tracked|"
    "detects|detected|spotted|spots|recorded|records"
)
_RV = re.compile(rf"\b(?:{REPORTING_VERBS})\b")  # matched on lowered text (any case)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_ESTIMATE_OF = re.compile(
    r"['’]s?\s+(?:latest\s+|own\s+|new\s+)?"
    r"(?:estimates?|assessments?|figures?|count|data|tally|calculations?|decree|order|"
    r"statement|report|plan)\b"
)
#: Lower-case words that may belong to a claimant's noun phrase.
NP_WORDS = frozenset(
    [
        "defense",
        "defence",
        "ministry",
        "minister",
        "ministers",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "officials",
        "official",
        "sources",
        "source",
        "media",
        "outlets",
        "outlet",
        "state",
        "intelligence",
        "agency",
        "agencies",
        "analysts",
        "analyst",
        "experts",
        "expert",
        "military",
        "general",
        "staff",
        "army",
        "command",
        "government",
        "authorities",
        "president",
        "prime",
        "secretary",
        "deputy",
        "chief",
        "several",
        "senior",
        "western",
        "foreign",
        "some",
        "other",
        "press",
        "service",
        "office",
        "news",
        "department",
        "observers",
        "monitors",
        "commanders",
        "commander",
        "forces",
        "headquarters",
        "institute",
        "think",
        "tank",
        "researchers",
        "reporters",
        "journalists",
        "officers",
        "diplomats",
        "diplomat",
        "security",
        "council",
        "national",
        "federal",
        "border",
        "guard",
        "guards",
        "navy",
        "air",
        "force",
        "head",
        "leader",
        "leaders",
        "many",
        "local",
        "regional",
        "top",
        "high-ranking",
        "ranking",
        "unnamed",
        "anonymous",
        "independent",
        "russian",
        "ukrainian",
        "belarusian",
        "american",
        "british",
        "western",
        "allied",
        "european",
        "u.s.",
        "assessment",
        "assessments",
        "report",
        "reports",
        "estimate",
        "statement",
        "commander-in-chief",
        "milbloggers",
        "milblogger",
        "bloggers",
        "blogger",
        "commentators",
        "monitoring",
        "project",
        "channels",
        "channel",
        "group",
        "witnesses",
        "residents",
        "volunteers",
        "correspondents",
        "one",
        "two",
        "three",
        "four",
        "white",
        "paper",
        "spy",
        "alliance",
        "us",
        "the",
        "of",
        "for",
        "and",
        "'s",
    ]
)
_CUT = re.compile(
    r"\s+(?:familiar|who|which|that|cited|quoted|speaking|briefed|close|citing|in|on|at|"
    r"from|with|last|this|earlier|yesterday|today|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\b.*$",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:(?:the|a|an|earlier|latest|new|recent|previous|initial|official|preliminary|"
    r"current|updated|its|their)\s+)*(?:(?:estimates?|reports?|data|figures?|assessments?|"
    r"statements?|information|calculations?|a\s+statement|an\s+estimate)\s+"
    r"(?:(?:offered|provided|released|published|issued|made|given|compiled|circulated|cited)"
    r"\s+)?(?:by|from|of)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"\s+(?:reports?|estimates?|data|figures?|assessments?|statements?|calculations?|"
    r"information)$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(
    r"(?:^|\s)(?:(?:an?|the)\s+|(?P<owner>[A-Z][\w.-]*['’]s)\s+)(?P<title>[\w\s’'-]{0,60}?),\s+"
    r"(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*),\s*$"
)
#: "Viktor Khrenin, the Belarusian defence minister, said": the name, then its title.
_NAME_TITLE = re.compile(
    r"(?:^|(?<=\s))(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}),\s+(?:the|a|an)\s+"
    r"(?P<title>(?:[\w’'-]+\s+){0,5}[\w’'-]+),\s*$"
)
#: A headline that names its source at the end: "... in Pokrovsk direction - Syrskyi",
#: "... to Russia this year: NIS".
_TRAILING_SOURCE = re.compile(
    r"(?:\s[-–—]|:)\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)\s*$"
)
_ASIDE = re.compile(
    r",\s*(?:meanwhile|however|in\s+turn|for\s+its\s+part|too|also|though|in\s+a\s+statement|"
    r"which\s+[^,]{1,80}|who\s+[^,]{1,80})\s*,?\s*$",
    re.IGNORECASE,
)
#: "Intelligence chief: Russia has ..." / "Budanov: ..." (a headline or quote lead-in).
_HEADLINE = re.compile(r"^((?:[A-Z][\w’'.-]*|[a-z]+)(?:\s+[\w’'.-]+){0,4}?):\s+(?=[A-Z“\"])")
_NP_WORD_ALTS = "|".join(sorted(w for w in NP_WORDS if w not in ("of", "and", "for", "'s")))
_NP_AFTER = re.compile(
    rf"\s+((?:the\s+)?(?:[A-Z][\w’'.-]*|(?:{_NP_WORD_ALTS}))(?:\s+(?:of\s+the\s+|of\s+|"
    rf"for\s+|and\s+)?(?:[A-Z][\w’'.-]*|(?:{_NP_WORD_ALTS})))*)"
)
_ADVERBS_BEFORE_VERB = re.compile(
    r"(?:\s+(?:also|earlier|previously|reportedly|has|have|had|had\s+also|"
    r"on\s+\w+day|last\s+\w+|then|later|now|once|publicly|officially|"
    r"repeatedly|recently|again|further|separately|itself|has\s+also|"
    r"has\s+repeatedly|has\s+consistently|consistently))+\s*$"
)
#: "The Institute for the Study of War (ISW) said", "Wellington Koo (顧立雄) told".
_ACRONYM_AFTER = re.compile(r"\s*\([^()]{1,24}\)\s*$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NOT_CLAIMANTS = frozenset(_WEEKDAYS + _MONTHS)
_NATIONAL_BODY = re.compile(r"^([A-Z][\w.-]+)\s+(?:officials|authorities|government)$")
_TIME_WORDS = frozenset(
    (
        "on",
        "in",
        "at",
        "last",
        "this",
        "next",
        *_WEEKDAYS,
        *_MONTHS,
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "today",
        "yesterday",
        "earlier",
        "later",
    )
)
#: Time words that are also given names ("Minister Jan Novak", "Theresa May").
_GIVEN_NAMES = frozenset(["jan", "may", "june", "april", "august"])
_FIRST_PERSON = frozenset(["we", "i", "you", "us", "one"])
#: Phrases that point back to a claimant named earlier ("he said", "the ministry said",
#: "according to the statement", "a decree published on Monday").
_ANAPHORA = re.compile(
    r"^(?:he|she|they|it|him|her|them|(?:(?:the|a|an|this|that|its|his|her|their)\s+)?"
    r"(?:new\s+)?"
    r"(?:ministry|agency|official|spokes(?:man|woman|person)|statement|decree|document|"
    r"report|order|assessment|estimate|command|department|office|source|briefing|"
    r"announcement|post|letter)(?:\s+(?:published|issued|signed|released|posted|"
    r"seen|cited)\b.*)?)$",
    re.IGNORECASE,
)
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
MODALITY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("denied", re.compile(r"\b(?:den(?:y|ies|ied|ying)|refuted|rejected|dismissed)\b")),
    (
        "speculative",
        re.compile(
            r"\b(?:speculat\w*|might|may|could|possibly|rumou?r\w*|potentially|hypothetical\w*|"
            r"would be able|feared|fears)\b"
        ),
    ),
    (
        "estimated",
        re.compile(
            r"\b(?:estimat\w*|believed|believes|assess\w*|thought to|likely|reckon\w*|"
            r"calculat\w*|intelligence)\b",
        ),
    ),
    (
        "planned",
        re.compile(
            r"\b(?:will|shall|plan\w*|to be deployed|to deploy|to send|is to|are to|set to|"
            r"ordered|orders|decree\w*|promised|pledged|committed|(?:is|are)\s+sending|"
            r"(?:is|are)\s+deploying|to grow|to increase|to expand|to boost|"
            r"expected to|scheduled|would|intends?|intend\w*|going to|to be sent|to arrive|"
            r"to be joined|goal|target|targets|targeted|aims?\s+to|to\s+reach|"
            r"(?:is|are)\s+(?:building|forming|setting\s+up|creating)|"
            r"to\s+(?:put|send|deploy|station|move|add|double|form|create|build|involve|include|"
            r"take\s+part|join|participate|host|receive|raise))\b|['’]ll\b|"
            r"\b(?:deployment|dispatch|transfer|arrival)\s+of\s+up\s+to\b",
        ),
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


def canonical_claimant(phrase: str, lex: Lexicons) -> tuple[str, str]:
    """(canonical name, claimant_type) of a claimant phrase, via claimants.csv or its words.

    The phrase is first put in the lexicon's spelling: "Britain's defence ministry" ->
    "British defense ministry", "Ministry of Defence" -> "Defense Ministry".
    """
    original = _TRAIL.sub("", possessive_to_adjective(phrase))
    phrase = _TRAIL.sub("", claimant_form(phrase))
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


def _np_before(sentence: str, pos: int) -> tuple[str, int] | None:
    """The claimant noun phrase that ends right before ``pos`` (a reporting verb)."""
    offset = max(0, pos - 160)  # a claimant phrase is short: look at the last words only
    np = _np_before_in(sentence[offset:pos])
    return (np[0], np[1] + offset) if np else None


def _np_before_in(head: str) -> tuple[str, int] | None:
    head = _ADVERBS_BEFORE_VERB.sub("", head)
    head = re.sub(r",\s*who\s*$", "", head)  # "some Western officials, who have spoken of"
    head = _ASIDE.sub("", head)  # "Moscow, meanwhile, says" / "X, which ..., said"
    appositive = _APPOSITIVE.search(head)
    if appositive and appositive.group("owner"):  # "Poland's prime minister, Donald Tusk, said"
        title = f"{appositive.group('owner')} {appositive.group('title')}"
        return f"{title} {appositive.group('name')}", appositive.start("owner")
    if appositive:  # "A spokesman for the army, Colonel Jan Nowak, estimated"
        return appositive.group("name"), appositive.start("name")
    named = _NAME_TITLE.search(head)
    if named:  # "Viktor Khrenin, the Belarusian defence minister, said"
        return f"{named.group('title')} {named.group('name')}", named.start("name")
    head = _ACRONYM_AFTER.sub("", head)  # "The Institute for the Study of War (ISW) said"
    tokens = list(re.finditer(r"[\w][\w’'.-]*|[^\w\s]", head))
    if tokens and tokens[-1].group().lower() in ("he", "she", "it", "they"):
        return tokens[-1].group(), tokens[-1].start()
    words: list[re.Match[str]] = []
    for tok in reversed(tokens):
        word = tok.group()
        low = word.lower().replace("’", "'")
        if low in _TIME_WORDS and not (low in _GIVEN_NAMES and words and word[0].isupper()):
            break  # "On Tuesday Lithuanian officials said": the phrase starts after the date
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Z][a-z]{0,3}\.|(?:[A-Za-z]\.)+)", word):
            break  # a word that ends an earlier sentence
        if word[0].isupper() or low in NP_WORDS or (low.endswith("'s") and word[0].isupper()):
            words.append(tok)
            continue
        break
    while words and words[-1].group().lower() in ("the", "of", "and", "for", "'s"):
        words.pop()  # phrase cannot start with a connector (list is reversed)
    while words and words[0].group().lower() in ("the", "of", "and", "for"):
        words.pop(0)
    if not words:
        return None
    start, end = words[-1].start(), words[0].end()
    phrase = head[start:end]
    if phrase.lower() in ("this", "that"):
        return None
    return phrase, start


def _np_after(sentence: str, pos: int) -> tuple[str, int] | None:
    """The claimant noun phrase right after an inverted verb (", says Minsk.")."""
    m = _NP_AFTER.match(sentence, pos)
    if not m:
        return None
    return m.group(1), m.start(1)


def quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (curly or straight) in a sentence.

    A straight quote is an opening one when a space (or the sentence start) comes before it
    and a word after it, else a closing one; a closing quote with no opening one before it
    ends a quote that began in an earlier sentence (``servicemen," Syrskyi wrote.``)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_MARK.finditer(sentence):
        i, mark = m.start(), m.group()
        if mark == '"':
            before = sentence[i - 1] if i else " "
            opening = before.isspace() or before in "([—–-"
        else:
            opening = mark == "“"
        if opening and open_at is None:
            open_at = i
        elif not opening:
            spans.append((open_at if open_at is not None else 0, i + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(sentence)))
    return spans


_QUOTE_MARK = re.compile(r'["“”]')


def fig_pos_limit(sentence: str) -> int:
    """Headline attributions ("Intelligence chief: ...") must come early in the line."""
    return min(len(sentence), 60)


def find_attribution(sentence: str, fig_pos: int, lex: Lexicons) -> Attribution | None:
    """The claimant stated in ``sentence`` for a figure at offset ``fig_pos``, or None.

    "according to" and "X's estimate" hold for the whole sentence; otherwise the reporting
    verb nearest the figure wins.
    """
    fixed, verbs = _candidates(sentence, lex)
    if fixed is not None:
        return fixed
    bounds = [m.start() for m in _CLAUSE_START.finditer(sentence)]

    def rank(verb: tuple[int, Attribution]) -> tuple[bool, int]:
        lo, hi = sorted((verb[0], fig_pos))
        return any(lo < b < hi for b in bounds), abs(verb[0] - fig_pos)

    best = min(verbs, key=rank, default=None)
    return best[1] if best else None


@lru_cache(maxsize=1024)
def _candidates(
    sentence: str, lex: Lexicons
) -> tuple[Attribution | None, tuple[tuple[int, Attribution], ...]]:
    """Sentence-wide attribution, or every (verb offset, attribution) of the sentence."""
    m = _ACCORDING.search(sentence)
    if m:
        rest = sentence[m.end() :]
        stop = re.search(r"[,;:!?“”\"()]|(?<![A-Z])\.(?=\s|$)|\s[—–]\s", rest)
        phrase = rest[: stop.start()] if stop else rest
        full = phrase
        phrase = _CUT.sub("", _LEAD.sub("", phrase.strip()))
        phrase = _TRAIL.sub("", phrase)
        anaphoric = bool(phrase) and _ANAPHORA.match(phrase.strip()) is not None
        if anaphoric:
            verbs = _verb_attributions(sentence, lex)
            named = tuple(v for v in verbs if v[1].claimant_type != "pronoun")
            if named:
                return None, named
            return Attribution("", "pronoun", "according to", m.start(), m.end()), ()
        if phrase:
            name, kind = canonical_claimant(phrase, lex)
            if kind != "intelligence" and re.search(r"intelligence", full, re.I):
                kind = "intelligence"
            return Attribution(name, kind, "according to", m.start(), m.end() + len(full)), ()
    m = _ESTIMATE_OF.search(sentence)
    if m:
        np = _np_before(sentence, m.start())
        if np:
            name, kind = canonical_claimant(np[0], lex)
            noun = m.group().split()[-1]
            return Attribution(name, kind, noun, np[1], m.end()), ()
    m = _HEADLINE.match(sentence)
    if m and m.end() <= fig_pos_limit(sentence):
        name, kind = canonical_claimant(m.group(1), lex)
        if name:
            return Attribution(name, kind, "", m.start(1), m.end(1)), ()
    m = _TRAILING_SOURCE.search(sentence)
    if m and m.start() > 0 and not re.search(r"[.!?]$", sentence):
        name, kind = canonical_claimant(m.group("name"), lex)
        if name and kind != "pronoun":
            return Attribution(name, kind, "", m.start("name"), m.end("name")), ()
    verbs = _verb_attributions(sentence, lex)
    if not verbs and _DOCUMENT_SUBJECT.match(sentence):
        return Attribution("", "pronoun", "", 0, 0), ()  # "The decree sets ..."
    return None, verbs


#: What may follow the claimant of an inverted verb (", said the ministry, adding ...").
_AFTER_INVERTED = re.compile(
    r"\s*(?:[,.;:!?)”\"]|$|\s*[—–]|\s+(?:on|in|at|last|this|earlier|told|adding|citing|"
    r"according|during|after|before|while|as|when|who|which|spokes\w+)\b)"
)
_OBJECT_FIGURE = re.compile(
    r"\s+(?:an?\s+(?:additional|further|extra)\s+|another\s+|about\s+|around\s+|some\s+|"
    r"up\s+to\s+|more\s+than\s+|over\s+|nearly\s+)?\d"
)


#: A sentence whose subject is a document named before ("The decree, ..., sets ...").
_DOCUMENT_SUBJECT = re.compile(
    r"^(?:the|this|that|its|his|her|their|a|an)\s+(?:new\s+|latest\s+)?(?:decree|statement|"
    r"document|report|order|assessment|plan|law|bill|directive|resolution)\b",
    re.IGNORECASE,
)


def _verb_attributions(sentence: str, lex: Lexicons) -> tuple[tuple[int, Attribution], ...]:
    """(verb offset, attribution) for every reporting verb with a claimant phrase."""
    verbs: list[tuple[int, Attribution]] = []
    quoted = quote_spans(sentence)
    for v in _RV.finditer(lower(sentence)):
        verb = v.group()
        if any(qs < v.start() < qe for qs, qe in quoted):
            continue  # a verb inside a quotation is the speaker's, not the attribution
        if verb == "states" and not re.match(r"\s*(?:that\b|[,:])", sentence[v.end() :]):
            continue  # "the Baltic states", "the United States": a noun, not "X states that"
        if verb.startswith("order") and _OBJECT_FIGURE.match(sentence, v.end()):
            continue  # "Poland has ordered 1,000 K2 tanks": a purchase, not an order to report
        before = sentence[: v.start()].rstrip()
        candidates = []
        if before.endswith((",", "”", '"', "’", "—", "–")) or not before:
            np = _np_after(sentence, v.end())
            if np and _AFTER_INVERTED.match(sentence, np[1] + len(np[0])):
                candidates.append(np)  # ", said the ministry." (not "X, said the group ...")
        np = _np_before(sentence, v.start())
        if np:
            candidates.append(np)
        for phrase, start in candidates:
            if phrase.lower() in _FIRST_PERSON and phrase != "US":  # "us", not "the US"
                continue
            if _ANAPHORA.match(phrase.strip()):
                att = Attribution("", "pronoun", verb, start, v.end())
            else:
                name, kind = canonical_claimant(phrase, lex)
                if not name:
                    continue
                att = Attribution(name, kind, verb, start, start + len(phrase))
            verbs.append((v.start(), att))
            break
    return tuple(verbs)


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
    r"^([A-Z][A-Z'’-]{2,20}(?:\s[A-Z][A-Z'’-]{2,20})?)\b(?=[,(\s—–-])", re.M
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


#: Claimant types an anaphoric noun can stand for ("the agency said" -> an agency).
_ANAPHOR_KINDS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"\bagency\b", re.I), frozenset(["intelligence", "media"])),
    (re.compile(r"\bministry\b", re.I), frozenset(["government"])),
    (re.compile(r"\b(?:command|general\s+staff)\b", re.I), frozenset(["military"])),
    (re.compile(r"\bspokes\w+\b", re.I), frozenset(["official_person"])),
)


def anaphor_kinds(phrase: str) -> frozenset[str] | None:
    """The claimant types an anaphoric phrase can refer to; None for any ("he said")."""
    for pattern, kinds in _ANAPHOR_KINDS:
        if pattern.search(phrase):
            return kinds
    return None


def expand_surname(text: str, pos: int, att: Attribution, lex: Lexicons) -> Attribution:
    """A bare surname ("Harper said") as the fuller name given earlier in the text
    ("Colonel John Harper"); the attribution unchanged when there is none."""
    name = att.claimant
    if " " in name or not name[:1].isupper() or name in lex.claimants:
        return att
    for m in re.finditer(rf"((?:[A-Z][\w’'.-]*\s+){{1,4}}){re.escape(name)}\b", text[:pos]):
        full = m.group(0)
        canonical, kind = canonical_claimant(full, lex)
        return Attribution(canonical, kind, att.verb, att.start, att.end)
    return att


#: Where the clause holding a figure begins (cues before it belong to another clause).
_CLAUSE_START = re.compile(
    r"(?:,\s+(?:but|while|whereas|although|though|however|and\s+that|even\s+as)\b|;|\s[—–]\s)"
)
#: Where the words after a figure stop belonging to its clause.
_CLAUSE_END = re.compile(
    r"[,;:()“”\"]|\s[—–]\s|\s(?:that|which|who|but|though|although|while|as|because|after|"
    r"before|when|since|until)\s"
)


def modality(
    sentence: str,
    fig_pos: int,
    attribution: Attribution | None,
    qualifier_text: str,
    item_end: int | None = None,
) -> str:
    """The SCHEME modality of a figure from cues in its clause: the words before it (from
    the clause start), the verb phrase right after its item ("3,000 troops will deploy")
    and its reporting verb."""
    starts = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, fig_pos)]
    prefix = sentence[starts[-1] if starts else 0 : fig_pos] + " " + qualifier_text
    if item_end is not None:
        stop = _CLAUSE_END.search(sentence, item_end)
        prefix += " " + sentence[item_end : stop.start() if stop else len(sentence)]
    if attribution is not None and attribution.verb:
        prefix += " " + attribution.verb
    low = lower(prefix)
    for name, pattern in MODALITY_CUES:
        # "speculative" cues are matched as written: "may" is a cue, "May" a month
        if pattern.search(prefix if name == "speculative" else low):
            return name
    return "reported"
