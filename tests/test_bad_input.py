"""Bad input: each case gives a reject or warning naming the file and the problem,
while the good file beside it still loads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from forcerecon import ingest
from forcerecon.extract import extract_documents
from forcerecon.schemas import validate_claims, validate_documents

GOOD = "Russia moved 170 tanks and 30,000 troops to Belarus, officials said."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def _reject(rejects: pd.DataFrame, check: str) -> pd.Series:
    rows = rejects[rejects["check"] == check]
    assert len(rows) == 1, rejects[["source", "check", "message"]].to_string()
    return rows.iloc[0]


def _good_loaded(result: ingest.IngestResult) -> None:
    assert "good" in result.documents["doc_id"].tolist()


def test_empty_file(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    result = ingest.read_inputs([folder], "r")
    _good_loaded(result)
    rejects = result.rejects.set_index("doc_id")
    assert rejects.loc["empty", "check"] == "empty"
    assert "empty.txt" in rejects.loc["empty", "message"]
    assert "0 bytes" in rejects.loc["empty", "message"]
    assert "whitespace" in rejects.loc["blank", "message"]
    assert len(result.documents) == 1


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (bytes(range(256)) * 8, "NUL"),
        (b"\x01\x02\x03\x04\x05\x06 abc \x07\x08\x0e\x0f\x10\x11" * 20, "control characters"),
    ],
)
def test_binary_file(folder: Path, payload: bytes, kind: str) -> None:
    (folder / "blob.txt").write_bytes(payload)
    result = ingest.read_inputs([folder], "r")
    _good_loaded(result)
    row = _reject(result.rejects, "binary")
    assert "blob.txt" in row["message"]
    assert kind in row["message"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Près de la frontière, environ 3 000 soldats français étaient déployés.", "cp1252"),
        ("Россия перебросила в Беларусь около 30 000 военнослужащих, заявили в НАТО.", "cp1251"),
    ],
)
def test_non_utf8_text_is_decoded_with_a_warning(folder: Path, text: str, encoding: str) -> None:
    (folder / "legacy.txt").write_bytes(text.encode(encoding))
    result = ingest.read_inputs([folder], "r")
    _good_loaded(result)
    docs = result.documents.set_index("doc_id")
    assert docs.loc["legacy", "text"] == text
    assert any("legacy.txt" in w and encoding in w for w in result.warnings), result.warnings
    assert result.rejects.empty


def test_latin1_bytes_outside_cp1252_still_decode(folder: Path) -> None:
    (folder / "latin.txt").write_bytes("Caf\u00e9 \x81 near the border".encode("latin-1"))
    result = ingest.read_inputs([folder], "r")
    assert result.documents.set_index("doc_id").loc["latin", "text"] == "Café \x81 near the border"
    assert any("latin-1" in w for w in result.warnings)


def test_large_file_is_rejected_without_reading_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = folder / "big.txt"
    with big.open("wb") as fh:  # a 50 MB sparse file: fast to make, never read
        fh.truncate(50 * 1024 * 1024)
    opened: list[str] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy_open)
    monkeypatch.setenv("FORCERECON_MAX_INPUT_MB", "20")
    result = ingest.read_inputs([folder], "r")
    _good_loaded(result)
    row = _reject(result.rejects, "too_large")
    assert "big.txt" in row["message"]
    assert "52428800 bytes" in row["message"]
    assert "FORCERECON_MAX_INPUT_MB" in row["message"]
    assert "big.txt" not in opened


def test_size_limit_is_configurable(folder: Path) -> None:
    result = ingest.read_inputs([folder], "r", max_bytes=10)
    assert result.documents.empty
    assert _reject(result.rejects, "too_large")["doc_id"] == "good"


def test_html_scripts_navigation_and_comments_are_dropped(folder: Path) -> None:
    article = " ".join([GOOD] * 4)
    (folder / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>T</title>"
        "<style>.x { color: red }</style><script>track('9,999 tanks');</script></head>"
        "<body><header><nav><a href='/'>Home</a><a href='/w'>World 2022</a></nav></header>"
        "<div id='cookie'><!-- 88 ships --></div>"
        f"<article><h1>Buildup</h1><p>{article}</p>"
        "<script>var troops = 123456;</script><!-- editor note: 4,444 troops --></article>"
        "<aside>Most read: 55 helicopters</aside><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    docs = ingest.read_inputs([folder], "r").documents.set_index("doc_id")
    text = docs.loc["page", "text"]
    assert GOOD in text
    for junk in (
        "9,999",
        "Home",
        "World 2022",
        "88 ships",
        "123456",
        "4,444",
        "55 helicopters",
        "Contact us",
        "color",
    ):
        assert junk not in text, junk


def test_html_fallback_strips_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    from forcerecon import textio

    html = (
        "<html><head><script>x=1</script></head><body><nav>Menu</nav>"
        "<p>Some 5,000   troops</p><!-- 9 --><p>arrived.</p><footer>f</footer></body></html>"
    )
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    assert textio.html_to_text(html) == ("Some 5,000 troops\narrived.", "strip")


def test_manifest_with_bad_date_unknown_document_and_missing_column(folder: Path) -> None:
    (folder / "manifest.csv").write_text(
        "doc_id,outlet,published,title\ngood,Outlet,10/02/2022,Title\nghost,Other,2022-02-10,\n",
        encoding="utf-8",
    )
    result = ingest.read_inputs([folder], "r")
    doc = result.documents.set_index("doc_id").loc["good"]
    assert doc["outlet"] == "Outlet"  # the good fields of the row are kept
    assert doc["published"] is None or doc["published_inferred"]
    row = _reject(result.rejects, "bad_date")
    assert "manifest.csv:2" in row["message"] and "10/02/2022" in row["message"]
    joined = "\n".join(result.warnings)
    assert "manifest.csv:3" in joined and "ghost" in joined
    assert "lacks column(s) url, author" in joined


def test_manifest_without_doc_id_column_is_ignored(folder: Path) -> None:
    (folder / "manifest.csv").write_text("file,outlet\ngood,Outlet\n", encoding="utf-8")
    result = ingest.read_inputs([folder], "r")
    _good_loaded(result)
    assert result.documents["outlet"].iloc[0] is None or result.documents["outlet_inferred"].iloc[0]
    row = _reject(result.rejects, "manifest_missing_column")
    assert "manifest.csv" in row["message"] and "doc_id" in row["message"]


def test_jsonl_with_one_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"doc_id": "a", "text": GOOD}),
        '{"doc_id": "b", "text": "unterminated',
        json.dumps({"doc_id": "c", "text": "Up to 12 Su-35 fighters arrived."}),
        json.dumps({"text": "no id"}),
        "",
        json.dumps({"doc_id": "e", "text": 42}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest.read_inputs([path], "r")
    assert result.documents["doc_id"].tolist() == ["a", "c"]
    rejects = result.rejects.set_index("source")
    assert rejects.loc[f"{path.as_posix()}:2", "check"] == "bad_json"
    assert "feed.jsonl:2" in rejects.loc[f"{path.as_posix()}:2", "message"]
    assert rejects.loc[f"{path.as_posix()}:4", "column"] == "doc_id"
    assert "not a string" in rejects.loc[f"{path.as_posix()}:6", "message"]


def test_same_article_under_two_names_jsonl_and_file(folder: Path) -> None:
    (folder / "z.jsonl").write_text(json.dumps({"doc_id": "copy", "text": GOOD}) + "\n", "utf-8")
    result = ingest.read_inputs([folder], "r")
    assert result.documents["doc_id"].tolist() == ["good"]
    row = _reject(result.rejects, "duplicate_content")
    assert "z.jsonl:1" in row["message"] and "good.txt" in row["message"]


def test_duplicate_keeps_the_metadata_only_the_other_name_had(folder: Path) -> None:
    (folder / "a_copy.txt").write_text(GOOD, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "doc_id,outlet,url,published,title,author\ngood,Wire,,2022-02-10,,\n", encoding="utf-8"
    )
    result = ingest.read_inputs([folder], "r")
    doc = result.documents.set_index("doc_id").loc["a_copy"]
    assert (doc["outlet"], doc["published"]) == ("Wire", "2022-02-10")
    assert not doc["outlet_inferred"]
    assert "with its outlet, published" in _reject(result.rejects, "duplicate_content")["message"]


def test_same_doc_id_with_other_text_is_rejected(folder: Path) -> None:
    (folder / "good.html").write_text("<p>Another text about 5 ships.</p>", encoding="utf-8")
    result = ingest.read_inputs([folder], "r")
    assert len(result.documents) == 1
    assert "rename" in _reject(result.rejects, "duplicate_doc_id")["message"]


def test_file_vanishing_between_listing_and_reading(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "gone.txt").write_text("soon gone", encoding="utf-8")
    real_list = ingest._list_folder

    def list_then_delete(path: Path, batch: ingest._Batch) -> list[Path]:
        files = real_list(path, batch)
        (path / "gone.txt").unlink()
        return files

    monkeypatch.setattr(ingest, "_list_folder", list_then_delete)
    result = ingest.read_inputs([folder], "r")
    _good_loaded(result)
    row = _reject(result.rejects, "unreadable")
    assert "gone.txt" in row["message"] and "vanished" in row["message"]


def test_unsupported_file_given_explicitly_and_in_a_folder(folder: Path) -> None:
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    single = ingest.read_inputs([folder / "notes.docx"], "r")
    assert _reject(single.rejects, "unsupported_format")["doc_id"] == "notes"
    in_folder = ingest.read_inputs([folder], "r")
    _good_loaded(in_folder)
    assert any("notes.docx" in w and "unsupported" in w for w in in_folder.warnings)


def test_missing_path_among_good_ones_names_it(folder: Path) -> None:
    with pytest.raises(ValueError, match=r"missing\.txt"):
        ingest.read_inputs([folder, folder / "missing.txt"], "r")


# Good input is never dropped with the bad (issue 15): one bad entry is one reject, a bad
# field is rejected as a field, and text is judged by its content, not by one byte.


def _through_validation(result: ingest.IngestResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents and claims that pass the pandera models after extraction."""
    documents, doc_rejects = validate_documents(result.documents, "r")
    assert doc_rejects.empty, doc_rejects[["check", "message"]].to_string()
    extraction = extract_documents(documents)
    claims, claim_rejects = validate_claims(extraction.claims, documents, "r")
    assert claim_rejects.empty, claim_rejects[["check", "message"]].to_string()
    return documents, claims


