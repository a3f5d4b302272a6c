"""Using both cores without Dask: how many extraction processes, and one Prefect API for all."""

from __future__ import annotations

import os
import threading

import pytest

from forcerecon import prefect_api
from forcerecon.flows.tasks import extraction_processes
from forcerecon.settings import Settings


@pytest.mark.parametrize(
    ("processes", "n_batches", "cpus", "expected"),
    [
        (0, 1, 8, 1),  # one batch: no pool to start
        (0, 2, 2, 2),  # one per core
        (0, 20, 2, 2),
        (0, 3, 8, 3),  # never more processes than batches
        (1, 20, 2, 1),  # asked for one: in the flow's process
        (4, 20, 2, 4),  # asked for: as asked, even past the cores
        (4, 2, 8, 2),
    ],
)
def test_extraction_processes(processes: int, n_batches: int, cpus: int, expected: int) -> None:
    settings = Settings(processes=processes, workers=0, dask_address=None)
    assert extraction_processes(settings, n_batches, cpus=cpus) == expected


def test_dask_takes_the_extraction_instead_of_a_process_pool() -> None:
    assert extraction_processes(Settings(workers=2), 20, cpus=2) == 1
    assert extraction_processes(Settings(dask_address="tcp://x:8786"), 20, cpus=2) == 1


def test_a_configured_server_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.setattr(prefect_api, "_early", None)
    with (
        temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:1/api"}),
        prefect_api.prefect_api() as url,
    ):
        assert url == "http://127.0.0.1:1/api"
    assert prefect_api._early is None  # nothing started


def test_the_temporary_server_is_named_to_child_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside prefect_api() the settings (which pool workers inherit) name the server."""
    from prefect.settings import PREFECT_API_URL, get_current_settings

    with prefect_api.prefect_api() as url:
        assert PREFECT_API_URL.value() == url
        exported = get_current_settings().to_environment_variables(exclude_unset=True)
        assert exported["PREFECT_API_URL"] == url
        assert prefect_api._healthy(url)
        # a thread Prefect starts itself (the pool's log forwarder) sees it too
        seen: list[str | None] = []
        thread = threading.Thread(target=lambda: seen.append(PREFECT_API_URL.value()))
        thread.start()
        thread.join()
        assert seen == [url]
    assert os.environ.get("PREFECT_API_URL") is None  # nothing left behind for later runs
