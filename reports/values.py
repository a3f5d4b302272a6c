"""Honest numbers: a figure shown as the range its words state, never a false-precision point.

"tens of thousands" is read as 20,000-99,999; its midpoint (59,999.5) is a number nobody said,
so it is never shown as the figure. Floats lose binary noise before display
(14300.000000000002 -> 14,300). Pure functions of a row's values.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    return fmt_bounds(clean(low), clean(high), row.get("qualifier"))


def number(value: object) -> str:
    """fmt_number of a value cleared of float noise."""
    return fmt_number(clean(value))


def estimate_range(low: object, best: object, high: object) -> tuple[str, str]:
    """(best text, note) of a subject's estimate: the best value when it is a whole count, or,
    when it is a fraction between low and high (a midpoint of a vague range), the range
    "low–high" with a note saying the range is shown instead of a midpoint."""
    b = clean(best)
    if isinstance(b, float) and not is_missing(low) and not is_missing(high):
        return f"{number(low)}–{number(high)}", f"range shown, not its midpoint {fmt_number(b)}"
    return number(best), ""
