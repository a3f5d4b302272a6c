"""The Prefect API a flow run reports to: the configured server, or a temporary local one.

Without ``PREFECT_API_URL``, Prefect starts a temporary server on its first client call, and
every process that runs tasks (the extraction pool's workers) would start one of its own,
6-10 s each. :func:`prefect_api` names one server in the settings that those processes
inherit, so a whole run shares it.

The temporary server is the one Prefect would start (``uvicorn`` serving
``prefect.server.api.server:create_app`` in a child process, UI off), launched by
:func:`start_early` as the CLI's first act, before it imports Prefect, pandas and the rest:
its start-up (~6 s on this machine) then overlaps the imports instead of following them. It is
stopped when the process exits, and ends by itself when the process is killed: it is launched
under ``setpriv --pdeathsig TERM`` (:func:`forcerecon.lifeline.parent_death_prefix`).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from forcerecon.lifeline import parent_death_prefix

#: Seconds to wait for the temporary server (Prefect's own setting, read from the environment).
STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"


class PrefectServerError(RuntimeError):
    """The temporary Prefect server did not start; the message says why."""


class TemporaryServer:
    """Prefect's API server in a child process on a free local port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process = _launch(self.port)
        self.started = time.monotonic()
        atexit.register(self.stop)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait(self, timeout: float | None = None) -> str:
        """Block until the server answers its health check; return its API URL."""
        limit = timeout if timeout is not None else float(os.environ.get(STARTUP_TIMEOUT_ENV, 120))
        while time.monotonic() - self.started < limit:
            code = self.process.poll()
            if code == 3:  # uvicorn: the port was taken meanwhile; try another
                self.port = _free_port()
                self.process = _launch(self.port)
                continue
            if code is not None:
                raise PrefectServerError(f"temporary Prefect server exited with code {code}")
            if _healthy(self.api_url):
                return self.api_url
            time.sleep(0.1)
        self.stop()
        raise PrefectServerError(f"temporary Prefect server did not answer within {limit:.0f} s")

    def stop(self) -> None:
        """Stop the server (at exit, or when a configured server makes it unnecessary)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _launch(port: int) -> subprocess.Popen[bytes]:
    """The command Prefect's SubprocessASGIServer runs, found without importing Prefect."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise PrefectServerError("prefect is not installed")
    app_dir = Path(spec.origin).resolve().parent.parent
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    if env.get("PREFECT_HOME"):  # the server runs in another folder (below)
        env["PREFECT_HOME"] = str(Path(env["PREFECT_HOME"]).expanduser().resolve())
    return subprocess.Popen(
        [
            *parent_death_prefix(),  # the server ends with this process, even on SIGKILL
            sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir),
            "--factory", "prefect.server.api.server:create_app",
            "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on",
        ],
        env=env,
        # Not in the user's folder: the server puts "." on sys.path and imports optional
        # packages (prefect_dask imports dask), so a dask.py there would run inside it.
        cwd=app_dir,
    )  # fmt: skip


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


_early: TemporaryServer | None = None


def start_early() -> None:
    """Launch the temporary server now unless ``PREFECT_API_URL`` names a server."""
    global _early
    if _early is None and not os.environ.get("PREFECT_API_URL"):
        _early = TemporaryServer()


def history_ui_url() -> str:
    """Where the UI of this Prefect home shows the runs: the temporary server stores them in
    ``$PREFECT_HOME/prefect.db``, which ``prefect server start`` (``make ui``) serves, on
    ``PREFECT_SERVER_API_PORT`` (4200 by default)."""
    port = os.environ.get("PREFECT_SERVER_API_PORT") or "4200"
    return f"http://127.0.0.1:{port}"


def configured_api_url() -> str | None:
    """``PREFECT_API_URL`` as Prefect's settings have it (environment or profile), else None."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or None


def _prefects_own_server() -> str | None:
    """The API URL of a temporary server Prefect itself started in this process, if any
    (``forcerecon serve`` without a server: the scheduled flow already reports to it)."""
    module = sys.modules.get("prefect.server.api.server")
    server = getattr(module, "SubprocessASGIServer", None)
    instance = server._instances.get(None) if server is not None else None
    return instance.api_url if instance is not None and instance.running else None


@contextlib.contextmanager
def prefect_api() -> Iterator[str]:
    """Run the body against one Prefect API that child processes inherit; yield its URL."""
    global _early
    configured = configured_api_url()
    if configured is not None:
        if _early is not None:  # a profile names a server after all
            _early.stop()
            _early = None
        yield configured
        return
    url = _prefects_own_server()
    if url is None:
        if _early is None:
            _early = TemporaryServer()
        url = _early.wait()
    with _named_everywhere(url):
        yield url


@contextlib.contextmanager
def _named_everywhere(url: str) -> Iterator[None]:
    """``PREFECT_API_URL`` = url in this context, in the environment and in Prefect's
    process-wide settings: threads that Prefect starts itself (the process pool's forwarder of
    the workers' logs and events) do not inherit a ``temporary_settings`` context, and without
    this one of them started a temporary server of its own in the middle of the extraction."""
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    refresh_global_settings_context()
    updates = {PREFECT_API_URL: url}
    if not os.environ.get("PREFECT_UI_URL"):
        # Prefect's "View at ..." link names the UI of this Prefect home, not the temporary
        # server that is gone when the run ends (see history_ui_url).
        updates[PREFECT_UI_URL] = history_ui_url()
    try:
        with temporary_settings(updates=updates):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        refresh_global_settings_context()
