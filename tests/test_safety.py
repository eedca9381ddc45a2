"""The archive and the crawl are safe: what is fetched, what is written, who writes, and
what reaches a terminal or a spreadsheet. Each test is one hole, shown through the CLI."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.extract import fragment_text
from crawler.userconfig import load_config
from spiders.offline import read_saved, spider_for_page
from spiders.unicef import UnicefSpider

ROOT = Path(__file__).parent.parent
SENTENCE = "The officer leads protection monitoring in the region and reports to the head. "


def nested_page(depth: int) -> str:
    inner = f"<p>{SENTENCE * 5}</p><p>Closing date: 15 January 2027</p>"
    return (
        "<html><head><title>Protection Officer</title></head><body><h1>Protection Officer</h1>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "</body></html>"
    )


def extract(tmp_path, html: str, *args: str):
    page = tmp_path / "page.html"
    page.write_text(html)
    argv = ["extract", str(page), "--url", "https://jobs.example.org/job/1", *args]
    return CliRunner().invoke(cli, argv)


# --- deep nesting ------------------------------------------------------------------------


def test_a_page_nested_deeper_than_256_levels_keeps_its_inner_text(tmp_path):
    result = extract(tmp_path, nested_page(300), "--source", "generic", "--json")
    assert result.exit_code == 0, result.output
    reading = json.loads(result.output)
    assert SENTENCE.strip() in reading["text"]
    assert reading["closing_date"] == "2027-01-15"


def test_a_fragment_nested_deeper_than_256_levels_keeps_its_inner_text():
    fragment = "<div>" * 600 + f"<p>{SENTENCE}</p><ul><li>Plan</li><li>Report</li></ul>"
    text = fragment_text(fragment + "</div>" * 600)
    assert SENTENCE.strip() in text
    assert "Plan" in text and "Report" in text


def test_a_page_nested_beyond_what_the_parser_reads_is_refused_with_the_reason(tmp_path):
    result = extract(tmp_path, nested_page(3000), "--source", "generic")
    assert result.exit_code == 1
    assert "nests elements" in result.output
    assert "Traceback" not in result.output


def test_a_crawl_stores_no_version_of_a_page_too_deep_to_read_whole():
    spider = spider_for_page(UnicefSpider, "https://jobs.unicef.org/en-us/job/1")
    reading = read_saved(spider, nested_page(3000).encode(), "https://jobs.unicef.org/en-us/job/1")
    assert reading.fields == {}
    assert "2048 levels deep" in reading.problem


# --- a small board of our own, and crawls of it -------------------------------------------


class Board(ThreadingHTTPServer):
    """A job board answering fixed pages by path, remembering every request."""

    def __init__(self, pages: dict[str, tuple[int, dict[str, str], str]] | None = None):
        super().__init__(("127.0.0.1", 0), _BoardHandler)
        self.pages = pages or {}
        self.requests: list[str] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def close(self) -> None:
        self.shutdown()
        self.server_close()


class _BoardHandler(BaseHTTPRequestHandler):
    server: Board

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        status, headers, body = self.server.pages.get(
            self.path, (404, {}, "<html><body><h1>Not found</h1></body></html>")
        )
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", headers.pop("Content-Type", "text/html; charset=utf-8"))
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def boards():
    made: list[Board] = []

    def make(pages=None) -> Board:
        made.append(Board(pages))
        return made[-1]

    yield make
    for board in made:
        board.close()


def posting_page(key: str, title: str) -> str:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "identifier": key,
        "hiringOrganization": {"@type": "Organization", "name": "Harbour Aid"},
        "datePosted": "2026-11-02",
        "validThrough": "2026-12-20",
        "description": f"<p>{SENTENCE * 4}</p>",
    }
    return (
        f"<html><head><title>{title}</title>"
        f'<script type="application/ld+json">{json.dumps(posting)}</script></head>'
        f"<body><h1>{title}</h1><p>{SENTENCE * 4}</p></body></html>"
    )


def listing_page(*hrefs: str) -> str:
    links = "".join(f'<li><a class="job" href="{href}">Job</a></li>' for href in hrefs)
    return f"<html><body><h1>Open positions</h1><ul>{links}</ul></body></html>"


def board_config(tmp_path: Path, board: Board, extra: str = "") -> Path:
    config = tmp_path / "sources.toml"
    config.write_text(
        f"""
