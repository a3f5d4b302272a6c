"""Lazy pandera validation at the stage boundaries: good rows go on, failing rows become rejects.

Each ``validate_*`` returns ``(good_df, rejects_df)``:

- good_df: the rows that passed every check, with exactly the contract's columns (numeric
  columns coerced, string columns untouched);
- rejects_df: one REJECT_COLUMNS row per (row, failed check), stage "validate", built from
  pandera's ``SchemaErrors.failure_cases``: check = the failing check's name (``isin``,
  ``str_matches``, ``bounds_fit_qualifier`` ...), column, the offending value, the document
  and a message naming the row and the check.

A frame that does not have the contract's columns at all is a programming error of the stage
that made it: that raises ValueError (no row could be trusted), it is not quarantined.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa

from forcerecon import ids, records
from forcerecon.schemas.models import (
    SUBJECT_SUMMARY_COLUMNS,
    ClaimModel,
    DocumentModel,
    ExtractedClaimModel,
    StatementModel,
    SubjectSummaryModel,
)

#: Columns quoted in the value of a reject from a dataframe-level check (the first is `column`).
CHECK_COLUMNS: dict[str, list[str]] = {
    "n_chars_is_text_length": ["n_chars"],
    "content_hash_of_text": ["content_hash"],
    "low_le_high": ["low", "high"],
    "bounds_fit_qualifier": ["qualifier", "low", "high"],
    "span_length_is_figure_length": ["figure_text", "start", "end"],
    "figure_in_sentence": ["figure_text"],
    "claim_id_is_stable": ["claim_id", "start", "end"],
    "span_in_sentence": ["start", "end", "sentence_start", "sentence_end"],
    "start_before_end": ["start", "end"],
    "span_matches_text": ["figure_text", "start", "end"],
    "statement_span_matches_text": ["text", "start", "end"],
    "sentence_matches_text": ["sentence_start", "sentence_end"],
    "known_document": ["content_hash"],
    "independent_le_claims": ["n_independent", "n_claims"],
    "low_le_best_le_high": ["low", "best", "high"],
    "figure_is_plausible": ["high", "low", "category", "figure_text"],
}

#: What a failed dataframe-level check means, for the reject message.
CHECK_MEANING: dict[str, str] = {
    "n_chars_is_text_length": "n_chars is not the length of text",
    "content_hash_of_text": "content_hash is not ids.content_hash(text)",
    "low_le_high": "low is greater than high",
    "bounds_fit_qualifier": (
        "low/high do not fit the qualifier (exact/approximate: low == high; upper_bound: high "
        "only; lower_bound: low only; range: low < high; vague: both)"
    ),
    "span_length_is_figure_length": "end - start is not the length of figure_text",
    "figure_in_sentence": "figure_text does not occur in sentence",
    "claim_id_is_stable": "claim_id is not ids.stable_id(content_hash, start, end)",
    "span_in_sentence": "[start, end) is not inside [sentence_start, sentence_end)",
    "start_before_end": "start is not before end",
    "span_matches_text": "the document text at [start, end) is not figure_text",
    "statement_span_matches_text": "the document text at [start, end) is not the statement text",
    "sentence_matches_text": "the document text at [sentence_start, sentence_end) is not sentence",
    "known_document": "no validated document has this content_hash",
    "independent_le_claims": "n_independent is greater than n_claims",
    "low_le_best_le_high": "low <= best <= high does not hold",
    "figure_is_plausible": (
        "implausible figure: above the largest its category can hold (schemas/bounds.py: "
        "personnel 100,000,000, tanks 200,000, ...) or not a finite number"
    ),
}

_MAX_PASSES = 4


@dataclass(frozen=True)
class _Frame:
    """How to name the rows of one boundary in reject rows."""

    name: str  # "documents", "claims", ...
    columns: list[str]
    row_id: str  # the id column that names a row
    source_of: Callable[[pd.Series], str]


def _check_name(check: str) -> str:
    """pandera's check text ("isin(['a', 'b'])") -> its name ("isin")."""
    match = re.match(r"^[A-Za-z_][A-Za-z0-9_]*", check)
    return match.group(0) if match else check


def _fmt(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)[:200]


def _conform(df: pd.DataFrame, frame: _Frame) -> pd.DataFrame:
    """The frame with exactly the contract's columns in order, or ValueError naming the gap."""
    missing = [c for c in frame.columns if c not in df.columns]
    extra = [c for c in df.columns if c not in frame.columns]
    if missing or extra:
        raise ValueError(
            f"{frame.name} frame does not match records.py: "
            f"missing columns {missing or 'none'}, unexpected columns {extra or 'none'}"
        )
    return df[frame.columns].reset_index(drop=True)


def _schema_failure(errors: pa.errors.SchemaErrors, frame: _Frame) -> ValueError:
    cases = errors.failure_cases
    rows = cases[cases["index"].isna()]
    listed = "; ".join(
        f"{r.column}: {r.check} ({r.failure_case})" for r in rows.head(10).itertuples()
    )
    return ValueError(f"{frame.name} frame fails its schema as a whole: {listed}")


