"""Outlet and publication date read from an article's own text."""

from __future__ import annotations

import pytest

from forcerecon.extract.metadata import infer_metadata


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Body.\n\nJane Roe is a defense correspondent for the Kyiv Post.\n", "The Kyiv Post"),
        ("Body.\nJohn Doe is a senior editor at Defense News.", "Defense News"),
        ("WARSAW, March 3 (Reuters) - Poland said on Thursday ...", "Reuters"),
        ("MINSK (Belarus Daily Herald) – Officials said ...", "Belarus Daily Herald"),
        ("Some text.\n© 2023 The Associated Press. All rights reserved.", "The Associated Press"),
        ("Russia moved troops, the Pentagon said.", None),
    ],
)
def test_outlet(text: str, outlet: str | None) -> None:
    assert infer_metadata(text)["outlet"] == outlet


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Headline\nPublished (03/14/2023). Troops arrived.", "2023-03-14"),
        ("Headline\nFeb. 10, 2022 — Drills began.", "2022-02-10"),
        ("Headline\nUpdated 24 February 2023 at 10:00", "2023-02-24"),
        ("Headline\n2021-11-30: report", "2021-11-30"),
        ("Headline\n(25/12/2022) Christmas", "2022-12-25"),
        ("Troops arrived in February and left.", None),
    ],
)
def test_published(text: str, published: str | None) -> None:
    assert infer_metadata(text)["published"] == published


def test_date_far_down_the_article_is_not_a_dateline() -> None:
    text = "Headline\n" + "Filler sentence without dates. " * 80 + "On March 3, 2022 it began."
    assert infer_metadata(text)["published"] is None
