"""Pure view model of a subject page: its figures side by side, statements without a figure,
the part each claim played in the estimate, conflicting pairs, scope links and echo chains.

Values from articles stay plain text here; the templates (autoescape on) escape them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from .formatting import (
    as_int,
    fmt_bounds,
    fmt_date,
    fmt_number,
    is_missing,
    status_code,
    status_label,
    text_of,
)
from .highlight import Segment, Span, highlight
from .links import anchor, claimant_page, document_page, outlet_page, safe_url, subject_page
from .values import clean, estimate_range, figure_range, number

Row = dict[str, Any]


def sentence_segments(row: Row, text_key: str = "figure_text") -> tuple[list[Segment], str | None]:
    """The claim's sentence cut around its figure, using start/end relative to the sentence.

    Returns the segments and, when the offsets do not point at the figure, the reason
    (the sentence is then shown without a highlight: a figure is never marked in the wrong place).
    """
    sentence = text_of(row.get("sentence"))
    start, end, s_start = (
        as_int(row.get("start")),
        as_int(row.get("end")),
        as_int(row.get("sentence_start")),
    )
    if not sentence:
        return [], "no sentence recorded"
    if start is None or end is None or s_start is None:
        return [Segment(sentence)], "no offsets recorded"
    expected = row.get(text_key)
    span = Span(start - s_start, end - s_start, None if is_missing(expected) else str(expected))
    result = highlight(sentence, [span])
    problem = result.skipped[0][1] if result.skipped else None
    return result.segments, problem


def estimate_role(role: Row | None) -> tuple[str, str]:
    """(css class, text) of the part a claim played in the estimate (subject_estimates row)."""
    if not role:
        return "", ""
    rule = text_of(role.get("rule")).replace("_", " ")
    if role.get("chosen") is True:
        return "chosen", f"chosen: {rule}" if rule else "chosen"
    if role.get("eligible") is False:
        return "excluded", f"not counted: {rule}" if rule else "not counted"
    return "candidate", f"candidate: {rule}" if rule else "candidate"


def _claimant_link(claim: Row) -> str:
    """Relative link from a subject page to the claim's claimant page ("" when unattributed)."""
    group = " ".join(text_of(claim.get("claimant")).split())
    return f"../{claimant_page(group)}" if group else ""


def claim_view(claim: Row, doc_pages: set[str], role: Row | None = None) -> Row:
    """One figure on a subject page (``role``: its subject_estimates row, when there is one)."""
    segments, problem = sentence_segments(claim)
    role_class, role_text = estimate_role(role)
    page = document_page(claim.get("doc_id"), claim.get("content_hash"))
    return {
        "anchor": anchor("c", claim.get("claim_id")),
        "claim_id": text_of(claim.get("claim_id")),
        "figure_text": text_of(claim.get("figure_text")),
        "bounds": figure_range(claim),
        "qualifier": text_of(claim.get("qualifier")),
        "item": text_of(claim.get("item")),
        "claimant": text_of(claim.get("claimant")) or "unattributed",
        "claimant_link": _claimant_link(claim),
        "claimant_type": text_of(claim.get("claimant_type")),
        "outlet": text_of(claim.get("outlet")),
        "outlet_link": f"../{outlet_page(claim['outlet'])}"
        if text_of(claim.get("outlet")).strip()
        else "",
        "title": text_of(claim.get("title")),
        "published": fmt_date(claim.get("published")),
        "as_of": fmt_date(claim.get("as_of")),
        "modality": text_of(claim.get("modality")),
        "event": text_of(claim.get("event")),
        "location": text_of(claim.get("location")),
        "n_echoes": fmt_number(claim.get("n_echoes") or 0),
        "role_class": role_class,
        "role": role_text,
        "echo_rule": text_of(claim.get("echo_rule")).replace("_", " "),
        "is_echo": bool(claim.get("is_echo")) and not is_missing(claim.get("is_echo")),
        "echo_of": text_of(claim.get("echo_of")),
        "echo_anchor": anchor("c", claim.get("echo_of"))
        if not is_missing(claim.get("echo_of"))
        else "",
        "segments": segments,
        "span_problem": problem,
        "url": safe_url(claim.get("url")),
        "doc_id": text_of(claim.get("doc_id")),
        "claim_no": fmt_number(claim.get("claim_no")),
        "doc_page": f"../{page}#{anchor('c', claim.get('claim_id'))}"
        if page in doc_pages
        else None,
    }


try:  # MarkupSafe's C escaping of a str (what autoescaping does, without a Markup per value)
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - pure-Python MarkupSafe
    _escape_inner = None


def _h(value: object) -> str:
    """``value`` as escaped HTML text: exactly what a Jinja ``{{ value }}`` with autoescape
    writes (markupsafe.escape)."""
    if type(value) is str and _escape_inner is not None:
        return _escape_inner(value)  # type: ignore[no-any-return]
    return str(escape(value))


def _linked(text: str, link: str) -> str:
    return f'<a href="{_h(link)}">{_h(text)}</a>' if link else _h(text)


