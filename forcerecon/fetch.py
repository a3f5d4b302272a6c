"""HTTP fetching for feeds: timeouts, bounded retries with exponential backoff, per-host pacing.

All network IO of the feed reader goes through :class:`Fetcher.get`, which never raises for
a network or HTTP problem: it returns a :class:`FetchOutcome` whose ``error_kind`` says what
went wrong (``timeout``, ``connection``, ``http_status``, ``too_large``, ``bad_url``), so the
caller can record the failure and go on with the next page.

Each GET is the Prefect task ``fetch-url`` (task run "fetch <url>"): a timeout, a connection
error or a RETRY_STATUSES answer raises :class:`RetryableFetch`, and Prefect's task retries
(``retries`` and ``retry_delay_seconds`` = :func:`backoff_delays`) try again, so every retry
shows in the UI as a *Retrying* task run state. Every loop is bounded: at most
``1 + retries`` attempts per URL, at most ``max_redirects`` redirects, at most ``max_bytes``
read per response, every wait capped at ``backoff_max_s``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx
from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.states import State

#: Statuses worth retrying: the server may answer differently a moment later.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchConfig:
    """Limits for fetching feeds and pages (FORCERECON_FETCH_* env vars via :meth:`from_env`)."""

    #: Seconds for connect / read / write / pool, each.
    timeout_s: float = 10.0
    #: Extra attempts after the first, for timeouts, connection errors and RETRY_STATUSES.
    retries: int = 3
    #: Wait before the first retry; doubled for each further retry.
    backoff_s: float = 0.5
    #: No single wait (backoff or Retry-After) is longer than this.
    backoff_max_s: float = 8.0
    #: At least this many seconds between two requests to the same host.
    host_interval_s: float = 1.0
    #: Responses larger than this are abandoned (``too_large``).
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    #: Entries read from one feed per run (the newest come first in most feeds).
    max_entries_per_feed: int = 100
    #: A page is an article when it has at least this many characters of prose (see feeds.py).
    min_article_chars: int = 300
    #: Runs in which a page may fail (timeout, 5xx) before it is given up and marked seen.
    max_failed_runs: int = 3
    user_agent: str = "forcerecon/0.1 (feed reader; +https://example.invalid/forcerecon)"

    @classmethod
    def from_env(cls) -> FetchConfig:
        """Defaults, overridden by the settings FORCERECON_FETCH_TIMEOUT, _RETRIES, _BACKOFF,
        _HOST_INTERVAL (:class:`forcerecon.settings.Settings`)."""
        from forcerecon.settings import Settings

        settings = Settings()
        return cls(
            timeout_s=settings.fetch_timeout,
            retries=settings.fetch_retries,
            backoff_s=settings.fetch_backoff,
            host_interval_s=settings.fetch_host_interval,
        )


@dataclass(frozen=True)
class FetchOutcome:
    """What one GET produced: content on success, or an error kind and message."""

    url: str
    final_url: str
    status: int | None
    content: bytes | None
    content_type: str
    attempts: int
    error_kind: str | None = None
    error: str | None = None
    #: Seconds the server asked to wait (Retry-After), capped; None when it did not say.
    retry_after: float | None = None
    #: Worth another attempt: a timeout, a connection error or one of RETRY_STATUSES.
    retryable: bool = False

    @property
    def ok(self) -> bool:
        return self.error_kind is None


class RetryableFetch(Exception):
    """An attempt that failed in a way worth retrying (timeout, connection, RETRY_STATUSES)."""

    def __init__(self, outcome: FetchOutcome) -> None:
        super().__init__(f"{outcome.url}: {outcome.error}")
        self.outcome = outcome


def _retryable(task: Task[..., object], task_run: TaskRun, state: State) -> bool:
    """Prefect retries only RetryableFetch; anything else is a bug and fails at once."""
    return isinstance(state.result(raise_on_failure=False), RetryableFetch)


@task(name="fetch-url", task_run_name="fetch {url}", cache_policy=NO_CACHE,
      retry_condition_fn=_retryable)  # fmt: skip
def fetch_attempt(fetcher: Fetcher, url: str) -> FetchOutcome:
    """One paced GET of ``url``; raises RetryableFetch for a failure worth another try
    (Prefect retries it ``retries`` times, then the task run is Failed and the caller gets
    the last outcome).

    A server's Retry-After longer than the next scheduled retry delay is waited out here
    (within ``backoff_max_s``), before Prefect's own delay.
    """
    from prefect.runtime import task_run

    attempt = max(int(task_run.run_count or 1), 1)
    outcome = fetcher.attempt(url, attempt)
    delays = backoff_delays(fetcher.config)
    if outcome.retryable:
        if attempt <= len(delays) and (outcome.retry_after or 0) > delays[attempt - 1]:
            fetcher.sleep(outcome.retry_after - delays[attempt - 1])
        raise RetryableFetch(outcome)  # after the last retry: the task run ends Failed
    return outcome


def _gave_up(outcome: FetchOutcome) -> FetchOutcome:
    message = f"{outcome.error} (gave up after {outcome.attempts} attempt(s))"
    return replace(outcome, final_url=outcome.url, content_type="", error=message)


def backoff_delays(config: FetchConfig) -> list[float]:
    """The waits before each retry: backoff_s, 2*backoff_s, ... each capped at backoff_max_s."""
    return [min(config.backoff_s * 2**i, config.backoff_max_s) for i in range(config.retries)]


def retry_after_seconds(value: str | None, cap: float) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), capped; None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), cap))


def host_of(url: str) -> str:
    """The host:port a URL points at (the unit of rate limiting)."""
    parts = urlsplit(url)
    return parts.netloc.lower()


class HostRateLimiter:
    """Keeps at least ``interval_s`` seconds between two requests to the same host."""

    def __init__(
        self,
        interval_s: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval_s = interval_s
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> float:
        """Sleep until ``host`` may be asked again, then book the request; returns the wait."""
        now = self._clock()
        last = self._last.get(host)
        waited = 0.0
        if last is not None and now - last < self.interval_s:
            waited = self.interval_s - (now - last)
            self._sleep(waited)
        self._last[host] = self._clock()
        return waited


class Fetcher:
    """A polite HTTP GET with bounded retries; use as a context manager."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config or FetchConfig()
        self._sleep = sleep
        self.limiter = HostRateLimiter(self.config.host_interval_s, sleep=sleep)
        self.client = httpx.Client(
            timeout=httpx.Timeout(self.config.timeout_s),
            follow_redirects=True,
            max_redirects=self.config.max_redirects,
            headers={"User-Agent": self.config.user_agent},
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def _once(self, url: str) -> tuple[int, bytes | None, str, str, httpx.Headers]:
        """One GET, reading at most max_bytes; returns (status, body or None if too large, ...)."""
        with self.client.stream("GET", url) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > self.config.max_bytes:
                    return (
                        response.status_code,
                        None,
                        response.headers.get("content-type", ""),
                        str(response.url),
                        response.headers,
                    )
            return (
                response.status_code,
                bytes(body),
                response.headers.get("content-type", ""),
                str(response.url),
                response.headers,
            )

    def sleep(self, seconds: float) -> None:
        self._sleep(seconds)

    def get(self, url: str) -> FetchOutcome:
        """GET ``url``; retry timeouts, connection errors and RETRY_STATUSES with backoff
        (Prefect task retries of :func:`fetch_attempt`)."""
        if urlsplit(url).scheme not in ("http", "https"):
            message = f"not an http(s) URL: {url}"
            return FetchOutcome(url, url, None, None, "", 0, "bad_url", message)
        delays = backoff_delays(self.config)
        fetch = fetch_attempt.with_options(retries=len(delays), retry_delay_seconds=delays)
        state = fetch(self, url, return_state=True)
        result = state.result(raise_on_failure=False)
        if isinstance(result, RetryableFetch):
            return _gave_up(result.outcome)
        if isinstance(result, BaseException):
            raise result
        return result

    def attempt(self, url: str, attempt: int = 1) -> FetchOutcome:
        """One GET, after the host's pacing; never raises for a network or HTTP problem."""
        self.limiter.wait(host_of(url))
        try:
            status, body, ctype, final, headers = self._once(url)
        except httpx.TimeoutException as exc:
            message = f"timed out after {self.config.timeout_s}s: {exc!r}"
            return FetchOutcome(url, url, None, None, "", attempt, "timeout", message,
                                retryable=True)  # fmt: skip
        except httpx.TooManyRedirects as exc:
            return FetchOutcome(url, url, None, None, "", attempt, "connection", repr(exc))
        except httpx.HTTPError as exc:
            message = f"{type(exc).__name__}: {exc}"
            return FetchOutcome(url, url, None, None, "", attempt, "connection", message,
                                retryable=True)  # fmt: skip
        if body is None:
            too_large = f"response larger than {self.config.max_bytes} bytes"
            return FetchOutcome(url, final, status, None, ctype, attempt, "too_large", too_large)
        if 200 <= status < 300:
            return FetchOutcome(url, final, status, body, ctype, attempt)
        retry_after = retry_after_seconds(headers.get("retry-after"), self.config.backoff_max_s)
        return FetchOutcome(url, final, status, None, ctype, attempt, "http_status",
                            f"HTTP {status}", retry_after, status in RETRY_STATUSES)  # fmt: skip