def _row_failures(
    cases: pd.DataFrame, df: pd.DataFrame
) -> list[tuple[int, str, str, str | None, str]]:
    """(row index, check name, column, value, check text) per failing row and check.

    Uniqueness failures keep the first row of each value (it goes on) and report the others.
    """
    out: list[tuple[int, str, str, str | None, str]] = []
    seen: set[tuple[int, str, str]] = set()
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            continue
        idx = int(case.index)
        check_text = str(case.check)
        name = _check_name(check_text)
        column = str(case.column) if case.column is not None else ""
        if case.schema_context == "DataFrameSchema":
            cols = CHECK_COLUMNS.get(name, [column])
            column = cols[0]
            value = "; ".join(f"{c}={_fmt(df.at[idx, c])}" for c in cols if c in df.columns)
        else:
            value = _fmt(case.failure_case)
        if name == "field_uniqueness":
            dup = df[column].duplicated(keep="first")
            if not bool(dup.at[idx]):
                continue
        key = (idx, name, column)
        if key in seen:
            continue
        seen.add(key)
        out.append((idx, name, column, value, check_text))
    # a value that cannot be coerced also fails the dtype check: report it once
    coerced = {(f[0], f[2]) for f in out if f[1] == "coerce_dtype"}
    return [f for f in out if not (f[1] == "dtype" and (f[0], f[2]) in coerced)]


def _message(
    frame: _Frame, row: pd.Series, name: str, column: str, value: str | None, check_text: str
) -> str:
    what = f"{frame.name[:-1]} {row.get(frame.row_id)} (doc {row.get('doc_id')})"
    if name in CHECK_MEANING:
        return f"{what}: {CHECK_MEANING[name]} [{value}]"
    if name == "field_uniqueness":
        return f"{what}: {column} {value!r} appears more than once; the first is kept"
    if name == "not_nullable":
        return f"{what}: {column} is empty but required"
    return f"{what}: {column}={value!r} fails {check_text}"


def _reject_rows(
    failures: list[tuple[int, str, str, str | None, str]],
    df: pd.DataFrame,
    frame: _Frame,
    run_id: str,
) -> list[dict[str, Any]]:
    rows = []
    for idx, name, column, value, check_text in failures:
        row = df.loc[idx]
        source = frame.source_of(row)
        doc_id = _fmt(row.get("doc_id"))
        rows.append(
            {
                "reject_id": ids.stable_id("validate", source, doc_id, name, column, value),
                "run_id": run_id,
                "stage": "validate",
                "source": source,
                "doc_id": doc_id,
                "check": name,
                "column": column,
                "value": value,
                "message": _message(frame, row, name, column, value, check_text),
            }
        )
    return rows


