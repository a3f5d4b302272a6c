"""A small warehouse in the shape of the contract, for report tests, demos and the benchmark.

It holds hand-written rows, not output of the pipeline: three articles (one of them hostile
when asked: markup in its text, claimant and URL), their claims and one statement, and the
mart tables the report reads (subject_summary, subject_claims, subject_statements,
subject_estimates, subject_scope, conflicts, echo_chains) with the columns the
reconciliation models write.
Base tables are created with the project's DDL (``warehouse/ddl``), so their columns are real.
``copies`` repeats the set under other subject keys to make a large warehouse.

    python tests/report_sample.py /tmp/sample.duckdb [--copies N] [--hostile]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from forcerecon.ids import content_hash, stable_id
from forcerecon.warehouse.connection import connect

HOSTILE_SCRIPT = "<script>alert('xss')</script>"
HOSTILE_CLAIMANT = "<img src=x onerror=alert(1)>Ministry"

_STAMP = dt.datetime(2022, 3, 1, 12, 0, 0)
RUN_ID = "run-sample"

Row = dict[str, Any]


def _articles(copy: int, hostile: bool) -> list[Row]:
    """Three articles; each claim is (figure_text, sentence-with-figure, fields). Copies after
    the first name their claimants apart, so every copy draws charts of its own."""
    tag = "" if copy == 0 else f" [set {copy}]"
    bad = f" {HOSTILE_SCRIPT}" if hostile else ""
    articles = _base_articles(copy, tag, bad, hostile)
    if copy:
        for article in articles:
            for _, _, fields in article["sentences"]:
                fields["claimant"] = f"{fields['claimant']} {copy}"
    return articles


def _base_articles(copy: int, tag: str, bad: str, hostile: bool) -> list[Row]:
    return [
        {
            "doc_id": f"d{copy:04d}_nato",
            "outlet": "Washington Insider Magazine",
            "url": "https://example.org/nato-estimate?a=1&b=2",
            "published": "2022-02-03",
            "title": f"NATO: 30,000 Russian troops in Belarus{tag}",
            "sentences": [
                (
                    "an estimated 30,000",
                    "NATO says an estimated 30,000 combat troops are in Belarus.",
                    {
                        "qualifier": "approximate",
                        "low": 30000,
                        "high": 30000,
                        "claimant": "NATO",
                        "claimant_type": "international_org",
                        "modality": "estimated",
                        "as_of": "2022-02-03",
                        "item": "combat troops",
                        "subject": "personnel",
                    },
                ),
                (
                    "170",
                    "The ministry counted 170 tanks near the border.",
                    {
                        "qualifier": "exact",
                        "low": 170,
                        "high": 170,
                        "claimant": "Belarusian Defense Ministry",
                        "claimant_type": "government",
                        "modality": "reported",
                        "as_of": "2022-02",
                        "item": "tanks",
                        "subject": "tanks",
                    },
                ),
            ],
            "statement": (
                "did not divulge the number of troops",
                "Minsk did not divulge the number of troops taking part.",
            ),
        },
        {
            "doc_id": f"d{copy:04d}_tni",
            "outlet": "The National Interest",
            "url": "javascript:alert(1)" if hostile else "https://example.org/tni",
            "published": "2022-02-17",
            "title": f"Joint exercises nearing completion{tag}",
            "sentences": [
                (
                    "as many as 30,000",
                    f"Russia moved as many as 30,000 personnel into Belarus.{bad}",
                    {
                        "qualifier": "upper_bound",
                        "low": None,
                        "high": 30000,
                        "claimant": "The National Interest",
                        "claimant_type": "unattributed",
                        "modality": "reported",
                        "as_of": "2022-02",
                        "item": "Russian personnel",
                        "subject": "personnel",
                    },
                ),
                (
                    "300",
                    "Other sources put the number of tanks at 300.",
                    {
                        "qualifier": "exact",
                        "low": 300,
                        "high": 300,
                        "claimant": HOSTILE_CLAIMANT if hostile else "Ukrainian intelligence",
                        "claimant_type": "intelligence",
                        "modality": "estimated",
                        "as_of": "2022-02-15",
                        "item": "tanks",
                        "subject": "tanks",
                    },
                ),
            ],
            "statement": None,
        },
        {
            "doc_id": f"d{copy:04d}_globe",
            "outlet": "Globe Live Media",
            "url": None,
            "published": "2022-10-17",
            "title": f"Russia sends troops to Belarus{tag}",
            "sentences": [
                (
                    "up to 9,000",
                    "The deployment of up to 9,000 military personnel is defensive, says Minsk.",
                    {
                        "qualifier": "upper_bound",
                        "low": None,
                        "high": 9000,
                        "claimant": "Belarusian government",
                        "claimant_type": "government",
                        "modality": "planned",
                        "as_of": "2022-10-17",
                        "item": "military personnel",
                        "subject": "personnel-oct",
                    },
                ),
            ],
            "statement": None,
        },
    ]


def _subject_keys(copy: int) -> dict[str, Row]:
    loc = "Belarus" if copy == 0 else f"Belarus{copy}"
    return {
        "personnel": {
            "subject": f"RU-personnel-{loc}-2022-02",
            "category": "personnel",
            "period": "2022-02",
            "location_key": loc,
        },
        "tanks": {
            "subject": f"RU-tanks-{loc}-2022-02",
            "category": "tanks",
            "period": "2022-02",
            "location_key": loc,
        },
        "personnel-oct": {
            "subject": f"RU-personnel-{loc}-2022-10",
            "category": "personnel",
            "period": "2022-10",
            "location_key": loc,
        },
    }


def sample_frames(copies: int = 1, hostile: bool = False) -> dict[str, pd.DataFrame]:
    """Rows of every relation the report reads, ``copies`` times over."""
    documents: list[Row] = []
    claims: list[Row] = []
    statements: list[Row] = []
    for copy in range(copies):
        keys = _subject_keys(copy)
        for article in _articles(copy, hostile and copy == 0):
            lead = f"{article['title']}\n\n"
            body = " ".join(s for _, s, _ in article["sentences"])
            if article["statement"]:
                body += " " + article["statement"][1]
            text = lead + body + "\n"
            chash = content_hash(text)
            documents.append(
                {
                    "doc_id": article["doc_id"],
                    "content_hash": chash,
                    "source": f"sample/{article['doc_id']}.txt",
                    "format": "txt",
                    "text": text,
                    "n_chars": len(text),
                    "outlet": article["outlet"],
                    "url": article["url"],
                    "published": article["published"],
                    "title": article["title"],
                    "author": None,
                    "outlet_inferred": False,
                    "published_inferred": False,
                }
            )
            for no, (figure, sentence, f) in enumerate(article["sentences"], start=1):
                s_start = text.index(sentence)
                start = s_start + sentence.index(figure)
                key = keys[str(f["subject"])]
                claims.append(
                    {
                        "claim_id": stable_id(chash, start, start + len(figure)),
                        "doc_id": article["doc_id"],
                        "content_hash": chash,
                        "claim_no": no,
                        "figure_text": figure,
                        "low": f["low"],
                        "high": f["high"],
                        "qualifier": f["qualifier"],
                        "category": key["category"],
                        "item": f["item"],
                        "side": "Russia",
                        "location": "Belarus",
                        "as_of": f["as_of"],
                        "event": None,
                        "claimant": f["claimant"],
                        "claimant_type": f["claimant_type"],
                        "modality": f["modality"],
                        "subject": key["subject"],
                        "sentence": sentence,
                        "start": start,
                        "end": start + len(figure),
                        "sentence_start": s_start,
                        "sentence_end": s_start + len(sentence),
                        "subcategory": None,
                        "side_code": "RU",
                        "location_key": key["location_key"],
                        "period": key["period"],
                        "extractor_version": "sample",
                    }
                )
            if article["statement"]:
                phrase, sentence = article["statement"]
                s_start = text.index(sentence)
                start = s_start + sentence.index(phrase)
                key = keys["personnel"]
                statements.append(
                    {
                        "statement_id": stable_id(chash, "statement", start),
                        "doc_id": article["doc_id"],
                        "content_hash": chash,
                        "kind": "undisclosed",
                        "text": phrase,
                        "start": start,
                        "end": start + len(phrase),
                        "sentence": sentence,
                        "sentence_start": s_start,
                        "sentence_end": s_start + len(sentence),
                        "category": "personnel",
                        "side": "Belarus",
                        "side_code": "BY",
                        "location": "Belarus",
                        "location_key": key["location_key"],
                        "as_of": "2022-02",
                        "period": "2022-02",
                        "event": None,
                        "claimant": "Belarusian Defense Ministry",
                        "claimant_type": "government",
                        "subject": key["subject"],
                        "extractor_version": "sample",
                    }
                )
    frames = {
        "documents": pd.DataFrame(documents),
        "claims": pd.DataFrame(claims),
        "statements": pd.DataFrame(statements),
    }
    frames.update(_marts(frames, copies))
    # The models rebuild subject keys from normalized columns; the extractor's own key may
    # differ (here: a city instead of the country). Pages must link by the models' key.
    claims_frame = frames["claims"]
    october = claims_frame["subject"].str.endswith("-2022-10")
    frames["claims"] = claims_frame.assign(
        subject=claims_frame["subject"].where(~october, "RU-personnel-Minsk-2022-10")
    )
    frames["rejects"] = pd.DataFrame(
        [
            {
                "reject_id": stable_id("ingest", "inbox/bad.bin"),
                "run_id": RUN_ID,
                "stage": "ingest",
                "source": "inbox/bad.bin",
                "doc_id": None,
                "check": "decode",
                "column": None,
                "value": None,
                "message": f"not UTF-8 text{' ' + HOSTILE_SCRIPT if hostile else ''}",
            },
            {
                "reject_id": stable_id("validate", "x", "low"),
                "run_id": RUN_ID,
                "stage": "validate",
                "source": "sample/x.txt",
                "doc_id": "x",
                "check": "greater_than_or_equal_to(0)",
                "column": "low",
                "value": "-5",
                "message": "low must be >= 0",
            },
        ]
    )
    frames["runs"] = pd.DataFrame(
        [
            {
                "run_id": RUN_ID,
                "started_at": _STAMP,
                "ended_at": _STAMP + dt.timedelta(seconds=42),
                "status": "ok",
                "n_documents": len(documents),
                "n_claims": len(claims),
                "n_statements": len(statements),
                "n_rejects": 2,
            }
        ]
    )
    frames["quality_results"] = pd.DataFrame(
        [
            {
                "run_id": RUN_ID,
                "suite": "claims",
                "expectation": "expect_column_values_to_not_be_null",
                "column": "figure_text",
                "success": True,
                "details": '{"unexpected_count": 0}',
                "recorded_at": _STAMP,
            },
            {
                "run_id": RUN_ID,
                "suite": "claims",
                "expectation": "expect_column_values_to_be_between",
                "column": "low",
                "success": False,
                "details": '{"unexpected_count": 1}',
                "recorded_at": _STAMP,
            },
        ]
    )
    return frames


def _marts(frames: dict[str, pd.DataFrame], copies: int) -> dict[str, pd.DataFrame]:
    """Mart rows for the sample claims, written out by hand (what the models would decide)."""
    claims = frames["claims"].merge(
        frames["documents"][["content_hash", "outlet", "url", "published", "title"]],
        on="content_hash",
    )
    subject_claims: list[Row] = []
    summary: list[Row] = []
    estimates: list[Row] = []
    conflicts: list[Row] = []
    echo_chains: list[Row] = []
    for subject, group in claims.groupby("subject", sort=True):
        group = group.sort_values(["published", "doc_id", "claim_no"])
        rows = group.to_dict("records")
        root = rows[0]
        is_personnel_feb = str(subject).startswith("RU-personnel-") and subject.endswith("02")
        for r in rows:
            echo = is_personnel_feb and r["claim_id"] != root["claim_id"]
            subject_claims.append(
                {
                    **r,
                    "interval_low": r["low"] if r["low"] == r["low"] else 0.0,
                    "interval_high": r["high"],
                    "value": r["high"] if r["high"] == r["high"] else r["low"],
                    "is_echo": echo,
                    "echo_of": root["claim_id"] if echo else None,
                    "echo_rule": "same_figure_later" if echo else None,
                    "echo_root": root["claim_id"],
                }
            )
        values = [r["high"] for r in rows]
        disjoint = len(rows) > 1 and min(values) < max(values) and not is_personnel_feb
        status, rule = (
            ("conflict", "independent_disjoint")
            if disjoint
            else ("agree", "one_source_repeated")
            if len(rows) > 1
            else ("single_source", "one_claim")
        )
        best = sorted(values)[(len(values) - 1) // 2]
        summary.append(
            {
                "subject": subject,
                "side_code": "RU",
                "category": root["category"],
                "location_key": root["location_key"],
                "period": root["period"],
                "event": None,
                "n_claims": len(rows),
                "n_independent": 1 if is_personnel_feb else len(rows),
                "n_statements": 1 if is_personnel_feb else 0,
                "low": min(values),
                "best": best,
                "high": max(values),
                "status": status,
                "rule": rule,
                "estimate_rule": "single_candidate"
                if is_personnel_feb or len(rows) == 1
                else "weighted_median_spread",
            }
        )
        for r in rows:
            chosen = r["high"] == best and r["claim_id"] == next(
                x["claim_id"] for x in rows if x["high"] == best
            )
            excluded = is_personnel_feb and r["claim_id"] != root["claim_id"]
            estimates.append(
                {
                    "subject": subject,
                    "claim_id": r["claim_id"],
                    "chosen": chosen and not excluded,
                    "eligible": not excluded,
                    "weight": 1.0,
                    "rule": "echo"
                    if excluded
                    else ("single_candidate" if chosen else "not_nearest_best"),
                }
            )
        if disjoint:
            lo, hi = rows[0], rows[-1]
            conflicts.append(
                {
                    "subject": subject,
                    "kind": "independent",
                    "claim_id_low": lo["claim_id"],
                    "claim_id_high": hi["claim_id"],
                    "claimant_low": lo["claimant"],
                    "claimant_high": hi["claimant"],
                    "outlet_low": lo["outlet"],
                    "outlet_high": hi["outlet"],
                    "published_low": lo["published"],
                    "published_high": hi["published"],
                    "figure_text_low": lo["figure_text"],
                    "figure_text_high": hi["figure_text"],
                    "interval_low_low": lo["low"],
                    "interval_high_low": lo["high"],
                    "interval_low_high": hi["low"],
                    "interval_high_high": hi["high"],
                    "gap": hi["low"] - lo["high"],
                }
            )
        if is_personnel_feb and len(rows) > 1:
            chain = " <- ".join(f'{r["claimant"]} "{r["figure_text"]}"' for r in rows)
            for depth, r in enumerate(rows):
                echo_chains.append(
                    {
                        "subject": subject,
                        "echo_root": root["claim_id"],
                        "root_claimant": root["claimant"],
                        "root_outlet": root["outlet"],
                        "root_published": root["published"],
                        "root_figure_text": root["figure_text"],
                        "chain_size": len(rows),
                        "echo_depth": depth,
                        "claim_id": r["claim_id"],
                        "echo_of": None if depth == 0 else root["claim_id"],
                        "chain": chain,
                    }
                )
    statements = frames["statements"]
    subject_statements = pd.DataFrame(
        {
            "subject": statements["subject"],
            "statement_id": statements["statement_id"],
            "link_rule": "same_category",
        }
    )
    scope = [
        {
            "part_subject": r["subject"],
            "whole_subject": "RU-personnel-UkraineBorder-2022-02",
            "scope_kinds": "location",
            "part_best": r["best"],
            "whole_best": 140000.0,
            "differs": True,
            "part_share": r["best"] / 140000.0,
        }
        for r in summary
        if str(r["subject"]).startswith("RU-personnel-") and str(r["subject"]).endswith("-02")
    ]
    return {
        "subject_scope": pd.DataFrame(scope),
        "subject_summary": pd.DataFrame(summary),
        "subject_claims": pd.DataFrame(subject_claims),
        "subject_estimates": pd.DataFrame(estimates),
        "conflicts": pd.DataFrame(conflicts),
        "echo_chains": pd.DataFrame(echo_chains),
        "subject_statements": subject_statements,
    }


BASE_TABLES = ("documents", "claims", "statements", "rejects", "runs", "quality_results")
BOOKKEEPING: dict[str, dict[str, Any]] = {
    "documents": {
        "first_seen": _STAMP,
        "last_seen": _STAMP,
        "is_current": True,
        "run_id": RUN_ID,
        "extractor_version": "sample",
    },
    "claims": {"first_seen": _STAMP, "last_seen": _STAMP, "is_current": True, "run_id": RUN_ID},
    "statements": {"first_seen": _STAMP, "last_seen": _STAMP, "is_current": True, "run_id": RUN_ID},
    "rejects": {"created_at": _STAMP, "last_seen": _STAMP},
}


def write_sample_warehouse(
    db_path: Path, copies: int = 1, hostile: bool = False, skip: tuple[str, ...] = ()
) -> dict[str, int]:
    """Create ``db_path`` holding the sample rows; ``skip`` leaves relations out. Returns counts."""
    frames = sample_frames(copies, hostile)
    counts: dict[str, int] = {}
    with connect(db_path) as con:  # a write connection applies the project's DDL
        for name, frame in frames.items():
            if name in skip:
                if name in BASE_TABLES:
                    con.execute(f"DROP TABLE IF EXISTS {name}")
                continue
            frame = frame.assign(**BOOKKEEPING.get(name, {}))
            con.register("incoming", frame)
            if name in BASE_TABLES:
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
            else:
                con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM incoming")
            con.unregister("incoming")
            counts[name] = len(frame)
    return counts


def main(argv: list[str] | None = None) -> None:
    """Command line: write a sample warehouse."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db_path", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--hostile", action="store_true")
    args = parser.parse_args(argv)
    print(write_sample_warehouse(args.db_path, args.copies, args.hostile))


if __name__ == "__main__":
    main()
