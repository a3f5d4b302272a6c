"""Who asserts a figure (claimant, claimant_type), read from its sentence.

Claimant patterns, tried in this order on the figure's sentence:
  1. "according to X" (also "according to earlier estimates offered by X",
     "according to X reports", "according to senior US sources familiar with ...")
  2. "X's estimate/assessment/figures"
  3. "X said/says/reported/estimated/announced/claimed/..." and the inverted
     ", says X" / "," said X" (the reporting verb nearest the figure wins)
  4. a quote: a sentence inside quotation marks takes the attribution of its quote
     ("“...,” the Interfax agency reported.") or of the sentence that opened it
Pronouns ("he said") take the doc's previous named claimant (speakers.py). Names are made
canonical in claimants.py; modality is read in modality.py. A figure with no claimant is the
outlet's own: claimant_type "unattributed".
"""

from __future__ import annotations

import re
from functools import lru_cache

from forcerecon.extract.claimants import (
    _MONTHS,
    _TRAIL,
    _WEEKDAYS,
    Attribution,
    canonical_claimant,
)
from forcerecon.extract.lexicon import Lexicons, lower
from forcerecon.extract.modality import _CLAUSE_START

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
#: Phrases other than "according to" that name the source of the whole sentence, with the
#: verb they stand for: "recent claims by X that ...", "forces estimated by NATO to number
#: N" / "estimated by the West at N", "Citing the Daily Mail, ...".
_SOURCE_INTRODUCERS = (
    (re.compile(r"\b[Cc]laims?\s+(?:made\s+)?by\s+(?=[A-Z]|the\s)"), "claims"),
    (
        re.compile(
            r"\b(?:estimated|put|believed|thought|assessed|reckoned)\s+by\s+(?=[A-Z]|the\s)"
        ),
        "estimated",
    ),
    (re.compile(r"^\W*Citing\s+(?=[A-Z]|the\s)"), "cited"),
)
_ESTIMATE_OF = re.compile(
    r"['’]s?\s+(?:latest\s+|own\s+|new\s+)?"
    r"(?:estimates?|assessments?|figures?|count|data|tally|calculations?|decree|order|"
    r"statement|report|plan)\b"
)
#: Lower-case words that may belong to a claimant's noun phrase.
_NP_WORD_LIST = """
    defense defence ministry minister ministers spokesman spokeswoman spokesperson
    officials official sources source media outlets outlet state intelligence agency
    agencies analysts analyst experts expert military general staff army command government
    authorities president prime secretary deputy chief several senior western foreign some
    other press service office news department observers monitors commanders commander
    forces headquarters institute think tank researchers reporters journalists officers
    diplomats diplomat security council national federal border guard guards navy air force
    head leader leaders many local regional top high-ranking ranking unnamed anonymous
    independent russian ukrainian belarusian american british western allied european u.s.
    assessment assessments report reports estimate statement commander-in-chief milbloggers
    milblogger bloggers blogger commentators monitoring project channels channel group
    witnesses residents volunteers correspondents one two three four white paper spy
    alliance us the of for and 's
"""
NP_WORDS = frozenset(_NP_WORD_LIST.split())
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
_APPOSITIVE = re.compile(
    r"(?:^|\s)(?:(?:an?|the)\s+|(?P<owner>[A-Z][\w.-]*['’]s)\s+)(?P<title>[\w\s’'-]{0,60}?),\s+"
    r"(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*),\s*$"
)
#: "Viktor Khrenin, the Belarusian defence minister, said": the name, then its title.
_NAME_TITLE = re.compile(
    r"(?:^|(?<=\s))(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}),\s+(?:the|a|an)\s+"
    r"(?P<title>(?:[\w’'-]+\s+){0,5}[\w’'-]+),\s*$"
    # "Name, head of the X Service, said": no article, so the title must hold a title word
    r"|(?:^|(?<=\s))(?P<name2>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}),\s+"
    r"(?P<title2>(?:[\w’'-]+\s+){0,3}?(?:head|chief|minister|spokes\w+|commander|director|"
    r"secretary|president|advis[eo]r|envoy|ambassador|representative|aide|deputy|leader)"
    r"(?:\s+[\w’'-]+){0,6}),\s*$"
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


def _np_before(sentence: str, pos: int) -> tuple[str, int] | None:
    """The claimant noun phrase that ends right before ``pos`` (a reporting verb)."""
    offset = max(0, pos - 160)  # a claimant phrase is short: look at the last words only
    np = _np_before_in(sentence[offset:pos])
    return (np[0], np[1] + offset) if np else None


#: A source named in quotation marks after what it is: 'the monitoring organization
#: "Belarusian Gayun" reported', 'the Telegram channel “Rybar” wrote'.
_QUOTED_NAME = re.compile(
    r"\b(?:organi[sz]ation|group|project|channel|outlet|agency|service|community|movement|"
    r"initiative|website|portal|newspaper|publication|monitor)\s+[\"“]([^\"”]{2,60})[\"”]\s*$",
    re.IGNORECASE,
)


#: A title whose object is an organisation: the title holder, not the organisation, speaks.
_ENVOY_TO = re.compile(
    r"(?:[A-Z][\w.’'-]*\s+){0,3}(?:envoy|ambassador|representative|delegate|observer)s?\s+"
    r"(?:to|at)\s+(?:the\s+)?$"
)


def _np_before_in(head: str) -> tuple[str, int] | None:
    head = _ADVERBS_BEFORE_VERB.sub("", head)
    quoted = _QUOTED_NAME.search(head)
    if quoted:
        return quoted.group(1), quoted.start(1)
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
        name, title = named.group("name") or named.group("name2"), named.group("title") or ""
        start = named.start("name") if named.group("name") else named.start("name2")
        if not title:
            return name, start  # "Name, head of the X Service, said": the person
        return f"{title} {name}", start
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
    envoy = _ENVOY_TO.search(head, 0, start)
    if envoy and envoy.end() == start:  # "the US envoy to the OSCE said": the envoy speaks
        start = envoy.start()
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
    if m and any(qs < m.start() < qe for qs, qe in quote_spans(sentence)):
        m = None  # "“According to our data, ...,” X said": the speaker's words, not the source
    verb = "according to"
    for pattern, name in _SOURCE_INTRODUCERS:
        if m is not None:
            break
        m, verb = pattern.search(sentence), name
    if m:
        rest = sentence[m.end() :]
        stop = re.search(r"[,;:!?“”\"()]|(?<![A-Z])\.(?=\s|$)|\s[—–-]\s", rest)
        phrase = rest[: stop.start()] if stop else rest
        if verb == "estimated":  # "estimated by NATO to number 30,000"
            phrase = re.split(r"\s+to\s", phrase, maxsplit=1)[0]
        full = phrase
        phrase = _CUT.sub("", _LEAD.sub("", phrase.strip()))
        phrase = _TRAIL.sub("", phrase)
        anaphoric = bool(phrase) and _ANAPHORA.match(phrase.strip()) is not None
        if anaphoric:
            verbs = _verb_attributions(sentence, lex)
            named = tuple(v for v in verbs if v[1].claimant_type != "pronoun")
            if named:
                return None, named
            return Attribution("", "pronoun", verb, m.start(), m.end()), ()
        if phrase:
            name, kind = canonical_claimant(phrase, lex)
            if kind != "intelligence" and re.search(r"intelligence", full, re.I):
                kind = "intelligence"
            return Attribution(name, kind, verb, m.start(), m.end() + len(full)), ()
    m = _ESTIMATE_OF.search(sentence)
    if m:
        np = _np_before(sentence, m.start())
        if np:
            name, kind = canonical_claimant(np[0], lex)
            noun = m.group().split()[-1]
            return Attribution(name, kind, noun, np[1], m.end()), ()
    m = _HEADLINE.match(sentence)
    if m and m.group(1).isupper() and m.group(1).lower() in lex.locations:
        m = None  # a dateline ("MOSCOW: ..."), not a source
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
