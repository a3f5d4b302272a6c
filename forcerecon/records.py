"""The record shapes that pass between stages: one place that names every column.

Stages exchange pandas DataFrames with exactly these columns (in this order).
The pandera models in ``schemas/`` check them; the warehouse DDL stores them.
"""

from __future__ import annotations

import pandas as pd

#: The columns of a claim in ../shared/gold/SCHEME.md, in order (CSV output of `extract`).
SCHEME_COLUMNS: list[str] = [
    "doc_id",
    "claim_no",
    "figure_text",
    "low",
    "high",
    "qualifier",
    "category",
    "item",
    "side",
    "location",
    "as_of",
    "event",
    "claimant",
    "claimant_type",
    "modality",
    "subject",
    "sentence",
]

#: `forcerecon extract` output: the scheme plus the character span of figure_text.
EXTRACT_COLUMNS: list[str] = [*SCHEME_COLUMNS, "start", "end", "measure"]

#: One ingested document. `text` is what offsets point into (HTML already reduced to text).
DOCUMENT_COLUMNS: list[str] = [
    "doc_id",  # file stem, or the JSONL "doc_id"
    "content_hash",  # ids.content_hash(text)
    "source",  # file path (plus ":LINE" for JSONL)
    "format",  # txt | html | jsonl
    "text",
    "n_chars",
    "outlet",  # None when unknown
    "url",
    "published",  # YYYY-MM-DD or None
    "title",
    "author",
    "outlet_inferred",  # True when outlet was read from the text, not the manifest
    "published_inferred",  # True when published was read from the text (dateline)
]

#: One extracted figure mention: SCHEME columns + span + normalized keys + provenance.
CLAIM_COLUMNS: list[str] = [
    "claim_id",  # ids.stable_id(content_hash, start, end)
    "doc_id",
    "content_hash",
    *SCHEME_COLUMNS[1:],  # claim_no .. sentence
    "start",
    "end",  # text[start:end] == figure_text (offsets into the document text)
    "sentence_start",
    "sentence_end",
    "subcategory",  # e.g. ranges / airfields / camps for facilities; None otherwise
    "side_code",  # RU, BY, RU+BY, UA, NATO, US, ...
    "location_key",  # CamelCase key used in the subject, e.g. Belarus, UkraineBorder
    "period",  # YYYY-MM used in the subject (from as_of, else the publication month)
    "extractor_version",
    "measure",             # stock | added | withdrawn | needed | mobilized | subset (SCHEME.md)
]

#: Statements about a force without a figure ("did not divulge the number of troops",
#: "not a single serviceman will remain"), linked to the subject they speak of.
STATEMENT_COLUMNS: list[str] = [
    "statement_id",
    "doc_id",
    "content_hash",
    "kind",  # kind: undisclosed | denial
    "text",
    "start",
    "end",
    "sentence",
    "sentence_start",
    "sentence_end",
    "category",
    "side",
    "side_code",
    "location",
    "location_key",
    "as_of",
    "period",
    "event",
    "claimant",
    "claimant_type",
    "subject",
    "extractor_version",
]

#: Quarantined input or rows: nothing is dropped silently.
REJECT_COLUMNS: list[str] = [
    "reject_id",  # ids.stable_id(stage, source, doc_id, check, column, value)
    "run_id",
    "stage",  # ingest | extract | validate | load
    "source",
    "doc_id",
    "check",
    "column",
    "value",
    "message",
]

QUALIFIERS = ("exact", "approximate", "upper_bound", "lower_bound", "range", "vague")
CATEGORIES = (
    "personnel",
    "tanks",
    "armored_vehicles",
    "artillery",
    "aircraft",
    "helicopters",
    "air_defense",
    "missile_systems",
    "ships",
    "formations",
    "facilities",
    "share",
    "other_military",
)
CLAIMANT_TYPES = (
    "government",
    "military",
    "intelligence",
    "international_org",
    "official_person",
    "media",
    "think_tank",
    "unattributed",
)
MODALITIES = ("reported", "estimated", "planned", "speculative", "denied")
MEASURES = ("stock", "added", "withdrawn", "needed", "mobilized", "subset")
STATEMENT_KINDS = ("undisclosed", "denial")


def empty_frame(columns: list[str]) -> pd.DataFrame:
    """A frame with the given columns and no rows (object dtype)."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
