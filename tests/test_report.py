"""Unit tests of the report's pure parts: formatting, highlighting, links, SVG safety, charts."""

from __future__ import annotations

import re

import pytest

from forcerecon.reports import charts
from forcerecon.reports.document_views import document_context
from forcerecon.reports.formatting import (
    fmt_bounds,
    fmt_date,
    fmt_number,
    page_name,
    status_code,
    status_label,
)
from forcerecon.reports.highlight import Span, highlight
from forcerecon.reports.links import safe_url, subject_page
from forcerecon.reports.run_views import data_docs_path, validation_state
from forcerecon.reports.subject_views import sentence_segments

XLINK = "http://www.w3.org/1999/xlink"
SAFE_NAME = re.compile(r"^[a-z0-9-]+-[0-9a-f]{10}\.html$")


def test_numbers_have_thousands_separators_and_no_spurious_decimals() -> None:
    assert fmt_number(30000) == "30,000"
    assert fmt_number(30000.0) == "30,000"
    assert fmt_number(0.7) == "0.7"
    assert fmt_number(1234.567) == "1,234.57"
    assert fmt_number(None) == ""
    assert fmt_number(float("nan")) == ""


def test_bounds_read_as_the_qualifier_says() -> None:
    assert fmt_bounds(170, 170, "exact") == "= 170"
    assert fmt_bounds(30000, 30000, "approximate") == "≈ 30,000"
    assert fmt_bounds(None, 9000, "upper_bound") == "≤ 9,000"
    assert fmt_bounds(2000, None, "lower_bound") == "≥ 2,000"
    assert fmt_bounds(20000, 99999, "vague") == "20,000–99,999"
    assert fmt_bounds(None, None) == "no bounds"


def test_dates_are_iso() -> None:
    import datetime as dt

    assert fmt_date(dt.date(2022, 2, 3)) == "2022-02-03"
    assert fmt_date(dt.datetime(2022, 2, 3, 0, 0)) == "2022-02-03"
    assert fmt_date(dt.datetime(2022, 2, 3, 9, 5, 1)) == "2022-02-03 09:05:01"
    assert fmt_date("2022-02") == "2022-02"
    assert fmt_date("2026-11-21T09:05:44+00:00") == "2026-11-21 09:05:44 UTC"
    assert fmt_date(dt.datetime(2026, 11, 21, 9, 5, tzinfo=dt.UTC)) == "2026-11-21 09:05:00 UTC"
    assert fmt_date("2022-02-03") == "2022-02-03"
    assert fmt_date("2022-02-03Tgarbage") == "2022-02-03Tgarbage"


def test_status_codes_and_labels() -> None:
    assert status_code("Qualifier only") == "qualifier_only"
    assert status_label("qualifier_only") == "qualifier only"
    assert status_label("single_source") == "single source"
    assert status_code(None) == "unknown"


@pytest.mark.parametrize(
    "key",
    ["RU+BY-facilities.ranges-Belarus-2022-02", "../../etc/passwd", "<script>x</script>", "", "Ж"],
)
def test_page_names_are_safe_and_distinct(key: str) -> None:
    name = page_name("subject", key)
    assert SAFE_NAME.match(name), name
    assert page_name("subject", key) == name  # stable
    assert page_name("subject", key + " ") != name  # the hash tells near-identical keys apart


def test_subject_page_is_under_subjects_folder() -> None:
    assert subject_page("RU-tanks-Belarus-2022-10").startswith("subjects/ru-tanks-belarus-2022-10-")


def test_highlight_places_spans_and_reports_bad_ones() -> None:
    text = "Some 170 tanks and up to 200 vehicles."
    result = highlight(
        text,
        [
            Span(5, 8, "170"),
            Span(19, 28, "up to 200"),
            Span(22, 28, "to 200"),  # overlaps the previous span
            Span(0, 4, "None"),  # offsets do not read the expected text
            Span(30, 99, None),  # outside the text
        ],
    )
    marked = [s.text for s in result.segments if s.span]
    assert marked == ["170", "up to 200"]
    assert "".join(s.text for s in result.segments) == text  # nothing lost
    reasons = sorted(why.split(" ")[0] for _, why in result.skipped)
    assert len(result.skipped) == 3, reasons
    assert any("overlaps" in why for _, why in result.skipped)
    assert any("not 'None'" in why for _, why in result.skipped)


