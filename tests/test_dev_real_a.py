"""Real dev articles (tests/dev/real_a): extraction must not fall below the fitted floors.

These 18 real articles were scored blind first (tests/dev/real_a/README.md) and the rules of
issue 11 were then fitted to them, so this is a regression test, not an accuracy estimate.
Floors sit a little below the values measured after fitting; raise them when extraction
improves, never above what is measured.
"""

from __future__ import annotations

from pathlib import Path

from forcerecon.evaluate import evaluate, read_gold_csv
from forcerecon.extract import extract_documents, to_scheme
from forcerecon.ingest import read_inputs

REAL_A = Path(__file__).resolve().parent / "dev" / "real_a"

#: Measured after fitting (2026-12-04, EXTRACTOR_VERSION 2026.12.04.1): F1 0.950, recall
#: 0.905, value 0.988, qualifier 0.988, category 0.977, side 0.872, location 0.895, as_of
#: 0.791, event 0.965, claimant 0.837, claimant_type 0.860, modality 0.814, subject F1 0.664.
F1_FLOOR = 0.94
RECALL_FLOOR = 0.89
FIELD_FLOORS: dict[str, float] = {
    "value": 0.97, "qualifier": 0.97, "category": 0.96, "side": 0.86, "location": 0.88,
    "as_of": 0.77, "event": 0.95, "claimant": 0.82, "claimant_type": 0.84, "modality": 0.80,
}  # fmt: skip
SUBJECT_F1_FLOOR = 0.64


def test_real_a_stays_above_floors() -> None:
    ingested = read_inputs([REAL_A / "articles.jsonl"], run_id="real_a")
    assert ingested.rejects.empty, ingested.rejects.to_string()
    documents = ingested.documents
    assert len(documents) == 18
    extraction = extract_documents(documents)
    assert extraction.rejects.empty, extraction.rejects.to_string()
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    report = evaluate(to_scheme(extraction.claims), read_gold_csv(REAL_A / "gold.csv"), texts)
    assert not report.unlocated, "gold rows not found in their article"
    problems = []
    if report.f1 < F1_FLOOR:
        problems.append(f"F1 {report.f1:.3f} < {F1_FLOOR}")
    if report.recall < RECALL_FLOOR:
        problems.append(f"recall {report.recall:.3f} < {RECALL_FLOOR}")
    for name, floor in FIELD_FLOORS.items():
        if report.field_accuracy[name] < floor:
            problems.append(f"{name} {report.field_accuracy[name]:.3f} < {floor}")
    if report.subject_pairs["f1"] < SUBJECT_F1_FLOOR:
        problems.append(f"subject F1 {report.subject_pairs['f1']:.3f} < {SUBJECT_F1_FLOOR}")
    assert not problems, "; ".join(problems) + "\n" + report.to_text()
