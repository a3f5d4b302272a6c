"""Draw a Vega-Lite spec to SVG with vl-convert and refuse an SVG holding active content.

Kept apart from :mod:`.charts` (Altair, pandas) so that the chart process
(:mod:`.chart_worker`) imports only vl-convert and the standard library.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import vl_convert

_SVG_NS = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "object", "embed"}


class UnsafeSvgError(ValueError):
    """vl-convert returned an SVG with active content; it is not put into a page."""


def render_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG text with vl-convert, allowed to load nothing, and check
    the result (:func:`check_svg`) before anyone can use or cache it."""
    svg = str(vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]))
    check_svg(svg)
    return svg


def check_svg(svg: str) -> None:
    """Raise :class:`UnsafeSvgError` if the SVG is not well-formed or holds active content."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise UnsafeSvgError(f"chart SVG is not well-formed XML: {exc}") from exc
    for element in root.iter():
        tag = str(element.tag).removeprefix(_SVG_NS).lower()
        if tag in _FORBIDDEN_TAGS:
            raise UnsafeSvgError(f"chart SVG holds a <{tag}> element")
        for attr, value in element.attrib.items():
            name = attr.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                raise UnsafeSvgError(f"chart SVG holds an event handler attribute {name}")
            if name == "href" and value.strip().lower().startswith(("javascript:", "data:")):
                raise UnsafeSvgError("chart SVG holds an active link")