def test_symlink_loop_is_one_reject_and_the_rest_loads(folder: Path) -> None:
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink(folder / "a", folder / "b.txt")
    os.symlink(folder / "b.txt", folder / "a")
    result = ingest.read_inputs([folder], "r")
    assert result.documents["doc_id"].tolist() == ["good"]
    rows = result.rejects[result.rejects["check"] == "broken_link"]
    assert sorted(rows["doc_id"]) == ["a", "b", "loop"]
    assert all("symbolic link loop" in m for m in rows["message"])


def test_dangling_link_says_what_it_is(folder: Path) -> None:
    os.symlink("deleted-article.txt", folder / "dangling.txt")
    result = ingest.read_inputs([folder], "r")
    assert result.documents["doc_id"].tolist() == ["good"]
    message = _reject(result.rejects, "broken_link")["message"]
    assert "dangling.txt: dangling symbolic link (to deleted-article.txt" in message
    assert "vanished" not in message


def test_manifest_row_with_bad_quoting_is_a_reject_naming_its_line(folder: Path) -> None:
    (folder / "other.txt").write_text("NATO said 4,000 troops arrived in Latvia.", "utf-8")
    (folder / "third.txt").write_text("NATO said 5,000 troops arrived in Estonia.", "utf-8")
    (folder / "manifest.csv").write_text(
        "doc_id,outlet,url,published,title,author\n"
        "good,Reuters, Inc,https://example.org/good,2022-02-10,T,A\n"  # one comma too many
        'other,"AP,https://example.org/other,2022-02-10,T,A\n'  # an unclosed quote ...
        'third,"BBC",https://example.org/third,2022-02-11,T,A\n',  # ... swallows this line
        encoding="utf-8",
    )
    result = ingest.read_inputs([folder], "r")
    docs = result.documents.set_index("doc_id")
    assert sorted(docs.index) == ["good", "other", "third"]
    assert docs["url"].isna().all()  # no shifted column reached a document
    rows = result.rejects[result.rejects["check"] == "bad_manifest_row"].set_index("source")
    first = rows.loc[f"{(folder / 'manifest.csv').as_posix()}:2"]
    assert "7 fields, the header has 6" in first["message"] and first["doc_id"] == "good"
    assert first["value"].startswith("good,Reuters, Inc")
    second = rows.loc[f"{(folder / 'manifest.csv').as_posix()}:3-4"]
    assert "unbalanced quote" in second["message"] and "other, third" in second["message"]
    assert not (result.rejects["check"] == "bad_url").any()
    _through_validation(result)


