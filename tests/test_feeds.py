"""Feeds against a local HTTP server on 127.0.0.1: RSS + Atom, slow page, 500s, non-article."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from forcerecon.feeds import (
    FeedsFileError,
    fetch_feeds,
    parse_feed,
    parse_feeds_file,
    prose_chars,
    read_fetch_rejects,
)
from forcerecon.fetch import FetchConfig, HostRateLimiter, backoff_delays, retry_after_seconds
from forcerecon.records import REJECT_COLUMNS
from forcerecon.settings import Settings

PARAGRAPHS = [
    "Russia has moved around 30,000 troops to Belarus for joint exercises, NATO said on "
    "Thursday, adding that the deployment was the largest since the end of the Cold War.",
    "The Belarusian defense ministry did not divulge the number of troops taking part, but "
    "said the drills would end on February 20 as planned.",
    "Satellite images showed at least 170 tanks at a training range near the Ukrainian border, "
    "according to a private imagery company.",
]


def article_html(title: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


NAV_HTML = (
    "<html><head><title>Index</title></head><body><ul>"
    + "".join(f"<li><a href='/a{i}'>Section {i}</a></li>" for i in range(40))
    + "</ul></body></html>"
).encode()


def rss(base: str) -> bytes:
    items = [
        ("a1", "Troops arrive in Belarus", "Thu, 10 Feb 2022 08:00:00 GMT"),
        ("slow", "A slow page", "Thu, 10 Feb 2022 09:00:00 GMT"),
        ("err500", "A broken page", "Thu, 10 Feb 2022 10:00:00 GMT"),
        ("nav", "Not an article", "Thu, 10 Feb 2022 11:00:00 GMT"),
    ]
    xml = "".join(
        f"<item><title>{t}</title><link>{base}/articles/{p}</link><guid>{base}/g/{p}</guid>"
        f"<pubDate>{d}</pubDate></item>"
        for p, t, d in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Border Wire</title>'
        f"<link>{base}/</link>{xml}</channel></rss>"
    ).encode()


def atom(base: str) -> bytes:
    entries = "".join(
        f'<entry><title>{t}</title><link href="{base}/articles/{p}"/><id>urn:x:{p}</id>'
        f"<updated>2022-02-11T10:00:00Z</updated><author><name>Ann Writer</name></author></entry>"
        for p, t in [("a2", "Tanks on the move"), ("flaky", "Second try works")]
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom Observer</title><id>urn:x</id><updated>2022-02-11T00:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


class Site:
    """The served site: counts requests per path."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.base = ""


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: bytes, ctype: str = "text/html") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def do_GET(self) -> None:
            site.hits[self.path] += 1
            if self.path == "/rss.xml":
                self._send(200, rss(site.base), "application/rss+xml")
            elif self.path == "/atom.xml":
                self._send(200, atom(site.base), "application/atom+xml")
            elif self.path in ("/articles/a1", "/articles/a2"):
                self._send(200, article_html(self.path.rsplit("/", 1)[1]))
            elif self.path == "/articles/flaky":
                if site.hits[self.path] == 1:
                    self._send(503, b"busy")
                else:
                    self._send(200, article_html("flaky"))
            elif self.path == "/articles/slow":
                time.sleep(1.0)
                self._send(200, article_html("slow"))
            elif self.path == "/articles/err500":
                self._send(500, b"internal error")
            elif self.path == "/articles/nav":
                self._send(200, NAV_HTML)
            else:
                self._send(404, b"not found")

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


CONFIG = FetchConfig(
    timeout_s=0.3, retries=2, backoff_s=0.01, backoff_max_s=0.05, host_interval_s=0.0,
    max_failed_runs=2, min_article_chars=200,
)  # fmt: skip


def feeds_file(tmp_path: Path, base: str) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text(
        f"# test feeds\n{base}/rss.xml\n\n{base}/atom.xml   # atom one\n{base}/missing.xml\n"
    )
    return path


