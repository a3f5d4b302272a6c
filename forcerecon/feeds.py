"""Live feeds: RSS/Atom entries -> article main text -> JSONL documents in the flow's inbox.

``fetch_feeds`` reads a feeds file (one URL per line, ``#`` comments), fetches every feed,
and for each entry not yet in the state file fetches the page, reduces it to its main text
with trafilatura and writes one JSONL record per article (the ``records.DOCUMENT`` input
format: doc_id, text, url, outlet, published, title, author) into the inbox the flow ingests.

Nothing fails silently: a feed or page that cannot be fetched or is not an article becomes a
reject row (``records.REJECT_COLUMNS``, stage ``fetch``), returned in ``FeedResult.rejects``
and appended to ``fetch_rejects.jsonl`` next to the state file, so the flow can load them.

State: a JSON file ``{"seen": {entry_key: {...}}, "failed": {entry_key: n_runs}}``. An entry
is marked seen once its article is written, or once it proved not to be an article; a page
that timed out or answered 5xx is tried again in later runs, up to
``FetchConfig.max_failed_runs`` runs, then marked seen with its last error.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pandas as pd
import trafilatura

from forcerecon.fetch import RETRY_STATUSES, FetchConfig, Fetcher, FetchOutcome
from forcerecon.ids import stable_id
from forcerecon.progress import Progress
from forcerecon.records import REJECT_COLUMNS
from forcerecon.settings import Settings

log = logging.getLogger(__name__)

#: The JSONL record written per article (what ingest reads from a .jsonl input).
JSONL_FIELDS: list[str] = ["doc_id", "text", "url", "outlet", "published", "title", "author"]

#: Content types that can hold an article or a feed.
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PROSE_MIN_WORDS = 8


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, as far as the feed itself describes it."""

    key: str  # the entry's id/guid, else its link: what the state file remembers
    url: str
    title: str | None
    published: str | None  # YYYY-MM-DD
    author: str | None
    feed_url: str
    feed_title: str | None


@dataclass
class FeedResult:
    """What one ``fetch_feeds`` call did."""

    documents: pd.DataFrame  # JSONL_FIELDS, one row per article written
    rejects: pd.DataFrame  # REJECT_COLUMNS, stage "fetch"
    inbox_file: Path | None  # the JSONL file written (None when no new article)
    rejects_file: Path  # where rejects are appended
    n_feeds: int = 0
    n_entries: int = 0  # entries listed by the feeds
    n_seen: int = 0  # entries skipped because the state file knows them
    n_retry_later: int = 0  # failed pages that will be tried again next run
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "feeds": self.n_feeds,
            "entries": self.n_entries,
            "already_seen": self.n_seen,
            "articles": len(self.documents),
            "rejects": len(self.rejects),
            "retry_later": self.n_retry_later,
        }


class FeedsFileError(ValueError):
    """The feeds file cannot be used; the message names the file and line."""


# ---------------------------------------------------------------------------- pure helpers


def parse_feeds_file(text: str, source: str = "<feeds>") -> list[str]:
    """Feed URLs from a feeds file's text: one per line, blank lines and ``#`` comments skipped.

    Raises FeedsFileError naming ``source`` and the line of the first line that is not an
    http(s) URL, so a typo is never silently skipped. Repeated URLs are kept once.
    """
    urls: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()  # "URL  # comment" keeps the URL
        if not line or line.startswith("#"):
            continue
        parts = urlsplit(line)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in line:
            raise FeedsFileError(f"{source}:{lineno}: not an http(s) feed URL: {raw.strip()!r}")
        if line not in urls:
            urls.append(line)
    return urls


def _date(struct: Any) -> str | None:
    if not struct:
        return None
    try:
        return time.strftime("%Y-%m-%d", struct)
    except (TypeError, ValueError):
        return None


def parse_feed(content: bytes, feed_url: str) -> tuple[str | None, list[FeedEntry]]:
    """Title and entries of an RSS or Atom document; ValueError when it is neither."""
    parsed = feedparser.parse(content)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS/Atom root element"
        raise ValueError(f"not an RSS/Atom feed: {reason}")
    title = (parsed.feed.get("title") or "").strip() or None
    entries: list[FeedEntry] = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link:
            continue
        entries.append(
            FeedEntry(
                key=(item.get("id") or link).strip(),
                url=link,
                title=(item.get("title") or "").strip() or None,
                published=_date(item.get("published_parsed") or item.get("updated_parsed")),
                author=(item.get("author") or "").strip() or None,
                feed_url=feed_url,
                feed_title=title,
            )
        )
    return title, entries


