"""Zero-width and bidi marks inside numbers are folded out before figures are read; offsets,
spans and ids stay those of the original text."""

from __future__ import annotations

import pandas as pd
import pytest

from forcerecon import textnorm
from forcerecon.extract.pipeline import extract_documents, extract_text
from forcerecon.ids import content_hash
from forcerecon.schemas import validate_claims, validate_documents


def test_fold_maps_positions_back() -> None:
    folded = textnorm.fold("a\u200bb\u200f\u200ecd\u200b")
    assert folded.text == "abcd"
    assert [folded.start_of(i) for i in range(4)] == [0, 2, 5, 6]
    assert folded.end_of(4) == 7  # a trailing mark is not part of a span ending there
    assert not textnorm.fold("plain text").changed


@pytest.mark.parametrize(
    ("sentence", "figure", "value"),
    [
        ("Officials said 2\u200b00 tanks were moved to the border.", "2\u200b00", 200),
        ("NATO said 30\u200d,000 troops were in Belarus.", "30\u200d,000", 30000),
        ("NATO said \u200f30,000\u200e troops were in Belarus.", "30,000", 30000),
        ("Kyiv said 1\u2060500 soldiers and 4\u00ad0 tanks crossed.", "1\u2060500", 1500),
    ],
)
def test_marks_inside_numbers_do_not_change_the_figure(
    sentence: str, figure: str, value: int
) -> None:
    claims, _ = extract_text(sentence, "d", published="2022-02-10")
    first = claims[0]
    assert (first["figure_text"], first["low"]) == (figure, value)
    assert sentence[first["start"] : first["end"]] == first["figure_text"]
    assert sentence[first["sentence_start"] : first["sentence_end"]] == first["sentence"]


def test_folded_claims_pass_validation_against_the_original_text() -> None:
    text = "NATO said 30\u200d,000 troops and 2\u200b00 tanks were in Belarus on Monday."
    docs = pd.DataFrame(
        [
            {
                "doc_id": "zw", "content_hash": content_hash(text), "source": "zw.txt",
                "format": "txt", "text": text, "n_chars": len(text), "outlet": "Wire",
                "url": None, "published": "2022-02-10", "title": None, "author": None,
                "outlet_inferred": False, "published_inferred": False,
            }
        ]
    )  # fmt: skip
    documents, _ = validate_documents(docs, "r")
    extraction = extract_documents(documents)
    claims, rejects = validate_claims(extraction.claims, documents, "r")
    assert rejects.empty, rejects[["check", "message"]].to_string()
    assert sorted(claims["low"]) == [200, 30000]
