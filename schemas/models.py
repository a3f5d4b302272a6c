"""pandera DataFrameModels: one per stage boundary, built by inheritance where a stage extends
the one before it.

- DocumentModel: ingest -> extract (records.DOCUMENT_COLUMNS)
- ExtractedClaimModel: `forcerecon extract` output and gold rows (records.EXTRACT_COLUMNS)
- ClaimModel(ExtractedClaimModel): normalized claims, what is loaded (records.CLAIM_COLUMNS)
- StatementModel: statements without a figure, what is loaded (records.STATEMENT_COLUMNS)
- SubjectSummaryModel: the warehouse model subject_summary read back (SUBJECT_SUMMARY_COLUMNS)

Column checks are pandera built-ins (isin, ge, str_matches, unique, str_length); the checks
that relate columns of one row are named dataframe checks (their names become the ``check``
of a reject row). Checks that need the document text (a span equals its figure_text) live
in ``schemas.validate`` because they need a second frame.

String columns are not coerced (they stay object columns holding str or None); numeric columns
are coerced, so "170" in ``low`` becomes 170.0 and "abc" is a ``coerce_dtype`` failure.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from forcerecon import ids, records
from forcerecon.schemas.bounds import figure_is_plausible

#: YYYY, YYYY-MM or YYYY-MM-DD (month 01-12, day 01-31).
AS_OF_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"
#: A calendar date YYYY-MM-DD.
DATE_PATTERN = r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"
#: sha256 hex (ids.content_hash) and 16-hex stable ids (ids.stable_id).
HASH_PATTERN = r"^[0-9a-f]{64}$"
STABLE_ID_PATTERN = r"^[0-9a-f]{16}$"
#: A doc_id: 1-200 characters, no path separator, no control character.
DOC_ID_PATTERN = r"^[^/\\\x00-\x1f]{1,200}$"
#: A side code: RU, BY, RU+BY, NATO ...
SIDE_CODE_PATTERN = r"^[A-Z]{2,8}(?:\+[A-Z]{2,8})*$"
#: A key without spaces (subjects, location keys).
KEY_PATTERN = r"^\S+$"
URL_PATTERN = r"^https?://\S+$"
DOCUMENT_FORMATS = ("txt", "html", "jsonl")

#: Statuses of warehouse/models/marts/subject_summary.sql (first matching rule wins).
SUBJECT_STATUSES = ("conflict", "qualifier_only", "agree", "scope", "single_source", "undated")

#: Columns of the warehouse model subject_summary that reports and README queries rely on
#: (ARCHITECTURE.md); the model may hold more, which validate_subjects leaves unchecked.
SUBJECT_SUMMARY_COLUMNS: list[str] = [
    "subject",
    "side_code",
    "category",
    "location_key",
    "period",
    "event",
    "n_claims",
    "n_independent",
    "n_statements",
    "low",
    "best",
    "high",
    "status",
    "rule",
]


_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_calendar_date(values: pd.Series) -> pd.Series:
    """YYYY-MM-DD values name a real day (2022-02-30 does not); other values pass here
    (their format is the str_matches check's business)."""

    def ok(value: object) -> bool:
        if not isinstance(value, str) or not _YMD.fullmatch(value):
            return True
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True

    return values.map(ok).astype(bool)


def _bounds_fit_qualifier(df: pd.DataFrame) -> pd.Series:
    """Whether low/high are the ones the qualifier allows (see SCHEME.md)."""
    q = df["qualifier"]
    low, high = df["low"], df["high"]
    has_low, has_high = low.notna(), high.notna()
    both = has_low & has_high
    return (
        (q.isin(["exact", "approximate"]) & both & (low == high))
        | ((q == "upper_bound") & ~has_low & has_high)
        | ((q == "lower_bound") & has_low & ~has_high)
        | ((q == "range") & both & (low < high))
        | ((q == "vague") & both & (low <= high))
        | ~q.isin(records.QUALIFIERS)  # reported by the vocabulary check instead
    )


def _within(
    inner_start: pd.Series, inner_end: pd.Series, outer_start: pd.Series, outer_end: pd.Series
) -> pd.Series:
    """[inner_start, inner_end) lies within [outer_start, outer_end) where both are known."""
    known = outer_start.notna() & outer_end.notna()
    inside = (outer_start <= inner_start) & (inner_end <= outer_end)
    return ~known | inside.fillna(False).astype(bool)


class DocumentModel(pa.DataFrameModel):
    """One ingested document (records.DOCUMENT_COLUMNS)."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID_PATTERN, unique=True)
    content_hash: Series[str] = pa.Field(str_matches=HASH_PATTERN, unique=True)
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    format: Series[str] = pa.Field(isin=DOCUMENT_FORMATS)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    n_chars: Series[int] = pa.Field(ge=1, coerce=True)
    outlet: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})
    url: Series[str] = pa.Field(nullable=True, str_matches=URL_PATTERN)
    published: Series[str] = pa.Field(nullable=True, str_matches=DATE_PATTERN)
    title: Series[str] = pa.Field(nullable=True)
    author: Series[str] = pa.Field(nullable=True)
    outlet_inferred: Series[bool] = pa.Field(coerce=True)
    published_inferred: Series[bool] = pa.Field(coerce=True)

    class Config:
        strict = True

    @pa.check("published", name="is_calendar_date")
    def published_is_calendar_date(cls, values: pd.Series) -> pd.Series:
        return _is_calendar_date(values)

    @pa.dataframe_check(name="n_chars_is_text_length")
    def n_chars_is_text_length(cls, df: pd.DataFrame) -> pd.Series:
        return df["n_chars"] == df["text"].str.len()

    @pa.dataframe_check(name="content_hash_of_text")
    def content_hash_of_text(cls, df: pd.DataFrame) -> pd.Series:
        expected = [ids.content_hash(t) if isinstance(t, str) else None for t in df["text"]]
        return df["content_hash"] == pd.Series(expected, index=df.index, dtype=object)


class ExtractedClaimModel(pa.DataFrameModel):
    """A claim in the SCHEME.md format plus its span (records.EXTRACT_COLUMNS)."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID_PATTERN)
    claim_no: Series[int] = pa.Field(ge=1, coerce=True)
    figure_text: Series[str] = pa.Field(str_length={"min_value": 1})
    low: Series[float] = pa.Field(nullable=True, ge=0, coerce=True)
    high: Series[float] = pa.Field(nullable=True, ge=0, coerce=True)
    qualifier: Series[str] = pa.Field(isin=records.QUALIFIERS)
    category: Series[str] = pa.Field(isin=records.CATEGORIES)
    item: Series[str] = pa.Field(nullable=True)
    side: Series[str] = pa.Field(nullable=True)
    location: Series[str] = pa.Field(nullable=True)
    as_of: Series[str] = pa.Field(nullable=True, str_matches=AS_OF_PATTERN)
    event: Series[str] = pa.Field(nullable=True)
    claimant: Series[str] = pa.Field(nullable=True)
    claimant_type: Series[str] = pa.Field(isin=records.CLAIMANT_TYPES)
    modality: Series[str] = pa.Field(isin=records.MODALITIES)
    subject: Series[str] = pa.Field(nullable=True, str_matches=KEY_PATTERN)
    sentence: Series[str] = pa.Field(nullable=True)
    start: Series[int] = pa.Field(ge=0, coerce=True)
    end: Series[int] = pa.Field(ge=1, coerce=True)
    measure: Series[str] = pa.Field(nullable=True, isin=records.MEASURES)  # empty = stock

    class Config:
        strict = True

    @pa.check("as_of", name="is_calendar_date")
    def as_of_is_calendar_date(cls, values: pd.Series) -> pd.Series:
        return _is_calendar_date(values)

    @pa.dataframe_check(name="low_le_high")
    def low_le_high(cls, df: pd.DataFrame) -> pd.Series:
        return df["low"].isna() | df["high"].isna() | (df["low"] <= df["high"])

    @pa.dataframe_check(name="bounds_fit_qualifier")
    def bounds_fit_qualifier(cls, df: pd.DataFrame) -> pd.Series:
        return _bounds_fit_qualifier(df)

    @pa.dataframe_check(name="figure_is_plausible")
    def figure_is_plausible(cls, df: pd.DataFrame) -> pd.Series:
        return figure_is_plausible(df)  # bounds per category: schemas/bounds.py

    @pa.dataframe_check(name="span_length_is_figure_length")
    def span_length_is_figure_length(cls, df: pd.DataFrame) -> pd.Series:
        return (df["end"] - df["start"]) == df["figure_text"].str.len()

    @pa.dataframe_check(name="figure_in_sentence")
    def figure_in_sentence(cls, df: pd.DataFrame) -> pd.Series:
        found = [
            not isinstance(s, str) or (isinstance(f, str) and f in s)
            for f, s in zip(df["figure_text"], df["sentence"], strict=True)
        ]
        return pd.Series(found, index=df.index, dtype=bool)


class ClaimModel(ExtractedClaimModel):
    """A normalized claim as loaded into the warehouse (records.CLAIM_COLUMNS)."""

    claim_id: Series[str] = pa.Field(str_matches=STABLE_ID_PATTERN, unique=True)
    content_hash: Series[str] = pa.Field(str_matches=HASH_PATTERN)
    sentence_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, coerce=True)
    sentence_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, coerce=True)
    subcategory: Series[str] = pa.Field(nullable=True, str_matches=KEY_PATTERN)
    side_code: Series[str] = pa.Field(nullable=True, str_matches=SIDE_CODE_PATTERN)
    location_key: Series[str] = pa.Field(nullable=True, str_matches=KEY_PATTERN)
    period: Series[str] = pa.Field(nullable=True, str_matches=AS_OF_PATTERN)
    extractor_version: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(name="claim_id_is_stable")
    def claim_id_is_stable(cls, df: pd.DataFrame) -> pd.Series:
        expected = [
            ids.stable_id(h, s, e)
            for h, s, e in zip(df["content_hash"], df["start"], df["end"], strict=True)
        ]
        return df["claim_id"] == pd.Series(expected, index=df.index, dtype=object)

    @pa.dataframe_check(name="span_in_sentence")
    def span_in_sentence(cls, df: pd.DataFrame) -> pd.Series:
        return _within(df["start"], df["end"], df["sentence_start"], df["sentence_end"])