def prose_chars(text: str) -> int:
    """Characters in lines of at least 8 words: link lists and menus count for nothing."""
    return sum(len(line) for line in text.splitlines() if len(line.split()) >= _PROSE_MIN_WORDS)


def doc_id_for(url: str) -> str:
    """A deterministic document id for an article URL (the same URL is always the same id)."""
    return f"feed_{stable_id(url.strip())}"


def extract_article(html: str, entry: FeedEntry, min_chars: int) -> dict[str, Any]:
    """The JSONL record for a page, or ValueError saying why the page is not an article.

    Feed data wins over page metadata for title, author and date; the outlet is the feed's
    title, else the page's site name, else the host name.
    """
    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    n_prose = prose_chars(text)
    if n_prose < min_chars:
        raise ValueError(
            f"not an article: {n_prose} characters of prose (lines of >= {_PROSE_MIN_WORDS} "
            f"words), at least {min_chars} needed"
        )
    meta_date = getattr(doc, "date", None)
    return {
        "doc_id": doc_id_for(entry.url),
        "text": text,
        "url": entry.url,
        "outlet": entry.feed_title
        or getattr(doc, "sitename", None)
        or urlsplit(entry.url).hostname,
        "published": entry.published or (meta_date[:10] if meta_date else None),
        "title": entry.title or getattr(doc, "title", None),
        "author": entry.author or getattr(doc, "author", None),
    }


def reject_row(
    run_id: str, source: str, doc_id: str | None, check: str, value: str, message: str
) -> dict[str, Any]:
    """A REJECT_COLUMNS row for stage ``fetch`` (column is always ``url``)."""
    return {
        "reject_id": stable_id("fetch", source, doc_id, check, "url", value),
        "run_id": run_id,
        "stage": "fetch",
        "source": source,
        "doc_id": doc_id,
        "check": check,
        "column": "url",
        "value": value,
        "message": message,
    }


# ---------------------------------------------------------------------------- file IO


