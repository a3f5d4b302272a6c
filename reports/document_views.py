"""Pure view model of a document page: the text cut into plain and highlighted segments, each
figure linked to its subject page, and the document's claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .formatting import (
    as_int,
    fmt_bounds,
    fmt_date,
    fmt_number,
    text_of,
)
from .highlight import Span, highlight
from .links import anchor, safe_url, subject_page

Row = dict[str, Any]


def document_context(
    document: Row,
    claims: Sequence[Row],
    statements: Sequence[Row],
    subject_pages: set[str],
) -> Row:
    """Everything one document page shows: the text cut into plain and highlighted segments."""
    text = text_of(document.get("text"))
    spans: list[Span] = []
    claim_list: list[Row] = []
    for c in claims:
        page = subject_page(c.get("subject"))
        link = f"../{page}" if page in subject_pages else None
        data = {
            "kind": "claim",
            "anchor": anchor("c", c.get("claim_id")),
            "link": link,
            "title": f"{text_of(c.get('subject'))}: "
            f"{fmt_bounds(c.get('low'), c.get('high'), c.get('qualifier'))}"
            f" ({text_of(c.get('category'))}, {text_of(c.get('claimant')) or 'unattributed'})",
        }
        start, end = as_int(c.get("start")), as_int(c.get("end"))
        if start is not None and end is not None:
            spans.append(Span(start, end, text_of(c.get("figure_text")), data))
        claim_list.append(
            {
                "claim_no": fmt_number(c.get("claim_no")),
                "figure_text": text_of(c.get("figure_text")),
                "bounds": fmt_bounds(c.get("low"), c.get("high"), c.get("qualifier")),
                "category": text_of(c.get("category")),
                "item": text_of(c.get("item")),
                "claimant": text_of(c.get("claimant")) or "unattributed",
                "modality": text_of(c.get("modality")),
                "subject": text_of(c.get("subject")),
                "link": link,
                "anchor": data["anchor"],
            }
        )
    for s in statements:
        start, end = as_int(s.get("start")), as_int(s.get("end"))
        if start is None or end is None:
            continue
        page = subject_page(s.get("subject"))
        data = {
            "kind": "statement",
            "anchor": anchor("s", s.get("statement_id")),
            "link": f"../{page}" if page in subject_pages else None,
            "title": f"{text_of(s.get('kind'))} statement: {text_of(s.get('subject'))}",
        }
        spans.append(Span(start, end, text_of(s.get("text")) or None, data))
    result = highlight(text, spans)
    return {
        "doc_id": text_of(document.get("doc_id")),
        "title": text_of(document.get("title")) or text_of(document.get("doc_id")),
        "facts": [
            (
                "outlet",
                text_of(document.get("outlet"))
                + (" (read from the text)" if document.get("outlet_inferred") is True else ""),
            ),
            (
                "published",
                fmt_date(document.get("published"))
                + (" (read from the text)" if document.get("published_inferred") is True else ""),
            ),
            ("author", text_of(document.get("author"))),
            ("source", text_of(document.get("source"))),
            ("format", text_of(document.get("format"))),
            ("characters", fmt_number(document.get("n_chars"))),
            ("content hash", text_of(document.get("content_hash"))[:16]),
        ],
        "url": safe_url(document.get("url")),
        "raw_url": text_of(document.get("url")),
        "segments": result.segments,
        "skipped": [(str(span.data.get("anchor", "")), why) for span, why in result.skipped],
        "claims": claim_list,
    }
