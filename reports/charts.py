"""Charts of a subject's figures as inline SVG: Altair specs, rendered offline by vl-convert.

* :func:`range_chart` draws every claim's interval on one value axis, one row per claim,
  rows grouped and coloured by claimant, echoes dashed, with the low..high estimate shaded
  and the best estimate as a line.
* :func:`timeline_chart` places each claim at the date it holds for (``as_of``, else the
  publication date) with its interval as an error bar.

Spec building is pure; each chart kind is built (and validated) by Altair once, then filled
with a subject's data. :func:`render_svg` converts with ``allowed_base_urls=[]`` (vl-convert
may fetch nothing) and refuses an SVG holding script, foreignObject, event-handler attributes
or javascript: links; :func:`inline_svg` gives every SVG id a per-chart prefix (several SVGs
share one HTML page).
Text from articles reaches the SVG only as text nodes and attribute values escaped by Vega.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import re
from collections.abc import Sequence
from typing import Any

import altair as alt
import vl_convert

from . import svg_draw
from .formatting import fmt_bounds, fmt_date, fmt_number, is_missing
from .svg_draw import UnsafeSvgError as UnsafeSvgError  # re-exported: drawing lives there
from .svg_draw import check_svg as check_svg

Row = dict[str, Any]

#: Colours for claimants, in order of first appearance (colour-blind-safe Tableau 10).
PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)

CHART_WIDTH = 720
#: Most claims drawn in one range chart (one row each); the table below it lists them all.
MAX_RANGE_ROWS = 40
OWN = "own figure"
ECHO = "echo of an earlier claim"
ROW_HEIGHT = 26
#: Most characters of a claimant (· outlet) in a range-chart row label, and of a claimant in
#: the timeline's legend. Labels are cut here by characters, not by Vega's ``labelLimit``
#: (pixels): that measured each label's text again and again and was two thirds of the
#: drawing time (0.54 s -> 0.17 s for a 20-row range chart).
_LABEL_CHARS = 44
_LEGEND_CHARS = 40

_ID_ATTR = re.compile(r'\bid="([^"]+)"')
_DATE_FORMATS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    (re.compile(r"^\d{4}-\d{2}$"), "%Y-%m"),
    (re.compile(r"^\d{4}$"), "%Y"),
)


def _number(value: object) -> float | None:
    if is_missing(value):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def claim_interval(claim: Row) -> tuple[float | None, float | None]:
    """A claim's interval: the reconciled one where the model gives it, else its bounds."""
    low = _number(claim.get("interval_low"))
    high = _number(claim.get("interval_high"))
    if low is None and high is None:
        low, high = _number(claim.get("low")), _number(claim.get("high"))
    return low, high


