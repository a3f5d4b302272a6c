"""Modality of a figure (SCHEME.md): how its claimant asserts it.

Modality comes from cue words in the figure's clause (from the clause start to the figure,
and the verb phrase right after its item), plus the reporting verb:
denied > speculative > estimated > planned > reported.
"""

from __future__ import annotations

import re

from forcerecon.extract.claimants import Attribution
from forcerecon.extract.lexicon import lower

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
            r"calculat\w*|intelligence\s+(?:assessments?|estimates?))\b",
        ),
    ),
    (
        "planned",
        re.compile(
            r"\b(?:will|shall|plan(?:s|ned|ning)?|to be deployed|to deploy|to send|is to|are to|"
            r"set to|"
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


_CLAUSE_START = re.compile(
    r"(?:,\s+(?:but|while|whereas|although|though|however|and\s+that|even\s+as)\b|;|\s[—–]\s)"
)
#: Where the words after a figure stop belonging to its clause.
_CLAUSE_END = re.compile(
    r"[,;:()“”\"]|\s[—–]\s|\s(?:that|which|who|but|though|although|while|as|because|after|"
    r"before|when|since|until)\s"
)


#: The comma that closes a breakdown before the list's predicate: "N, including M, will".
_CLOSING_COMMA = re.compile(
    r"\s*,\s*(?=(?:will|would|shall|are|is|were|was|have|has|had|could|may|might)\b)"
)


#: The rest of a subject noun phrase before its predicate, set off by a comma: "[50
#: soldiers] of the CSTO forces, will be involved", "[350 vehicles], including aircraft,
#: will also be involved".
_SUBJECT_TAIL = re.compile(
    r"(?P<skipped>[^.;:!?“”\"]{0,120}?),\s*(?:also\s+)?(?P<modal>will|would|shall|"
    r"(?:is|are)\s+(?:set\s+|expected\s+)?to)\b"
)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|did|does)\b")


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
        closing = _CLOSING_COMMA.match(sentence, item_end)  # "..., including ..., will be"
        after = closing.end() if closing else item_end
        tail = _SUBJECT_TAIL.match(sentence, item_end)  # "N soldiers of the X forces, will be"
        if tail and not _FINITE.search(tail.group("skipped")):
            prefix += " " + tail.group("modal")
        stop = _CLAUSE_END.search(sentence, after)
        prefix += " " + sentence[after : stop.start() if stop else len(sentence)]
    if attribution is not None and attribution.verb:
        prefix += " " + attribution.verb
    low = lower(prefix)
    for name, pattern in MODALITY_CUES:
        # "speculative" cues are matched as written: "may" is a cue, "May" a month
        if pattern.search(prefix if name == "speculative" else low):
            return name
    return "reported"
