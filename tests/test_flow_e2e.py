"""End to end: the main flow on the seeds, into a temporary warehouse, run twice."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import duckdb
import pytest

from forcerecon.flows.main import run_flow
from forcerecon.settings import Settings

pytestmark = pytest.mark.slow


def _snapshot(db: Path) -> dict[str, Any]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "documents": con.sql("SELECT content_hash FROM documents ORDER BY 1").fetchall(),
            "claims": con.sql(
                "SELECT claim_id, figure_text, low, high, subject FROM claims ORDER BY 1"
            ).fetchall(),
            "statements": con.sql("SELECT statement_id FROM statements ORDER BY 1").fetchall(),
            "rejects": con.sql("SELECT reject_id FROM rejects ORDER BY 1").fetchall(),
            "subjects": con.sql("SELECT * FROM subject_summary ORDER BY subject").fetchall(),
        }


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("e2e")
    settings = Settings(db_path=tmp / "w.duckdb", reports_dir=tmp / "out", quiet=True)
    # conftest quiets Prefect to WARNING; the run logs (INFO) are part of what is tested here
    run_loggers = [logging.getLogger(f"prefect.{n}") for n in ("flow_runs", "task_runs")]
    for logger in run_loggers:
        logger.setLevel(logging.INFO)
    try:
        first = run_flow([str(seeds_dir)], settings)
    finally:
        for logger in run_loggers:
            logger.setLevel(logging.NOTSET)
    before = _snapshot(settings.db_path)
    second = run_flow([str(seeds_dir)], settings)
    after = _snapshot(settings.db_path)
    return {"settings": settings, "first": first, "second": second, "before": before,
            "after": after}


def _query(seeded: dict[str, Any], sql: str) -> list[tuple]:
    with duckdb.connect(str(seeded["settings"].db_path), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_run_summary_names_the_warehouse_and_report(seeded: dict[str, Any]) -> None:
    summary = seeded["first"]
    assert summary["status"] == "ok", summary["text"]
    assert summary["documents"] == 5
    assert summary["claims"] >= 18
    assert str(seeded["settings"].db_path) in summary["text"]
    assert summary["report"].endswith("index.html")
    assert Path(summary["report"]).exists()


def test_nato_figure_is_loaded_with_claimant_and_sentence(seeded: dict[str, Any]) -> None:
    rows = _query(
        seeded,
        "SELECT figure_text, claimant, claimant_type, side, location, sentence FROM claims "
        "WHERE low = 30000 AND high = 30000 AND claimant LIKE '%NATO%' "
        "AND sentence LIKE '%earlier estimates offered by NATO%'",
    )
    assert len(rows) == 1
    figure_text, claimant, claimant_type, side, location, sentence = rows[0]
    assert figure_text == "around 30,000"
    assert claimant == "NATO"
    assert claimant_type == "international_org"
    assert (side, location) == ("Russia", "Belarus")
    assert "around 30,000 Russian troops have poured into Belarus" in sentence


def test_model_designations_are_not_figures(seeded: dict[str, Any]) -> None:
    rows = _query(
        seeded,
        "SELECT figure_text, sentence FROM claims WHERE figure_text SIMILAR TO '.*(400|35|720).*'",
    )
    assert rows == []


def test_spans_point_into_the_document_text(seeded: dict[str, Any]) -> None:
    rows = _query(
        seeded,
        "SELECT c.claim_id FROM claims c JOIN documents d USING (content_hash) "
        "WHERE substr(d.text, c.start + 1, c.\"end\" - c.start) <> c.figure_text",
    )
    assert rows == []


def test_second_run_adds_nothing(seeded: dict[str, Any]) -> None:
    assert seeded["after"] == seeded["before"]
    assert seeded["second"]["claims"] == seeded["first"]["claims"]


def test_nato_subject_is_one_source_repeated(seeded: dict[str, Any]) -> None:
    # NATO's 30,000 and its echoes: one independent claimant, so not "agree" (issue #12)
    rows = _query(
        seeded,
        "SELECT status, rule, n_claims, best FROM subject_summary "
        "WHERE subject = 'RU-personnel-Belarus-2022-02'",
    )
    assert len(rows) == 1
    status, rule, n_claims, best = rows[0]
    assert (status, rule) == ("single_source", "one_source_repeated")
    assert n_claims >= 3
    assert best == 30000


def test_report_lists_the_subjects(seeded: dict[str, Any]) -> None:
    html = Path(seeded["first"]["report"]).read_text(encoding="utf-8")
    assert "RU-personnel-Belarus-2022-02" in html


def test_conflicts_are_published_as_a_prefect_table_artifact(seeded: dict[str, Any]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["forcerecon-conflicts"]))
        )
    assert artifacts, "no forcerecon-conflicts artifact"
    assert {a.type for a in artifacts} == {"table"}
    # The seeds hold no conflicting subject: the table says so rather than being empty.
    assert "no conflicting subjects" in str(artifacts[-1].data)


def test_run_publishes_summary_and_report_link_artifacts(seeded: dict[str, Any]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    flow_run_id = seeded["first"]["flow_run_id"]
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    by_key = {a.key: a for a in artifacts}
    assert {"forcerecon-conflicts", "forcerecon-run-summary", "forcerecon-report"} <= set(by_key)
    summary = str(by_key["forcerecon-run-summary"].data)
    assert by_key["forcerecon-run-summary"].type == "markdown"
    assert "| documents / claims / subjects | 5 / " in summary
    assert "5 new documents" in summary
    assert "| data quality | passed |" in summary
    link = str(by_key["forcerecon-report"].data)  # Prefect stores a link as markdown
    assert link.startswith("[") and "(file://" in link and link.endswith("index.html)")


def test_run_log_says_something_about_the_data(seeded: dict[str, Any]) -> None:
    import time

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    flow_run_id = seeded["first"]["flow_run_id"]
    wanted = ("read 5 documents", "5 of 5 documents are new", "no rejects",
              "5 new documents", "data quality", "report written")  # fmt: skip
    messages: list[str] = []
    for _ in range(20):  # logs reach the API in batches
        with get_client(sync_client=True) as client:
            logs = client.read_logs(
                log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
            )
        messages = [log.message for log in logs]
        if all(any(w in m for m in messages) for w in wanted):
            break
        time.sleep(0.5)
    for w in wanted:
        assert any(w in m for m in messages), (w, messages)


def test_a_failed_run_is_recorded_as_failed(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_models(*args: object, **kwargs: object) -> dict[str, int]:
        raise RuntimeError("models could not be built")

    monkeypatch.setattr("forcerecon.warehouse.models.build_models", broken_models)
    settings = Settings(db_path=tmp_path / "w.duckdb", reports_dir=tmp_path / "out", quiet=True)
    with pytest.raises(RuntimeError, match="models could not be built"):
        run_flow([str(seeds_dir)], settings)
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        runs = con.sql("SELECT status, message, ended_at IS NOT NULL FROM runs").fetchall()
    assert len(runs) == 1
    status, message, ended = runs[0]
    assert status == "failed"
    assert "models could not be built" in message
    assert ended


def _readme_queries(repo: Path) -> list[str]:
    text = (repo / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```sql")[1:]
    statements = [s for b in blocks for s in b.split("```", 1)[0].split(";")]
    return [s.strip() for s in statements if s.strip()]


def test_readme_queries_work_on_the_seeds_warehouse(seeded: dict[str, Any], repo: Path) -> None:
    queries = _readme_queries(repo)
    assert len(queries) >= 3
    results = [_query(seeded, q) for q in queries]
    side_by_side = results[0]
    assert len(side_by_side) >= 3  # the NATO subject has several figures
    assert any("NATO" in str(row) for row in side_by_side)


def test_second_run_with_nothing_new_skips_the_rebuild(seeded: dict[str, Any]) -> None:
    first, second = seeded["first"], seeded["second"]
    assert first["quality_carried_from"] is None
    assert second["quality_carried_from"] == first["run_id"]
    assert second["validation"] == first["validation"] == "passed"
    run_id = second["run_id"]
    rows = _query(seeded, f"SELECT count(*) FROM quality_results WHERE run_id = '{run_id}'")
    assert rows[0][0] > 0  # the carried results are stored under the second run too


def test_second_run_with_nothing_new_keeps_the_report(seeded: dict[str, Any]) -> None:
    first, second = seeded["first"], seeded["second"]
    assert second["report"] == first["report"]
    html = Path(second["report"]).read_text(encoding="utf-8")
    assert first["run_id"] in html  # not rewritten by the run that found nothing new
    assert second["run_id"] not in html
    assert "(unchanged: nothing new)" in second["text"]
