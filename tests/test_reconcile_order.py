"""Property: reconciliation does not depend on the order in which claims were loaded."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_reconcile_fixtures import claim, document, load_rows, new_warehouse, settings_for

from forcerecon.warehouse.models import build_models

LOCATIONS = "alias,location_key,parent_key\nBelarus,Belarus,UkraineBorder\n"

DOCS = [
    document("d1", "Reuters", "2022-02-03"),
    document("d2", "TNI", "2022-02-10"),
    document("d3", "NV", "2022-02-10"),
]
CLAIMANTS = [
    ("NATO", "international_org"),
    ("NATO Secretary-General Jens Stoltenberg", "official_person"),
    ("Pentagon", "military"),
    (None, "unattributed"),
]

claim_spec = st.tuples(
    st.integers(0, len(DOCS) - 1),
    st.integers(0, len(CLAIMANTS) - 1),
    st.sampled_from([30000, 45000]),
    st.sampled_from(["exact", "approximate", "upper_bound", "lower_bound"]),
    st.sampled_from(["Belarus", "UkraineBorder"]),
)

#: Relations compared, with the columns that identify a row.
RELATIONS = {
    "subject_summary": ["subject"],
    "subject_claims": ["claim_id"],
    "subject_estimates": ["claim_id"],
    "conflicts": ["subject", "claim_id_low", "claim_id_high"],
    "echo_chains": ["echo_root", "claim_id"],
    "subject_scope": ["part_subject", "whole_subject"],
    "timeline": ["claim_id"],
}


def _claims(specs: list[tuple[int, int, int, str, str]]) -> list[dict]:
    rows = []
    for i, (d, c, value, qualifier, location) in enumerate(specs):
        doc = DOCS[d]
        name, kind = CLAIMANTS[c]
        low = None if qualifier == "upper_bound" else value
        high = None if qualifier == "lower_bound" else value
        rows.append(
            claim(
                doc,
                10 * i,
                f"{value:,}",
                low=low,
                high=high,
                qualifier=qualifier,
                claimant=name or doc["outlet"],
                claimant_type=kind,
                location_key=location,
            )
        )
    return rows


def _reconcile(workdir: Path, docs: list[dict], claims: list[dict]) -> dict[str, pd.DataFrame]:
    workdir.mkdir()
    s = settings_for(workdir, LOCATIONS)
    db = new_warehouse(s.db_path)
    load_rows(db, docs, claims)
    build_models(db, s)
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for name, keys in RELATIONS.items():
            frame = con.execute(f"SELECT * FROM {name}").df()
            out[name] = frame.sort_values(keys).reset_index(drop=True)
    return out


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(specs=st.lists(claim_spec, min_size=3, max_size=8), data=st.data())
def test_result_does_not_depend_on_the_order_of_the_claims(
    specs: list[tuple[int, int, int, str, str]], data: st.DataObject
) -> None:
    claims = _claims(specs)
    shuffled = data.draw(st.permutations(claims), label="claim load order")
    docs = data.draw(st.permutations(DOCS), label="document load order")
    with tempfile.TemporaryDirectory() as tmp:
        first = _reconcile(Path(tmp) / "given", DOCS, claims)
        second = _reconcile(Path(tmp) / "shuffled", docs, shuffled)
    for name in RELATIONS:
        pd.testing.assert_frame_equal(first[name], second[name], check_like=False, obj=name)
