"""Extraction never raises: ``extract_text`` returns (claims, statements) on any text.

Arbitrary Unicode, and text built from the pieces that broke it before: quotes opened and
never closed, reporting verbs and pronouns far from the figure, text with no sentence end,
only quotes, only numbers, NUL and zero-width characters.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcerecon.extract.pipeline import extract_text
from forcerecon.extract.sentences import sentence_spans

PIECES = [
    '"', "“", "”", "'", "’", ".", ",", " ", "!", "?", ":", ";", "-", "—", "\n", "\n\n",
    "\x00", "\u200b", "\u200d", "\ufeff", "(", ")", "A", "a", "0", "1", "9", "1,000",
    "5,000 troops", "10-15 thousand", "two-to-three brigades", "said", "he said",
    "the minister said", "told", "According to", "according to him", "Russia", "Ukraine",
    "tanks", "Jan. 19", "2022", "on Sept. 21", "Gen.", "U.S.", "MOSCOW:", " of them",
    "the figure", "thousand", "well over", "up to", "Putin told the Duma that",
    '" said X.', " date 2022-10 ", "This was reported by X.", "the chief of the staff informed",
    "people", "vehicles", "In total, ", "Zapad-2021", "estimated by NATO to number ",
]  # fmt: skip
_PIECES = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def _returns(text: str) -> None:
    claims, statements = extract_text(text, "doc", outlet="Wire", published="2024-05-01")
    assert isinstance(claims, list) and isinstance(statements, list)
    for claim in claims:  # offsets stay inside the text
        assert 0 <= claim["start"] <= claim["end"] <= len(text)


@_SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    _returns(text)


@_SETTINGS
@given(_PIECES, st.sampled_from([None, "2022-10", "2024-05-01"]))
def test_news_like_pieces_never_raise(text: str, published: str | None) -> None:
    """Also without a document date (the stated-dates path) and with a month-only one."""
    claims, _ = extract_text(text, "doc", published=published)
    assert all(0 <= c["start"] <= c["end"] <= len(text) for c in claims)


@_SETTINGS
@given(st.text(alphabet="\"“”'‘’ \n", max_size=200))
def test_only_quotes_never_raise(text: str) -> None:
    _returns(text)


@_SETTINGS
@given(st.text(alphabet="0123456789,. -\n", max_size=300))
def test_only_numbers_never_raise(text: str) -> None:
    _returns(text)


@_SETTINGS
@given(st.text(alphabet="\x00\u200b\u200c\u200d\ufeff 5 troops", max_size=200))
def test_nul_and_zero_width_never_raise(text: str) -> None:
    _returns(text)


def test_pronoun_in_a_long_earlier_sentence_before_an_open_quote() -> None:
    """The crash of issue 11: "he said" far into an earlier sentence, then a short quoted
    sentence at the end of the text; the look-back started past the end of the text."""
    text = (
        "We talked about many many many many many many many many many many many things "
        "for a very long time, he said. “Then 5,000 troops"
    )
    claims, _ = extract_text(text, "doc")
    assert [c["figure_text"] for c in claims] == ["5,000"]


@_SETTINGS
@given(st.text(max_size=200), st.integers(-50, 400), st.integers(-50, 400))
def test_sentence_spans_clamps_offsets(text: str, start: int, end: int) -> None:
    for s, e in sentence_spans(text, start, end):
        assert 0 <= s < e <= len(text)
