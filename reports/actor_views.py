"""Pure view models of claimant and outlet pages, and of their list pages.

A claimant page lists every figure one claimant asserted (its subjects, outlets, echoes), the
conflicting pairs it takes part in and who it is (type, affiliation). An outlet page lists
what one outlet published, whose figures it carries and which of its figures echo an earlier
one. Claimants are grouped by their name as written (:func:`claimant_group`); rows are read
by column name, so a column the warehouse lacks shows as blank.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .formatting import (
    fmt_date,
    fmt_number,
    is_missing,
    sort_number,
    status_code,
    status_label,
    text_of,
)
from .links import anchor, claimant_page, document_page, outlet_page, subject_page
from .subject_views import _h
from .values import figure_range, number

Row = dict[str, Any]

#: Most figures listed as table rows on one claimant or outlet page (latest first); the CSV
#: and JSON downloads beside the page hold all of them.
MAX_PAGE_ROWS = 1000


def claimant_group(row: Mapping[str, Any]) -> str:
    """The key a claim's claimant page is grouped by: the claimant as written (spaces
    trimmed), "" when unattributed. Not ``claimant_key``: that is the reconciliation's
    independence key, which puts a ministry, its general staff and a deputy minister of one
    government together; they are different claimants with pages of their own."""
    return " ".join(text_of(row.get("claimant")).split())


@dataclass
class ActorIndex:
    """Claims grouped by claimant and by outlet, with the lookups their pages share."""

    by_claimant: dict[str, list[Row]]
    by_outlet: dict[str, list[Row]]
    claim_by_id: dict[str, Row]
    status_by_subject: dict[str, str]


def actor_index(claims: Sequence[Row], subjects: Sequence[Row]) -> ActorIndex:
    """Group ``subject_claims`` rows by claimant and by outlet (unattributed and outlet-less
    claims get no page)."""
    by_claimant: dict[str, list[Row]] = defaultdict(list)
    by_outlet: dict[str, list[Row]] = defaultdict(list)
    claim_by_id: dict[str, Row] = {}
    for c in claims:
        group = claimant_group(c)
        if group:
            by_claimant[group].append(c)
        outlet = text_of(c.get("outlet")).strip()
        if outlet:
            by_outlet[outlet].append(c)
        claim_by_id.setdefault(text_of(c.get("claim_id")), c)
    return ActorIndex(
        dict(by_claimant),
        dict(by_outlet),
        claim_by_id,
        {text_of(s.get("subject")): status_code(s.get("status")) for s in subjects},
    )


def _most_common(values: Sequence[str]) -> str:
    counted = Counter(v for v in values if v)
    if not counted:
        return ""
    return sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _joined(values: Sequence[str]) -> str:
    return ", ".join(sorted({v for v in values if v}))


def claimant_name(claims: Sequence[Row]) -> str:
    """The claimant's name as written most often."""
    return _most_common([text_of(c.get("claimant")) for c in claims])


def _latest_first(claims: Sequence[Row]) -> list[Row]:
    return sorted(
        claims,
        key=lambda c: (
            text_of(c.get("published")),
            text_of(c.get("subject")),
            text_of(c.get("claim_id")),
        ),
        reverse=True,
    )


def figure_rows_html(
    claims: Sequence[Row],
    index: ActorIndex,
    subject_pages: set[str],
    other: str,
) -> Markup:
    """Table rows of figures on a claimant page (``other="outlet"``) or an outlet page
    (``other="claimant"``), every value escaped as autoescaping would."""
    out: list[str] = []
    for c in claims:
        subject = text_of(c.get("subject"))
        page = subject_page(subject)
        code = index.status_by_subject.get(subject, "unknown")
        subject_cell = (
            f'<a href="../{_h(page)}#{_h(anchor("c", c.get("claim_id")))}">{_h(subject)}</a>'
            if page in subject_pages
            else _h(subject)
        )
        if other == "outlet":
            name = text_of(c.get("outlet"))
            link = outlet_page(name) if name else ""
        else:
            name = text_of(c.get("claimant")) or "unattributed"
            group = claimant_group(c)
            link = claimant_page(group) if group else ""
        who = f'<a href="../{_h(link)}">{_h(name)}</a>' if link else _h(name)
        echo = ""
        if c.get("is_echo") is True:
            echo = ' <span class="tag echo">echo</span>'
        out.append(
            "<tr>"
            f'<td><span class="figure">{_h(text_of(c.get("figure_text")))}</span><br>'
            f'<span class="bounds">{_h(figure_range(c))}</span> '
            f'<span class="tag">{_h(text_of(c.get("qualifier")))}</span>'
            f"{_measure_tag(c)}</td>"
            f'<td class="key">{subject_cell}<br><span class="badge {_h(code)}">'
            f"{_h(status_label(code))}</span></td>"
            f"<td>{who}{echo}</td>"
            f'<td class="nowrap">{_h(fmt_date(c.get("published")))}</td>'
            f'<td class="nowrap">{_h(fmt_date(c.get("as_of")))}</td>'
            f'<td class="num" data-sort-value="{_h(sort_number(c.get("n_echoes") or 0))}">'
            f"{_h(fmt_number(c.get('n_echoes') or 0))}</td>"
            f'<td class="quote">{_h(text_of(c.get("sentence")))}</td>'
            "</tr>\n"
        )
    return Markup("".join(out))


