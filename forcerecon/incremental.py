"""Incremental runs: which ingested documents still need extraction.

A document is identified by its text (``content_hash``), not by its name. A scheduled run
extracts a document only when the warehouse has never seen that text under the current
``extractor_version``; a text seen before under an older extractor is extracted again, so
an extractor upgrade re-processes everything once and then goes quiet again.

The rule is a pure function of three inputs, so the flow (and its tests) can call it
without a database: the flow reads ``known_df`` with ``warehouse.load.known_documents``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: Columns ``known_df`` must have (what ``warehouse.load.known_documents`` returns).
KNOWN_COLUMNS: list[str] = ["doc_id", "content_hash", "extractor_version"]

#: Why a document is (or is not) extracted in this run.
REASONS = ("new", "changed", "extractor_upgraded", "unchanged", "duplicate_in_batch")


def _require(df: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}; it has {list(df.columns)}")


def explain_plan(
    documents_df: pd.DataFrame, known_df: pd.DataFrame, extractor_version: str
) -> pd.DataFrame:
    """One row per ingested document: ``doc_id``, ``content_hash``, ``reason``, ``extract``.

    Reasons, first match wins:

    - ``duplicate_in_batch``: an earlier row of this batch has the same text (skip);
    - ``unchanged``: the warehouse holds this text under ``extractor_version`` (skip);
    - ``extractor_upgraded``: the text is known, but only under another version (extract);
    - ``changed``: the doc_id is known with a different text (extract);
    - ``new``: neither the text nor the doc_id is known (extract).
    """
    _require(documents_df, ["doc_id", "content_hash"], "documents_df")
    _require(known_df, KNOWN_COLUMNS, "known_df")

    known_current = set(
        known_df.loc[known_df["extractor_version"] == extractor_version, "content_hash"]
    )
    known_any = set(known_df["content_hash"])
    known_ids = set(known_df["doc_id"])

    duplicated = documents_df["content_hash"].duplicated(keep="first").tolist()
    reasons: list[str] = []
    for dup, doc_id, chash in zip(
        duplicated, documents_df["doc_id"], documents_df["content_hash"], strict=True
    ):
        if dup:
            reasons.append("duplicate_in_batch")
        elif chash in known_current:
            reasons.append("unchanged")
        elif chash in known_any:
            reasons.append("extractor_upgraded")
        elif doc_id in known_ids:
            reasons.append("changed")
        else:
            reasons.append("new")

    plan = pd.DataFrame(
        {
            "doc_id": documents_df["doc_id"].to_numpy(),
            "content_hash": documents_df["content_hash"].to_numpy(),
            "reason": reasons,
        },
        index=documents_df.index,
    )
    plan["extract"] = plan["reason"].isin(["new", "changed", "extractor_upgraded"])
    return plan


def plan_incremental(
    documents_df: pd.DataFrame, known_df: pd.DataFrame, extractor_version: str
) -> pd.DataFrame:
    """The rows of ``documents_df`` that need extraction in this run (same columns, same order).

    Rows whose text the warehouse already holds under ``extractor_version`` are dropped, as
    are repeats of the same text within ``documents_df``; see :func:`explain_plan`.
    """
    plan = explain_plan(documents_df, known_df, extractor_version)
    return documents_df.loc[plan["extract"]].reset_index(drop=True)


def summarize_plan(plan: pd.DataFrame) -> dict[str, int]:
    """Counts per reason (every reason present, zero when absent), for logs and run summaries."""
    counts = plan["reason"].value_counts()
    return {reason: int(counts.get(reason, 0)) for reason in REASONS}