def parse_when(value: object) -> dt.date | None:
    """A date from ISO date/month/year text or a date value (month or year -> first day)."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern, fmt in _DATE_FORMATS:
        if pattern.match(text):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                return None
    return None


def _representative(claim: Row, low: float | None, high: float | None) -> float | None:
    """The single value plotted for a claim: the model's ``value``, else a stated bound
    (the midpoint only for a closed range)."""
    value = _number(claim.get("value"))
    if value is not None:
        return value
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def _number_format(rows: Sequence[Row]) -> str:
    """d3 format for the value axis: thousands separators, decimals only for small numbers."""
    top = max((abs(v) for r in rows for v in (r["draw_low"], r["draw_high"])), default=0.0)
    return ",.0f" if top >= 20 else ",.2~f"


def _time_ticks(rows: Sequence[Row]) -> dict[str, Any]:
    """Tick interval of the time axis by the span of the dates: days, months or years."""
    dates = sorted(dt.date.fromisoformat(r["when"]) for r in rows)
    span = (dates[-1] - dates[0]).days
    if span <= 45:
        return {"interval": "day", "step": max(1, span // 8)}
    if span <= 3 * 365:
        return {"interval": "month", "step": max(1, span // 240)}
    return {"interval": "year", "step": 1}


def claim_label(claim: Row, duplicates: set[str] | None = None) -> str:
    """The row label of a claim in the range chart: claimant, outlet and claim number."""
    claimant = str(claim.get("claimant") or "unattributed")
    outlet = str(claim.get("outlet") or claim.get("doc_id") or "")
    source = claimant if outlet in ("", claimant) else f"{claimant} · {outlet}"
    if len(source) > _LABEL_CHARS:  # the claim number and the marks after it stay readable
        source = source[: _LABEL_CHARS - 1].rstrip() + "…"
    label = f"{source} #{claim.get('claim_no') or '?'}"
    if duplicates is not None and label in duplicates:
        label = f"{label} [{str(claim.get('claim_id'))[:6]}]"
    if claim.get("is_echo"):
        label = f"{label} (echo)"
    return label


def _claimant_colors(claims: Sequence[Row]) -> tuple[list[str], list[str]]:
    names: list[str] = []
    for claim in claims:
        name = str(claim.get("claimant") or "unattributed")
        if name not in names:
            names.append(name)
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(names))]
    return names, colors


def _chart_rows(claims: Sequence[Row]) -> list[Row]:
    """One plotting row per claim with finite drawing ends and flags for open ends."""
    finite = [v for c in claims for v in claim_interval(c) if v is not None]
    top = max(finite) if finite else 1.0
    open_end = top * 1.15 if top > 0 else 1.0
    labels = [claim_label(c) for c in claims]
    dupes = {label for label in labels if labels.count(label) > 1}
    rows: list[Row] = []
    for order, claim in enumerate(claims):
        low, high = claim_interval(claim)
        if low is None and high is None:
            continue
        rows.append(
            {
                "order": order,
                "label": claim_label(claim, dupes),
                "claimant": str(claim.get("claimant") or "unattributed"),
                "draw_low": low if low is not None else 0.0,
                "draw_high": high if high is not None else open_end,
                "low": low,
                "high": high,
                "open_low": low is None,
                "open_high": high is None,
                "echo": bool(claim.get("is_echo")),
                "origin": ECHO if claim.get("is_echo") else OWN,
                "alpha": 0.5 if claim.get("is_echo") else 0.4 if low is None else 1.0,
                "value": _representative(claim, low, high),
                "when": fmt_date(
                    parse_when(claim.get("as_of")) or parse_when(claim.get("published"))
                ),
                "describe": (
                    f"{claim.get('claimant') or 'unattributed'}: {claim.get('figure_text') or ''}"
                    f" ({fmt_bounds(claim.get('low'), claim.get('high'), claim.get('qualifier'))})"
                    f", {claim.get('outlet') or claim.get('doc_id') or ''}"
                    f" {fmt_date(claim.get('published'))}"
                    + (" - echo" if claim.get("is_echo") else "")
                ),
            }
        )
    return rows


# Placeholders in the chart templates, filled per subject by :func:`_fill`.
_ORDER, _NAMES, _COLORS, _FORMAT, _TICKS = "@order", "@names", "@colors", "@format", "@ticks"


def _fill(node: Any, values: dict[str, Any]) -> Any:
    """A copy of a spec with every placeholder replaced: a string equal to one, a list holding
    only one, or an ``{"expr": placeholder}`` object."""
    if isinstance(node, dict):
        if set(node) == {"expr"} and node["expr"] in values:
            return values[node["expr"]]
        return {k: _fill(v, values) for k, v in node.items()}
    if isinstance(node, list):
        if len(node) == 1 and isinstance(node[0], str) and node[0] in values:
            return list(values[node[0]])
        return [_fill(v, values) for v in node]
    if isinstance(node, str) and node in values:
        return values[node]
    return node


def _claimant_color(legend: bool) -> alt.Color:
    return alt.Color(
        "claimant:N",
        scale=alt.Scale(domain=[_NAMES], range=[_COLORS]),
        legend=alt.Legend(
            title="claimant",
            orient="bottom",
            columns=2,
            labelLimit=0,  # no measuring: cut by characters (labelExpr)
            labelExpr=f"truncate(datum.label, {_LEGEND_CHARS})",
        )
        if legend
        else None,
    )


@functools.cache
def _range_template() -> dict[str, Any]:
    """The range chart, built (and validated by Altair) once; data comes from named datasets."""
    y = alt.Y("label:N", sort=[_ORDER], title=None, axis=alt.Axis(labelLimit=0))
    color = _claimant_color(legend=False)  # the row labels name the claimant
    base = alt.Chart(alt.Data(name="claims"))
    interval = base.mark_rule(strokeWidth=5).encode(
        x=alt.X(
            "draw_low:Q",
            title="figure (interval; open ends drawn to the edge)",
            axis=alt.Axis(format=_FORMAT),
        ),
        x2="draw_high:Q",
        y=y,
        color=color,
        strokeDash=alt.StrokeDash(
            "origin:N",
            scale=alt.Scale(domain=[OWN, ECHO], range=[[1, 0], [8, 4]]),
            legend=None,  # legends cost a third of the drawing time; the page explains
        ),
        opacity=alt.Opacity("alpha:Q", scale=None, legend=None),
        description="describe:N",
    )
    closed_low = (
        base.transform_filter("!datum.open_low")
        .mark_point(filled=True, size=70, shape="circle")
        .encode(x="draw_low:Q", y=y, color=color, description="describe:N")
    )
    closed_high = (
        base.transform_filter("!datum.open_high")
        .mark_point(filled=True, size=70, shape="circle")
        .encode(x="draw_high:Q", y=y, color=color, description="describe:N")
    )
    open_high = (
        base.transform_filter("datum.open_high")
        .mark_point(filled=True, size=90, shape="triangle-right")
        .encode(x="draw_high:Q", y=y, color=color, description="describe:N")
    )
    band = (
        alt.Chart(alt.Data(name="estimate"))
        .mark_rect(color="#f6d55c", opacity=0.25)
        .encode(x="low:Q", x2="high:Q", description="text:N")
    )
    best = (
        alt.Chart(alt.Data(name="best"))
        .mark_rule(color="#333333", strokeDash=[2, 2], strokeWidth=1.5)
        .encode(x="best:Q", description="text:N")
    )
    chart = alt.layer(band, interval, closed_low, closed_high, open_high, best).properties(
        width=CHART_WIDTH, height=60
    )
    return _finish(chart)


@functools.cache
def _timeline_template() -> dict[str, Any]:
    """The timeline chart, built once like :func:`_range_template`."""
    color = _claimant_color(legend=True)
    x = alt.X(
        "when:T",
        scale=alt.Scale(padding=12),
        title="as of (publication date where unknown)",
        axis=alt.Axis(format="%Y-%m-%d", tickCount=alt.ExprRef(_TICKS), labelOverlap=True),
    )
    base = alt.Chart(alt.Data(name="claims"))
    bars = base.mark_rule(strokeWidth=2).encode(
        x=x,
        y=alt.Y("draw_low:Q", title="figure", axis=alt.Axis(format=_FORMAT)),
        y2="draw_high:Q",
        color=color,
        description="describe:N",
    )
    points = base.mark_point(filled=True, size=80).encode(
        x=x,
        y="value:Q",
        color=color,
        shape=alt.Shape(
            "origin:N",
            scale=alt.Scale(domain=[OWN, ECHO], range=["circle", "diamond"]),
            legend=None,  # the page explains: diamonds are echoes
        ),
        description="describe:N",
    )
    return _finish(alt.layer(bars, points).properties(width=CHART_WIDTH, height=180))


def charted_claims(claims: Sequence[Row], limit: int = MAX_RANGE_ROWS) -> tuple[list[Row], int]:
    """The claims a range chart draws, and how many it leaves out: at most ``limit``, claims
    that are not echoes first, then in their given order."""
    ranked = sorted(range(len(claims)), key=lambda i: (bool(claims[i].get("is_echo")), i))
    keep = sorted(ranked[:limit])
    return [claims[i] for i in keep], max(0, len(claims) - limit)


def range_chart(claims: Sequence[Row], summary: Row | None = None) -> dict[str, Any] | None:
    """Vega-Lite spec: each claim's interval on one axis, grouped by claimant; None if no bounds."""
    rows = _chart_rows(claims)
    if not rows:
        return None
    names, colors = _claimant_colors([c for c in claims if claim_interval(c) != (None, None)])
    order = [
        r["label"] for r in sorted(rows, key=lambda r: (names.index(r["claimant"]), r["order"]))
    ]
    spec = _fill(
        _range_template(),
        {_ORDER: order, _NAMES: names, _COLORS: colors, _FORMAT: _number_format(rows)},
    )
    spec["height"] = max(ROW_HEIGHT * len(rows), 60)
    best = _number((summary or {}).get("best"))
    est_low = _number((summary or {}).get("low"))
    est_high = _number((summary or {}).get("high"))
    band = (
        [{"low": est_low, "high": est_high, "text": "low..high estimate"}]
        if est_low is not None and est_high is not None and est_high > est_low
        else []
    )
    spec["datasets"] = {
        "claims": rows,
        "estimate": band,
        # a fractional best is the midpoint of a vague range ("tens of thousands"): the band
        # shows the range, no line claims a precision nobody stated
        "best": []
        if best is None or not float(best).is_integer()
        else [{"best": best, "text": f"best {fmt_number(best)}"}],
    }
    return spec


