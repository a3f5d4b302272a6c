"""Properties of text decoding and normalization: offsets must survive ingest unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcerecon import ingest, textio

#: Printable text of any script, with the newline styles files use (no other control chars).
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs")),
        st.sampled_from(["\n", "\r", "\t"]),
    ),
    min_size=1,
    max_size=300,
).filter(
    # a BOM is dropped by design; these prefixes are binary signatures (PDF, GIF, SQLite)
    lambda s: s.strip() and not s.startswith(("\ufeff", "%PDF", "GIF8", "SQLite format 3"))
)


def _expected(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(deadline=None)
@given(TEXT)
def test_utf8_round_trip_changes_only_newlines(text: str) -> None:
    decoded = textio.decode_bytes(text.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == _expected(text)


@settings(deadline=None)
@given(TEXT)
def test_bom_is_dropped_and_nothing_else(text: str) -> None:
    assert textio.decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")).text == _expected(text)
    assert textio.decode_bytes(("\ufeff" + text).encode("utf-16")).text == _expected(text)


@settings(deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_categories=("Cc",)),
        min_size=1,
    )
)
def test_8bit_text_is_decoded_with_the_encoding_it_reports(text: str) -> None:
    """Short 8-bit strings are ambiguous (cp1252 or cp1251?); what must hold is that the
    warning's encoding is the one used, and that ASCII stays ASCII."""
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return
    decoded = textio.decode_bytes(data)
    assert decoded.text == data.decode(decoded.encoding).replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        assert decoded.encoding == "utf-8"
        assert decoded.text == text


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_jsonl_and_files_keep_every_distinct_text_once(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    lines = [json.dumps({"doc_id": f"j{i}", "text": t}) for i, t in enumerate(texts)]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "f.txt").write_bytes(texts[0].encode("utf-8"))
    result = ingest.read_inputs([folder], "r")
    distinct = {_expected(t) for t in texts}
    assert set(result.documents["text"]) == distinct
    assert len(result.documents) == len(distinct)
    assert len(result.rejects) == len(texts) + 1 - len(distinct)
    assert set(result.rejects["check"]) <= {"duplicate_content"}