def _measure_tag(c: Row) -> str:
    measure = text_of(c.get("measure"))
    return f' <span class="tag">{_h(measure)}</span>' if measure else ""


def _conflicts_of(
    claim_ids: set[str],
    conflicts: Sequence[Row],
    index: ActorIndex,
    subject_pages: set[str],
    limit: int = MAX_PAGE_ROWS,
) -> tuple[list[Row], int]:
    """The ``limit`` widest conflicting pairs in which one of ``claim_ids`` takes part, seen
    from its side, and how many there are in all."""
    found: list[tuple[float, str, int, str, str]] = []
    for i, pair in enumerate(conflicts):
        for mine, theirs in (("low", "high"), ("high", "low")):
            if text_of(pair.get(f"claim_id_{mine}")) in claim_ids:
                gap = pair.get("gap")
                width = -float(gap) if not is_missing(gap) else 0.0
                found.append((width, text_of(pair.get("subject")), i, mine, theirs))
    found.sort()
    out: list[Row] = []
    for _, subject, i, mine, theirs in found[:limit]:
        pair = conflicts[i]
        other_claim = index.claim_by_id.get(text_of(pair.get(f"claim_id_{theirs}")), {})
        group = claimant_group(other_claim) if other_claim else ""
        page = subject_page(subject)
        out.append(
            {
                "subject": subject,
                "link": f"../{page}" if page in subject_pages else None,
                "mine": text_of(pair.get(f"figure_text_{mine}")),
                "theirs": text_of(pair.get(f"figure_text_{theirs}")),
                "other": text_of(pair.get(f"claimant_{theirs}")) or "unattributed",
                "other_link": f"../{claimant_page(group)}" if group else None,
                "other_outlet": text_of(pair.get(f"outlet_{theirs}")),
                "gap": number(pair.get("gap")),
                "kind": text_of(pair.get("kind")).replace("_", " "),
            }
        )
    return out, len(found)


