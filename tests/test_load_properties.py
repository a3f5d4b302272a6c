"""Property test: any sequence of loads keeps the warehouse consistent with the last extraction.

A model in Python remembers, per doc_id, the text and the claims of the last load that brought
it; after every load the warehouse's current rows must equal the model, nothing may have been
deleted, and every current claim must belong to a current document.
"""

from __future__ import annotations

import duckdb
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcerecon.ids import content_hash, stable_id
from forcerecon.records import CLAIM_COLUMNS, DOCUMENT_COLUMNS
from forcerecon.warehouse.load import counts, integrity_problems, load_run

FIGURES = ("12", "300", "4,000", "30,000", "140,000")

# One load: for some doc ids, which text version the document has and which figures were read.
load_strategy = st.dictionaries(
    keys=st.sampled_from(["d1", "d2", "d3"]),
    values=st.tuples(
        st.integers(min_value=0, max_value=2),  # text version
        st.sets(st.sampled_from(range(len(FIGURES))), max_size=len(FIGURES)),  # figures read
    ),
    min_size=1,
)


def text_of(doc_id: str, version: int) -> str:
    body = " ".join(f"Reports said {f} troops." for f in FIGURES)
    return f"{doc_id} version {version}. {body}"


def rows_for(load: dict[str, tuple[int, set[int]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs, claims = [], []
    for doc_id, (version, figures) in sorted(load.items()):
        text = text_of(doc_id, version)
        chash = content_hash(text)
        docs.append(
            {c: None for c in DOCUMENT_COLUMNS}
            | {"doc_id": doc_id, "content_hash": chash, "text": text, "n_chars": len(text)}
        )
        for k in sorted(figures):
            figure = FIGURES[k]
            start = text.index(f" {figure} troops") + 1
            end = start + len(figure)
            value = float(figure.replace(",", ""))
            claims.append(
                {c: None for c in CLAIM_COLUMNS}
                | {
                    "claim_id": stable_id(chash, start, end),
                    "doc_id": doc_id,
                    "content_hash": chash,
                    "claim_no": k + 1,
                    "figure_text": figure,
                    "low": value,
                    "high": value,
                    "qualifier": "exact",
                    "category": "personnel",
                    "subject": f"RU-personnel-Belarus-2022-0{k + 1}",
                    "start": start,
                    "end": end,
                }
            )
    return (
        pd.DataFrame(docs, columns=DOCUMENT_COLUMNS),
        pd.DataFrame(claims, columns=CLAIM_COLUMNS).astype(object),
    )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(loads=st.lists(load_strategy, min_size=1, max_size=4))
def test_any_sequence_of_loads_matches_the_last_extraction(
    tmp_path_factory, loads: list[dict[str, tuple[int, set[int]]]]
) -> None:
    db = tmp_path_factory.mktemp("prop") / "w.duckdb"
    model: dict[str, tuple[str, set[str]]] = {}  # doc_id -> (content_hash, current claim ids)
    rows_before = 0
    for i, load in enumerate(loads):
        documents, claims = rows_for(load)
        load_run(db, {"run_id": f"r{i}", "extractor_version": "v"}, documents, claims, None, None)
        for doc in documents.itertuples():
            model[doc.doc_id] = (
                doc.content_hash,
                set(claims.loc[claims["doc_id"] == doc.doc_id, "claim_id"]),
            )
        with duckdb.connect(str(db), read_only=True) as con:
            current_docs = dict(
                con.execute(
                    "SELECT doc_id, content_hash FROM documents WHERE is_current"
                ).fetchall()
            )
            current_claims = con.execute(
                "SELECT doc_id, claim_id FROM claims WHERE is_current"
            ).fetchall()
            orphans = con.execute(
                "SELECT count(*) FROM claims AS c WHERE c.is_current AND NOT EXISTS ("
                "SELECT 1 FROM documents AS d WHERE d.is_current "
                "AND d.content_hash = c.content_hash AND d.doc_id = c.doc_id)"
            ).fetchone()[0]
            rows = con.execute(
                "SELECT (SELECT count(*) FROM claims) + (SELECT count(*) FROM documents)"
            ).fetchone()[0]
            bad_times = con.execute(
                "SELECT count(*) FROM claims WHERE first_seen > last_seen"
            ).fetchone()[0]
        assert current_docs == {d: h for d, (h, _) in model.items()}
        expected = {(d, c) for d, (_, ids) in model.items() for c in ids}
        assert set(current_claims) == expected and len(current_claims) == len(expected)
        assert orphans == 0 and bad_times == 0
        assert rows >= rows_before  # nothing is ever deleted
        assert integrity_problems(db).empty
        rows_before = rows
    assert counts(db)["documents"] == len(model)