def test_sentence_highlight_uses_offsets_relative_to_the_sentence() -> None:
    row = {
        "sentence": "NATO says around 30,000 troops.",
        "figure_text": "around 30,000",
        "start": 110,
        "end": 123,
        "sentence_start": 100,
    }
    segments, problem = sentence_segments(row)
    assert problem is None
    assert [s.text for s in segments if s.span] == ["around 30,000"]
    moved = {**row, "sentence_start": 101}
    segments, problem = sentence_segments(moved)
    assert problem is not None and "not 'around 30,000'" in problem
    assert not any(s.span for s in segments)  # never marked in the wrong place


def test_only_http_urls_become_links() -> None:
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url('https://x.org/"onmouseover="alert(1)') is None
    assert safe_url(None) is None


def test_validation_state_from_summary_or_checks() -> None:
    checks = [{"success": True}, {"success": False}]
    assert validation_state(True, checks)[0] == "passed"
    assert validation_state(None, checks) == ("failed", "1 of 2 checks passed")
    assert validation_state(None, [])[0] == "unknown"


def test_document_context_links_claims_to_subject_pages() -> None:
    text = "Title\n\nNATO says 30,000 troops. Minsk did not say."
    doc = {"doc_id": "d1", "content_hash": "h1", "text": text}
    claim = {
        "claim_id": "c1",
        "claim_no": 1,
        "figure_text": "30,000",
        "start": 17,
        "end": 23,
        "subject": "RU-personnel-Belarus-2022-02",
        "low": 30000,
        "high": 30000,
    }
    statement = {
        "statement_id": "s1",
        "text": "did not say",
        "start": text.index("did not say"),
        "end": text.index("did not say") + len("did not say"),
        "subject": "RU-personnel-Belarus-2022-02",
        "kind": "undisclosed",
    }
    page = subject_page(claim["subject"])
    ctx = document_context(doc, [claim], [statement], {page})
    marked = [(s.text, s.span.data["link"]) for s in ctx["segments"] if s.span]
    assert marked == [("30,000", f"../{page}"), ("did not say", f"../{page}")]
    assert ctx["skipped"] == []


def test_svg_check_refuses_active_content() -> None:
    ns = 'xmlns="http://www.w3.org/2000/svg"'
    charts.check_svg(f"<svg {ns}><text>&lt;script&gt;</text></svg>")
    for bad in (
        f"<svg {ns}><script>alert(1)</script></svg>",
        f'<svg {ns}><rect onload="alert(1)"/></svg>',
        f"<svg {ns}><foreignObject/></svg>",
        f'<svg {ns} xmlns:xlink="{XLINK}"><a xlink:href="javascript:x"/></svg>',
        f"<svg {ns}><text>unclosed</svg>",
    ):
        with pytest.raises(charts.UnsafeSvgError):
            charts.check_svg(bad)


def test_prefix_ids_renames_ids_and_references() -> None:
    svg = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>'
    out = charts.prefix_ids(svg, "r1")
    assert 'id="r1-clip1"' in out and "url(#r1-clip1)" in out and 'href="#r1-clip1"' in out
    assert 'id="clip1"' not in out


def _claim(claimant: str, low: float | None, high: float | None, **extra: object) -> dict:
    return {
        "claimant": claimant,
        "low": low,
        "high": high,
        "figure_text": "x",
        "claim_no": 1,
        "outlet": "Outlet",
        "published": "2022-02-10",
        "claim_id": claimant,
        **extra,
    }


def test_range_chart_has_one_row_per_claim_grouped_by_claimant() -> None:
    claims = [
        _claim("NATO", 30000, 30000),
        _claim("Ukraine", None, 9000, as_of="2022-02-01"),
        _claim("NATO", 25000, None, is_echo=True),
    ]
    spec = charts.range_chart(claims, {"low": 25000, "best": 30000, "high": 30000})
    assert spec is not None
    rows = next(d for d in spec["datasets"].values() if d and "label" in d[0])
    assert [r["claimant"] for r in rows] == ["NATO", "Ukraine", "NATO"]
    open_high = next(r for r in rows if r["open_high"])
    assert open_high["draw_high"] > 30000 and open_high["echo"] is True
    assert next(r for r in rows if r["open_low"])["draw_low"] == 0.0
    assert "$schema" not in spec


