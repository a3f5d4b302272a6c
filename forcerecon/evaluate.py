"""Score extracted claims against a gold file in the SCHEME format.

Matching: a prediction matches a gold row when their figure spans overlap in the same
document. Gold rows carry no offsets, so each gold figure is located by finding its
``sentence`` in the document text and its ``figure_text`` inside that sentence; gold rows
are taken in claim_no order and each is searched after the previous one, so a figure text
that repeats ("four ... four") is resolved by order. Quotes, apostrophes and dashes are
compared straightened (same length, so offsets hold). Pairs are made one-to-one, largest
overlap first.

Reported: precision, recall and F1 of figure mentions; accuracy of each field over matched
pairs; subject grouping as pairwise F1 over matched pairs (pairs of matched rows that share
a gold subject vs pairs that share a predicted subject); the missed and spurious figures.

Field comparison (after case folding, whitespace collapsing, quote straightening; empty,
None and NaN are all "empty"):
  value          low and high together, as floats
  location       equal, or one contains the other, or both name the same place: the longest
                 locations.csv alias inside each resolves to the same subject key
                 ("around Ukraine" ~ "surrounding Ukraine" ~ "Ukraine's borders")
  claimant       equal, or one contains the other when the shorter has two words or more
                 ("senior US sources" ~ "senior US sources (US intelligence assessments)",
                 but "NATO" is not "NATO Secretary-General Jens Stoltenberg"), or both end
                 with the same "First Last" name (one person under two titles)
  measure        equal, empty = stock (the column is optional in gold files)
  other fields   equal
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from forcerecon.records import SCHEME_COLUMNS

FIELDS = (
    "value",
    "qualifier",
    "category",
    "side",
    "location",
    "as_of",
    "event",
    "claimant",
    "claimant_type",
    "modality",
    "measure",
)
_STRAIGHT = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "′": "'"}
)


class GoldError(ValueError):
    """The gold file cannot be used (missing file or columns)."""


def read_gold_csv(path: Path) -> pd.DataFrame:
    """A gold CSV in the SCHEME format, read as strings; a clear error when it is not one."""
    path = Path(path)
    if not path.exists():
        raise GoldError(f"{path}: gold file not found")
    try:
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: not a readable CSV: {error}") from error
    missing = [c for c in SCHEME_COLUMNS if c not in gold.columns]
    if missing:
        raise GoldError(f"{path}: missing gold columns {missing}")
    return gold[[*SCHEME_COLUMNS, *(["measure"] if "measure" in gold.columns else [])]]


def _empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (isinstance(value, str) and not value.strip())
        or value is pd.NA
    )


def norm(value: Any) -> str:
    """Comparison form of a field value."""
    if _empty(value):
        return ""
    return " ".join(str(value).translate(_STRAIGHT).casefold().split())


def _num(value: Any) -> float | None:
    if _empty(value):
        return None
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def same_value(pred: pd.Series, gold: pd.Series) -> bool:
    """low and high equal as floats (both empty counts as equal)."""
    return all(_num(pred[k]) == _num(gold[k]) for k in ("low", "high"))


def _place_key(text: str) -> str | None:
    from forcerecon.extract.lexicon import get_lexicons, lower  # only when locations differ

    lex = get_lexicons()
    best = None
    for m in lex.location_re.finditer(lower(text)):
        if best is None or len(m.group()) > len(best.group()):
            best = m
    return lex.location_of(best.group()).subject_key if best else None


def same_location(pred: Any, gold: Any) -> bool:
    """Lenient location match (see module doc)."""
    p, g = norm(pred), norm(gold)
    if p == g:
        return True
    if not p or not g:
        return False
    if p in g or g in p:
        return True
    kp, kg = _place_key(str(pred)), _place_key(str(gold))
    return kp is not None and kp == kg


def _person(value: Any) -> str | None:
    """The trailing "First Last" name of a claimant, if it ends with one."""
    if _empty(value):
        return None
    m = re.search(r"\b([A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+)$", str(value).strip())
    return m.group(1).casefold() if m else None


def same_claimant(pred: Any, gold: Any) -> bool:
    """Claimant match: equal, or containment when the shorter has two words or more."""
    p, g = norm(pred), norm(gold)
    if p == g:
        return True
    if _person(pred) and _person(pred) == _person(gold):
        return True  # one person under two titles: "Wagner chief/founder Yevgeny Prigozhin"
    short, long_ = sorted((p, g), key=len)
    return (
        len(short.split()) >= 2
        and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long_) is not None
    )


def field_equal(name: str, pred: pd.Series, gold: pd.Series) -> bool:
    """Whether one field of a matched pair agrees."""
    if name == "value":
        return same_value(pred, gold)
    if name == "location":
        return same_location(pred["location"], gold["location"])
    if name == "claimant":
        return same_claimant(pred["claimant"], gold["claimant"])
    if name == "measure":
        return (norm(pred.get("measure")) or "stock") == (norm(gold.get("measure")) or "stock")
    return norm(pred[name]) == norm(gold[name])


def locate_gold(gold: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Gold rows with ``start``/``end`` of their figure in the document (-1 if not found)."""
    rows = []
    gold = gold.copy()
    gold["_no"] = pd.to_numeric(gold["claim_no"], errors="coerce")
    for doc_id, group in gold.sort_values(["doc_id", "_no"], kind="stable").groupby(
        "doc_id", sort=False
    ):
        text = texts.get(doc_id)
        flat = text.translate(_STRAIGHT) if text is not None else None
        after = -1
        for _, row in group.iterrows():
            start = -1
            if flat is not None:
                start = _find(
                    flat,
                    str(row["sentence"]).translate(_STRAIGHT),
                    str(row["figure_text"]).translate(_STRAIGHT),
                    after,
                )
            end = start + len(str(row["figure_text"])) if start >= 0 else -1
            if start >= 0:
                after = start
            rows.append({**row.drop(labels="_no").to_dict(), "start": start, "end": end})
    return pd.DataFrame(rows, columns=[*SCHEME_COLUMNS, "start", "end", "measure"])


