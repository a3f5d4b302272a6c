"""Records out of extraction: the rows of records.py (claims, statements, rejects) and the
SCHEME CSV shape."""

from __future__ import annotations

from typing import Any

import pandas as pd

from forcerecon import EXTRACTOR_VERSION
from forcerecon.extract.document import Resolved
from forcerecon.extract.sentence_pass import Found
from forcerecon.ids import stable_id
from forcerecon.records import EXTRACT_COLUMNS, empty_frame


def records(
    found: list[Found], resolved: list[Resolved], text: str, doc_id: str, content_hash: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Claim and statement record dicts (records.py columns) of one document."""
    claims: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    for f, r in zip(found, resolved, strict=True):
        start, end = f.sent_start + f.start, f.sent_start + f.end
        common = {
            "doc_id": doc_id,
            "content_hash": content_hash,
            "sentence": f.sentence,
            "sentence_start": f.sent_start,
            "sentence_end": f.sent_start + len(f.sentence),
            "category": f.category,
            "side": r.side[0] if r.side else None,
            "side_code": r.side[1] if r.side else None,
            "location": r.place.text if r.place else None,
            "location_key": r.location_key,
            "as_of": r.as_of,
            "period": r.period,
            "event": r.event.canonical if r.event else None,
            "claimant": r.claimant,
            "claimant_type": r.claimant_type,
            "subject": r.subject,
            "extractor_version": EXTRACTOR_VERSION,
            "start": start,
            "end": end,
        }
        if f.kind == "figure":
            claims.append(
                {
                    **common,
                    "claim_id": stable_id(content_hash, start, end),
                    "claim_no": len(claims) + 1,
                    "figure_text": text[start:end],
                    "low": f.low,
                    "high": f.high,
                    "qualifier": f.qualifier,
                    "item": f.item,
                    "modality": f.modality,
                    "subcategory": f.subcategory,
                }
            )
        else:
            statements.append(
                {
                    **common,
                    "statement_id": stable_id(content_hash, "statement", start, end),
                    "kind": f.kind,
                    "text": text[start:end],
                }
            )
    return claims, statements


def reject(doc: dict[str, Any], error: Exception) -> dict[str, Any]:
    doc_id = str(doc.get("doc_id"))
    source = doc.get("source")
    message = f"extraction of document {doc_id} ({source}) failed: {type(error).__name__}: {error}"
    return {
        "reject_id": stable_id("extract", source, doc_id, "extraction_error", None, None),
        "run_id": None,
        "stage": "extract",
        "source": source,
        "doc_id": doc_id,
        "check": "extraction_error",
        "column": None,
        "value": None,
        "message": message,
    }


def str_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    if not rows:
        return empty_frame(columns)
    frame = pd.DataFrame(rows)
    for col in columns:
        if col not in frame:
            frame[col] = None
    frame = frame[columns]
    for col in ("low", "high"):
        if col in frame:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    return frame


def _number_out(value: Any) -> Any:
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def to_scheme(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims in the SCHEME CSV shape plus their span (EXTRACT_COLUMNS); whole numbers as
    integers so the CSV reads 30000, not 30000.0."""
    if claims.empty:
        return empty_frame(EXTRACT_COLUMNS)
    out = claims[EXTRACT_COLUMNS].copy()
    for col in ("low", "high"):
        out[col] = pd.Series([_number_out(v) for v in out[col]], index=out.index, dtype=object)
    return out.reset_index(drop=True)
