"""The report in a real browser: headless Chromium opens it from file:// with no network.

Checks that the report's script (assets/report.js, linked relatively) ran (the subject
table's filter count is filled in, and a ``#q=`` link filters rows), that its stylesheet
applies from file:// while the CSP refuses inline scripts and network fetches, that charts
render as SVG, that hostile article text never becomes
an element, and takes a screenshot kept under reports/out/screenshots/ (path printed).
Skips when Chromium is absent, except under CI=true, where its absence is a failure.
"""

from __future__ import annotations

import base64
import csv
import io
import os
import shutil
import struct
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from report_sample import HOSTILE_SCRIPT, write_sample_warehouse

from forcerecon.reports.links import claimant_page, subject_page
from forcerecon.reports.render import render_report

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SCREENSHOT_DIR = REPO / "reports" / "out" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("chromium is not installed but CI is set: install Debian's `chromium`")
    pytest.skip("chromium not installed (apt-get install -y chromium); set CI=true to fail instead")


@pytest.fixture(scope="module")
def browser() -> str:
    return _chromium()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("browser")
    db = base / "w.duckdb"
    write_sample_warehouse(db, hostile=True)
    render_report(db, base / "out", {"run_id": "browser-test", "duration_s": 4.2})
    return base / "out"


def run_chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, f"{' '.join(cmd)}\n{result.stderr[-2000:]}"
    return result


def dump_dom(browser: str, tmp_path: Path, url: str) -> BeautifulSoup:
    result = run_chromium(browser, tmp_path, "--virtual-time-budget=3000", "--dump-dom", url)
    return BeautifulSoup(result.stdout, "html.parser")


def test_index_table_and_script_in_browser(browser: str, report: Path, tmp_path: Path) -> None:
    dom = dump_dom(browser, tmp_path, (report / "index.html").as_uri())
    rows = dom.select("#subject-table tbody tr")
    assert len(rows) == 3
    # the inline script ran: it writes the "n of m shown" count
    assert dom.select_one(".facets[data-table=subject-table] .count").get_text() == "3 of 3 shown"
    filtered = dump_dom(browser, tmp_path, (report / "index.html").as_uri() + "#q=tanks")
    shown = [r for r in filtered.select("#subject-table tbody tr") if not r.has_attr("hidden")]
    assert [r.select("td")[1].get_text(strip=True) for r in shown] == ["RU-tanks-Belarus-2022-02"]


def test_subject_chart_and_hostile_text_in_browser(
    browser: str, report: Path, tmp_path: Path
) -> None:
    url = (report / subject_page("RU-personnel-Belarus-2022-02")).as_uri()
    dom = dump_dom(browser, tmp_path, url)
    svg = dom.select_one("#range-chart svg")
    assert svg is not None and svg.find("text") is not None
    assert dom.select_one("#timeline-chart svg") is not None
    assert len(dom.find_all("script")) == 1  # only the report's own script
    assert dom.find("img") is None
    assert any(HOSTILE_SCRIPT in q.get_text() for q in dom.select("td.quote"))


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _first_link(page: Path, selector: str) -> Path:
    dom = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return page.parent / dom.select_one(selector)["href"]


def test_screenshots(browser: str, report: Path, tmp_path: Path) -> None:
    """Screenshots of the index with facets from the URL, the claimant and outlet with most
    figures, the corpus timeline and the validation page. FORCERECON_SCREENSHOT_REPORT names
    a rendered report to take them of (e.g. a real corpus); default: the sample report."""
    root = Path(os.environ.get("FORCERECON_SCREENSHOT_REPORT") or report)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    first_row = "#actor-table tbody tr td.key a"
    pages = {
        "index-facets.png": (root / "index.html").as_uri() + "#side=RU&status=conflict",
        "claimant.png": _first_link(root / "claimants.html", first_row).as_uri(),
        "outlet.png": _first_link(root / "outlets.html", first_row).as_uri(),
        "timeline.png": (root / "timeline.html").as_uri(),
        "validation.png": (root / "validation.html").as_uri(),
        "subject.png": _first_link(root / "index.html", "#subject-table td.key a").as_uri(),
    }
    for name, url in pages.items():
        shot = SCREENSHOT_DIR / name
        shot.unlink(missing_ok=True)
        run_chromium(
            browser,
            tmp_path,
            "--hide-scrollbars",
            "--virtual-time-budget=3000",
            f"--screenshot={shot}",
            "--window-size=1400,1000",
            url,
        )
        assert _png_size(shot) == (1400, 1000)
        assert shot.stat().st_size > 20_000  # a rendered page, not a blank image
        print(f"screenshot: {shot} ({url})")


def _data_url_text(href: str) -> str:
    head, _, payload = href.partition(",")
    assert head.startswith("data:text/csv"), head
    if head.endswith(";base64"):
        return base64.b64decode(payload).decode("utf-8")
    return urllib.parse.unquote(payload)


