"""Opening the DuckDB warehouse: DDL applied idempotently, one writer at a time.

DuckDB lets one process write a database file (readers in other processes are refused while
it is open for writing). Pipeline runs therefore take an OS file lock on ``<db>.lock``
(``fcntl.flock``) around every connection: exclusive to write, shared to read. A second run
waits for the first up to ``lock_timeout`` seconds, then stops with :class:`WarehouseLocked`,
which names the lock file and the pid of the holder. The kernel releases a ``flock`` when its
process dies, so a killed run never leaves a stale lock behind (the lock file itself stays:
it is only the thing locked, and its text is only a hint of who holds it).

Everything here takes a ``db_path``: tasks receive paths, never live connections.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

DDL_DIR = Path(__file__).resolve().parent / "ddl"

#: Seconds a writer waits for another run to finish before giving up (FORCERECON_LOCK_TIMEOUT).
DEFAULT_LOCK_TIMEOUT = 300.0

_POLL_SECONDS = 0.1


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse for longer than we were willing to wait."""


class WarehouseSchemaError(RuntimeError):
    """The warehouse file and the DDL files disagree (a DDL file was edited after use)."""


def lock_path_for(db_path: Path | str, scope: str = "") -> Path:
    """Lock file guarding ``db_path``: ``<db>.lock`` (connections), ``<db>.run.lock`` (runs)."""
    return Path(f"{db_path}.{scope}.lock" if scope else f"{db_path}.lock")


def lock_timeout_from_env(default: float = DEFAULT_LOCK_TIMEOUT) -> float:
    """``FORCERECON_LOCK_TIMEOUT`` in seconds (0 = fail at once when the warehouse is busy)."""
    from forcerecon.settings import Settings

    settings = Settings()
    return settings.lock_timeout if "lock_timeout" in settings.model_fields_set else default


def _flock_holders(lock_path: Path) -> list[tuple[int, str]]:
    """(pid, READ|WRITE) of the flocks held on ``lock_path`` (Linux ``/proc/locks``; else [])."""
    try:
        inode = lock_path.stat().st_ino
        lines = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    except OSError:
        return []
    holders = []
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 fe:00:2156193 0 EOF"; waiters read "1: -> FLOCK ..."
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5].endswith(f":{inode}"):
            holders.append((int(fields[4]), fields[3]))
    return holders


def _holder_hint(lock_path: Path) -> str:
    """Who holds the lock: the kernel's list of flocks, else the note the last writer left."""
    holders = _flock_holders(lock_path)
    if holders:
        named = ", ".join(f"pid {pid} ({mode.lower()})" for pid, mode in holders)
        return f"held by {named}"
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        return "holder unknown"
    match = re.search(r"pid=(\d+)", text)
    return f"held by pid {match.group(1)} (lock file says: {text})" if match else "holder unknown"


@contextmanager
def warehouse_lock(
    db_path: Path | str,
    *,
    exclusive: bool = True,
    timeout: float | None = None,
    scope: str = "",
) -> Iterator[Path]:
    """Hold ``<db>.lock``: exclusive for writers, shared for readers; yields the lock path.

    Waits up to ``timeout`` seconds (default: :func:`lock_timeout_from_env`), then raises
    :class:`WarehouseLocked` naming the lock file and the holder's pid.
    """
    wait = lock_timeout_from_env() if timeout is None else timeout
    lock_path = lock_path_for(db_path, scope)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    kind = "run" if scope == "run" else "write" if exclusive else "read"
                    raise WarehouseLocked(
                        f"warehouse {db_path} is busy: could not take the {kind} lock on "
                        f"{lock_path} within {wait:.1f} s; {_holder_hint(lock_path)}. Another "
                        "forcerecon run is using it: wait for it to finish, or raise "
                        "FORCERECON_LOCK_TIMEOUT."
                    ) from None
                time.sleep(_POLL_SECONDS)
        if exclusive:
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            mode_name = scope or "write"
            note = f"pid={os.getpid()} host={socket.gethostname()} mode={mode_name} since={stamp}\n"
            os.ftruncate(fd, 0)
            os.pwrite(fd, note.encode("utf-8"), 0)
        yield lock_path
    finally:
        # Closing the descriptor releases the flock (the kernel does the same if we are killed).
        os.close(fd)


