"""Split a text into plain and highlighted segments by character offsets (pure, no HTML).

The templates turn segments into escaped text and ``<mark>`` elements, so untrusted article
text is never concatenated into markup here. A span is highlighted only when its offsets are
inside the text and, where the expected surface text is known, point at exactly that text:
a figure is never marked in the wrong place.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A span to highlight: [start, end) in the text, what it should read, and its payload."""

    start: int
    end: int
    expected: str | None = None
    data: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Segment:
    """A run of text; ``span`` is set when the run is highlighted."""

    text: str
    span: Span | None = None


@dataclass(frozen=True)
class Highlighted:
    """Segments covering the whole text, plus the spans that could not be placed and why."""

    segments: list[Segment]
    skipped: list[tuple[Span, str]]


def span_problem(text: str, span: Span) -> str | None:
    """Why a span cannot be highlighted in ``text`` (None when it can)."""
    if span.start < 0 or span.end > len(text) or span.start >= span.end:
        return f"offsets {span.start}..{span.end} outside the text (length {len(text)})"
    if span.expected is not None and text[span.start : span.end] != span.expected:
        return (
            f"offsets {span.start}..{span.end} read {text[span.start : span.end]!r}, "
            f"not {span.expected!r}"
        )
    return None


def highlight(text: str, spans: list[Span]) -> Highlighted:
    """Cut ``text`` into segments with the given spans highlighted.

    Spans are placed in order of (start, end); a span overlapping an earlier placed one,
    or failing :func:`span_problem`, is reported in ``skipped`` and the text stays plain.
    """
    segments: list[Segment] = []
    skipped: list[tuple[Span, str]] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        problem = span_problem(text, span)
        if problem is None and span.start < cursor:
            problem = f"overlaps the highlight ending at {cursor}"
        if problem is not None:
            skipped.append((span, problem))
            continue
        if span.start > cursor:
            segments.append(Segment(text[cursor : span.start]))
        segments.append(Segment(text[span.start : span.end], span))
        cursor = span.end
    if cursor < len(text) or not segments:
        segments.append(Segment(text[cursor:]))
    return Highlighted(segments, skipped)