def _find(text: str, sentence: str, figure: str, after: int) -> int:
    """Start of ``figure`` inside an occurrence of ``sentence`` beginning after ``after``."""
    pos = text.find(sentence)
    while pos >= 0 and sentence:
        inner = sentence.find(figure)
        while inner >= 0:
            if pos + inner > after:
                return pos + inner
            inner = sentence.find(figure, inner + 1)
        pos = text.find(sentence, pos + 1)
    pos = text.find(figure, after + 1) if figure else -1
    return pos


@dataclass
class EvalReport:
    """Scores of a prediction against gold (see module doc)."""

    n_gold: int
    n_pred: int
    n_matched: int
    precision: float
    recall: float
    f1: float
    field_accuracy: dict[str, float]
    field_errors: dict[str, list[dict[str, Any]]]
    subject_pairs: dict[str, float]
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    unlocated: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-serialisable scores and lists."""
        return {
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "n_matched": self.n_matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "field_accuracy": self.field_accuracy,
            "field_errors": self.field_errors,
            "subject_pairs": self.subject_pairs,
            "missed": self.missed,
            "spurious": self.spurious,
            "unlocated": self.unlocated,
        }

    def to_text(self) -> str:
        """A plain-text report for the terminal."""
        lines = [
            f"figures: gold {self.n_gold}, predicted {self.n_pred}, matched {self.n_matched}",
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
            "",
            f"field accuracy over {self.n_matched} matched figures:",
        ]
        for name, acc in self.field_accuracy.items():
            wrong = len(self.field_errors.get(name, []))
            lines.append(f"  {name:<14} {acc:.3f}" + (f"  ({wrong} wrong)" if wrong else ""))
        sp = self.subject_pairs
        lines += [
            "",
            f"subject grouping (pairwise over matched): precision {sp['precision']:.3f}  "
            f"recall {sp['recall']:.3f}  F1 {sp['f1']:.3f}  (gold pairs {int(sp['gold_pairs'])}"
            f", predicted pairs {int(sp['pred_pairs'])})",
        ]
        for title, rows in (
            ("missed", self.missed),
            ("spurious", self.spurious),
            ("gold figures not found in their document", self.unlocated),
        ):
            lines += ["", f"{title} ({len(rows)}):"]
            lines += [f"  {r['doc_id']}: {r['figure_text']!r} in: {r['sentence']}" for r in rows]
        errors = [(n, e) for n, errs in self.field_errors.items() for e in errs]
        if errors:
            lines += ["", "field differences (gold -> predicted):"]
            lines += [
                f"  {e['doc_id']} {e['figure_text']!r} {n}: {e['gold']!r} -> {e['pred']!r}"
                for n, e in errors
            ]
        return "\n".join(lines)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _show(row: pd.Series, name: str) -> Any:
    if name == "value":
        return [
            None if _num(row["low"]) is None else _num(row["low"]),
            None if _num(row["high"]) is None else _num(row["high"]),
        ]
    return None if _empty(row[name]) else str(row[name])


def evaluate(pred: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str]) -> EvalReport:
    """Score ``pred`` (EXTRACT_COLUMNS) against ``gold`` (SCHEME_COLUMNS) on ``texts``."""
    located = locate_gold(gold, texts)
    pred = pred.reset_index(drop=True)
    candidates = []
    for gi, g in located.iterrows():
        if g["start"] < 0:
            continue
        same_doc = pred[pred["doc_id"] == g["doc_id"]]
        for pi, p in same_doc.iterrows():
            overlap = min(int(p["end"]), int(g["end"])) - max(int(p["start"]), int(g["start"]))
            if overlap > 0:
                candidates.append((overlap, gi, pi))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    pairs.sort()
    n_gold, n_pred, n_match = len(located), len(pred), len(pairs)
    precision, recall = _ratio(n_match, n_pred), _ratio(n_match, n_gold)
    accuracy: dict[str, float] = {}
    errors: dict[str, list[dict[str, Any]]] = {}
    for name in FIELDS:
        wrong = []
        for gi, pi in pairs:
            g, p = located.loc[gi], pred.loc[pi]
            if not field_equal(name, p, g):
                wrong.append(
                    {
                        "doc_id": g["doc_id"],
                        "claim_no": str(g["claim_no"]),
                        "figure_text": g["figure_text"],
                        "gold": _show(g, name),
                        "pred": _show(p, name),
                    }
                )
        accuracy[name] = _ratio(n_match - len(wrong), n_match)
        if wrong:
            errors[name] = wrong
    subject = _subject_pairs(located, pred, pairs)

    def listing(frame: pd.DataFrame, idx: list[int]) -> list[dict[str, Any]]:
        return [
            {
                "doc_id": frame.loc[i, "doc_id"],
                "figure_text": frame.loc[i, "figure_text"],
                "sentence": frame.loc[i, "sentence"],
            }
            for i in idx
        ]

    missed = [i for i in located.index if i not in used_g and located.loc[i, "start"] >= 0]
    unlocated = [i for i in located.index if located.loc[i, "start"] < 0]
    spurious = [i for i in pred.index if i not in used_p]
    return EvalReport(
        n_gold,
        n_pred,
        n_match,
        precision,
        recall,
        _f1(precision, recall),
        accuracy,
        errors,
        subject,
        listing(located, missed),
        listing(pred, spurious),
        listing(located, unlocated),
    )


def _subject_pairs(
    gold: pd.DataFrame, pred: pd.DataFrame, pairs: list[tuple[int, int]]
) -> dict[str, float]:
    gold_same = pred_same = both = 0
    for a in range(len(pairs)):
        for b in range(a + 1, len(pairs)):
            (ga, pa), (gb, pb) = pairs[a], pairs[b]
            g = norm(gold.loc[ga, "subject"]) == norm(gold.loc[gb, "subject"]) != ""
            p = norm(pred.loc[pa, "subject"]) == norm(pred.loc[pb, "subject"]) != ""
            gold_same += g
            pred_same += p
            both += g and p
    precision, recall = _ratio(both, pred_same), _ratio(both, gold_same)
    if gold_same == 0 and pred_same == 0:
        precision = recall = 1.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "gold_pairs": float(gold_same),
        "pred_pairs": float(pred_same),
    }