def test_fetch_feeds_end_to_end(site: Site, tmp_path: Path) -> None:
    inbox, state = tmp_path / "inbox", tmp_path / "state" / "feeds.json"
    quiet = Settings(quiet=True)
    result = fetch_feeds(feeds_file(tmp_path, site.base), inbox, state, quiet, config=CONFIG)

    # Three articles written as JSONL in the inbox, in the DOCUMENT input format.
    assert result.inbox_file is not None and result.inbox_file.parent == inbox
    lines = [json.loads(x) for x in result.inbox_file.read_text().splitlines()]
    by_url = {r["url"].rsplit("/", 1)[1]: r for r in lines}
    assert set(by_url) == {"a1", "a2", "flaky"}
    assert set(lines[0]) == {"doc_id", "text", "url", "outlet", "published", "title", "author"}
    assert by_url["a1"]["outlet"] == "Border Wire"
    assert by_url["a1"]["published"] == "2022-02-10"
    assert by_url["a1"]["title"] == "Troops arrive in Belarus"
    assert "30,000 troops" in by_url["a1"]["text"]
    assert by_url["a2"]["outlet"] == "Atom Observer"
    assert by_url["a2"]["author"] == "Ann Writer"
    assert by_url["a2"]["published"] == "2022-02-11"
    assert len({r["doc_id"] for r in lines}) == 3
    assert not list(inbox.glob(".*.part"))

    # The failures are rejects with stage "fetch", returned and written.
    rej = result.rejects
    assert list(rej.columns) == REJECT_COLUMNS
    assert set(rej["stage"]) == {"fetch"}
    checks = {v.rsplit("/", 1)[1]: c for v, c in zip(rej["value"], rej["check"], strict=True)}
    assert checks == {
        "slow": "timeout",
        "err500": "http_status",
        "nav": "not_article",
        "missing.xml": "feed_http_status",
    }
    assert rej["reject_id"].is_unique
    written = read_fetch_rejects(result.rejects_file)
    assert sorted(written["reject_id"]) == sorted(rej["reject_id"])

    # Retries: 500 and timeout tried 1 + retries times, the 503 page recovered on try 2,
    # the 404 feed and the non-article page were not retried.
    assert site.hits["/articles/err500"] == 3
    assert site.hits["/articles/slow"] == 3
    assert site.hits["/articles/flaky"] == 2
    assert site.hits["/missing.xml"] == 1
    assert site.hits["/articles/nav"] == 1

    # Second run: nothing new; transient failures are tried again, then given up.
    again = fetch_feeds(feeds_file(tmp_path, site.base), inbox, state, quiet, config=CONFIG)
    assert again.inbox_file is None and again.documents.empty
    assert again.n_seen == 4
    assert set(again.rejects["check"]) == {"timeout", "http_status", "feed_http_status"}
    assert again.n_retry_later == 0  # max_failed_runs=2 reached: given up
    third = fetch_feeds(feeds_file(tmp_path, site.base), inbox, state, quiet, config=CONFIG)
    assert list(third.rejects["check"]) == ["feed_http_status"]
    assert third.n_seen == 6
    assert len(list(inbox.glob("*.jsonl"))) == 1


def test_feed_that_is_not_a_feed_is_a_reject(site: Site, tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(f"{site.base}/articles/nav\n")
    result = fetch_feeds(path, tmp_path / "inbox", tmp_path / "s.json", Settings(quiet=True),
                         config=CONFIG)  # fmt: skip
    assert list(result.rejects["check"]) == ["feed_parse"]
    assert "not an RSS/Atom feed" in result.rejects["message"].iloc[0]


def test_parse_feeds_file_names_the_bad_line() -> None:
    text = "# feeds\nhttps://a.example/rss  # comment\n\nhttps://a.example/rss\nftp://x/feed\n"
    with pytest.raises(FeedsFileError, match=r"feeds\.txt:5: not an http\(s\) feed URL"):
        parse_feeds_file(text, "feeds.txt")
    assert parse_feeds_file(text.replace("ftp://x/feed", ""), "f") == ["https://a.example/rss"]


def test_missing_feeds_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FeedsFileError, match=r"nope\.txt: cannot read feeds file"):
        fetch_feeds(tmp_path / "nope.txt", tmp_path, tmp_path / "s.json", Settings(quiet=True))


def test_corrupt_state_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("")
    (tmp_path / "s.json").write_text("{not json")
    with pytest.raises(ValueError, match=r"s\.json: feed state file is not valid JSON"):
        fetch_feeds(tmp_path / "f.txt", tmp_path, tmp_path / "s.json", Settings(quiet=True))


def test_parse_feed_rss_and_atom() -> None:
    title, entries = parse_feed(rss("http://h"), "http://h/rss.xml")
    assert title == "Border Wire"
    assert [e.url for e in entries][:2] == ["http://h/articles/a1", "http://h/articles/slow"]
    assert entries[0].key == "http://h/g/a1" and entries[0].published == "2022-02-10"
    title, entries = parse_feed(atom("http://h"), "http://h/atom.xml")
    assert title == "Atom Observer" and entries[0].key == "urn:x:a2"
    with pytest.raises(ValueError, match="not an RSS/Atom feed"):
        parse_feed(b"<html><body>hello</body></html>", "http://h/x")


def test_prose_chars_ignores_link_lists() -> None:
    assert prose_chars("Home\nNews\nSport") == 0
    line = "Russia has moved around 30,000 troops to Belarus, NATO said."
    assert prose_chars(f"Menu\n{line}") == len(line)