def timeline_chart(claims: Sequence[Row]) -> dict[str, Any] | None:
    """Vega-Lite spec: claims by the date they hold for; None when fewer than two dates."""
    rows = [r for r in _chart_rows(claims) if r["when"]]
    if len({r["when"] for r in rows}) < 2:
        return None
    names, colors = _claimant_colors([c for c in claims if claim_interval(c) != (None, None)])
    spec = _fill(
        _timeline_template(),
        {_NAMES: names, _COLORS: colors, _FORMAT: _number_format(rows), _TICKS: _time_ticks(rows)},
    )
    spec["datasets"] = {"claims": rows}
    return spec


#: The charts' font. vl-convert sizes the axis-label column with Arial's metrics (Liberation
#: Sans); a browser drawing plain "sans-serif" with a wider face (Firefox here: DejaVu Sans)
#: put the first characters of a long claimant label outside the chart. Arial and its
#: metric-compatible twins are on nearly every system.
CHART_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"


def _finish(chart: alt.LayerChart) -> dict[str, Any]:
    spec = (
        chart.configure(font=CHART_FONT)
        .configure_view(stroke=None)
        .configure_axis(
            gridColor="#e6e6e6", domainColor="#888888", labelFontSize=11, titleFontSize=11
        )
        .to_dict()
    )
    # Drop the schema URL so nothing in the spec even names a remote resource.
    spec.pop("$schema", None)
    return spec