class StatementModel(pa.DataFrameModel):
    """A statement about a force without a figure (records.STATEMENT_COLUMNS)."""

    statement_id: Series[str] = pa.Field(str_matches=STABLE_ID_PATTERN, unique=True)
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID_PATTERN)
    content_hash: Series[str] = pa.Field(str_matches=HASH_PATTERN)
    kind: Series[str] = pa.Field(isin=records.STATEMENT_KINDS)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, coerce=True)
    end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, coerce=True)
    sentence: Series[str] = pa.Field(nullable=True)
    sentence_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, coerce=True)
    sentence_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, coerce=True)
    category: Series[str] = pa.Field(nullable=True, isin=records.CATEGORIES)
    side: Series[str] = pa.Field(nullable=True)
    side_code: Series[str] = pa.Field(nullable=True, str_matches=SIDE_CODE_PATTERN)
    location: Series[str] = pa.Field(nullable=True)
    location_key: Series[str] = pa.Field(nullable=True, str_matches=KEY_PATTERN)
    as_of: Series[str] = pa.Field(nullable=True, str_matches=AS_OF_PATTERN)
    period: Series[str] = pa.Field(nullable=True, str_matches=AS_OF_PATTERN)
    event: Series[str] = pa.Field(nullable=True)
    claimant: Series[str] = pa.Field(nullable=True)
    claimant_type: Series[str] = pa.Field(nullable=True, isin=records.CLAIMANT_TYPES)
    subject: Series[str] = pa.Field(nullable=True, str_matches=KEY_PATTERN)
    extractor_version: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True

    @pa.check("as_of", name="is_calendar_date")
    def as_of_is_calendar_date(cls, values: pd.Series) -> pd.Series:
        return _is_calendar_date(values)

    @pa.dataframe_check(name="start_before_end")
    def start_before_end(cls, df: pd.DataFrame) -> pd.Series:
        known = df["start"].notna() & df["end"].notna()
        return ~known | (df["start"] < df["end"]).fillna(False).astype(bool)

    @pa.dataframe_check(name="span_in_sentence")
    def span_in_sentence(cls, df: pd.DataFrame) -> pd.Series:
        return _within(df["start"], df["end"], df["sentence_start"], df["sentence_end"])


