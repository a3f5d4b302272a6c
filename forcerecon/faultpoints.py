"""Named points where a test can pause a real run, to kill it exactly there.

Test-only, off unless the environment asks: with ``FORCERECON_TEST_PAUSE_AT=<point>`` a
process reaching :func:`pause_at` (``point``) writes its pid to the file named by
``FORCERECON_TEST_PAUSE_SIGNAL`` (when set) and sleeps ``FORCERECON_TEST_PAUSE_SECONDS``
(default 60). The crash tests (tests/test_atomic.py) start ``forcerecon run`` in a subprocess,
wait for the signal file and ``SIGKILL`` the run there. Points:

- ``after_load``: the load's transaction has committed; reconciliation has not started.
- ``extract``: an extraction batch is about to run (in a worker process when there is a pool).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POINT_ENV = "FORCERECON_TEST_PAUSE_AT"
SECONDS_ENV = "FORCERECON_TEST_PAUSE_SECONDS"
SIGNAL_ENV = "FORCERECON_TEST_PAUSE_SIGNAL"
POINTS = ("after_load", "extract")


def pause_at(point: str) -> None:
    """Pause here if the environment names ``point`` (a no-op otherwise)."""
    if point not in POINTS:
        raise ValueError(f"unknown fault point {point!r}; known: {', '.join(POINTS)}")
    if os.environ.get(POINT_ENV) != point:
        return
    signal = os.environ.get(SIGNAL_ENV)
    if signal:
        with Path(signal).open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
    time.sleep(float(os.environ.get(SECONDS_ENV, "60")))