def test_timeline_needs_two_dates() -> None:
    one_date = [_claim("A", 1, 1), _claim("B", 2, 2)]
    assert charts.timeline_chart(one_date) is None
    two_dates = [_claim("A", 1, 1), _claim("B", 2, 2, as_of="2022-03")]
    assert charts.timeline_chart(two_dates) is not None


def test_to_svg_escapes_text_from_claims() -> None:
    claims = [_claim("<script>alert(1)</script>", 1, 2), _claim("B & C", 3, 4)]
    svg = charts.to_svg(charts.range_chart(claims), "t")
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_data_docs_path_at_top_level_or_under_quality() -> None:
    assert data_docs_path({"gx_data_docs": "/a/index.html"}) == "/a/index.html"
    assert data_docs_path({"quality": {"data_docs_index": "/b/index.html"}}) == "/b/index.html"
    assert data_docs_path({"quality": {"data_docs_index": None}}) is None
    assert data_docs_path(None) is None


def test_quality_shows_the_latest_run_and_reads_details() -> None:
    import datetime as dt

    from forcerecon.reports.run_views import latest_quality, quality_history, quality_view

    old = dt.datetime(2022, 1, 1)
    new = dt.datetime(2022, 2, 1)
    rows = [
        {"run_id": "r1", "success": False, "recorded_at": old},
        {
            "run_id": "r2",
            "success": True,
            "recorded_at": new,
            "details": '{"notes": "n", "unexpected_count": 1200}',
        },
    ]
    run_id, latest = latest_quality(rows)
    assert run_id == "r2" and len(latest) == 1
    assert validation_state(None, latest)[0] == "passed"  # r1's failure is history
    view = quality_view(latest[0])
    assert (view["notes"], view["unexpected"], view["success"]) == ("n", "1,200", True)
    assert quality_view({"details": "not json"})["notes"] == ""
    assert [h["run_id"] for h in quality_history(rows)] == ["r2", "r1"]


def test_charted_claims_caps_rows_leaving_echoes_out_first() -> None:
    claims = [{"claim_id": str(i), "is_echo": i % 2 == 0} for i in range(10)]
    drawn, omitted = charts.charted_claims(claims, limit=4)
    assert omitted == 6
    assert [c["claim_id"] for c in drawn] == ["1", "3", "5", "7"]  # own figures, in order
    assert charts.charted_claims(claims, limit=20) == (claims, 0)


def test_conflict_pairs_are_capped_widest_first() -> None:
    from forcerecon.reports.subject_views import conflict_views, widest_conflicts

    pairs = [{"claim_id_low": f"a{i}", "claim_id_high": f"b{i}", "gap": i} for i in range(80)]
    widest = widest_conflicts(pairs, limit=3)
    assert [p["gap"] for p in widest] == [79, 78, 77]
    assert len(conflict_views(pairs)) == 50


@pytest.mark.parametrize(
    "value",
    ["<script>alert('x')</script> & \"q\"", "", "plain", "Ж ≈ 30,000", 7, 2.5, None],
)
def test_template_escaping_is_markupsafe_escape(value: object) -> None:
    """The renderer's faster escape gives exactly what markupsafe.escape gives, and the
    compiled templates use it (base, page and macro templates alike)."""
    from markupsafe import Markup, escape

    from forcerecon.reports.render import _escape, environment

    assert _escape(value) == escape(value) and type(_escape(value)) is Markup
    assert _escape(Markup("<b>x</b>")) == Markup("<b>x</b>")
    env = environment()
    for name in ("base.html.j2", "subject.html.j2", "macros.html.j2"):
        assert env.get_template(name).root_render_func.__globals__["escape"] is _escape


def test_claim_rows_are_the_template_rows_escaped() -> None:
    """The figures table's rows built in Python escape every value as autoescape would."""
    from forcerecon.reports.subject_views import claim_rows_html, subject_context

    claim = {
        **_claim("<img src=x onerror=alert(1)>", 1, 2),
        "claim_id": "c1",
        "sentence": "They said <script>x</script> 1 or 2 tanks.",
        "start": 29,
        "end": 35,
        "sentence_start": 0,
        "figure_text": "1 or 2",
        "url": "javascript:alert(1)",
        "item": "tanks & <b>",
    }
    html = str(subject_context({"subject": "s"}, [claim], [], [], [], set(), {})["claim_rows"])
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert "tanks &amp; &lt;b&gt;" in html and "javascript:" not in html
    assert html.count("<tr ") == 1 and "<mark>1 or 2</mark>" in html
    assert claim_rows_html([]) == ""