def test_facets_from_the_url_and_the_download_of_the_rows_shown(
    browser: str, report: Path, tmp_path: Path
) -> None:
    """index.html#status=conflict&side=RU opens the subject table filtered; the 'download shown
    rows' link then holds exactly those rows as CSV; a search finds a subject by a word only
    its claims' sentences hold; an unknown facet value shows nothing, not everything."""
    url = (report / "index.html").as_uri()
    dom = dump_dom(browser, tmp_path, url + "#status=conflict&side=RU")
    shown = [r for r in dom.select("#subject-table tbody tr") if not r.has_attr("hidden")]
    assert [r["data-subject"] for r in shown] == ["RU-tanks-Belarus-2022-02"]
    count = dom.select_one(".facets[data-table=subject-table] .count").get_text()
    assert count == "1 of 3 shown"
    link = dom.select_one("a.shown-csv")
    assert link["data-rows"] == "1" and link.has_attr("download")
    rows = list(csv.reader(io.StringIO(_data_url_text(link["href"]))))
    assert rows[0][:2] == ["status", "subject"]
    assert [r[1] for r in rows[1:]] == ["RU-tanks-Belarus-2022-02"]
    assert rows[1][0] == "conflict"

    # a word only a claim's sentence holds ("combat" troops): search goes beyond subject rows
    def shown_for(fragment: str) -> list[str]:
        dom = dump_dom(browser, tmp_path, url + fragment)
        rows = dom.select("#subject-table tbody tr")
        return [r["data-subject"] for r in rows if not r.has_attr("hidden")]

    assert shown_for("#q=combat") == ["RU-personnel-Belarus-2022-02"]
    assert shown_for("#claimant=belarusian%20defense") == ["RU-tanks-Belarus-2022-02"]
    assert shown_for("#side=XX") == []  # a value no subject has shows nothing, not everything


def test_a_claimant_page_download_is_a_file_with_its_rows(
    browser: str, report: Path, tmp_path: Path
) -> None:
    page = report / claimant_page("NATO")
    dom = dump_dom(browser, tmp_path, page.as_uri())
    link = dom.select_one("p.downloads a[download]")
    target = page.parent / link["href"]
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["claimant"] for r in rows] == ["NATO"]
    assert len(dom.select("#figures-table tbody tr")) == len(rows)


def probe(browser: str, tmp_path: Path, page: Path, script: str, inline: str = "") -> BeautifulSoup:
    """Open a copy of ``page`` (same folder, so its relative asset links hold) that loads
    ``script`` from a file beside it after the report's own script, and return its DOM.
    ``inline`` is put in as an inline <script>, which the page's CSP must block."""
    html = page.read_text(encoding="utf-8")
    copy = page.with_name(f"probe-copy-{page.name}")
    script_file = page.with_name("probe-copy.js")
    script_file.write_text(script, encoding="utf-8")
    extra = f"<script>{inline}</script>" if inline else ""
    copy.write_text(
        html.replace("</body>", f'{extra}<script src="probe-copy.js"></script></body>'),
        encoding="utf-8",
    )
    try:
        return dump_dom(browser, tmp_path, copy.as_uri())
    finally:
        copy.unlink()
        script_file.unlink()


def test_shared_stylesheet_and_script_apply_from_file_urls(
    browser: str, report: Path, tmp_path: Path
) -> None:
    """Pages link assets/report.css and assets/report.js relatively: from file:// the style is
    applied and the script runs, on the index and on a page one folder down; an inline script
    and a fetch from the network are refused by the CSP."""
    check = (
        "var b = document.body, style = getComputedStyle(document.querySelector('header.top'));"
        " b.setAttribute('data-position', style.position);"
        " b.setAttribute('data-sheets', String(document.styleSheets.length));"
        " document.addEventListener('securitypolicyviolation', function (e) {"
        "   var seen = b.getAttribute('data-blocked') || '';"
        "   b.setAttribute('data-blocked', seen + e.blockedURI + ' '); });"
        " var img = document.createElement('img'); img.src = 'http://127.0.0.1:9/x.png';"
        " b.appendChild(img);"
    )
    subject = report / subject_page("RU-personnel-Belarus-2022-02")
    for page in (report / "index.html", subject):
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(
            "link", rel="stylesheet"
        )
        assert (page.parent / link["href"]).resolve() == report / "assets" / "report.css"
        dom = probe(
            browser,
            tmp_path,
            page,
            check,
            inline="document.body.setAttribute('data-inline', 'ran');",
        )
        assert dom.body["data-position"] == "sticky", page  # set by report.css only
        assert dom.body["data-sheets"] == "1", page
        assert not dom.body.has_attr("data-inline"), page  # CSP: no inline script runs
        assert "http://127.0.0.1:9/x.png" in dom.body.get("data-blocked", ""), page
    # report.js ran on the subject page too: the claims table headers are focusable
    dom = dump_dom(browser, tmp_path, subject.as_uri())
    assert all(th.get("tabindex") == "0" for th in dom.select("#claims-table th[data-sort]"))


def test_sorting_by_a_numeric_column(browser: str, report: Path, tmp_path: Path) -> None:
    """Click the 'estimate' header twice (a script loaded by a page copy) and read the order."""
    click = (
        "var th = Array.prototype.find.call("
        "document.querySelectorAll('#subject-table th'), function (h) {"
        " return h.textContent.trim() === 'estimate'; });"
        " th.click(); document.body.setAttribute('data-asc', Array.prototype.map.call("
        "document.querySelectorAll('#subject-table tbody tr td:nth-child(10) b'),"
        " function (td) { return td.textContent.trim(); }).join('|'));"
        " th.click();"
    )
    dom = probe(browser, tmp_path, report / "index.html", click)
    assert dom.body["data-asc"] == "170|9,000|30,000"  # numeric, not text, order
    best = [r.select("td")[9].b.get_text(strip=True) for r in dom.select("#subject-table tbody tr")]
    assert best == ["30,000", "9,000", "170"]  # second click: descending
    header = next(
        h for h in dom.select("#subject-table th") if h.get_text(strip=True) == "estimate"
    )
    assert header["aria-sort"] == "descending"