[sources.harbour]
kind = "listing"
base_url = "{board.url}"
start = "/jobs"
detail_links = "a.job"
key = '/jobs/(\\d+)'
fields = "jsonld"
{extra}
"""
    )
    return config


def crawl(db: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", *args,
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false",
            "-s", "RETRY_TIMES=0", "-s", "ROBOTSTXT_OBEY=false"]  # fmt: skip
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# --- scope: nothing off the source's site is fetched ----------------------------------------


def test_links_to_local_files_other_ports_and_other_hosts_are_never_fetched(tmp_path, boards):
    secret = tmp_path / "jobs" / "77"
    secret.parent.mkdir()
    secret.write_text("<html><body><h1>root password: hunter2</h1></body></html>")
    other = boards({"/jobs/78": (200, {}, posting_page("78", "Port Scanner"))})
    board = boards()
    board.pages.update(
        {
            "/jobs": (
                200,
                {},
                listing_page(
                    "/jobs/41",
                    f"file://{secret}",
                    f"{other.url}/jobs/78",
                    "https://jobs.harbour-aid.example.evil.test/jobs/79",
                    "/jobs/80",
                ),
            ),
            "/jobs/41": (200, {}, posting_page("41", "Shelter Officer")),
            "/jobs/80": (302, {"Location": f"{other.url}/jobs/78"}, ""),
        }
    )
    db = tmp_path / "archive.db"
    result = crawl(db, "--config", str(board_config(tmp_path, board)), "harbour", "-v")
    assert other.requests == []
    assert rows(db, "SELECT source_key, title FROM postings") == [("41", "Shelter Officer")]
    assert rows(db, "SELECT count(*) FROM fetches WHERE url NOT LIKE ?", f"{board.url}/%") == [(0,)]
    log = result.stdout + result.stderr
    assert f"not fetched: file://{secret} is not an http(s) address" in log
    assert f"not fetched: {other.url}/jobs/78 is off the source's site" in log
    assert "jobs.harbour-aid.example.evil.test" in log
    assert "'jobarchive/offsite_refused': 4" in log  # three links and one redirect
    # Those postings were listed but not fetched: errors, and nothing is taken for gone.
    assert "errors 4" in result.stdout


def test_a_user_source_may_fetch_from_the_hosts_it_declares(tmp_path, boards):
    cdn = boards({"/jobs/78": (200, {}, posting_page("78", "Cash Assistant"))})
    board = boards()
    board.pages.update(
        {
            "/jobs": (200, {}, listing_page("/jobs/41", f"{cdn.url}/jobs/78")),
            "/jobs/41": (200, {}, posting_page("41", "Shelter Officer")),
        }
    )
    host = cdn.url.removeprefix("http://")
    config = board_config(tmp_path, board, f'allowed_hosts = ["{host}"]')
    result = crawl(tmp_path / "archive.db", "--config", str(config), "harbour")
    assert result.returncode == 0, result.stdout + result.stderr
    assert cdn.requests == ["/jobs/78"]
    assert [key for (key,) in rows(tmp_path / "archive.db", "SELECT source_key FROM postings")] == [
        "41",
        "78",
    ]


def test_the_key_pattern_reads_the_path_not_the_whole_address(tmp_path):
    board = Board()
    board.close()
    config = board_config(tmp_path, board)
    key = load_config(config)["harbour"].key
    assert key.from_url("https://jobs.example.org/jobs/41?ref=mail") == "41"
    assert key.from_url("file:///tmp/secret.txt?x=/jobs/77") is None
    assert key.from_url("https://jobs.example.org/search?next=/jobs/77") is None
    config.write_text(config.read_text() + "key_in_query = true\n")
    key = load_config(config)["harbour"].key
    assert key.from_url("https://jobs.example.org/search?next=/jobs/77") == "77"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "url_filter = '(a+)+$'",
            "url_filter: '(a+)+$' repeats a group that itself repeats",
        ),
        (
            "key = 'https://jobs.example.org/jobs/(\\d+)'",
            "key: 'https://jobs.example.org/jobs/(\\\\d+)' names a scheme or host",
        ),
        (
            'allowed_hosts = ["https://cdn.example.net/"]',
            "allowed_hosts: 'https://cdn.example.net/'",
        ),
    ],
)
def test_dangerous_patterns_and_hosts_are_refused_when_the_file_is_read(tmp_path, line, message):
    board = Board()
    try:
        config = board_config(tmp_path, board, line)
        if line.startswith("key ="):
            config.write_text(config.read_text().replace("key = '/jobs/(\\d+)'\n", ""))
        result = CliRunner().invoke(cli, ["sources", "--config", str(config)])
    finally:
        board.close()
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_pattern_that_backtracks_past_its_time_limit_ends_as_an_incomplete_listing(
    tmp_path, boards
):
    board = boards()
    slow_link = "/jobs/42?ref=" + "a" * 40 + "b"
    board.pages.update(
        {
            "/jobs": (200, {}, listing_page("/jobs/41", slow_link)),
            "/jobs/41": (200, {}, posting_page("41", "Shelter Officer")),
        }
    )
    # Not refused when read (no repeat inside a repeat), but exponential on that link.
    config = board_config(tmp_path, board, "url_filter = '^[^?]*$|(a|aa)+$'")
    result = crawl(tmp_path / "archive.db", "--config", str(config), "harbour", timeout=60)
    assert "took more than 0.25 s" in result.stdout + result.stderr
    assert rows(tmp_path / "archive.db", "SELECT source_key FROM postings") == [("41",)]
    assert rows(tmp_path / "archive.db", "SELECT listing_complete FROM runs") == [(0,)]
