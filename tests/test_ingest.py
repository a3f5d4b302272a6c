"""read_inputs on the normal cases: a folder with a manifest, single files, JSONL, HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from forcerecon import ids, ingest, records

MANIFEST = "doc_id,outlet,url,published,title,author\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_folder_loads_with_manifest_and_gold_sentences_verbatim(
    seeds_dir: Path, gold_csv: Path
) -> None:
    result = ingest.read_inputs([seeds_dir], "run-1")
    docs = result.documents
    assert list(docs.columns) == records.DOCUMENT_COLUMNS
    assert len(docs) == 5
    assert result.rejects.empty
    assert docs["format"].eq("txt").all()
    assert (docs["content_hash"] == docs["text"].map(ids.content_hash)).all()
    assert (docs["n_chars"] == docs["text"].str.len()).all()
    first = docs.set_index("doc_id").loc["000_1ffff98547be08f0"]
    assert first["outlet"] == "New Voice of Ukraine (NV)"
    assert first["published"] == "2022-02-10"
    assert not first["outlet_inferred"]
    gold = pd.read_csv(gold_csv)
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    missing = [
        s for d, s in zip(gold["doc_id"], gold["sentence"], strict=True) if s not in texts[d]
    ]
    assert missing == []


def test_manifest_row_for_absent_file_is_a_warning_and_unlisted_file_loads(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Russia moved 170 tanks to Belarus.")
    _write(tmp_path / "b.txt", "Belarus said 30,000 troops took part.")
    _write(
        tmp_path / "manifest.csv",
        MANIFEST + "a,Outlet A,https://a.example/1,2022-02-10,Title A,\nghost,X,,2022-01-01,,\n",
    )
    result = ingest.read_inputs([tmp_path], "run-1")
    docs = result.documents.set_index("doc_id")
    assert sorted(docs.index) == ["a", "b"]
    assert docs.loc["a", "outlet"] == "Outlet A"
    assert docs.loc["a", "title"] == "Title A"
    assert docs.loc["b", "url"] is None
    assert any("ghost" in w and "manifest.csv:3" in w for w in result.warnings)


def test_single_file_uses_the_manifest_beside_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "Russia moved 170 tanks to Belarus.")
    _write(tmp_path / "manifest.csv", MANIFEST + "a,Outlet A,,2022-02-10,,\nother,B,,,,\n")
    result = ingest.read_inputs([path], "run-1")
    assert result.documents["outlet"].tolist() == ["Outlet A"]
    assert result.warnings == []


def test_jsonl_lines_become_documents(tmp_path: Path) -> None:
    lines = [
        {
            "doc_id": "j1",
            "text": "Some 5,000 troops arrived.",
            "outlet": "Wire",
            "published": "2022-02-01",
        },
        {"doc_id": "j2", "text": "Up to 12 Su-35 fighters.\r\nSecond line."},
    ]
    path = _write(tmp_path / "batch.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    docs = ingest.read_inputs([path], "run-1").documents.set_index("doc_id")
    assert docs.loc["j1", "source"].endswith("batch.jsonl:1")
    assert docs.loc["j1", "format"] == "jsonl"
    assert docs.loc["j1", "published"] == "2022-02-01"
    assert docs.loc["j2", "text"] == "Up to 12 Su-35 fighters.\nSecond line."


def test_bom_and_crlf_are_normalized_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffRussia’s “170 tanks”\r\nnext\rlast  line\n".encode())
    text = ingest.read_inputs([path], "r").documents["text"].iloc[0]
    assert text == "Russia’s “170 tanks”\nnext\nlast  line\n"


def test_html_is_reduced_to_article_text(tmp_path: Path) -> None:
    body = " ".join(["Russia sent 170 tanks to Belarus, the ministry said on Monday."] * 3)
    _write(
        tmp_path / "page.html",
        "<html><head><title>Tanks to Belarus</title><script>var n = 9999;</script></head>"
        "<body><nav>Home | World</nav><article><h1>Tanks</h1>"
        f"<p>{body}</p><!-- 777 troops in a comment --></article>"
        "<footer>© 2022 News</footer></body></html>",
    )
    doc = ingest.read_inputs([tmp_path], "r").documents.iloc[0]
    assert doc["format"] == "html"
    assert doc["title"] == "Tanks to Belarus"
    assert "Russia sent 170 tanks to Belarus" in doc["text"]
    for junk in ("9999", "Home | World", "777", "© 2022"):
        assert junk not in doc["text"]


def test_same_text_under_two_names_is_one_document(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "Russia moved 170 tanks to Belarus.")
    _write(tmp_path / "a.txt", "Russia moved 170 tanks to Belarus.")
    result = ingest.read_inputs([tmp_path], "run-1")
    assert result.documents["doc_id"].tolist() == ["a"]
    rejects = result.rejects
    assert rejects["check"].tolist() == ["duplicate_content"]
    assert rejects["doc_id"].tolist() == ["b"]
    assert any("b.txt" in w and "a.txt" in w for w in result.warnings)


def test_rerun_gives_the_same_ids(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "x 1")
    _write(tmp_path / "b.txt", "x 1")
    one = ingest.read_inputs([tmp_path], "run-1")
    two = ingest.read_inputs([tmp_path], "run-2")
    assert one.rejects["reject_id"].tolist() == two.rejects["reject_id"].tolist()
    assert one.documents["content_hash"].tolist() == two.documents["content_hash"].tolist()


def test_missing_input_path_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nope"):
        ingest.read_inputs([tmp_path / "nope"], "r")


def test_inferred_metadata_is_flagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "a.txt", "MINSK, Feb 10 (Wire) - 30,000 troops.")
    monkeypatch.setattr(
        ingest, "_load_infer", lambda: lambda text: {"outlet": "Wire", "published": "2022-02-10"}
    )
    doc = ingest.read_inputs([tmp_path], "r").documents.iloc[0]
    assert (doc["outlet"], doc["published"]) == ("Wire", "2022-02-10")
    assert doc["outlet_inferred"] and doc["published_inferred"]


def test_parse_published() -> None:
    assert ingest.parse_published("2022-02-10") == "2022-02-10"
    assert ingest.parse_published("2022-02-10T08:00:00Z") == "2022-02-10"
    assert ingest.parse_published("  ") is None
    for bad in ("10/02/2022", "2022-02-30", "Feb 10"):
        with pytest.raises(ValueError):
            ingest.parse_published(bad)
