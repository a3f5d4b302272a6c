"""The incremental rule: only new or changed texts (or texts from an older extractor) run."""

from __future__ import annotations

import pandas as pd
import pytest

from forcerecon.incremental import explain_plan, plan_incremental, summarize_plan


def docs(*rows: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": [r[0] for r in rows], "content_hash": [r[1] for r in rows], "text": "x"}
    )


KNOWN = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c"],
        "content_hash": ["h_a", "h_b", "h_c"],
        "extractor_version": ["2", "2", "1"],
    }
)


def test_only_new_changed_and_upgraded_documents_are_extracted() -> None:
    batch = docs(("a", "h_a"), ("b", "h_b2"), ("c", "h_c"), ("d", "h_d"))
    todo = plan_incremental(batch, KNOWN, extractor_version="2")
    assert list(todo["doc_id"]) == ["b", "c", "d"]
    assert list(todo.columns) == ["doc_id", "content_hash", "text"]
    plan = explain_plan(batch, KNOWN, "2")
    assert list(plan["reason"]) == ["unchanged", "changed", "extractor_upgraded", "new"]


def test_same_text_under_a_new_name_is_not_extracted_again() -> None:
    batch = docs(("a_copy", "h_a"), ("e", "h_e"), ("e_copy", "h_e"))
    plan = explain_plan(batch, KNOWN, "2")
    assert list(plan["reason"]) == ["unchanged", "new", "duplicate_in_batch"]
    assert list(plan_incremental(batch, KNOWN, "2")["doc_id"]) == ["e"]


def test_empty_warehouse_extracts_everything_and_rerun_extracts_nothing() -> None:
    batch = docs(("a", "h_a"), ("b", "h_b"), ("d", "h_d"))
    empty = pd.DataFrame(columns=["doc_id", "content_hash", "extractor_version"])
    assert len(plan_incremental(batch, empty, "2")) == 3
    loaded = batch[["doc_id", "content_hash"]].assign(extractor_version="2")
    assert plan_incremental(batch, loaded, "2").empty
    counts = summarize_plan(explain_plan(batch, loaded, "2"))
    assert counts["unchanged"] == 3 and counts["new"] == 0


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match=r"known_df lacks column\(s\) \['extractor_version'\]"):
        plan_incremental(docs(("a", "h_a")), KNOWN.drop(columns="extractor_version"), "2")
