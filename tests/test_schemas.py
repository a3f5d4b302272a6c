"""pandera contracts: good rows go on, each failing row becomes a reject naming its check."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from forcerecon import ids, ingest, records
from forcerecon.schemas import (
    SUBJECT_SUMMARY_COLUMNS,
    validate_claims,
    validate_documents,
    validate_extracted,
    validate_statements,
    validate_subjects,
)

TEXT = (
    "MINSK - Russia has sent some 170 tanks to Belarus. "
    "NATO said up to 30,000 troops may follow. "
    "Belarus did not divulge the number of troops."
)


def _documents() -> pd.DataFrame:
    row = {
        "doc_id": "d1",
        "content_hash": ids.content_hash(TEXT),
        "source": "in/d1.txt",
        "format": "txt",
        "text": TEXT,
        "n_chars": len(TEXT),
        "outlet": "Wire",
        "url": "https://wire.example/d1",
        "published": "2022-02-10",
        "title": None,
        "author": None,
        "outlet_inferred": False,
        "published_inferred": False,
    }
    return ingest.documents_frame([row])


def _claim(figure: str, low: float | None, high: float | None, qualifier: str, **over: object):
    start = TEXT.index(figure)
    end = start + len(figure)
    sent_start = TEXT.rfind(". ", 0, start) + 2 if ". " in TEXT[:start] else 0
    sent_end = TEXT.index(".", end) + 1
    h = ids.content_hash(TEXT)
    row: dict[str, object] = {
        "claim_id": ids.stable_id(h, start, end),
        "doc_id": "d1",
        "content_hash": h,
        "claim_no": 1,
        "figure_text": figure,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "category": "tanks",
        "item": "tanks",
        "side": "Russia",
        "location": "Belarus",
        "as_of": "2022-02",
        "event": None,
        "claimant": "Wire",
        "claimant_type": "unattributed",
        "modality": "reported",
        "subject": "RU-tanks-Belarus-2022-02",
        "sentence": TEXT[sent_start:sent_end],
        "start": start,
        "end": end,
        "sentence_start": sent_start,
        "sentence_end": sent_end,
        "subcategory": None,
        "side_code": "RU",
        "location_key": "Belarus",
        "period": "2022-02",
        "extractor_version": "test",
        "measure": "stock",
    }
    row.update(over)
    return row


def _claims(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=records.CLAIM_COLUMNS)


def test_good_claims_pass_unchanged() -> None:
    claims = _claims(
        _claim("some 170", 170, 170, "approximate"),
        _claim("up to 30,000", None, 30000, "upper_bound", category="personnel", claim_no=2),
    )
    good, rejects = validate_claims(claims, _documents(), "r1")
    assert rejects.empty
    assert list(good.columns) == records.CLAIM_COLUMNS
    assert good["claim_id"].tolist() == claims["claim_id"].tolist()
    assert good["event"].tolist() == [None, None]  # string columns are not coerced


def test_each_failing_row_is_quarantined_with_its_check() -> None:
    good_row = _claim("some 170", 170, 170, "approximate")
    range_row = _claim("up to 30,000", 30000, 30000, "range", claim_no=2)
    shifted = _claim("up to 30,000", None, 30000, "upper_bound", claim_no=3)
    shifted["start"], shifted["end"] = int(shifted["start"]) + 1, int(shifted["end"]) + 1
    shifted["claim_id"] = ids.stable_id(shifted["content_hash"], shifted["start"], shifted["end"])
    vocab = _claim("some 170", 170, 170, "approximate", category="boats", as_of="2022-13")
    vocab["claim_id"] = "0" * 16
    good, rejects = validate_claims(
        _claims(good_row, range_row, shifted, vocab), _documents(), "r1"
    )
    assert good["claim_id"].tolist() == [good_row["claim_id"]]
    by_check = rejects.set_index("check")
    assert set(rejects["stage"]) == {"validate"}
    assert by_check.loc["bounds_fit_qualifier", "column"] == "qualifier"
    assert "range" in by_check.loc["bounds_fit_qualifier", "message"]
    assert by_check.loc["span_matches_text", "doc_id"] == "d1"
    # lazy: every failure of the last row is reported at once
    assert {"isin", "str_matches", "claim_id_is_stable"} <= set(rejects["check"])
    assert by_check.loc["isin", "value"] == "boats"
    assert by_check.loc["str_matches", "value"] == "2022-13"
    assert rejects["source"].str.startswith("in/d1.txt#claim:").all()
    assert rejects["reject_id"].is_unique


def test_as_of_must_be_a_real_day() -> None:
    feb30 = _claim("some 170", 170, 170, "approximate", as_of="2022-02-30")
    ok = _claim("up to 30,000", None, 30000, "upper_bound", as_of="2022", claim_no=2)
    good, rejects = validate_claims(_claims(feb30, ok), _documents(), "r1")
    assert good["as_of"].tolist() == ["2022"]
    assert rejects[["check", "column", "value"]].values.tolist() == [
        ["is_calendar_date", "as_of", "2022-02-30"]
    ]


def test_bounds_must_fit_every_qualifier() -> None:
    rows = [
        _claim("some 170", 170, 170, "exact"),
        _claim("some 170", 160, 170, "exact", claim_id="1" * 16),
        _claim("some 170", 170, None, "upper_bound", claim_id="2" * 16),
        _claim("some 170", 170, None, "lower_bound", claim_id="3" * 16),
        _claim("some 170", None, 170, "vague", claim_id="4" * 16),
        _claim("some 170", 180, 170, "range", claim_id="5" * 16),
    ]
    schema_claims = _claims(*rows)[records.EXTRACT_COLUMNS]
    good, rejects = validate_extracted(schema_claims, "r1")
    assert len(good) == 2  # exact 170/170 and lower_bound 170/-
    failed = rejects[rejects["check"] == "bounds_fit_qualifier"]["value"].tolist()
    assert len(failed) == 4
    assert "low_le_high" in set(rejects["check"])


def test_unknown_document_and_duplicate_ids() -> None:
    one = _claim("some 170", 170, 170, "approximate")
    dup = dict(one)
    other = _claim("some 170", 170, 170, "approximate", content_hash="f" * 64)
    other["claim_id"] = ids.stable_id("f" * 64, other["start"], other["end"])
    good, rejects = validate_claims(_claims(one, dup, other), _documents(), "r1")
    assert len(good) == 1
    assert sorted(rejects["check"]) == ["field_uniqueness", "known_document"]
    assert "first is kept" in rejects.set_index("check").loc["field_uniqueness", "message"]


def test_uncoercible_number_is_a_row_reject_not_a_crash() -> None:
    good_row = _claim("some 170", 170, 170, "approximate")
    bad = _claim("up to 30,000", "abc", 30000, "upper_bound", claim_no=2)
    good, rejects = validate_claims(_claims(good_row, bad), _documents(), "r1")
    assert good["claim_id"].tolist() == [good_row["claim_id"]]
    assert good["low"].dtype == "float64"
    assert rejects["value"].tolist() == ["abc"]
    assert rejects["check"].tolist() == ["coerce_dtype"]


def test_missing_column_is_a_clear_error() -> None:
    claims = _claims(_claim("some 170", 170, 170, "approximate")).drop(columns=["period"])
    with pytest.raises(ValueError, match=r"claims frame .* missing columns \['period'\]"):
        validate_claims(claims, _documents(), "r1")


def test_empty_claims_validate_to_empty() -> None:
    good, rejects = validate_claims(records.empty_frame(records.CLAIM_COLUMNS), _documents(), "r1")
    assert good.empty and rejects.empty
    assert list(good.columns) == records.CLAIM_COLUMNS
    assert (good["low"].dtype, good["start"].dtype) == ("float64", "int64")


def test_documents_from_ingest_pass_and_bad_rows_are_rejected(seeds_dir: Path) -> None:
    docs = ingest.read_inputs([seeds_dir], "r1").documents
    good, rejects = validate_documents(docs, "r1")
    assert len(good) == 5 and rejects.empty
    bad = docs.copy()
    bad.loc[0, "published"] = "2022/02/10"
    bad.loc[1, "format"] = "pdf"
    bad.loc[2, "n_chars"] = 3
    good, rejects = validate_documents(bad, "r1")
    assert len(good) == 2
    assert sorted(rejects["check"]) == ["isin", "n_chars_is_text_length", "str_matches"]
    assert rejects.set_index("check").loc["isin", "source"] == docs.loc[1, "source"]


def _statement(**over: object) -> dict[str, object]:
    phrase = "did not divulge the number of troops"
    start = TEXT.index(phrase)
    h = ids.content_hash(TEXT)
    row: dict[str, object] = {c: None for c in records.STATEMENT_COLUMNS}
    row.update(
        statement_id=ids.stable_id(h, start, "undisclosed"),
        doc_id="d1",
        content_hash=h,
        kind="undisclosed",
        text=phrase,
        start=start,
        end=start + len(phrase),
        category="personnel",
        side="Belarus",
        side_code="BY",
        claimant_type="government",
        extractor_version="test",
    )
    row.update(over)
    return row


def test_statements() -> None:
    ok = _statement()
    wrong_kind = _statement(statement_id="a" * 16, kind="rumour")
    wrong_span = _statement(statement_id="b" * 16, text="did not divulge the number of tanks")
    frame = pd.DataFrame([ok, wrong_kind, wrong_span], columns=records.STATEMENT_COLUMNS)
    good, rejects = validate_statements(frame, _documents(), "r1")
    assert good["statement_id"].tolist() == [ok["statement_id"]]
    assert sorted(rejects["check"]) == ["isin", "statement_span_matches_text"]


def test_subject_summary() -> None:
    base = {
        "subject": "RU-personnel-Belarus-2022-02",
        "side_code": "RU",
        "category": "personnel",
        "location_key": "Belarus",
        "period": "2022-02",
        "event": None,
        "n_claims": 3,
        "n_independent": 2,
        "n_statements": 0,
        "low": 30000.0,
        "best": 30000.0,
        "high": 30000.0,
        "status": "agree",
        "rule": "all_overlap",
    }
    inverted = {**base, "subject": "RU-tanks-Belarus-2022-02", "low": 200.0, "best": 170.0}
    too_many = {**base, "subject": "RU-tanks-Belarus-2022-03", "n_independent": 4}
    frame = pd.DataFrame([base, inverted, too_many], columns=SUBJECT_SUMMARY_COLUMNS)
    good, rejects = validate_subjects(frame, "r1")
    assert good["subject"].tolist() == [base["subject"]]
    assert sorted(rejects["check"]) == ["independent_le_claims", "low_le_best_le_high"]


def test_gold_rows_fit_the_extracted_claim_model(seeds_dir: Path, gold_csv: Path) -> None:
    docs = ingest.read_inputs([seeds_dir], "r1").documents.set_index("doc_id")
    gold = pd.read_csv(gold_csv, dtype=str, keep_default_na=False).replace({"": None})
    starts = []
    for row in gold.itertuples():
        text = docs.loc[row.doc_id, "text"]
        starts.append(text.index(row.sentence) + row.sentence.index(row.figure_text))
    gold["start"] = starts
    gold["end"] = gold["start"] + gold["figure_text"].str.len()
    if "measure" not in gold.columns:  # optional in gold files (SCHEME.md)
        gold["measure"] = pd.Series([None] * len(gold), index=gold.index, dtype=object)
    good, rejects = validate_extracted(gold[records.EXTRACT_COLUMNS], "r1")
    assert rejects.empty, rejects["message"].tolist()
    assert len(good) == len(gold)