def run_schema(
    df: pd.DataFrame, schema: pa.DataFrameSchema, frame: _Frame, run_id: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate lazily; quarantine failing rows and re-validate the rest until it passes."""
    df = _conform(df, frame)
    original = df
    rejects: list[dict[str, Any]] = []
    for _ in range(_MAX_PASSES):
        if df.empty:
            break
        try:
            good = schema.validate(df, lazy=True)
        except pa.errors.SchemaErrors as errors:
            failures = _row_failures(errors.failure_cases, df)
            if not failures:
                raise _schema_failure(errors, frame) from errors
            rejects.extend(_reject_rows(failures, original, frame, run_id))
            bad = sorted({f[0] for f in failures})
            df = df.drop(index=bad)
            continue
        return good[frame.columns].reset_index(drop=True), _rejects_frame(rejects)
    if df.empty:
        return _empty_like(original, schema, frame), _rejects_frame(rejects)
    raise ValueError(f"{frame.name}: validation did not settle after {_MAX_PASSES} passes")


def _empty_like(df: pd.DataFrame, schema: pa.DataFrameSchema, frame: _Frame) -> pd.DataFrame:
    """A zero-row frame of the contract's columns (numeric columns in their schema dtype)."""
    empty = df.iloc[0:0].copy()
    for name, column in schema.columns.items():
        if column.coerce and name in empty.columns:
            empty[name] = empty[name].astype(str(column.dtype))
    return empty[frame.columns].reset_index(drop=True)


def _rejects_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return records.empty_frame(records.REJECT_COLUMNS)
    frame = pd.DataFrame(rows, columns=records.REJECT_COLUMNS, dtype=object)
    return frame.drop_duplicates("reject_id").reset_index(drop=True)


def _with_checks(model: type[pa.DataFrameModel], checks: list[pa.Check]) -> pa.DataFrameSchema:
    """The model's schema with extra dataframe-level checks (a copy; the model is unchanged)."""
    schema = copy.copy(model.to_schema())
    schema.checks = [*schema.checks, *checks]
    return schema


# --------------------------------------------------------------------------- text checks


def _text_lookup(documents: pd.DataFrame) -> dict[str, str]:
    return dict(zip(documents["content_hash"], documents["text"], strict=True))


def _slice_equals(
    texts: dict[str, str],
    hashes: pd.Series,
    starts: pd.Series,
    ends: pd.Series,
    expected: pd.Series,
) -> pd.Series:
    """text[start:end] == expected per row; True where the span or expected is unknown."""
    out = []
    for h, s, e, want in zip(hashes, starts, ends, expected, strict=True):
        text = texts.get(h)
        if text is None or pd.isna(s) or pd.isna(e) or not isinstance(want, str):
            out.append(True)
        else:
            out.append(text[int(s) : int(e)] == want)
    return pd.Series(out, index=hashes.index, dtype=bool)


def _document_checks(documents: pd.DataFrame, text_column: str, span_check: str) -> list[pa.Check]:
    """Checks that need the documents: the row's document exists and its spans match the text."""
    texts = _text_lookup(documents)

    def known_document(df: pd.DataFrame) -> pd.Series:
        return df["content_hash"].isin(texts.keys())

    def span_matches(df: pd.DataFrame) -> pd.Series:
        return _slice_equals(texts, df["content_hash"], df["start"], df["end"], df[text_column])

    def sentence_matches(df: pd.DataFrame) -> pd.Series:
        return _slice_equals(
            texts, df["content_hash"], df["sentence_start"], df["sentence_end"], df["sentence"]
        )

    return [
        pa.Check(known_document, name="known_document"),
        pa.Check(span_matches, name=span_check),
        pa.Check(sentence_matches, name="sentence_matches_text"),
    ]


# --------------------------------------------------------------------------- public API


def _doc_sources(documents: pd.DataFrame | None) -> dict[str, str]:
    if documents is None or documents.empty:
        return {}
    return dict(zip(documents["content_hash"], documents["source"], strict=True))


def validate_documents(df: pd.DataFrame, run_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents -> (good documents, rejects). Checks DocumentModel."""
    frame = _Frame(
        "documents",
        records.DOCUMENT_COLUMNS,
        "doc_id",
        lambda r: _fmt(r.get("source")) or f"documents:{r.get('doc_id')}",
    )
    return run_schema(df, DocumentModel.to_schema(), frame, run_id)


def validate_claims(
    claims: pd.DataFrame, documents: pd.DataFrame, run_id: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims -> (good claims, rejects). ClaimModel plus the checks against the documents:
    the claim's document is among ``documents`` and its text at [start, end) is figure_text
    (and at [sentence_start, sentence_end) is sentence)."""
    sources = _doc_sources(documents)
    frame = _Frame(
        "claims",
        records.CLAIM_COLUMNS,
        "claim_id",
        lambda r: (
            f"{sources.get(r.get('content_hash'), r.get('doc_id'))}#claim:{r.get('claim_id')}"
        ),
    )
    schema = _with_checks(
        ClaimModel, _document_checks(documents, "figure_text", "span_matches_text")
    )
    return run_schema(claims, schema, frame, run_id)


def validate_statements(
    statements: pd.DataFrame, documents: pd.DataFrame, run_id: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Statements -> (good statements, rejects). StatementModel plus the document checks."""
    sources = _doc_sources(documents)
    frame = _Frame(
        "statements",
        records.STATEMENT_COLUMNS,
        "statement_id",
        lambda r: (
            f"{sources.get(r.get('content_hash'), r.get('doc_id'))}"
            f"#statement:{r.get('statement_id')}"
        ),
    )
    checks = _document_checks(documents, "text", "statement_span_matches_text")
    return run_schema(statements, _with_checks(StatementModel, checks), frame, run_id)


def validate_extracted(claims: pd.DataFrame, run_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """SCHEME-format claims with spans (``forcerecon extract`` output) -> (good, rejects)."""
    frame = _Frame(
        "extracted claims",
        records.EXTRACT_COLUMNS,
        "claim_no",
        lambda r: f"{r.get('doc_id')}#claim_no:{r.get('claim_no')}",
    )
    return run_schema(claims, ExtractedClaimModel.to_schema(), frame, run_id)


def validate_subjects(df: pd.DataFrame, run_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """subject_summary rows read back from the warehouse -> (good, rejects).

    Only the SUBJECT_SUMMARY_COLUMNS are checked (and returned); the model's other columns
    are the reconciliation engineer's to extend."""
    missing = [c for c in SUBJECT_SUMMARY_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"subject_summary lacks column(s) {missing}")
    df = df[SUBJECT_SUMMARY_COLUMNS]
    frame = _Frame(
        "subjects",
        SUBJECT_SUMMARY_COLUMNS,
        "subject",
        lambda r: f"subject_summary:{r.get('subject')}",
    )
    return run_schema(df, SubjectSummaryModel.to_schema(), frame, run_id)
