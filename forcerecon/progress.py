"""Progress of a run on the terminal: documents read, extracted and loaded, with the rate.

One small API for the flow::

    with Progress(total=len(documents), quiet=settings.quiet) as progress:
        progress.advance("read", len(documents))
        ...
        progress.advance("extracted", len(batch))
        progress.advance("loaded", n)

The display is a ``rich`` live progress bar per stage. It stays silent (draws nothing, writes
nothing) under ``--quiet`` and whenever the console is not a terminal, as in scheduled runs
and CI logs. Counts and rates are kept either way: :meth:`Progress.summary` returns them for
the run summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Protocol, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

T_co = TypeVar("T_co", covariant=True)
R = TypeVar("R")

#: The stages of a run, in the order they are shown.
STAGES: tuple[str, ...] = ("read", "extracted", "loaded")


class RateColumn(ProgressColumn):
    """Documents per second of a stage: completed / elapsed since the stage started."""

    def __init__(self, unit: str = "docs") -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed
        if not elapsed or not task.completed:
            return Text(f"- {self.unit}/s", style="cyan")
        return Text(f"{task.completed / elapsed:,.1f} {self.unit}/s", style="cyan")


class Progress:
    """Per-stage counters with an optional live display (see the module docstring)."""

    def __init__(
        self,
        total: int | None,
        quiet: bool = False,
        *,
        stages: Sequence[str] = STAGES,
        console: Console | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.total = total
        self.stages = tuple(stages)
        self.console = console or Console(stderr=False)
        #: True when something is drawn: not quiet and the console is a terminal.
        self.live = not quiet and self.console.is_terminal
        self.counts: dict[str, int] = dict.fromkeys(self.stages, 0)
        self.totals: dict[str, int | None] = dict.fromkeys(self.stages, total)
        self._clock = clock
        self._started = clock()
        self._display: RichProgress | None = None
        self._task_ids: dict[str, object] = {}

    def __enter__(self) -> Progress:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start the live display (a no-op when quiet or not a terminal)."""
        self._started = self._clock()
        if not self.live or self._display is not None:
            return
        self._display = RichProgress(
            TextColumn("{task.description:>10}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )
        for stage in self.stages:
            self._task_ids[stage] = self._display.add_task(stage, total=self.totals[stage])
        self._display.start()

    def stop(self) -> None:
        if self._display is not None:
            self._display.stop()
            self._display = None

    def set_total(self, total: int, *stages: str) -> None:
        """Change the total of some stages (all when none named), e.g. once the incremental
        plan knows how many documents are new: ``set_total(len(todo), "extracted", "loaded")``.
        """
        for stage in stages:
            if stage not in self.counts:
                raise KeyError(f"unknown progress stage {stage!r}; stages are {self.stages}")
        if not stages:
            self.total = total
        self.totals.update(dict.fromkeys(stages or self.stages, total))
        if self._display is not None:
            for stage in stages or self.stages:
                self._display.update(self._task_ids[stage], total=total)  # type: ignore[arg-type]

    def advance(self, stage: str, n: int = 1) -> None:
        """Count ``n`` more documents through ``stage``; unknown stages are an error."""
        if stage not in self.counts:
            raise KeyError(f"unknown progress stage {stage!r}; stages are {self.stages}")
        if n < 0:
            raise ValueError(f"progress cannot go back: advance({stage!r}, {n})")
        self.counts[stage] += n
        if self._display is not None:
            self._display.update(self._task_ids[stage], advance=n)  # type: ignore[arg-type]

    def elapsed(self) -> float:
        return self._clock() - self._started

    def summary(self) -> dict[str, float | int | None]:
        """Counts per stage, the total, elapsed seconds and documents per second per stage."""
        elapsed = self.elapsed()
        out: dict[str, float | int | None] = {"total": self.total, "elapsed_s": round(elapsed, 3)}
        for stage, count in self.counts.items():
            out[stage] = count
            out[f"{stage}_total"] = self.totals[stage]
            out[f"{stage}_per_s"] = round(count / elapsed, 2) if elapsed > 0 else None
        return out


class _HasResult(Protocol[T_co]):
    """Anything with a blocking ``result()``: a Prefect or concurrent.futures future."""

    def result(self) -> T_co: ...


def gather(
    futures: Sequence[_HasResult[R]], sizes: Sequence[int], progress: Progress, stage: str
) -> list[R]:
    """Wait for futures in order, advancing ``stage`` by each one's size as it completes.

    For mapped Prefect tasks: ``gather(extract_batch.map(batches), [len(b) for b in batches],
    progress, "extracted")`` instead of ``.result()`` on the whole map.
    """
    if len(futures) != len(sizes):
        raise ValueError(f"gather: {len(futures)} futures but {len(sizes)} sizes")
    results: list[R] = []
    for future, size in zip(futures, sizes, strict=True):
        results.append(future.result())
        progress.advance(stage, size)
    return results
