"""A per-document time budget for extraction: a cooperative deadline the sentence and
document passes check in their loops, so a runaway document becomes one reject (stage
extract, naming the document) instead of stalling the run.

The budget is ``Settings().extract_seconds_per_mb`` per MB of text plus a floor of
:data:`FLOOR_SECONDS` (FORCERECON_EXTRACT_SECONDS_PER_MB; 0 turns the budget off).
"""

from __future__ import annotations

import time

#: Seconds every document gets whatever its size (start-up, short texts on a busy machine).
FLOOR_SECONDS = 10.0


class ExtractionTimeout(RuntimeError):
    """A document's extraction ran past its time budget."""


class Deadline:
    """A point in time after which :meth:`check` raises :class:`ExtractionTimeout`."""

    def __init__(self, seconds: float | None, doc_id: str = "", n_bytes: int = 0) -> None:
        self.seconds = seconds
        self.doc_id = doc_id
        self.n_bytes = n_bytes
        self._at = None if seconds is None else time.monotonic() + seconds

    @classmethod
    def for_text(cls, text: str, doc_id: str, seconds_per_mb: float | None) -> Deadline:
        """The budget of one document: ``seconds_per_mb`` per MB plus the floor; none when
        ``seconds_per_mb`` is None or not positive."""
        n_bytes = len(text.encode("utf-8", "surrogatepass"))
        if not seconds_per_mb or seconds_per_mb <= 0:
            return cls(None, doc_id, n_bytes)
        return cls(FLOOR_SECONDS + seconds_per_mb * n_bytes / 1e6, doc_id, n_bytes)

    def check(self) -> None:
        if self._at is not None and time.monotonic() > self._at:
            raise ExtractionTimeout(
                f"document {self.doc_id} ({self.n_bytes / 1e6:.2f} MB) ran past its extraction "
                f"budget of {self.seconds:.1f} s (FORCERECON_EXTRACT_SECONDS_PER_MB); "
                "rejected so the run goes on"
            )


NO_DEADLINE = Deadline(None)
