"""Honest numbers: a figure shown as the range its words state, never a false-precision point.

"tens of thousands" is read as 20,000-99,999; its midpoint (59,999.5) is a number nobody said,
so it is never shown as the figure. Floats lose binary noise before display
(14300.000000000002 -> 14,300). Pure functions of a row's values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .formatting import fmt_bounds, fmt_number, is_missing

#: Significant digits kept before display: drops 1e-12 noise, keeps any real count.
_DIGITS = 12


def clean(value: object) -> object:
    """A number without float noise (whole numbers as int); other values as they are."""
    if isinstance(value, float) and not is_missing(value):
        number = float(f"{value:.{_DIGITS}g}")
        return int(number) if number.is_integer() else number
    return value


def figure_range(row: Mapping[str, Any]) -> str:
    """The numeric reading of one figure: its stated bounds when the row has them (a vague
    "tens of thousands" stays 20,000–99,999), else low/high; "≈", "≤", "≥" as fmt_bounds."""
    low, high = row.get("stated_low"), row.get("stated_high")
    if is_missing(low) and is_missing(high):
        low, high = row.get("low"), row.get("high")
    return fmt_bounds(low, high, row.get("qualifier"))  # fmt_number drops float noise


def number(value: object) -> str:
    """A number as display text without float noise (fmt_number keeps at most 2 decimals:
    14300.000000000002 -> "14,300")."""
    return fmt_number(value)


def estimate_range(low: object, best: object, high: object) -> tuple[str, str]:
    """(best text, note) of a subject's estimate: the best value when it is a whole count, or,
    when it is a fraction between low and high (a midpoint of a vague range), the range
    "low–high" with a note saying the range is shown instead of a midpoint."""
    b = clean(best)
    if isinstance(b, float) and not is_missing(low) and not is_missing(high):
        return f"{number(low)}–{number(high)}", f"range shown, not its midpoint {fmt_number(b)}"
    return number(best), ""


def _bound(row: Mapping[str, Any], first: str, second: str) -> float | None:
    for key in (f"stated_{first}", first, f"stated_{second}", second):
        value = row.get(key)
        if not is_missing(value):
            try:
                return float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
    return None


def independent_range(claims: Sequence[Mapping[str, Any]]) -> tuple[str, float | None, int]:
    """(text, width for sorting, number of figures) of the range the independent figures of a
    subject span: echoes left out, each figure by its stated bounds ("thousands" counts as
    2,000-9,999, never as 5,999.5). "170–300" for a spread, "= 9,000" for one value."""
    lows: list[float] = []
    highs: list[float] = []
    for c in claims:
        if c.get("is_echo") is True:
            continue
        low, high = _bound(c, "low", "high"), _bound(c, "high", "low")
        if low is not None and high is not None:
            lows.append(low)
            highs.append(high)
    if not lows:
        return "", None, 0
    lo, hi = min(lows), max(highs)
    if lo == hi:
        return f"= {number(lo)}", 0.0, len(lows)
    return f"{number(lo)}–{number(hi)}", hi - lo, len(lows)
