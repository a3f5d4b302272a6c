"""Statements about a force that give no figure.

undisclosed: someone withholds the number ("Moscow did not divulge the number of troops
             involved", "declined to say how many soldiers", "an undisclosed number of tanks")
denial:      someone denies any force is or will be there ("not a single serviceman ... will
             remain", "no Russian troops will stay", "denied sending troops")
The force word found in the statement gives its category (categories.csv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WITHHOLD = (
    r"divulge|disclose|reveal|specify|say|give|provide|publish|confirm|release|"
    r"name|state|report"
)
UNDISCLOSED_RE = re.compile(
    rf"\b(?:(?:did|does|do|would|will|could)\s+not|didn['’]t|doesn['’]t|don['’]t|"
    rf"wouldn['’]t|won['’]t|declined\s+to|refused\s+to|has\s+not|have\s+not|hasn['’]t|"
    rf"haven['’]t|without)\s+(?:\w+\s+)?(?:{_WITHHOLD})(?:d|ing)?\s+(?:the\s+)?"
    rf"(?:exact\s+|precise\s+|total\s+)?(?:number|numbers|size|figures?|strength|how\s+many)"
    rf"\b(?P<rest>[^.;]{{0,60}})"
    r"|\ban?\s+undisclosed\s+number\s+of\b(?P<rest2>[^.;]{0,40})"
    r"|\b(?:number|size)\s+of\b(?P<rest3>[^.;]{0,40}?)\b(?:was|were|is|are|has\s+not\s+been|"
    r"have\s+not\s+been)\s+(?:not\s+)?(?:disclosed|revealed|undisclosed|unknown|unclear)\b",
    re.IGNORECASE,
)
DENIAL_RE = re.compile(
    r"\bnot\s+a\s+single\s+(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)\b[^.;]{0,120}?\b(?:will|would|"
    r"shall|is|are|was|were)\s+(?:not\s+)?(?:remain|stay|be\s+(?:left|deployed|stationed)|"
    r"left|deployed|stationed|present)\b"
    r"|\bno\s+(?:Russian\s+|Belarusian\s+|Ukrainian\s+|foreign\s+|NATO\s+|US\s+|American\s+)?"
    r"(?P<noun2>troops|soldiers|servicemen|forces|units)\s+(?:will|would|are|were)\s+"
    r"(?:remain|stay|be\s+deployed|be\s+stationed|deployed|stationed)\b"
    r"|\bden(?:y|ies|ied)\s+(?:having\s+|sending\s+|deploying\s+|any\s+)+(?:\w+\s+){0,2}?"
    r"(?P<noun3>troops|soldiers|forces|servicemen|tanks|units)\b",
    re.IGNORECASE,
)
#: Cheap test run on lowered text before the statement patterns.
CUE_RE = re.compile(
    r"\b(?:undisclosed|divulge|disclos|reveal|specif|how\s+many|not\s+a\s+single|"
    r"den(?:y|ies|ied)\b|no\s+(?:\w+\s+)?(?:troops|soldiers|servicemen|forces|units)\b|"
    r"(?:not|(?:did|does|do|would|will|could|has|have)n['’]t|declined\s+to|refused\s+to)"
    r"\s+(?:\w+\s+)?(?:say|give|provide|publish|confirm|release|name|state|report)\b)"
)


@dataclass(frozen=True)
class StatementMatch:
    """A figure-less statement inside a sentence (offsets relative to the sentence)."""

    kind: str  # undisclosed | denial
    start: int
    end: int
    force_text: str  # the words that name the force, looked up in categories.csv


def find_statements(sentence: str) -> list[StatementMatch]:
    """Undisclosed and denial statements in a sentence."""
    out = []
    for m in UNDISCLOSED_RE.finditer(sentence):
        rest = m.group("rest") or m.group("rest2") or m.group("rest3") or ""
        out.append(StatementMatch("undisclosed", m.start(), m.end(), rest))
    for m in DENIAL_RE.finditer(sentence):
        noun = m.group("noun") or m.group("noun2") or m.group("noun3") or ""
        out.append(StatementMatch("denial", m.start(), m.end(), noun))
    return out
