"""Each reconciliation rule on a literal small record set in a temporary DuckDB warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_reconcile_fixtures import claim, document, load_rows, new_warehouse, settings_for

from forcerecon.settings import Settings
from forcerecon.warehouse.models import (
    LexiconError,
    ModelError,
    build_models,
    dependency_order,
    discover_models,
    read_model,
    run_checks,
)

LOCATIONS = """alias,location_key,parent_key
Belarus,Belarus,UkraineBorder
southern border of Belarus,BelarusSouth,Belarus
around Ukraine,UkraineBorder,
"""


def _build(
    tmp_path: Path,
    documents: list[dict],
    claims: list[dict],
    statements: list[dict] | None = None,
    locations: str | None = LOCATIONS,
    **settings: object,
) -> tuple[Path, Settings]:
    s = settings_for(tmp_path, locations, **settings)
    db = new_warehouse(s.db_path)
    load_rows(db, documents, claims, statements)
    build_models(db, s)
    return db, s


def _sql(db: Path, query: str, params: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params or []).df()


def _summary(db: Path) -> pd.DataFrame:
    return _sql(db, "SELECT * FROM subject_summary").set_index("subject")


SUBJECT = "RU-personnel-Belarus-2022-02"


def test_independent_claimants_that_do_not_overlap_conflict(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "Kyiv Independent", "2022-02-05")
    c = document("c", "BBC", "2022-02-06")
    claims = [
        claim(a, 10, "30,000", low=30000, high=30000, claimant="NATO"),
        claim(
            b,
            10,
            "about 45,000",
            low=45000,
            high=45000,
            qualifier="approximate",
            claimant="Ukrainian Defense Ministry",
            claimant_type="government",
        ),
        claim(c, 10, "up to 32,000", high=32000, qualifier="upper_bound", claimant="Pentagon"),
    ]
    db, _ = _build(tmp_path, [a, b, c], claims)
    row = _summary(db).loc[SUBJECT]
    assert (row["status"], row["rule"]) == ("conflict", "independent_disjoint")
    assert row["n_independent"] == 3
    pairs = _sql(db, "SELECT * FROM conflicts ORDER BY value_low")
    # 45,000 +-10% = [40,500, 49,500] lies above 30,000 and above [0, 32,000]
    assert pairs[["claimant_low", "claimant_high"]].values.tolist() == [
        ["NATO", "Ukrainian Defense Ministry"],
        ["Pentagon", "Ukrainian Defense Ministry"],
    ]
    assert set(pairs["kind"]) == {"independent"}
    estimates = _sql(db, "SELECT * FROM subject_estimates ORDER BY value")
    assert estimates["estimate_rule"].iloc[0] == "disputed_range"
    assert (row["low"], row["best"], row["high"]) == (30000, 32000, 45000)
    assert estimates["chosen"].tolist() == [False, True, False]
    assert estimates["rule"].tolist() == [
        "not_nearest_best",
        "disputed_range",
        "not_nearest_best",
    ]


def test_echoes_count_once_and_form_a_chain(tmp_path: Path) -> None:
    nato = document("nato", "NATO press", "2022-02-03")
    wire = document("wire", "Reuters", "2022-02-04")
    blog = document("blog", "Some Blog", "2022-02-09")
    early = document("early", "Early Bird", "2022-02-01")
    claims = [
        claim(nato, 5, "30,000", low=30000, high=30000, claimant="NATO"),
        claim(
            wire,
            50,
            "around 30,000",
            low=30000,
            high=30000,
            qualifier="approximate",
            claimant="NATO Secretary-General Jens Stoltenberg",
        ),
        claim(
            blog,
            7,
            "30,000",
            low=30000,
            high=30000,
            claimant="Some Blog",
            claimant_type="unattributed",
        ),
        # published before anyone attributed the figure: not an echo, its own source
        claim(
            early,
            3,
            "30,000",
            low=30000,
            high=30000,
            claimant="Early Bird",
            claimant_type="unattributed",
        ),
    ]
    db, _ = _build(tmp_path, [nato, wire, blog, early], claims)
    rows = _sql(
        db, "SELECT claimant, is_echo, echo_rule, echo_depth FROM subject_claims ORDER BY seq"
    )
    assert rows["claimant"].tolist() == [
        "Early Bird",
        "NATO",
        "NATO Secretary-General Jens Stoltenberg",
        "Some Blog",
    ]
    assert rows["is_echo"].tolist() == [False, False, True, True]
    assert rows["echo_rule"].tolist()[2:] == ["same_claimant_repeat", "unattributed_repeat"]
    row = _summary(db).loc[SUBJECT]
    assert (row["n_claims"], row["n_independent"]) == (4, 2)
    assert (row["status"], row["rule"]) == ("agree", "independent_overlap")
    chain = _sql(db, "SELECT * FROM echo_chains ORDER BY echo_depth, published")
    assert chain["root_claimant"].unique().tolist() == ["NATO"]
    assert chain["chain_size"].unique().tolist() == [3]
    assert chain["chain"][0].startswith('NATO "30,000" (NATO press, 2022-02-03) <- ')


def test_a_part_differs_from_its_whole_by_scope_not_conflict(tmp_path: Path) -> None:
    a = document("a", "NV", "2022-02-10")
    b = document("b", "TNI", "2022-02-17")
    c = document("c", "Minsk", "2022-02-18")
    claims = [
        claim(
            a,
            1,
            "140,000",
            low=140000,
            high=140000,
            location="around Ukraine",
            location_key="UkraineBorder",
            claimant="NV",
        ),
        claim(b, 1, "30,000", low=30000, high=30000, claimant="NATO"),
        claim(
            c,
            1,
            "9,000",
            low=9000,
            high=9000,
            location="southern border of Belarus",
            location_key="BelarusSouth",
            period="2022",
            claimant="Belarusian Defense Ministry",
        ),
    ]
    db, _ = _build(tmp_path, [a, b, c], claims)
    summary = _summary(db)
    part = summary.loc[SUBJECT]
    assert (part["status"], part["rule"]) == ("scope", "part_of_larger_scope")
    assert part["within"] == "RU-personnel-UkraineBorder-2022-02"
    assert summary.loc["RU-personnel-UkraineBorder-2022-02", "status"] == "single_source"
    # the year-long figure for southern Belarus is not within the February subjects
    assert summary.loc["RU-personnel-BelarusSouth-2022", "status"] == "single_source"
    scope = _sql(db, "SELECT * FROM subject_scope")
    assert scope[["part_subject", "whole_subject", "scope_kinds"]].values.tolist() == [
        [SUBJECT, "RU-personnel-UkraineBorder-2022-02", "location"]
    ]
    assert _sql(db, "SELECT count(*) AS n FROM conflicts")["n"][0] == 0


def test_transitive_location_and_wider_window_make_a_whole(tmp_path: Path) -> None:
    a = document("a", "NV", "2022-02-10")
    b = document("b", "Minsk", "2022-03-01")
    claims = [
        claim(
            a,
            1,
            "140,000",
            low=140000,
            high=140000,
            location_key="UkraineBorder",
            period="2022",
            as_of="2022",
            claimant="NV",
        ),
        claim(
            b,
            1,
            "9,000",
            low=9000,
            high=9000,
            location_key="BelarusSouth",
            period="2022-02-10",
            as_of="2022-02-10",
            claimant="Belarusian Defense Ministry",
        ),
    ]
    db, _ = _build(tmp_path, [a, b], claims)
    scope = _sql(db, "SELECT * FROM subject_scope")
    assert scope[
        ["part_subject", "whole_subject", "scope_kinds", "location_depth"]
    ].values.tolist() == [
        [
            "RU-personnel-BelarusSouth-2022-02-10",
            "RU-personnel-UkraineBorder-2022",
            "location,period",
            2,
        ]
    ]


def test_same_figure_with_other_qualifiers_is_qualifier_only(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "AP", "2022-02-04")
    claims = [
        claim(
            a, 1, "about 30,000", low=30000, high=30000, qualifier="approximate", claimant="NATO"
        ),
        claim(b, 1, "up to 30,000", high=30000, qualifier="upper_bound", claimant="Pentagon"),
    ]
    db, _ = _build(tmp_path, [a, b], claims)
    row = _summary(db).loc[SUBJECT]
    assert (row["status"], row["rule"]) == ("qualifier_only", "same_figure_other_qualifiers")
    assert row["n_independent"] == 2
    # the intervals [27,000, 33,000] and [0, 30,000] meet on [27,000, 30,000]
    assert (row["low"], row["best"], row["high"]) == (27000, 30000, 30000)
    assert row["estimate_rule"] == "overlap_intersection"


def test_overlapping_figures_agree_and_tolerance_is_configurable(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "AP", "2022-02-04")
    claims = [
        claim(
            a, 1, "about 30,000", low=30000, high=30000, qualifier="approximate", claimant="NATO"
        ),
        claim(b, 1, "34,000", low=34000, high=34000, claimant="Pentagon"),
    ]
    (tmp_path / "t10").mkdir()
    db, _ = _build(tmp_path / "t10", [a, b], claims)
    # 30,000 +-10% = [27,000, 33,000] misses 34,000
    assert _summary(db).loc[SUBJECT, "status"] == "conflict"
    (tmp_path / "t20").mkdir()
    db, _ = _build(tmp_path / "t20", [a, b], claims, approx_tolerance=0.2)
    row = _summary(db).loc[SUBJECT]
    assert (row["status"], row["rule"]) == ("agree", "independent_overlap")
    # 30,000 +-20% = [24,000, 36,000] holds 34,000: the common range is the point 34,000
    assert (row["low"], row["best"], row["high"]) == (34000, 34000, 34000)


def test_one_claimant_contradicting_itself_is_flagged_and_superseded(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "AP", "2022-02-20")
    claims = [
        claim(a, 1, "30,000", low=30000, high=30000, claimant="NATO"),
        claim(b, 1, "45,000", low=45000, high=45000, claimant="NATO"),
    ]
    db, _ = _build(tmp_path, [a, b], claims)
    row = _summary(db).loc[SUBJECT]
    assert (row["status"], row["rule"]) == ("conflict", "same_claimant_disjoint")
    assert row["best"] == 45000
    est = _sql(db, "SELECT value, chosen, rule FROM subject_estimates ORDER BY value")
    assert est.values.tolist() == [[30000, False, "superseded"], [45000, True, "single_candidate"]]


def test_planned_and_speculative_give_way_to_reported(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    b = document("b", "AP", "2022-02-04")
    claims = [
        claim(a, 1, "30,000", low=30000, high=30000, claimant="NATO", modality="estimated"),
        claim(
            b,
            1,
            "175,000",
            low=175000,
            high=175000,
            claimant="media",
            claimant_type="media",
            modality="speculative",
        ),
    ]
    db, _ = _build(tmp_path, [a, b], claims)
    est = _sql(db, "SELECT value, chosen, rule FROM subject_estimates ORDER BY value")
    assert est.values.tolist() == [
        [30000, True, "disputed_range"],
        [175000, False, "weaker_modality"],
    ]
    # still shown as a conflict: the figures disagree whatever their modality; the headline
    # is the disputed range, not the one figure of the strongest modality
    row = _summary(db).loc[SUBJECT]
    assert row["status"] == "conflict"
    assert (row["low"], row["best"], row["high"], row["estimate_rule"]) == (
        30000,
        30000,
        175000,
        "disputed_range",
    )


def test_statements_without_figures_sit_beside_their_subject(tmp_path: Path) -> None:
    from test_reconcile_fixtures import statement

    a = document("a", "Reuters", "2022-02-03")
    c1 = claim(a, 1, "30,000", low=30000, high=30000, claimant="NATO")
    s1 = statement(a, 100, "did not divulge the number of troops")
    s2 = statement(a, 200, "not a single serviceman will remain", kind="denial", category=None)
    s3 = statement(a, 300, "would not say how many tanks", category="tanks")
    db, _ = _build(tmp_path, [a], [c1], [s1, s2, s3])
    rows = _sql(db, "SELECT subject, kind, link_rule, has_figures FROM subject_statements")
    got = sorted(map(tuple, rows.values.tolist()))
    assert got == [
        ("RU-personnel-Belarus-2022-02", "denial", "any_category", True),
        ("RU-personnel-Belarus-2022-02", "undisclosed", "same_category", True),
        ("RU-tanks-Belarus-2022-02", "undisclosed", "no_figures", False),
    ]
    assert _summary(db).loc[SUBJECT, "n_statements"] == 2


def test_timeline_orders_a_series_by_as_of_then_publication(tmp_path: Path) -> None:
    docs = [
        document("d1", "WaPo", "2021-12-03"),
        document("d2", "CNN", "2022-01-20"),
        document("d3", "NYT", "2022-02-18"),
    ]
    claims = [
        claim(docs[2], 1, "190,000", low=190000, high=190000, period="2022-02", as_of="2022-02"),
        claim(docs[0], 1, "100,000", low=100000, high=100000, period="2021-11", as_of="2021-11"),
        claim(docs[1], 1, "127,000", low=127000, high=127000, period="2022-01", as_of="2022-01"),
    ]
    for c in claims:
        c["location_key"] = "UkraineBorder"
        c["claimant"] = "US officials"
    db, _ = _build(tmp_path, docs, claims)
    rows = _sql(db, "SELECT * FROM timeline WHERE series = 'RU-personnel-UkraineBorder'")
    rows = rows.sort_values("series_step")
    assert rows["value"].tolist() == [100000, 127000, 190000]
    assert rows["change"].tolist()[1:] == [27000, 63000]


def test_claims_that_are_no_longer_current_are_not_reconciled(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    old = claim(a, 1, "45,000", low=45000, high=45000, claimant="Ukraine")
    old["is_current"] = False
    new = claim(a, 50, "30,000", low=30000, high=30000, claimant="NATO")
    s = settings_for(tmp_path, LOCATIONS)
    db = new_warehouse(s.db_path)
    load_rows(db, [a], [new])
    with duckdb.connect(str(db)) as con:
        con.execute(
            "INSERT INTO claims SELECT * REPLACE (?::VARCHAR AS claim_id, false AS is_current, "
            "45000.0 AS low, 45000.0 AS high) FROM claims",
            [old["claim_id"]],
        )
    counts = build_models(db, s)
    assert counts["claim_reconciliation"] == 1
    assert _summary(db).loc[SUBJECT, "status"] == "single_source"
    assert run_checks(db) == dict.fromkeys(run_checks(db), 0)


def test_rebuilding_is_idempotent(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    s = settings_for(tmp_path, LOCATIONS)
    db = new_warehouse(s.db_path)
    load_rows(db, [a], [claim(a, 1, "30,000", low=30000, high=30000, claimant="NATO")])
    first = build_models(db, s)
    before = _sql(db, "SELECT * FROM subject_summary")
    assert build_models(db, s) == first
    pd.testing.assert_frame_equal(_sql(db, "SELECT * FROM subject_summary"), before)


def test_a_broken_lexicon_names_the_file_and_keeps_the_previous_build(tmp_path: Path) -> None:
    a = document("a", "Reuters", "2022-02-03")
    s = settings_for(tmp_path, LOCATIONS)
    db = new_warehouse(s.db_path)
    load_rows(db, [a], [claim(a, 1, "30,000", low=30000, high=30000, claimant="NATO")])
    build_models(db, s)
    bad = s.lexicon_dir / "locations.csv"
    bad.write_text("alias,place\nBelarus,Belarus\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"locations\.csv.*parent_key"):
        build_models(db, s)
    assert len(_sql(db, "SELECT * FROM subject_summary")) == 1


def test_model_files_are_checked_and_ordered(tmp_path: Path) -> None:
    models = discover_models()
    names = [m.name for m in models]
    assert (
        names.index("stg_claims") < names.index("subject_claims") < names.index("subject_summary")
    )
    for m in models:
        text = m.path.read_text(encoding="utf-8")
        assert "-- Purpose:" in text and "-- Grain:" in text, m.path
    layer = tmp_path / "marts"
    layer.mkdir()
    bad = layer / "two.sql"
    bad.write_text("-- materialized: table\nSELECT 1; SELECT 2\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"two\.sql"):
        read_model(bad, [])
    loop_a = layer / "loop_a.sql"
    loop_b = layer / "loop_b.sql"
    loop_a.write_text("-- materialized: view\nSELECT * FROM loop_b\n", encoding="utf-8")
    loop_b.write_text("-- materialized: view\nSELECT * FROM loop_a\n", encoding="utf-8")
    pair = [read_model(p, ["loop_a", "loop_b"]) for p in (loop_a, loop_b)]
    with pytest.raises(ModelError, match="cycle"):
        dependency_order(pair)


def test_reliability_weights_down_a_claimant_that_is_off_elsewhere(tmp_path: Path) -> None:
    docs, claims = [], []
    # three subjects where Low Source says half of what two others agree on, then one where
    # only Low Source and Agency A speak
    for i, location in enumerate(["L1", "L2", "L3", "L4"]):
        for j, (who, factor) in enumerate([("Low Source", 0.5), ("Agency A", 1.0), ("B", 1.0)]):
            if location == "L4" and who == "B":
                continue
            doc = document(f"d{i}{j}", f"Outlet{j}", "2022-02-10")
            docs.append(doc)
            value = 10000 * (i + 1) * factor
            claims.append(
                claim(doc, 1, f"{value:,.0f}", low=value, high=value, claimant=who,
                      location_key=location)
            )  # fmt: skip
    subject = "RU-personnel-L4-2022-02"
    (tmp_path / "off").mkdir()
    db, _ = _build(tmp_path / "off", docs, claims)
    assert _summary(db).loc[subject, "best"] == 20000  # lower median of 20,000 and 40,000
    (tmp_path / "on").mkdir()
    db, _ = _build(tmp_path / "on", docs, claims, reliability=True)
    assert _summary(db).loc[subject, "best"] == 40000
    weights = _sql(db, "SELECT claimant, weight_used FROM claimant_reliability ORDER BY 2")
    assert weights["claimant"].iloc[0] == "Low Source"


def test_lexicon_readers(tmp_path: Path) -> None:
    from forcerecon.warehouse.models import read_claimant_affiliations, read_location_hierarchy

    claimants = tmp_path / "claimants.csv"
    claimants.write_text(
        "alias,canonical,claimant_type,side\n"
        "# a comment line\n"
        "Stoltenberg,NATO Secretary-General Jens Stoltenberg,official_person,NATO\n"
        "Minsk,Belarusian government,government,Belarus\n"
        "TASS,TASS,media,Russia\n",
        encoding="utf-8",
    )
    got = dict(read_claimant_affiliations(claimants).values.tolist())
    assert got == {
        "stoltenberg": "NATO",
        "nato secretary-general jens stoltenberg": "NATO",
        "minsk": "Belarus",
        "belarusian government": "Belarus",
    }
    locations = tmp_path / "locations.csv"
    locations.write_text(
        "alias,location_key,parent_key,subject_key\n"
        "Belarus,Belarus,UkraineBorder,Belarus\n"
        "Gomel,BelarusSouth,,Belarus\n"
        ",NoKeyRow,,\n"
        "nowhere,,,\n",
        encoding="utf-8",
    )
    rows = read_location_hierarchy(locations)
    edges = {(r.location_key, r.parent_key if isinstance(r.parent_key, str) else None)
             for r in rows.itertuples()}  # fmt: skip
    assert edges == {
        ("Belarus", "UkraineBorder"),
        ("BelarusSouth", None),
        ("BelarusSouth", "Belarus"),
        ("NoKeyRow", None),
    }


def test_a_two_step_echo_chain_reaches_its_root_and_nothing_temporary_is_stored(
    tmp_path: Path,
) -> None:
    # NATO states 30,000; TNI repeats it unattributed (an echo of NATO), then TNI repeats its
    # own figure (an echo of its first statement): depth 2, root NATO
    nato = document("nato", "NATO press", "2022-02-03")
    tni = document("tni", "TNI", "2022-02-10")
    tni2 = document("tni2", "TNI", "2022-02-12")
    other = document("other", "Reuters", "2022-02-04")
    figure = {"low": 30000, "high": 30000}
    claims = [
        claim(nato, 1, "30,000", claimant="NATO", claimant_type="international_org", **figure),
        claim(tni, 5, "30,000", claimant=None, claimant_type="unattributed", **figure),
        claim(tni2, 9, "30,000", claimant=None, claimant_type="unattributed", **figure),
        claim(other, 2, "9,000", claimant="Reuters", claimant_type="media", location="Minsk",
              location_key="Minsk", low=9000, high=9000),
    ]  # fmt: skip
    db, _ = _build(tmp_path, [nato, tni, tni2, other], claims)
    rows = _sql(
        db,
        "SELECT claimant_name, echo_rule, echo_depth, echo_of, echo_root, root_claimant_key "
        "FROM subject_claims WHERE subject = ? ORDER BY seq",
        [SUBJECT],
    )
    ids = [c["claim_id"] for c in claims[:3]]
    assert rows["claimant_name"].tolist() == ["NATO", "TNI", "TNI"]
    assert rows["echo_depth"].tolist() == [0, 1, 2]
    assert rows["echo_rule"].tolist()[1:] == ["unattributed_repeat", "same_claimant_repeat"]
    assert rows["echo_of"].tolist()[1:] == [ids[0], ids[1]]
    assert rows["echo_root"].tolist() == [ids[0]] * 3
    assert rows["root_claimant_key"].tolist() == ["nato"] * 3
    chain = _sql(db, "SELECT * FROM echo_chains ORDER BY echo_depth")
    assert chain["chain_size"].tolist() == [3, 3, 3]
    assert chain["chain"][0].count(" <- ") == 2
    # the build's temporary steps (temp tables, the temp view int_reconciled) are not stored,
    # and the per-claim table is stored in subject order (zone maps for one subject's rows)
    stored = set(
        _sql(db, "SELECT table_name AS name FROM duckdb_tables() UNION ALL "
                 "SELECT view_name FROM duckdb_views() WHERE NOT internal")["name"]
    )  # fmt: skip
    assert {"claim_reconciliation", "subject_claims"} <= stored
    assert not {m.name for m in discover_models() if m.layer != "marts"} & stored
    order = _sql(db, "SELECT subject, seq FROM claim_reconciliation ORDER BY rowid")
    assert list(zip(order["subject"], order["seq"], strict=True)) == sorted(
        zip(order["subject"], order["seq"], strict=True)
    )
    assert run_checks(db) == dict.fromkeys(run_checks(db), 0)
