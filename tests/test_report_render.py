"""render_report on a small warehouse: pages, cells, links, highlights, badges, safety, determinism.

The sample warehouse (tests/report_sample.py) is hostile here: an article sentence holds a
<script>, a claimant is an <img onerror> tag and a source URL is javascript:. Assertions are
made on the parsed HTML, never on whole-page snapshots.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from report_sample import HOSTILE_CLAIMANT, HOSTILE_SCRIPT, write_sample_warehouse

from forcerecon.reports.links import subject_page
from forcerecon.reports.reader import ReportError
from forcerecon.reports.render import render_report

# the shape of flows.tasks.summarize: counts, a quality dict, what the load changed
SUMMARY = {
    "run_id": "run-42",
    "started_at": "2022-03-01 12:00:00",
    "duration_s": 75.5,
    "status": "failed",
    "documents": 3,
    "claims": 5,
    "subjects": 3,
    "db_path": "/secret/path/w.duckdb",
    "loaded": {"n_claims_new": 5, "n_rejects": 2},
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("report")
    db = base / "w.duckdb"
    write_sample_warehouse(db, hostile=True)
    docs = base / "gx" / "data_docs"
    docs.mkdir(parents=True)
    (docs / "index.html").write_text("<html>GX</html>", encoding="utf-8")
    summary = {
        **SUMMARY,
        "quality": {
            "success": False,
            "failed": ["claims: expect_low_ok"],
            "data_docs_index": str(docs / "index.html"),
        },
    }
    index = render_report(db, base / "out", summary)
    assert index == base / "out" / "index.html"
    return base / "out"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_of(out: Path, subject: str) -> BeautifulSoup:
    return soup(out / subject_page(subject))


def test_index_summary_and_subject_table(report: Path) -> None:
    page = soup(report / "index.html")
    cards = {
        c.select_one(".l").get_text(" ", strip=True): c.select_one(".n").get_text(strip=True)
        for c in page.select(".cards .card")
    }
    assert cards["documents"] == "3" and cards["claims"] == "5" and cards["subjects"] == "3"
    assert cards["subjects in conflict"] == "1"
    assert page.select_one(".cards .badge.failed") is not None  # validation state
    facts = page.select_one(".panel").get_text(" ", strip=True)
    assert "run-42" in facts and "1 min 16 s" in facts and "2022-03-01 12:00:00" in facts
    assert "new claims 5" in facts and "status failed" in facts
    assert "expect_low_ok" in facts  # failed expectations named
    assert "/secret/path" not in page.get_text()

    rows = page.select("#subject-table tbody tr")
    assert len(rows) == 3
    assert [r["data-status"] for r in rows] == ["conflict", "agree", "single_source"]
    by_subject = {r.select("td")[1].a.get_text(strip=True): r for r in rows}
    tanks = by_subject["RU-tanks-Belarus-2022-02"]
    assert tanks["data-status"] == "conflict"
    assert tanks.select_one(".badge.conflict").get_text(strip=True) == "conflict"
    assert by_subject["RU-personnel-Belarus-2022-10"].select_one(".badge.single_source")
    personnel = by_subject["RU-personnel-Belarus-2022-02"]
    cells = [td.get_text(strip=True) for td in personnel.select("td")]
    assert "30,000" in cells  # thousands separators
    assert personnel.select_one("td[data-sort-value]")  # numeric sort keys for the script
    for link in page.select("#subject-table a[href]"):
        assert (report / link["href"]).is_file(), link["href"]
    doc_claims = sorted(
        r.select("td")[-1].get_text() for r in page.select("#document-table tbody tr")
    )
    assert doc_claims == ["1", "2", "2"]
    for link in page.select("#document-table a[href]"):
        assert (report / link["href"]).is_file(), link["href"]
    # status filters exist for every status present
    assert {c["data-status"] for c in page.select(".facets input[data-status]")} == {
        "conflict",
        "agree",
        "single_source",
    }


def test_subject_page_figures_side_by_side(report: Path) -> None:
    page = page_of(report, "RU-personnel-Belarus-2022-02")
    assert page.h1.select_one(".badge.agree")
    est = [e.get_text(" ", strip=True) for e in page.select(".estimate .est")]
    assert est == ["low 30,000", "best 30,000", "high 30,000"]
    assert "one source repeated" in page.select_one(".estimate .rule").get_text(" ", strip=True)

    rows = page.select("#claims-table tbody tr")
    assert len(rows) == 2
    texts = {r.select_one(".figure").get_text(strip=True): r for r in rows}
    nato = texts["an estimated 30,000"]
    assert nato.select_one("mark").get_text() == "an estimated 30,000"
    assert "NATO" in nato.get_text() and "international_org" in nato.get_text()
    assert "2022-02-03" in nato.get_text() and "estimated" in nato.get_text()
    assert nato.select_one("a[href^='https://example.org/nato-estimate']")
    assert nato.select("td")[6].get_text(strip=True).startswith("1")  # echoed once
    assert "chosen" in nato.select_one(".role").get_text()
    tni = texts["as many as 30,000"]
    assert tni.select_one("mark").get_text() == "as many as 30,000"
    assert tni.select_one(".tag.echo")["href"] == "#" + nato["id"]
    assert "≤ 30,000" in tni.get_text()
    # the range chart (and the timeline: two dates) are inline SVG
    assert page.select_one("#range-chart svg") is not None
    assert page.select_one("#timeline-chart svg") is not None
    # statements without a figure, highlighted
    stmt = page.select("#statements-table tbody tr")
    assert len(stmt) == 1 and stmt[0].mark.get_text() == "did not divulge the number of troops"
    assert page.select("#echo-table tbody tr")
    scope = page.select("#scope-table tbody tr td")
    assert [td.get_text(strip=True) for td in scope][:2] == [
        "part of",
        "RU-personnel-UkraineBorder-2022-02",
    ]
    assert scope[-1].get_text(strip=True) == "21%"  # 30,000 of 140,000


def test_conflict_page_shows_both_figures(report: Path) -> None:
    page = page_of(report, "RU-tanks-Belarus-2022-02")
    pairs = page.select("#conflicts-table tbody tr")
    assert len(pairs) == 1
    text = pairs[0].get_text(" ", strip=True)
    assert "170" in text and "300" in text and "130" in text  # gap


def test_single_claim_subject_has_no_chart(report: Path) -> None:
    page = page_of(report, "RU-personnel-Belarus-2022-10")
    assert page.select_one("svg") is None
    assert len(page.select("#claims-table tbody tr")) == 1


def test_document_pages_highlight_every_claim_and_link_to_subjects(report: Path) -> None:
    pages = sorted((report / "documents").glob("*.html"))
    assert len(pages) == 3
    marks = 0
    for path in pages:
        page = soup(path)
        for a in page.select("article.doc a.hl.claim"):
            marks += 1
            assert a.mark is not None
            assert (path.parent / a["href"]).resolve().is_file()
        assert not page.select(".warn")  # no span failed
    assert marks == 5
    nato = soup(next(p for p in pages if "nato" in p.name))
    assert nato.select_one("article.doc a.hl.statement mark").get_text() == (
        "did not divulge the number of troops"
    )


def test_validation_page(report: Path) -> None:
    page = soup(report / "validation.html")
    rows = page.select("#rejects-table tbody tr")
    assert len(rows) == 2
    cells = [td.get_text(strip=True) for td in rows[1].select("td")]
    assert cells[:6] == [
        "validate",
        "sample/x.txt",
        "x",
        "greater_than_or_equal_to(0)",
        "low",
        "-5",
    ]
    failing = page.select("#quality-table tbody tr.fail")
    assert len(failing) == 1 and "expect_column_values_to_be_between" in failing[0].get_text()
    # the GX suites and results are on this page (offline), not behind a CDN Data Docs link
    assert page.find("a", string=re.compile("Data Docs")) is None
    suites = page.select("#suite-table tbody tr")
    assert [tr.select_one("td").get_text(strip=True) for tr in suites] == ["claims"]
    assert page.select("#runs-table tbody tr")


def _asset(report: Path, page: Path, link: str) -> Path:
    """The file a relative asset link of ``page`` points at; it must be in report/assets."""
    assert ":" not in link and not link.startswith("/"), f"{page}: {link}"
    target = (page.parent / link).resolve()
    assert target.parent == (report / "assets").resolve() and target.is_file(), f"{page}: {link}"
    return target


def test_untrusted_text_stays_text(report: Path) -> None:
    for path in sorted(report.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        scripts = page.find_all("script")
        assert scripts and not any(s.get_text() for s in scripts), path  # no inline script
        js = _asset(report, path, scripts[-1]["src"])
        assert "forcerecon report" in js.read_text(encoding="utf-8"), path
        # besides report.js only the index's search data (a file in assets/, no code run)
        others = [_asset(report, path, s["src"]).name for s in scripts[:-1]]
        assert others == (["index-search.js"] if path.name == "index.html" else []), path
        assert page.find("img") is None, path
        assert not page.find_all(attrs={"onerror": True}), path
        for tag in page.find_all(href=True):
            href = tag["href"].lower()
            assert not href.startswith("javascript:"), path
            # the only data: URLs are the page's own downloads, base64 (no text of the input)
            assert not href.startswith("data:") or (
                tag.name == "a"
                and tag.has_attr("download")
                and re.fullmatch(
                    r"data:(text/csv|application/json);charset=utf-8;base64,[a-z0-9+/=]*", href
                )
            ), path
        for tag in page.find_all(src=True):
            assert any(tag is s for s in scripts), f"{path}: external resource {tag}"
        assert "<script>alert" not in html, path
    tni = soup(next((report / "documents").glob("*tni*.html")))
    assert HOSTILE_SCRIPT in tni.select_one("article.doc").get_text()
    assert "javascript:alert(1)" in tni.get_text()  # shown as text, not linked
    tanks = page_of(report, "RU-tanks-Belarus-2022-02")
    assert HOSTILE_CLAIMANT in tanks.select_one("#claims-table").get_text()
    # inside a highlighted sentence and in the chart labels / aria-labels
    personnel = page_of(report, "RU-personnel-Belarus-2022-02")
    quote = next(
        q for q in personnel.select("td.quote") if q.mark.get_text() == "as many as 30,000"
    )
    assert HOSTILE_SCRIPT in quote.get_text()
    svg = tanks.select_one("#range-chart svg")
    labels = [t.get_text() for t in svg.find_all("text")] + [
        el["aria-label"] for el in svg.find_all(attrs={"aria-label": True})
    ]
    assert any(HOSTILE_CLAIMANT in label for label in labels)
    assert svg.find("img") is None and svg.find("script") is None


def test_pages_are_offline(report: Path) -> None:
    for path in sorted(report.rglob("*.html")):
        page = soup(path)
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None and "default-src 'none'" in csp["content"]
        # the shared stylesheet and script, from the report's own folder: 'self' and no other
        # source (no scheme, host or inline code allowed)
        directives = dict(d.strip().split(" ", 1) for d in csp["content"].split(";"))
        assert directives["style-src"] == "'self'" and directives["script-src"] == "'self'"
        assert not re.search(r"https?:|\*|unsafe", csp["content"]), path
        sheets = page.find_all("link", rel="stylesheet")
        assert len(sheets) == 1 and _asset(report, path, sheets[0]["href"]).name == "report.css"
        scripts = page.find_all("script", src=True)
        assert _asset(report, path, scripts[-1]["src"]).name == "report.js", path
        assert all(_asset(report, path, s["src"]) for s in scripts), path
        assert not page.find_all("style")


def test_same_warehouse_gives_identical_files(report: Path, tmp_path: Path) -> None:
    db = report.parent / "w.duckdb"
    docs = report.parent / "gx" / "data_docs" / "index.html"
    # a second render into a fresh folder beside the first (same relative data docs link)
    again = report.parent / "again"
    render_report(
        db,
        again,
        {
            **SUMMARY,
            "quality": {
                "success": False,
                "failed": ["claims: expect_low_ok"],
                "data_docs_index": str(docs),
            },
        },
    )
    first = sorted(p.relative_to(report) for p in report.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        assert filecmp.cmp(report / rel, again / rel, shallow=False), rel


def test_rerender_removes_pages_of_subjects_gone(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db, copies=2)
    out = tmp_path / "out"
    render_report(db, out)
    assert len(list((out / "subjects").glob("*.html"))) == 6
    db.unlink()
    write_sample_warehouse(db, copies=1)
    render_report(db, out)
    assert len(list((out / "subjects").glob("*.html"))) == 3
    assert len(list((out / "documents").glob("*.html"))) == 3


def test_missing_warehouse_or_relation_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"nope\.duckdb: warehouse file not found"):
        render_report(tmp_path / "nope.duckdb", tmp_path / "out")
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db, skip=("subject_summary",))
    with pytest.raises(ReportError, match=r"w\.duckdb: missing relation\(s\) subject_summary"):
        render_report(db, tmp_path / "out")
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_optional_relations_absent_are_named(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db, skip=("echo_chains", "subject_estimates"))
    render_report(db, tmp_path / "out")
    warn = soup(tmp_path / "out" / "index.html").select_one(".warn").get_text()
    assert "echo_chains" in warn and "subject_estimates" in warn


def test_report_on_the_seed_gold_warehouse(tmp_path: Path, seeds_dir: Path, gold_csv: Path) -> None:
    """The real models on the seeds' gold claims: the report shows what seeds_subjects.md says."""
    import csv

    from forcerecon.settings import Settings
    from forcerecon.warehouse.load import load_run
    from forcerecon.warehouse.models import build_models

    from gold_rows import gold_rows

    rows = gold_rows(seeds_dir, gold_csv)
    db = tmp_path / "w.duckdb"
    load_run(db, {"run_id": "gold"}, rows.documents, rows.claims, None, None)
    build_models(db, Settings())
    out = tmp_path / "out"
    render_report(db, out, {"run_id": "gold"})

    with gold_csv.open(encoding="utf-8", newline="") as fh:
        gold = list(csv.DictReader(fh))
    index = soup(out / "index.html")
    subjects = {
        r.select("td")[1].a.get_text(strip=True) for r in index.select("#subject-table tbody tr")
    }
    assert subjects == {g["subject"] for g in gold}
    assert not index.select("#subject-table .badge.conflict")  # seeds_subjects.md: no conflict

    page = page_of(out, "RU-personnel-Belarus-2022-02")
    marks = sorted(m.get_text() for m in page.select("#claims-table td.quote mark"))
    expected = sorted(
        g["figure_text"] for g in gold if g["subject"] == "RU-personnel-Belarus-2022-02"
    )
    assert marks == expected
    assert page.select_one("#range-chart svg") is not None
    # every gold figure is highlighted in its document page
    doc_marks = sorted(
        m.get_text()
        for p in (out / "documents").glob("*.html")
        for m in soup(p).select("a.hl.claim mark")
    )
    assert doc_marks == sorted(g["figure_text"] for g in gold)


def test_documents_without_figures_get_no_page(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "w.duckdb"
    write_sample_warehouse(db)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "INSERT INTO documents BY NAME SELECT 'empty' AS doc_id, 'h-empty' AS content_hash, "
            "'Weather is fine.' AS text, now() AS first_seen, now() AS last_seen, "
            "TRUE AS is_current, 'r' AS run_id"
        )
    render_report(db, tmp_path / "out")
    index = soup(tmp_path / "out" / "index.html")
    assert index.select_one(".cards .card .n").get_text(strip=True) == "4"  # still counted
    assert len(index.select("#document-table tbody tr")) == 3
    assert "1 document(s) without any figure" in index.get_text()
    assert len(list((tmp_path / "out" / "documents").glob("*.html"))) == 3