def claimant_context(
    group: str,
    claims: Sequence[Row],
    conflicts: Sequence[Row],
    index: ActorIndex,
    subject_pages: set[str],
) -> Row:
    """Everything a claimant page shows (``conflicts``: the pairs of its subjects)."""
    ordered = _latest_first(claims)
    ids = {text_of(c.get("claim_id")) for c in claims}
    pairs, n_pairs = _conflicts_of(ids, conflicts, index, subject_pages)
    outlets = Counter(text_of(c.get("outlet")) for c in claims if text_of(c.get("outlet")))
    echoed = sum(int(c.get("n_echoes") or 0) for c in claims)
    return {
        "name": claimant_name(claims),
        "group": group,
        "facts": [
            ("type", _joined([text_of(c.get("claimant_type")) for c in claims])),
            ("affiliation", _joined([text_of(c.get("claimant_org")) for c in claims])),
            ("figures", fmt_number(len(claims))),
            ("subjects", fmt_number(len({text_of(c.get("subject")) for c in claims}))),
            ("echoed by later claims", fmt_number(echoed)),
            (
                "its own figures that echo another",
                fmt_number(sum(c.get("is_echo") is True for c in claims)),
            ),
            ("in conflicting pairs", fmt_number(n_pairs)),
        ],
        "outlets": [
            {"name": name, "link": f"../{outlet_page(name)}", "n": fmt_number(n)}
            for name, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "rows": figure_rows_html(ordered[:MAX_PAGE_ROWS], index, subject_pages, "outlet"),
        "n_rows": fmt_number(len(ordered)),
        "truncated": len(ordered) > MAX_PAGE_ROWS,
        "max_rows": fmt_number(MAX_PAGE_ROWS),
        "conflicts": pairs,
        "n_conflicts": fmt_number(n_pairs),
        "conflicts_truncated": n_pairs > len(pairs),
    }


def outlet_context(
    outlet: str,
    claims: Sequence[Row],
    documents: Sequence[Row],
    index: ActorIndex,
    subject_pages: set[str],
    doc_pages: set[str],
) -> Row:
    """Everything an outlet page shows (``documents``: its current documents)."""
    ordered = _latest_first(claims)
    carried: Counter[str] = Counter()
    names: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        group = claimant_group(c)
        carried[group] += 1
        names[group].append(text_of(c.get("claimant")))
    echoes = []
    for c in ordered:
        if c.get("is_echo") is not True:
            continue
        source = index.claim_by_id.get(text_of(c.get("echo_of")), {})
        group = claimant_group(source) if source else ""
        echoes.append(
            {
                "figure": text_of(c.get("figure_text")),
                "subject": text_of(c.get("subject")),
                "published": fmt_date(c.get("published")),
                "source_claimant": text_of(source.get("claimant")) or "unattributed",
                "source_link": f"../{claimant_page(group)}" if group else None,
                "source_outlet": text_of(source.get("outlet")),
                "source_published": fmt_date(source.get("published")),
                "rule": text_of(c.get("echo_rule")).replace("_", " "),
            }
        )
    docs = []
    for d in sorted(
        documents,
        key=lambda d: (text_of(d.get("published")), text_of(d.get("doc_id"))),
        reverse=True,
    ):
        page = document_page(d.get("doc_id"), d.get("content_hash"))
        docs.append(
            {
                "doc_id": text_of(d.get("doc_id")),
                "title": text_of(d.get("title")),
                "published": fmt_date(d.get("published")),
                "link": f"../{page}" if page in doc_pages else None,
            }
        )
    return {
        "name": outlet,
        "facts": [
            ("documents", fmt_number(len(documents))),
            ("figures", fmt_number(len(claims))),
            ("claimants carried", fmt_number(len([g for g in carried if g]))),
            ("figures echoing an earlier one", fmt_number(len(echoes))),
        ],
        "carried": [
            {
                "name": _most_common(names[g]) if g else "unattributed",
                "link": f"../{claimant_page(g)}" if g else None,
                "n": fmt_number(n),
            }
            for g, n in sorted(carried.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "echoes": echoes[:MAX_PAGE_ROWS],
        "documents": docs[:MAX_PAGE_ROWS],
        "rows": figure_rows_html(ordered[:MAX_PAGE_ROWS], index, subject_pages, "claimant"),
        "n_rows": fmt_number(len(ordered)),
        "truncated": len(ordered) > MAX_PAGE_ROWS,
        "max_rows": fmt_number(MAX_PAGE_ROWS),
    }


def claimant_list(index: ActorIndex, conflict_ids: set[str]) -> list[Row]:
    """One row per claimant for claimants.html (most figures first)."""
    out = []
    for group, claims in index.by_claimant.items():
        out.append(
            {
                "name": claimant_name(claims),
                "link": claimant_page(group),
                "type": _joined([text_of(c.get("claimant_type")) for c in claims]),
                "affiliation": _joined([text_of(c.get("claimant_org")) for c in claims]),
                "n": len(claims),
                "subjects": len({text_of(c.get("subject")) for c in claims}),
                "outlets": len({text_of(c.get("outlet")) for c in claims} - {""}),
                "echoed": sum(int(c.get("n_echoes") or 0) for c in claims),
                "conflicts": sum(text_of(c.get("claim_id")) in conflict_ids for c in claims),
            }
        )
    return sorted(out, key=lambda r: (-r["n"], r["name"]))


def outlet_list(index: ActorIndex, documents_by_outlet: Mapping[str, int]) -> list[Row]:
    """One row per outlet for outlets.html (most figures first)."""
    out = []
    for outlet, claims in index.by_outlet.items():
        out.append(
            {
                "name": outlet,
                "link": outlet_page(outlet),
                "documents": documents_by_outlet.get(outlet, 0),
                "n": len(claims),
                "claimants": len({claimant_group(c) for c in claims} - {""}),
                "echoes": sum(c.get("is_echo") is True for c in claims),
            }
        )
    return sorted(out, key=lambda r: (-r["n"], r["name"]))