@contextmanager
def run_lock(db_path: Path | str, *, timeout: float | None = None) -> Iterator[Path]:
    """Hold ``<db>.run.lock`` for a whole pipeline run, so two runs on one warehouse follow
    each other instead of interleaving their stages (each connection is locked anyway).

    ``with run_lock(settings.db_path): ...`` around a flow's body; a second run waits up to
    ``timeout`` seconds, then stops with :class:`WarehouseLocked` naming the file and the pid.
    """
    with warehouse_lock(db_path, exclusive=True, timeout=timeout, scope="run") as path:
        yield path


def _ddl_files() -> list[Path]:
    files = sorted(DDL_DIR.glob("[0-9][0-9][0-9]_*.sql"))
    if not files:
        raise WarehouseSchemaError(f"no DDL files found in {DDL_DIR}")
    return files


def _ddl_checksum(sql: str) -> str:
    """Checksum of a DDL file's statements, ignoring comments and whitespace."""
    body = re.sub(r"--[^\n]*", "", sql)
    body = re.sub(r"\s+", " ", body).strip()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def apply_ddl(con: duckdb.DuckDBPyConnection, db_label: str = "warehouse") -> list[str]:
    """Apply every ``ddl/NNN_*.sql`` in order (each is idempotent); returns the new file names.

    Raises :class:`WarehouseSchemaError` when a file applied earlier has since changed: DDL files
    are append-only (add a new numbered file with ``ALTER TABLE ... ADD COLUMN IF NOT EXISTS``).
    """
    applied_now: list[str] = []
    con.execute("BEGIN TRANSACTION")
    try:
        for path in _ddl_files():
            sql = path.read_text(encoding="utf-8")
            con.execute(sql)
            checksum = _ddl_checksum(sql)
            row = con.execute(
                "SELECT checksum, applied_at FROM schema_version WHERE name = ?", [path.name]
            ).fetchone()
            if row is None:
                con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?, ?)",
                    [int(path.name[:3]), path.name, checksum, _utcnow()],
                )
                applied_now.append(path.name)
            elif row[0] != checksum:
                raise WarehouseSchemaError(
                    f"{path} changed since it was applied to {db_label} on {row[1]}; DDL files "
                    "are append-only: put the change in a new numbered file (e.g. ALTER TABLE "
                    "... ADD COLUMN IF NOT EXISTS), or delete the warehouse file to rebuild it"
                )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return applied_now


def _utcnow() -> datetime:
    """Now in UTC as a naive timestamp (the warehouse stores UTC TIMESTAMP columns)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _is_duckdb_lock_error(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


def open_warehouse(
    db_path: Path | str,
    read_only: bool = False,
    *,
    timeout: float | None = None,
    config: dict[str, object] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to ``db_path``; a write connection first applies the DDL files.

    Creates parent folders. Does not take ``<db>.lock`` (use :func:`connect` for that), but
    if a process outside forcerecon (a ``duckdb`` shell) holds DuckDB's own file lock, it
    retries until ``timeout`` seconds and then raises :class:`WarehouseLocked`. ``config`` is
    passed to ``duckdb.connect`` (DuckDB settings, e.g. the ad-hoc query's locked ones).
    """
    path = Path(db_path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"warehouse not found: {path} (no run has loaded it yet)")
    path.parent.mkdir(parents=True, exist_ok=True)
    wait = lock_timeout_from_env() if timeout is None else timeout
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=dict(config or {}))
            break
        except duckdb.IOException as exc:
            if not _is_duckdb_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {path} is open in another process (DuckDB's own file lock, "
                    f"waited {wait:.1f} s): {exc}"
                ) from exc
            time.sleep(_POLL_SECONDS)
    if not read_only:
        try:
            apply_ddl(con, str(path))
        except BaseException:
            con.close()
            raise
    return con


@contextmanager
def connect(
    db_path: Path | str, read_only: bool = False, *, timeout: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The way pipeline code opens the warehouse: ``<db>.lock`` held while the connection is open.

    ``with connect(db, read_only=True) as con: ...`` waits while a run writes; a writer waits
    for readers and writers. Both give up after ``timeout`` seconds with :class:`WarehouseLocked`.
    """
    if read_only and not Path(db_path).exists():
        raise FileNotFoundError(f"warehouse not found: {db_path} (no run has loaded it yet)")
    wait = lock_timeout_from_env() if timeout is None else timeout
    started = time.monotonic()
    with warehouse_lock(db_path, exclusive=not read_only, timeout=wait):
        left = max(0.0, wait - (time.monotonic() - started))
        con = open_warehouse(db_path, read_only=read_only, timeout=left)
        try:
            yield con
        finally:
            con.close()