def claim_rows_html(claims: Sequence[Row]) -> Markup:
    """The rows of a subject's figures table (claim views of :func:`claim_view`), every value
    escaped as the template would. Built here rather than in a Jinja loop: at 10,000 articles
    the table has 81,369 rows of ~25 values, and Jinja's lookup and escape per value was the
    largest part of rendering a subject page."""
    out: list[str] = []
    add = out.append
    for c in claims:
        item = f'<br><span class="note">{_h(c["item"])}</span>' if c["item"] else ""
        echo = (
            f'<br><a class="tag echo" href="#{_h(c["echo_anchor"])}" '
            f'title="{_h(c["echo_rule"])}">echo</a>'
            if c["is_echo"]
            else ""
        )
        role = (
            f'<span class="role {_h(c["role_class"])}">{_h(c["role"])}</span>' if c["role"] else ""
        )
        quote = "".join(
            f"<mark>{_h(seg.text)}</mark>" if seg.span else _h(seg.text) for seg in c["segments"]
        )
        if c["span_problem"]:
            problem = _h(c["span_problem"])
            quote += f'<br><span class="warn">figure not highlighted: {problem}</span>'
        source = (
            f'<a href="{_h(c["url"])}" rel="noopener noreferrer" title="{_h(c["title"])}">'
            "article</a><br>"
            if c["url"]
            else ""
        )
        if c["doc_page"]:
            source += (
                f'<a href="{_h(c["doc_page"])}" '
                f'title="{_h(c["doc_id"])} claim {_h(c["claim_no"])}">in text</a>'
            )
        else:
            source += f'<span class="note">{_h(c["doc_id"])}</span>'
        add(
            f'<tr id="{_h(c["anchor"])}">\n'
            f'<td><span class="figure">{_h(c["figure_text"])}</span><br>'
            f'<span class="bounds">{_h(c["bounds"])}</span> '
            f'<span class="tag">{_h(c["qualifier"])}</span>{item}</td>\n'
            f"<td>{_linked(c['claimant'], c['claimant_link'])}<br>"
            f'<span class="tag">{_h(c["claimant_type"])}</span></td>\n'
            f"<td>{_linked(c['outlet'], c['outlet_link'])}</td>"
            f'<td class="nowrap">{_h(c["published"])}</td>'
            f'<td class="nowrap">{_h(c["as_of"])}</td><td>{_h(c["modality"])}</td>\n'
            f'<td class="num">{_h(c["n_echoes"])}{echo}</td>\n'
            f"<td>{role}</td>\n"
            f'<td class="quote">{quote}</td>\n'
            f'<td class="nowrap">{source}</td>\n'
            "</tr>\n"
        )
    return Markup("".join(out))


def statement_view(statement: Row, doc_pages: set[str]) -> Row:
    """One statement without a figure on a subject page."""
    segments, problem = sentence_segments(statement, text_key="text")
    page = document_page(statement.get("doc_id"), statement.get("content_hash"))
    return {
        "anchor": anchor("s", statement.get("statement_id")),
        "kind": text_of(statement.get("kind")),
        "claimant": text_of(statement.get("claimant")) or "unattributed",
        "claimant_type": text_of(statement.get("claimant_type")),
        "outlet": text_of(statement.get("outlet")),
        "published": fmt_date(statement.get("published")),
        "as_of": fmt_date(statement.get("as_of")),
        "segments": segments,
        "span_problem": problem,
        "url": safe_url(statement.get("url")),
        "doc_page": f"../{page}#{anchor('s', statement.get('statement_id'))}"
        if page in doc_pages
        else None,
    }


