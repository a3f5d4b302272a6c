"""Child processes end with their parent, even when the parent is killed with SIGKILL.

A killed ``forcerecon run`` cannot stop its temporary Prefect server or its extraction
processes (no ``atexit``, no ``finally``), and those were left running (about 745 MB, idle).
Each child therefore watches its parent: a daemon thread polls ``os.getppid()`` and ends the
process once it is re-parented (the parent died). Polling works whichever thread started the
child (Linux's ``PR_SET_PDEATHSIG`` fires when that *thread* ends, which a thread pool's
worker does at any time).

- :func:`watch_parent` is the extraction pool's initializer (flows/tasks.py).
- ``python -m forcerecon.lifeline PARENT_PID MODULE ARG...`` runs ``python -m MODULE ARG...``
  under the same watch: the temporary Prefect server is launched this way
  (forcerecon/prefect_api.py).
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import threading
import time

#: Seconds between two looks at the parent.
POLL_SECONDS = 0.5
#: Seconds a child that lost its parent gets to stop on SIGTERM before it is ended outright.
GRACE_SECONDS = 3.0


def _watch(parent_pid: int, interval: float) -> None:
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os.kill(os.getpid(), signal.SIGTERM)  # let a server shut down cleanly ...
    time.sleep(GRACE_SECONDS)
    os._exit(1)  # ... but end in any case


def watch_parent(parent_pid: int, interval: float = POLL_SECONDS) -> None:
    """End this process when ``parent_pid`` is no longer its parent (at once if already so)."""
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(
        target=_watch, args=(parent_pid, interval), name="forcerecon-lifeline", daemon=True
    ).start()


def main(argv: list[str]) -> None:
    """``PARENT_PID MODULE ARG...``: watch the parent, then run MODULE as ``__main__``."""
    if len(argv) < 2:
        raise SystemExit("usage: python -m forcerecon.lifeline PARENT_PID MODULE [ARG...]")
    watch_parent(int(argv[0]))
    sys.argv = [argv[1], *argv[2:]]
    runpy.run_module(argv[1], run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
