"""Extraction stage: documents in, claims + statements + rejects out (pure, no IO).

This module only sequences. For each document:
  1. the sentence pass (sentence_pass.py): paragraphs that can hold a figure are split into
     sentences; numbers are read (numbers.py), kept when they count a force item
     (candidates.py, figures.py), attributed (attribution.py, speakers.py), given a modality
     (modality.py) and placed in side/location/time/event as far as the sentence says
     (context.py, temporal.py);
  2. the document pass (document.py): what a sentence leaves open is filled from the article
     (its other figures, headline, main event, date, implied nationality);
  3. records (output.py): rows with exactly the records.py columns.
A document whose extraction raises becomes one reject row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from forcerecon import textnorm
from forcerecon.extract.budget import NO_DEADLINE, Deadline
from forcerecon.extract.docdate import header_date
from forcerecon.extract.document import document_pass
from forcerecon.extract.lexicon import Lexicons, get_lexicons
from forcerecon.extract.measure import add_measure
from forcerecon.extract.metadata import infer_metadata
from forcerecon.extract.output import frame, records, reject, str_or_none
from forcerecon.extract.sentence_pass import DocFacts, sentence_pass
from forcerecon.ids import content_hash as hash_text
from forcerecon.records import CLAIM_COLUMNS, REJECT_COLUMNS, STATEMENT_COLUMNS, empty_frame
from forcerecon.settings import Settings


@dataclass
class Extraction:
    """What extraction yields: frames with exactly the records.py columns."""

    claims: pd.DataFrame = field(default_factory=lambda: empty_frame(CLAIM_COLUMNS))
    statements: pd.DataFrame = field(default_factory=lambda: empty_frame(STATEMENT_COLUMNS))
    rejects: pd.DataFrame = field(default_factory=lambda: empty_frame(REJECT_COLUMNS))


def extract_text(
    text: str,
    doc_id: str,
    content_hash: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    lex: Lexicons | None = None,
    deadline: Deadline | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Claims and statements (as record dicts) of one document's text; past ``deadline``
    (a per-document time budget) it raises ExtractionTimeout."""
    lex = lex or get_lexicons()
    content_hash = content_hash or hash_text(text)
    if (folded := textnorm.fold(text)).changed:  # zero-width/bidi marks: read without them
        found = extract_text(folded.text, doc_id, content_hash, outlet, published, lex, deadline)
        return textnorm.restore(folded, content_hash, *found)
    published = published or header_date(text)
    if not outlet or not published:
        inferred = infer_metadata(text)
        outlet = outlet or inferred["outlet"]
        published = published or inferred["published"]
    doc = DocFacts(text, lex, published, deadline or NO_DEADLINE)
    found = sentence_pass(text, lex, published, doc)
    if not found:
        return [], []
    resolved = document_pass(text, found, lex, outlet, published, doc)
    return records(found, resolved, text, doc_id, content_hash)


def extract_documents(documents: pd.DataFrame, lex: Lexicons | None = None) -> Extraction:
    """Extract claims and statements from documents (DOCUMENT_COLUMNS).

    Uses the document's outlet/published, or what :func:`infer_metadata` reads from the
    text when they are missing. A document that fails becomes one reject; others go on.
    """
    lex = lex or get_lexicons()
    seconds_per_mb = Settings().extract_seconds_per_mb
    claims: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for doc in documents.to_dict("records"):
        try:
            text = doc["text"]
            if not isinstance(text, str):
                raise TypeError(f"text is {type(text).__name__}, not str")
            c, s = extract_text(
                text,
                str(doc["doc_id"]),
                str_or_none(doc.get("content_hash")),
                str_or_none(doc.get("outlet")),
                str_or_none(doc.get("published")),
                lex,
                Deadline.for_text(text, str(doc["doc_id"]), seconds_per_mb),
            )
        except Exception as error:  # one bad document must not stop the others
            rejects.append(reject(doc, error))
            continue
        claims.extend(c)
        statements.extend(s)
    return Extraction(
        add_measure(frame(claims, CLAIM_COLUMNS)),
        frame(statements, STATEMENT_COLUMNS),
        frame(rejects, REJECT_COLUMNS),
    )
