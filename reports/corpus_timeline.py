"""The corpus timeline (timeline.html): every independent figure of one side and category over
time, by publication date or by the date it is "as of", coloured by who said it.

A reader picks side · category (and the date axis) and sees figures rise and fall across the
whole corpus, where a subject page spans only its own period. Each figure is drawn as it was
stated: a dot for one value, a vertical bar for a range ("tens of thousands": 20,000-99,999,
never a midpoint), on a log scale (figures run from 1 to 100,000s). Echoes are left out (they
repeat a figure already drawn). Hand-drawn SVG (pure string building, no Vega): hundreds of
charts per report cost milliseconds each; every mark carries its claim as an aria-label that
the report's script shows as a tooltip. Pure functions; text is escaped here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from .charts import PALETTE, parse_when
from .formatting import is_missing, text_of
from .values import figure_range

Row = dict[str, Any]

#: Most side · category groups given a timeline (most figures first), most marks per chart.
MAX_GROUPS = 40
MAX_POINTS = 500
#: Claimants given a colour of their own per chart (most figures first); the rest are grey.
MAX_COLORED = 8
OTHER_COLOR = "#9aa4ae"
AXES = (("published", "publication date"), ("as_of", "as of"))

_W, _H = 1100, 420
_LEFT, _RIGHT, _TOP, _BOTTOM = 72, 44, 14, 42


def _bounds(c: Row) -> tuple[float, float] | None:
    lows = [c.get("stated_low"), c.get("low"), c.get("stated_high"), c.get("high")]
    highs = [c.get("stated_high"), c.get("high"), c.get("stated_low"), c.get("low")]
    low = next((float(v) for v in lows if not is_missing(v)), None)
    high = next((float(v) for v in highs if not is_missing(v)), None)
    if low is None or high is None or high <= 0:
        return None
    return max(low, 1.0), high


def _when(c: Row, axis: str) -> dt.date | None:
    if axis == "as_of":
        return parse_when(c.get("as_of_start")) or parse_when(c.get("as_of"))
    return parse_when(text_of(c.get("published"))[:10])


def groups(claims: Sequence[Row], limit: int = MAX_GROUPS) -> list[tuple[str, str, list[Row]]]:
    """(side, category, independent claims) for the ``limit`` groups with most figures."""
    by: dict[tuple[str, str], list[Row]] = {}
    for c in claims:
        if c.get("is_echo") is True:
            continue
        side, category = text_of(c.get("side_code")), text_of(c.get("category"))
        if side and category:
            by.setdefault((side, category), []).append(c)
    ranked = sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    return [(side, category, rows) for (side, category), rows in ranked]


def _thin(points: list[Any], limit: int) -> list[Any]:
    if len(points) <= limit:
        return points
    step = len(points) / limit
    return [points[int(i * step)] for i in range(limit)]


def _ticks(lo: dt.date, hi: dt.date) -> list[dt.date]:
    span = max((hi - lo).days, 1)
    return [lo + dt.timedelta(days=round(span * i / 5)) for i in range(6)]


def _h(value: object) -> str:
    return str(escape(value))


def chart(claims: Sequence[Row], axis: str) -> Row | None:
    """One timeline: its SVG, legend and how many figures it draws of how many dated ones."""
    points = []
    for c in claims:
        when, bounds = _when(c, axis), _bounds(c)
        if when is not None and bounds is not None:
            points.append((when, bounds, c))
    if not points:
        return None
    points.sort(key=lambda p: (p[0], text_of(p[2].get("claim_id"))))
    n_dated = len(points)
    drawn = _thin(points, MAX_POINTS)
    counts = Counter(text_of(p[2].get("claimant")) or "unattributed" for p in drawn)
    named = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COLORED]]
    color = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(named)}
    lo_d, hi_d = drawn[0][0], drawn[-1][0]
    if lo_d == hi_d:
        lo_d, hi_d = lo_d - dt.timedelta(days=1), hi_d + dt.timedelta(days=1)
    y_lo = math.floor(math.log10(min(p[1][0] for p in drawn)))
    y_hi = max(math.ceil(math.log10(max(p[1][1] for p in drawn))), y_lo + 1)
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    span = (hi_d - lo_d).days

    def x(d: dt.date) -> float:
        return _LEFT + plot_w * (d - lo_d).days / span

    def y(v: float) -> float:
        return _TOP + plot_h * (1 - (math.log10(v) - y_lo) / (y_hi - y_lo))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="{_W}" '
        f'height="{_H}" role="img" aria-label="figures over time" '
        'font-family="Arial, Liberation Sans, Helvetica, sans-serif" font-size="11">'
    ]
    for e in range(y_lo, y_hi + 1):
        yy = y(10.0**e)
        out.append(
            f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#e4e8ec"/>'
            f'<text x="{_LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="#57606a">'
            f"{10**e:,}</text>"
        )
    for d in _ticks(lo_d, hi_d):
        xx = x(d)
        out.append(
            f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{_TOP}" y2="{_H - _BOTTOM}" stroke="#f0f2f4"/>'
            f'<text x="{xx:.1f}" y="{_H - _BOTTOM + 16}" text-anchor="middle" fill="#57606a">'
            f"{d.isoformat()}</text>"
        )
    for when, (low, high), c in drawn:
        who = text_of(c.get("claimant")) or "unattributed"
        fill = color.get(who, OTHER_COLOR)
        label = (
            f"{who} · {text_of(c.get('figure_text'))} ({figure_range(c)}) · "
            f"{text_of(c.get('outlet'))} · {when.isoformat()} · {text_of(c.get('subject'))}"
        )
        xx = x(when)
        mark = (
            f'<circle cx="{xx:.1f}" cy="{y(low):.1f}" r="3.5" fill="{fill}" fill-opacity="0.8"/>'
            if low == high
            else f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{y(high):.1f}" y2="{y(low):.1f}" '
            f'stroke="{fill}" stroke-width="3" stroke-opacity="0.75"/>'
        )
        out.append(f'<g role="graphics-symbol" aria-label="{_h(label)}">{mark}</g>')
    out.append(
        f'<text x="{_LEFT}" y="{_H - 6}" fill="#57606a">'
        f"{_h(dict(AXES)[axis])} → (log scale of the stated figure ↑)</text></svg>"
    )
    legend = [(n, color[n], counts[n]) for n in named]
    others = sum(v for n, v in counts.items() if n not in color)
    if others:
        legend.append(("other claimants", OTHER_COLOR, others))
    return {
        "svg": Markup("".join(out)),
        "legend": legend,
        "n_drawn": len(drawn),
        "n_dated": n_dated,
    }


def timeline_context(claims: Sequence[Row]) -> Row:
    """Everything timeline.html shows: one entry per side · category, two charts each."""
    entries = []
    for side, category, rows in groups(claims):
        charts = {}
        for axis, label in AXES:
            drawn = chart(rows, axis)
            if drawn is not None:
                charts[axis] = {**drawn, "label": label}
        if charts:
            entries.append(
                {
                    "side": side,
                    "category": category,
                    "n": len(rows),
                    "charts": charts,
                }
            )
    return {"entries": entries, "axes": AXES, "max_groups": MAX_GROUPS}