def group_by_subject(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """Rows grouped by their ``subject`` value (rows without one are left out)."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if not is_missing(row.get("subject")):
            grouped[str(row["subject"])].append(row)
    return grouped


#: Most conflicting pairs listed on a subject page (pairs grow with the square of the claims).
MAX_CONFLICT_PAIRS = 50


def widest_conflicts(conflicts: Sequence[Row], limit: int = MAX_CONFLICT_PAIRS) -> list[Row]:
    """The ``limit`` pairs with the widest gap (ties by claim ids, so the choice is stable)."""

    def gap(row: Row) -> float:
        value = row.get("gap")
        return -float(value) if not is_missing(value) else 0.0

    ranked = sorted(
        conflicts,
        key=lambda r: (gap(r), text_of(r.get("claim_id_low")), text_of(r.get("claim_id_high"))),
    )
    return ranked[:limit]


def conflict_views(conflicts: Sequence[Row]) -> list[Row]:
    """Conflicting pairs as 'lower figure vs higher figure' (rows of the conflicts mart), the
    widest gaps first, at most :data:`MAX_CONFLICT_PAIRS`."""
    out: list[Row] = []
    for c in widest_conflicts(conflicts):
        sides = []
        for end in ("low", "high"):
            sides.append(
                {
                    "figure_text": text_of(c.get(f"figure_text_{end}")),
                    "interval": fmt_bounds(
                        clean(c.get(f"interval_low_{end}")), clean(c.get(f"interval_high_{end}"))
                    ),
                    "claimant": text_of(c.get(f"claimant_{end}")) or "unattributed",
                    "outlet": text_of(c.get(f"outlet_{end}")),
                    "published": fmt_date(c.get(f"published_{end}")),
                    "anchor": anchor("c", c.get(f"claim_id_{end}")),
                }
            )
        out.append(
            {
                "kind": text_of(c.get("kind")).replace("_", " "),
                "gap": number(c.get("gap")),
                "low": sides[0],
                "high": sides[1],
            }
        )
    return out


def echo_chain_views(echo_chains: Sequence[Row]) -> list[Row]:
    """One line per echo chain (rows of the echo_chains mart share a chain per echo_root)."""
    seen: dict[str, Row] = {}
    for r in echo_chains:
        root = text_of(r.get("echo_root"))
        if root and root not in seen:
            seen[root] = {
                "anchor": anchor("c", root),
                "root_claimant": text_of(r.get("root_claimant")) or "unattributed",
                "root_figure_text": text_of(r.get("root_figure_text")),
                "root_outlet": text_of(r.get("root_outlet")),
                "root_published": fmt_date(r.get("root_published")),
                "size": fmt_number(r.get("chain_size")),
                "chain": text_of(r.get("chain")),
            }
    return list(seen.values())


def scope_views(
    links: Sequence[Row], subject: str, subject_pages: set[str]
) -> dict[str, list[Row]]:
    """The subjects this one lies within ("within") and the ones within it ("parts")."""
    out: dict[str, list[Row]] = {"within": [], "parts": []}
    for link in links:
        part, whole = text_of(link.get("part_subject")), text_of(link.get("whole_subject"))
        if subject not in (part, whole):
            continue
        other = whole if part == subject else part
        page = subject_page(other)
        out["within" if part == subject else "parts"].append(
            {
                "subject": other,
                "link": f"../{page}" if page in subject_pages else None,
                "kinds": text_of(link.get("scope_kinds")).replace(",", ", "),
                "part_best": number(link.get("part_best")),
                "whole_best": number(link.get("whole_best")),
                "share": f"{float(link['part_share']):.0%}"
                if not is_missing(link.get("part_share"))
                else "",
            }
        )
    return out


def subject_context(
    summary: Row,
    claims: Sequence[Row],
    statements: Sequence[Row],
    conflicts: Sequence[Row],
    echo_chains: Sequence[Row],
    doc_pages: set[str],
    charts: Mapping[str, Any],
    roles: Sequence[Row] = (),
    scope: Mapping[str, list[Row]] | None = None,
) -> Row:
    """Everything one subject page shows (charts already rendered to SVG text)."""
    code = status_code(summary.get("status"))
    best, best_note = estimate_range(summary.get("low"), summary.get("best"), summary.get("high"))
    role_by_claim = {str(r.get("claim_id")): r for r in roles}
    # conflicts.sql keeps the widest pairs and says how many there were in n_pairs
    n_pairs = max([len(conflicts)] + [int(c["n_pairs"]) for c in conflicts if c.get("n_pairs")])
    claim_list = [
        claim_view(c, doc_pages, role_by_claim.get(str(c.get("claim_id")))) for c in claims
    ]
    return {
        "subject": text_of(summary.get("subject")),
        "status": code,
        "status_label": status_label(code),
        "facts": [
            ("side", text_of(summary.get("side_code"))),
            ("category", text_of(summary.get("category"))),
            ("location", text_of(summary.get("location_key"))),
            ("period", text_of(summary.get("period"))),
            ("event", text_of(summary.get("event"))),
        ],
        "estimate": {
            "low": number(summary.get("low")),
            "best": best,
            "best_note": best_note,
            "high": number(summary.get("high")),
            "rule": text_of(summary.get("rule")).replace("_", " "),
            "estimate_rule": text_of(summary.get("estimate_rule")).replace("_", " "),
            "within": text_of(summary.get("within")),
            "n_claims": fmt_number(summary.get("n_claims")),
            "n_independent": fmt_number(summary.get("n_independent")),
            "n_statements": fmt_number(summary.get("n_statements")),
        },
        "claims": claim_list,
        "claim_rows": claim_rows_html(claim_list),
        "statements": [statement_view(s, doc_pages) for s in statements],
        "conflicts": conflict_views(conflicts),
        "n_conflicts": fmt_number(n_pairs),
        "conflicts_truncated": n_pairs > min(len(conflicts), MAX_CONFLICT_PAIRS),
        "echo_chains": echo_chain_views(echo_chains),
        "scope": scope or {"within": [], "parts": []},
        "range_chart": charts.get("range"),
        "range_omitted": int(charts.get("omitted") or 0),
        "range_drawn": fmt_number(len(claims) - int(charts.get("omitted") or 0)),
        "n_claims": fmt_number(len(claims)),
        "timeline_chart": charts.get("timeline"),
        "chart_skipped": bool(charts.get("skipped")),
    }
