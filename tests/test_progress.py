"""The progress reporter: counts always, draws only on a terminal and never under --quiet."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from forcerecon.progress import Progress


def console(tty: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, force_terminal=tty, width=100), buf


def run(progress: Progress) -> None:
    with progress:
        progress.advance("read", 3)
        progress.advance("extracted", 2)
        progress.advance("loaded", 2)


def test_terminal_shows_stages_counts_and_rate() -> None:
    con, buf = console(tty=True)
    progress = Progress(total=3, quiet=False, console=con)
    assert progress.live
    run(progress)
    out = buf.getvalue()
    for text in ("read", "extracted", "loaded", "3/3", "2/3", "docs/s"):
        assert text in out


@pytest.mark.parametrize(("tty", "quiet"), [(True, True), (False, False), (False, True)])
def test_quiet_or_not_a_terminal_writes_nothing_but_counts(tty: bool, quiet: bool) -> None:
    con, buf = console(tty=tty)
    progress = Progress(total=3, quiet=quiet, console=con)
    assert not progress.live
    run(progress)
    assert buf.getvalue() == ""
    summary = progress.summary()
    assert (summary["read"], summary["extracted"], summary["loaded"]) == (3, 2, 2)
    assert summary["total"] == 3


def test_rate_uses_elapsed_time() -> None:
    ticks = iter([0.0, 0.0, 4.0, 4.0])
    progress = Progress(total=10, quiet=True, clock=lambda: next(ticks))
    progress.start()
    progress.advance("read", 10)
    assert progress.summary()["read_per_s"] == 2.5


def test_unknown_stage_and_negative_advance_are_errors() -> None:
    progress = Progress(total=1, quiet=True)
    with pytest.raises(KeyError, match="unknown progress stage 'parsed'"):
        progress.advance("parsed")
    with pytest.raises(ValueError, match="cannot go back"):
        progress.advance("read", -1)


def test_stage_totals_and_gather_in_order() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from forcerecon.progress import gather

    progress = Progress(total=10, quiet=True)
    progress.set_total(4, "extracted", "loaded")
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(lambda x=x: x * 10) for x in (1, 2, 3)]
        assert gather(futures, [2, 1, 1], progress, "extracted") == [10, 20, 30]
    summary = progress.summary()
    assert (summary["read_total"], summary["extracted_total"], summary["extracted"]) == (10, 4, 4)
    with pytest.raises(KeyError, match="unknown progress stage 'parse'"):
        progress.set_total(3, "parse")
    with pytest.raises(ValueError, match="2 futures but 1 sizes"):
        gather(futures[:2], [1], progress, "loaded")
