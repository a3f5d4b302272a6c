"""Child processes end with their parent, even when the parent is killed with SIGKILL.

A killed ``forcerecon run`` cannot stop its temporary Prefect server or its extraction
processes (no ``atexit``, no ``finally``), and those were left running (about 745 MB, idle).

- The temporary Prefect server is launched under ``setpriv --pdeathsig TERM`` (util-linux):
  the kernel sends it SIGTERM when the thread that started it ends, and the server's own
  command stays plain ``python -m uvicorn`` (:func:`parent_death_prefix`). The CLI and the
  flow start it from the main thread, which lives as long as the process.
- The extraction pool's workers run :func:`watch_parent` as their initializer: a daemon thread
  polls ``os.getppid()`` and ends the worker once it is re-parented (the parent died). Polling
  works whichever thread of the parent started the worker (a pool may start one from any).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time

#: Seconds between two looks at the parent.
POLL_SECONDS = 0.5
#: Seconds a worker that lost its parent gets to stop on SIGTERM before it is ended outright.
GRACE_SECONDS = 3.0


def parent_death_prefix() -> list[str]:
    """``setpriv --pdeathsig TERM --`` on Linux when util-linux's ``setpriv`` is there (the
    command after it gets SIGTERM when this process dies), else nothing."""
    setpriv = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    return [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []


def _watch(parent_pid: int, interval: float) -> None:
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os.kill(os.getpid(), signal.SIGTERM)  # let the process stop cleanly ...
    time.sleep(GRACE_SECONDS)
    os._exit(1)  # ... but end in any case


def watch_parent(parent_pid: int, interval: float = POLL_SECONDS) -> None:
    """End this process when ``parent_pid`` is no longer its parent (at once if already so)."""
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(
        target=_watch, args=(parent_pid, interval), name="forcerecon-lifeline", daemon=True
    ).start()
