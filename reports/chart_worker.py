"""Draw charts in a separate process while the report renders its other pages.

vl-convert holds the GIL while it draws (a Python thread beside it stops), and at 10,000
articles its ~80 charts take ~12 s of CPU, much of it in the kernel (it reads the font file
again for every piece of text it measures). :class:`ChartProcess` starts
``python -m forcerecon.reports.chart_worker JOBS`` -- a fresh interpreter that imports only
vl-convert and :mod:`.svg_draw`, so it neither copies the rows read by the report (a fork would
count them twice in the process tree's memory) nor starts vl-convert's runtime in the report's
process. It draws every spec of the job file, checks each SVG (:func:`.svg_draw.check_svg`)
and writes it into the chart cache as ``<spec key>.svg`` (atomically); the report renders the
pages with charts last, reading them from the cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any


class ChartProcessError(RuntimeError):
    """The chart process failed; the message holds the end of its error output."""


class ChartProcess:
    """A running chart process drawing ``specs`` (cache key -> spec) into ``cache_dir``."""

    def __init__(self, cache_dir: Path, specs: Mapping[str, dict[str, Any]]) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # The job: cache folder and specs, in a file (nothing to pipe while this process works).
        fd, jobs = tempfile.mkstemp(prefix=".chart-jobs-", suffix=".json", dir=cache_dir)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(
                {"cache_dir": str(cache_dir), "specs": sorted(specs.items())}, out, default=str
            )
        self.jobs = Path(jobs)
        self.errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by wait/stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "forcerecon.reports.chart_worker", str(self.jobs)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
        )

    def wait(self) -> None:
        """Wait for the process; raise :class:`ChartProcessError` if it failed."""
        try:
            status = self.process.wait()
            self.errors.seek(0)
            message = self.errors.read()[-8000:].decode("utf-8", "replace")
        finally:
            self.errors.close()
            self.jobs.unlink(missing_ok=True)
        if status != 0:
            raise ChartProcessError(
                f"the chart process failed (exit status {status}): {message}".rstrip()
            )

    def stop(self) -> None:
        """End the process early (the report failed) and clean up."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.errors.close()
        self.jobs.unlink(missing_ok=True)


def draw_jobs(jobs: Path) -> int:
    """Draw every spec of the job file into its cache folder; returns how many were drawn."""
    from .svg_draw import render_svg  # vl-convert: imported only where it draws

    job = json.loads(jobs.read_text(encoding="utf-8"))
    cache_dir = Path(job["cache_dir"])
    for key, spec in job["specs"]:
        svg = render_svg(spec)
        path = cache_dir / f"{key}.svg"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        os.replace(tmp, path)
    return len(job["specs"])


if __name__ == "__main__":
    draw_jobs(Path(sys.argv[1]))
