"""The real dev batches b-e (tests/dev/): the scoreboard runs and extraction keeps its scores.

Floors sit a little below the end-of-session blind scores (docs/extraction.md, "The next
batches, blind"); they guard against regressions and say nothing about accuracy. Raise them
when extraction improves, never above what is measured. Also checks the corpus itself: every
gold row is found in its article.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parent / "dev"
_spec = importlib.util.spec_from_file_location("dev_score", DEV / "score.py")
assert _spec and _spec.loader
score = importlib.util.module_from_spec(_spec)
sys.modules["dev_score"] = score  # dataclasses look their module up
_spec.loader.exec_module(score)

#: set -> (F1, recall, claimant, false figures per ten negatives at most), measured 2026-12-04:
#: b 0.743/0.600/0.385, c 0.870/0.792/0.463, d 0.716/0.607/0.559 (3.1 per ten), e 0.883/0.803/0.509.
FLOORS: dict[str, tuple[float, float, float, float | None]] = {
    "b": (0.72, 0.58, 0.36, None),
    "c": (0.85, 0.77, 0.44, None),
    "d": (0.69, 0.58, 0.53, 3.2),
    "e": (0.86, 0.78, 0.48, None),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_batch_stays_above_floors(name: str) -> None:
    documents, gold = score.load_set(DEV / name)
    result = score.score(name, documents, gold)
    report = result.report
    assert not report.unlocated, f"{name}: gold rows not found in their article"
    f1, recall, claimant, false_per_10 = FLOORS[name]
    row = result.row()
    problems = [
        f"{key} {row[key]:.3f} < {floor}"
        for key, floor in (("F1", f1), ("R", recall), ("claimant", claimant))
        if row[key] < floor
    ]
    if false_per_10 is not None and row["false_per_10_neg"] > false_per_10:
        problems.append(f"false figures per ten negatives {row['false_per_10_neg']:.1f}")
    assert not problems, f"{name}: " + "; ".join(problems) + "\n" + report.to_text()


def test_scoreboard_prints_a_row_per_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert score.main(["e"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["set", "docs", "gold"]
    assert lines[1].split()[:3] == ["e", "15", "66"]
