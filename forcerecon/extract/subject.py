"""The subject key that groups figures about the same thing across articles.

``{side_code}-{category[.subcategory]}-{location_key}-{YYYY-MM}`` (SCHEME.md), e.g.
RU-personnel-Belarus-2022-02 or RU+BY-facilities.ranges-Belarus-2022-02. The location part
is the location's ``subject_key`` from locations.csv ("southern border of Belarus" ->
Belarus) so that differently worded places of one area meet; "Unspecified" when the text
gives none. The period is the as_of month, else the publication month.
"""

from __future__ import annotations

UNSPECIFIED_LOCATION = "Unspecified"
UNKNOWN_SIDE_CODE = "XX"
#: Subject suffix when neither the text nor the publication date gives a month.
UNDATED = "undated"


def period_of(as_of: str | None, published: str | None) -> str | None:
    """YYYY-MM of a figure: from as_of when it has a month, else from the publication date.

    A year-only as_of takes the publication month when the years agree, else January;
    None when nothing dates the figure.
    """
    if as_of and len(as_of) >= 7:
        return as_of[:7]
    if as_of and len(as_of) == 4:
        if published and published[:4] == as_of:
            return published[:7]
        return f"{as_of}-01"
    if published and len(published) >= 7:
        return published[:7]
    return None


def subject_key(
    side_code: str | None,
    category: str,
    subcategory: str | None,
    location_key: str | None,
    period: str | None,
) -> str:
    """The SCHEME subject key built from normalized fields."""
    cat = f"{category}.{subcategory}" if subcategory else category
    side = side_code or UNKNOWN_SIDE_CODE
    return f"{side}-{cat}-{location_key or UNSPECIFIED_LOCATION}-{period or UNDATED}"