def test_manifest_row_with_too_few_fields(folder: Path) -> None:
    (folder / "manifest.csv").write_text(
        "doc_id,outlet,url,published,title,author\ngood,Wire\n", encoding="utf-8"
    )
    row = _reject(ingest.read_inputs([folder], "r").rejects, "bad_manifest_row")
    assert "manifest.csv:2" in row["message"] and "2 fields, the header has 6" in row["message"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a", "www.example.org"])
def test_invalid_url_rejects_the_field_not_the_article(folder: Path, url: str) -> None:
    (folder / "manifest.csv").write_text(
        f"doc_id,outlet,url,published,title,author\ngood,Wire,{url},2022-02-10,T,A\n", "utf-8"
    )
    result = ingest.read_inputs([folder], "r")
    row = _reject(result.rejects, "bad_url")
    assert (row["column"], row["value"], row["doc_id"]) == ("url", url, "good")
    assert "article kept without a url" in row["message"]
    documents, claims = _through_validation(result)
    assert documents.iloc[0]["outlet"] == "Wire" and documents.iloc[0]["url"] is None
    assert sorted(claims["figure_text"]) == ["170", "30,000"]


@pytest.mark.parametrize(
    ("name", "why"),
    [("new\nline", "a line break"), ("back\\slash", "a backslash"), ("x" * 210, "210 characters")],
)
def test_bad_file_name_rejects_the_doc_id_not_the_article(
    tmp_path: Path, name: str, why: str
) -> None:
    (tmp_path / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    result = ingest.read_inputs([tmp_path], "r")
    row = _reject(result.rejects, "bad_doc_id")
    assert row["column"] == "doc_id" and row["value"] == name[:200] and why in row["message"]
    documents, claims = _through_validation(result)
    assert documents.iloc[0]["doc_id"] == row["doc_id"] and row["doc_id"].startswith("doc-")
    assert len(claims) == 2


def test_jsonl_doc_id_and_url_are_fields_too(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    line = {"doc_id": "a/b", "text": GOOD, "url": "javascript:x"}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = ingest.read_inputs([path], "r")
    assert sorted(result.rejects["check"]) == ["bad_doc_id", "bad_url"]
    _, claims = _through_validation(result)
    assert len(claims) == 2


def test_one_nul_byte_does_not_make_an_article_binary(folder: Path) -> None:
    body = (GOOD + " ") * 10
    (folder / "nul.txt").write_bytes(body.replace("170 tanks", "170\x00tanks", 1).encode())
    result = ingest.read_inputs([folder], "r")
    text = result.documents.set_index("doc_id").loc["nul", "text"]
    assert "\x00" not in text and text.startswith("Russia moved 170 tanks")
    assert text == body  # the NUL became a space: offsets unchanged
    assert any("nul.txt: 1 NUL byte(s)" in w for w in result.warnings)
    assert not (result.rejects["check"] == "binary").any()


def test_high_bytes_are_not_a_latin1_document(folder: Path) -> None:
    (folder / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 160)  # 20 KB
    result = ingest.read_inputs([folder], "r")
    assert result.documents["doc_id"].tolist() == ["good"]
    assert "word spaces" in _reject(result.rejects, "binary")["message"]


def test_legacy_code_pages_still_load(folder: Path) -> None:
    russian = "Россия перебросила в Беларусь около 30 000 военнослужащих, заявили в НАТО. " * 10
    (folder / "ru.txt").write_bytes(russian.encode("cp1251"))
    result = ingest.read_inputs([folder], "r")
    assert result.documents.set_index("doc_id").loc["ru", "text"] == russian