class SubjectSummaryModel(pa.DataFrameModel):
    """One reconciled subject as the warehouse model subject_summary holds it."""

    subject: Series[str] = pa.Field(str_matches=KEY_PATTERN, unique=True)
    side_code: Series[str] = pa.Field(nullable=True, str_matches=SIDE_CODE_PATTERN)
    category: Series[str] = pa.Field(nullable=True, isin=records.CATEGORIES)
    location_key: Series[str] = pa.Field(nullable=True)
    period: Series[str] = pa.Field(nullable=True, str_matches=AS_OF_PATTERN)
    event: Series[str] = pa.Field(nullable=True)
    n_claims: Series[int] = pa.Field(ge=1, coerce=True)
    n_independent: Series[int] = pa.Field(ge=0, coerce=True)
    n_statements: Series[int] = pa.Field(ge=0, coerce=True)
    low: Series[float] = pa.Field(nullable=True, ge=0, coerce=True)
    best: Series[float] = pa.Field(nullable=True, ge=0, coerce=True)
    high: Series[float] = pa.Field(nullable=True, ge=0, coerce=True)
    status: Series[str] = pa.Field(isin=SUBJECT_STATUSES)
    rule: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True

    @pa.dataframe_check(name="independent_le_claims")
    def independent_le_claims(cls, df: pd.DataFrame) -> pd.Series:
        return df["n_independent"] <= df["n_claims"]

    @pa.dataframe_check(name="low_le_best_le_high")
    def low_le_best_le_high(cls, df: pd.DataFrame) -> pd.Series:
        low, best, high = df["low"], df["best"], df["high"]
        ok_lb = low.isna() | best.isna() | (low <= best)
        ok_bh = best.isna() | high.isna() | (best <= high)
        ok_lh = low.isna() | high.isna() | (low <= high)
        return ok_lb & ok_bh & ok_lh
