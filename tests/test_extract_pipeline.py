"""The extraction stage: record shapes, ids, offsets, rejects, metadata fallback, seeds score."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from forcerecon import EXTRACTOR_VERSION
from forcerecon.evaluate import evaluate, read_gold_csv
from forcerecon.extract import extract_documents, to_scheme
from forcerecon.ids import content_hash, stable_id
from forcerecon.records import (
    CLAIM_COLUMNS,
    DOCUMENT_COLUMNS,
    EXTRACT_COLUMNS,
    REJECT_COLUMNS,
    STATEMENT_COLUMNS,
)


def doc(
    doc_id: str,
    text: object,
    outlet: str | None = "Wire",
    published: str | None = None,
) -> dict:
    ok = isinstance(text, str)
    return {
        "doc_id": doc_id,
        "content_hash": content_hash(text) if ok else "x",
        "source": f"in/{doc_id}.txt",
        "format": "txt",
        "text": text,
        "n_chars": len(text) if ok else 0,
        "outlet": outlet,
        "url": None,
        "published": published,
        "title": None,
        "author": None,
        "outlet_inferred": False,
        "published_inferred": False,
    }


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=DOCUMENT_COLUMNS)


THREE = frame(
    doc(
        "a",
        "Russia sent about 5,000 troops and up to 40 tanks to Belarus, TASS said.",
        published="2022-01-21",
    ),
    doc(
        "b",
        "Kyiv said 12 Russian warships were in the Black Sea on Monday.",
        published="2022-02-14",
    ),
    doc("c", "No figures here, only talks in Geneva.", published="2022-01-10"),
)


def test_frames_have_exactly_the_record_columns() -> None:
    result = extract_documents(THREE)
    assert list(result.claims.columns) == CLAIM_COLUMNS
    assert list(result.statements.columns) == STATEMENT_COLUMNS
    assert list(result.rejects.columns) == REJECT_COLUMNS
    assert list(to_scheme(result.claims).columns) == EXTRACT_COLUMNS
    assert len(result.claims) == 3 and result.rejects.empty


def test_offsets_ids_and_numbering() -> None:
    claims = extract_documents(THREE).claims
    texts = dict(zip(THREE["doc_id"], THREE["text"], strict=True))
    for row in claims.to_dict("records"):
        text = texts[row["doc_id"]]
        assert text[row["start"] : row["end"]] == row["figure_text"]
        assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
        assert row["claim_id"] == stable_id(content_hash(text), row["start"], row["end"])
        assert row["extractor_version"] == EXTRACTOR_VERSION
    assert claims[claims.doc_id == "a"]["claim_no"].tolist() == [1, 2]
    assert claims[claims.doc_id == "b"]["claim_no"].tolist() == [1]


def test_rerun_gives_identical_records() -> None:
    first = extract_documents(THREE).claims
    again = extract_documents(THREE).claims
    pd.testing.assert_frame_equal(first, again)


def test_a_failing_document_becomes_one_reject_and_others_go_on() -> None:
    docs = frame(THREE.iloc[0].to_dict(), doc("broken", None), THREE.iloc[1].to_dict())
    result = extract_documents(docs)
    assert set(result.claims["doc_id"]) == {"a", "b"}
    assert len(result.rejects) == 1
    reject = result.rejects.iloc[0]
    assert (reject["stage"], reject["check"], reject["doc_id"]) == (
        "extract",
        "extraction_error",
        "broken",
    )
    assert "broken" in reject["message"] and "in/broken.txt" in reject["message"]


def test_missing_outlet_and_date_are_read_from_the_text() -> None:
    text = (
        "Drills\nFeb. 12, 2022\nAbout 9,000 troops arrived in Belarus last Thursday.\n\n"
        "Ann Lee is a reporter for the Minsk Monitor."
    )
    claim = extract_documents(frame(doc("m", text, outlet=None))).claims.iloc[0]
    assert claim["claimant"] == "The Minsk Monitor"
    assert claim["claimant_type"] == "unattributed"
    assert claim["as_of"] == "2022-02-10"


def test_to_scheme_writes_whole_numbers_without_decimals() -> None:
    scheme = to_scheme(extract_documents(THREE).claims)
    first = scheme.iloc[0]
    assert (first["low"], first["high"]) == (5000, 5000)
    assert pd.isna(scheme.iloc[1]["low"]) and scheme.iloc[1]["high"] == 40


def _seed_documents(seeds_dir: Path) -> pd.DataFrame:
    with (seeds_dir / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = {r["doc_id"]: r for r in csv.DictReader(handle)}
    rows = []
    for path in sorted(seeds_dir.glob("*.txt")):
        meta = manifest[path.stem]
        rows.append(
            doc(
                path.stem,
                path.read_text(encoding="utf-8"),
                meta["outlet"] or None,
                meta["published"] or None,
            )
        )
    return frame(*rows)


def test_seed_articles_meet_the_targets(seeds_dir: Path, gold_csv: Path) -> None:
    docs = _seed_documents(seeds_dir)
    result = extract_documents(docs)
    report = evaluate(
        to_scheme(result.claims),
        read_gold_csv(gold_csv),
        dict(zip(docs["doc_id"], docs["text"], strict=True)),
    )
    acc = report.field_accuracy
    assert report.f1 >= 0.95, report.to_text()
    for name in ("value", "qualifier", "category"):
        assert acc[name] >= 0.95, report.to_text()
    for name in ("claimant", "side", "as_of", "event"):
        assert acc[name] >= 0.9, report.to_text()
    for name in ("location", "modality"):
        assert acc[name] >= 0.85, report.to_text()
    assert report.subject_pairs["f1"] >= 0.9, report.to_text()
    kinds = sorted(result.statements["kind"])
    assert kinds == ["denial", "undisclosed"]


@pytest.mark.parametrize("bad", [b"\xff\xfe binary".decode("latin-1"), "", "\n\n\n"])
def test_odd_texts_do_not_fail(bad: str) -> None:
    result = extract_documents(frame(doc("odd", bad)))
    assert result.rejects.empty and result.claims.empty


def test_scheme_csv_has_no_float_noise(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    to_scheme(extract_documents(THREE).claims).to_csv(path, index=False)
    text = path.read_text(encoding="utf-8")
    assert ",5000,5000," in text and ",,40," in text and ".0," not in text


def test_hard_wrapped_text_keeps_sentences_whole() -> None:
    text = (
        "Russia has moved about\n5,000 troops and up to 40\ntanks into Belarus, the\n"
        "ministry said on Monday,\nadding that more would\nfollow.\n\nA second paragraph\n"
        "says nothing of\nnumbers at all.\n"
    )
    claims = extract_documents(frame(doc("w", text, published="2022-01-10"))).claims
    assert claims["figure_text"].tolist() == ["about\n5,000", "up to 40"]
    assert claims.iloc[1]["item"] == "tanks"
    assert claims.iloc[0]["sentence"].startswith("Russia has moved about\n5,000 troops")


def test_an_editors_bracket_names_the_side_of_a_denied_force() -> None:
    text = (
        "Warsaw, March 3 (Wire) - Fears of a permanent garrison grew this week.\n\n"
        '"Not a single soldier [from Russia] will stay on our soil once the exercise ends," '
        "Kazakh Defence Minister Arman Bekov told reporters on Friday.\n"
    )
    result = extract_documents(frame(doc("bracket", text, published="2023-03-03")))
    denial = result.statements[result.statements["kind"] == "denial"]
    assert len(denial) == 1
    assert denial["side"].iloc[0] == "Russia"
    assert denial["subject"].iloc[0].startswith("RU-personnel-")


def test_without_a_bracket_the_denial_keeps_the_speakers_side() -> None:
    text = (
        "Warsaw, March 3 (Wire) - Fears of a permanent garrison grew this week.\n\n"
        '"Not a single soldier will stay on foreign soil once the exercise ends," '
        "Kazakh Defence Minister Arman Bekov told reporters on Friday.\n"
    )
    result = extract_documents(frame(doc("plain", text, published="2023-03-03")))
    denial = result.statements[result.statements["kind"] == "denial"]
    assert len(denial) == 1
    assert denial["side"].iloc[0] != "Russia"