def render_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG text with vl-convert, allowed to load nothing, and check
    the result (:func:`check_svg`) before anyone can use or cache it (:mod:`.svg_draw`, which
    the chart process of :mod:`.chart_worker` runs too)."""
    return svg_draw.render_svg(spec)


def inline_svg(svg: str, prefix: str) -> str:
    """A checked SVG made ready for a page: its ids prefixed (renaming adds no content)."""
    return prefix_ids(svg, prefix)


def to_svg(spec: dict[str, Any], prefix: str) -> str:
    """Render a Vega-Lite spec to a safe inline SVG whose ids all start with ``prefix``."""
    return inline_svg(render_svg(spec), prefix)


def prefix_ids(svg: str, prefix: str) -> str:
    """Give every id in an SVG (and every reference to it) a prefix, so inline SVGs never clash."""
    for name in sorted(set(_ID_ATTR.findall(svg)), key=len, reverse=True):
        new = f"{prefix}-{name}"
        svg = svg.replace(f'id="{name}"', f'id="{new}"')
        svg = svg.replace(f"url(#{name})", f"url(#{new})")
        svg = svg.replace(f'href="#{name}"', f'href="#{new}"')
    return svg


@functools.cache
def _renderer_versions() -> str:
    return f"{importlib.metadata.version('vl-convert-python')}/{vl_convert.get_vega_version()}"


def spec_key(spec: dict[str, Any]) -> str:
    """A content key of a spec and the renderer versions (for caching rendered SVGs)."""
    payload = json.dumps(spec, sort_keys=True, default=str) + _renderer_versions()
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