def load_state(path: Path) -> dict[str, Any]:
    """The state file's content, or an empty state when the file does not exist."""
    if not path.exists():
        return {"seen": {}, "failed": {}}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path}: feed state file is not valid JSON ({exc}); "
            "fix or remove it (removing re-fetches every entry)"
        ) from exc
    if not isinstance(state, dict) or not isinstance(state.get("seen", {}), dict):
        raise ValueError(f"{path}: feed state file must hold an object with a 'seen' object")
    state.setdefault("seen", {})
    state.setdefault("failed", {})
    return state


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")  # a dot-file: ingest skips it while written
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def save_state(path: Path, state: dict[str, Any]) -> None:
    _write_atomic(path, json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


# ---------------------------------------------------------------------------- the fetch run


def _is_html(outcome: FetchOutcome) -> bool:
    ctype = outcome.content_type.split(";")[0].strip().lower()
    return not ctype or ctype in _HTML_TYPES or ctype.startswith("text/")


def _iter_entries(
    feeds: list[str], fetcher: Fetcher, run_id: str, rejects: list[dict[str, Any]]
) -> Iterator[FeedEntry]:
    for feed_url in feeds:
        outcome = fetcher.get(feed_url)
        if not outcome.ok:
            rejects.append(
                reject_row(
                    run_id,
                    feed_url,
                    None,
                    f"feed_{outcome.error_kind}",
                    feed_url,
                    f"feed {feed_url}: {outcome.error}",
                )
            )
            continue
        try:
            _title, entries = parse_feed(outcome.content or b"", feed_url)
        except ValueError as exc:
            rejects.append(
                reject_row(
                    run_id, feed_url, None, "feed_parse", feed_url, f"feed {feed_url}: {exc}"
                )
            )
            continue
        yield from entries[: fetcher.config.max_entries_per_feed]


def _fetch_entry(
    entry: FeedEntry,
    fetcher: Fetcher,
    run_id: str,
    failed: dict[str, int],
    seen: dict[str, Any],
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, bool]:
    """Fetch one entry's page: (article record, reject row, will retry next run).

    Updates ``seen`` / ``failed`` (the state) for the entry.
    """
    doc_id = doc_id_for(entry.url)
    outcome = fetcher.get(entry.url)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if not outcome.ok:
        n_failed = failed.get(entry.key, 0) + 1
        transient = outcome.error_kind in ("timeout", "connection") or (
            outcome.status in RETRY_STATUSES
        )
        retry = transient and n_failed < fetcher.config.max_failed_runs
        note = f"; will retry next run ({n_failed} failed so far)" if retry else ""
        reject = reject_row(
            run_id,
            entry.url,
            doc_id,
            outcome.error_kind or "fetch",
            entry.url,
            f"{entry.url} (from {entry.feed_url}): {outcome.error}{note}",
        )
        if retry:
            failed[entry.key] = n_failed
        else:
            failed.pop(entry.key, None)
            seen[entry.key] = {"url": entry.url, "at": now, "error": outcome.error}
        return None, reject, retry
    try:
        if not _is_html(outcome):
            raise ValueError(f"not an article: content type {outcome.content_type!r}")
        html = (outcome.content or b"").decode("utf-8", errors="replace")
        record = extract_article(html, entry, fetcher.config.min_article_chars)
    except ValueError as exc:
        failed.pop(entry.key, None)
        seen[entry.key] = {"url": entry.url, "at": now, "error": str(exc)}
        message = f"{entry.url}: {exc}"
        reject = reject_row(run_id, entry.url, doc_id, "not_article", entry.url, message)
        return None, reject, False
    failed.pop(entry.key, None)
    seen[entry.key] = {"url": entry.url, "at": now, "doc_id": record["doc_id"]}
    return record, None, False


def fetch_feeds(
    feeds_file: Path,
    inbox: Path,
    state_path: Path,
    settings: Settings | None = None,
    *,
    config: FetchConfig | None = None,
    run_id: str | None = None,
    fetcher: Fetcher | None = None,
) -> FeedResult:
    """Fetch new feed entries into ``inbox`` as one JSONL file; see the module docstring.

    ``settings.quiet`` silences the progress display; ``config`` (default
    ``FetchConfig.from_env()``) sets timeouts, retries and pacing. The state file is saved
    only after the JSONL file is in place, so a crash re-fetches rather than loses articles.
    """
    settings = settings or Settings()
    config = config or FetchConfig.from_env()
    started = datetime.now(UTC)
    run_id = run_id or f"fetch-{started:%Y%m%dT%H%M%S}"
    try:
        feeds = parse_feeds_file(feeds_file.read_text(encoding="utf-8"), str(feeds_file))
    except OSError as exc:
        raise FeedsFileError(f"{feeds_file}: cannot read feeds file: {exc}") from exc
    state = load_state(state_path)
    seen: dict[str, Any] = state["seen"]
    failed: dict[str, int] = state["failed"]

    rejects: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    result = FeedResult(
        documents=pd.DataFrame(columns=JSONL_FIELDS),
        rejects=pd.DataFrame(columns=REJECT_COLUMNS),
        inbox_file=None,
        rejects_file=state_path.parent / "fetch_rejects.jsonl",
        n_feeds=len(feeds),
    )
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(config)
    written_urls: set[str] = set()
    try:
        with Progress(total=None, quiet=settings.quiet, stages=("pages",)) as progress:
            for entry in _iter_entries(feeds, fetcher, run_id, rejects):
                result.n_entries += 1
                if entry.key in seen or entry.url in written_urls:
                    result.n_seen += 1
                    continue
                progress.advance("pages")
                record, reject, retry = _fetch_entry(entry, fetcher, run_id, failed, seen)
                if record is not None:
                    articles.append(record)
                    written_urls.add(entry.url)
                if reject is not None:
                    rejects.append(reject)
                result.n_retry_later += retry
    finally:
        if own_fetcher:
            fetcher.close()

    if articles:
        result.inbox_file = inbox / f"feeds-{started:%Y%m%dT%H%M%S%f}.jsonl"
        _write_atomic(result.inbox_file, _jsonl(articles))
    if rejects:
        result.rejects_file.parent.mkdir(parents=True, exist_ok=True)
        with result.rejects_file.open("a", encoding="utf-8") as fh:
            fh.write(_jsonl(rejects))
    state["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
    save_state(state_path, state)

    result.documents = pd.DataFrame(articles, columns=JSONL_FIELDS)
    result.rejects = pd.DataFrame(rejects, columns=REJECT_COLUMNS)
    log.info("feeds: %s", result.summary())
    return result


def read_fetch_rejects(path: Path) -> pd.DataFrame:
    """The rejects appended by earlier fetch runs (REJECT_COLUMNS), empty if none."""
    if not path.exists():
        return pd.DataFrame(columns=REJECT_COLUMNS)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return pd.DataFrame(rows, columns=REJECT_COLUMNS)