def test_backoff_is_exponential_and_bounded() -> None:
    config = FetchConfig(retries=5, backoff_s=0.5, backoff_max_s=3.0)
    assert backoff_delays(config) == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert retry_after_seconds("120", cap=8.0) == 8.0
    assert retry_after_seconds("2", cap=8.0) == 2.0
    assert retry_after_seconds(None, cap=8.0) is None


def test_rate_limiter_spaces_requests_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    limiter = HostRateLimiter(1.0, clock=lambda: now[0], sleep=sleep)
    assert limiter.wait("a:80") == 0.0
    assert limiter.wait("b:80") == 0.0  # another host is not held back
    now[0] += 0.25
    assert limiter.wait("a:80") == pytest.approx(0.75)
    assert slept == [pytest.approx(0.75)]


def test_scheduled_fetch_records_its_rejects_in_the_warehouse(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    from forcerecon.serve import fetch_feeds_task

    for name, value in {"TIMEOUT": "0.3", "RETRIES": "0", "HOST_INTERVAL": "0"}.items():
        monkeypatch.setenv(f"FORCERECON_FETCH_{name}", value)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/rss.xml\n")
    settings = Settings(db_path=tmp_path / "wh.duckdb", quiet=True)
    summary = fetch_feeds_task.fn(str(feeds), str(tmp_path / "inbox"), settings)
    assert summary["articles"] == 1 and summary["rejects"] == 3
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        rejects = con.sql('SELECT stage, "check", run_id FROM rejects ORDER BY "check"').fetchall()
        run = con.sql("SELECT status, n_rejects FROM runs WHERE run_id = ?",
                      params=[summary["run_id"]]).fetchall()  # fmt: skip
    assert rejects == [
        ("fetch", "http_status", summary["run_id"]),
        ("fetch", "not_article", summary["run_id"]),
        ("fetch", "timeout", summary["run_id"]),
    ]
    assert run == [("fetched", 3)]


def test_fetcher_limits_without_a_network() -> None:
    import httpx

    from forcerecon.fetch import Fetcher

    calls: Counter[str] = Counter()

    def handler(request: httpx.Request) -> httpx.Response:
        calls[request.url.path] += 1
        if request.url.path == "/big":
            return httpx.Response(200, content=b"x" * 5_000)
        if request.url.path == "/busy" and calls["/busy"] == 1:
            return httpx.Response(429, headers={"Retry-After": "30"})
        return httpx.Response(200, content=b"ok")

    slept: list[float] = []
    config = FetchConfig(max_bytes=1_000, retries=2, backoff_s=0.5, backoff_max_s=2.0,
                         host_interval_s=0.0)  # fmt: skip
    with Fetcher(config, transport=httpx.MockTransport(handler), sleep=slept.append) as fetcher:
        big = fetcher.get("http://127.0.0.1/big")
        assert (big.ok, big.error_kind) == (False, "too_large")
        bad = fetcher.get("file:///etc/passwd")
        assert (bad.error_kind, bad.attempts) == ("bad_url", 0)
        busy = fetcher.get("http://127.0.0.1/busy")
        assert busy.ok and busy.content == b"ok" and busy.attempts == 2
    # Retry-After: 30 capped at backoff_max_s = 2.0 s: 1.5 s waited by the attempt, the other
    # 0.5 s is the retry delay Prefect schedules (backoff_s) before the second attempt.
    assert slept == [1.5]


def test_fetch_retries_are_prefect_task_retries(site: Site) -> None:
    """Each GET is a `fetch-url` task run; its retries are Prefect's, visible in the API/UI."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    from forcerecon.fetch import Fetcher

    with Fetcher(CONFIG) as fetcher:
        flaky = fetcher.get(f"{site.base}/articles/flaky")
        broken = fetcher.get(f"{site.base}/articles/err500")
    assert flaky.ok and flaky.attempts == 2
    assert (broken.error_kind, broken.attempts) == ("http_status", 3)
    assert broken.error == "HTTP 500 (gave up after 3 attempt(s))"
    names = [f"fetch {site.base}/articles/flaky", f"fetch {site.base}/articles/err500"]
    wanted = {names[0]: (2, "COMPLETED"), names[1]: (3, "FAILED")}
    seen: dict[str, tuple[int, str]] = {}
    for _ in range(40):  # task run states reach the API as events, a moment later
        with get_client(sync_client=True) as client:
            runs = client.read_task_runs(
                task_run_filter=TaskRunFilter(name=TaskRunFilterName(any_=names))
            )
        seen = {r.name: (r.run_count, r.state.type.value) for r in runs if r.state}
        if seen == wanted:
            break
        time.sleep(0.25)
    assert seen == wanted
    assert site.hits["/articles/flaky"] == 2 and site.hits["/articles/err500"] == 3
