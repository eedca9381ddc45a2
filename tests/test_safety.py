"""The archive and the crawl are safe: what is fetched, what is written, who writes, and
what reaches a terminal or a spreadsheet. Each test is one hole, shown through the CLI."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import zstandard
from click.testing import CliRunner

from archive import Archive, Snapshot
from crawler.cli import cli
from crawler.extract import fragment_text
from crawler.userconfig import load_config
from spiders.offline import read_saved, spider_for_page
from spiders.unicef import UnicefSpider
from tests.archive_checks import check_consistency

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


def crawl(
    db: Path, *args: str, timeout: float = 120, robots: bool = False
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", *args,
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=false",
            "-s", "RETRY_TIMES=0", "-s", f"ROBOTSTXT_OBEY={str(robots).lower()}"]  # fmt: skip
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


# --- archives of our own, and commands run as a user would ----------------------------------


def snapshot(key: str, title: str = "Protection Officer", text: str = "", **fields) -> Snapshot:
    fields.setdefault("organization", "UNICEF")
    return Snapshot(
        "unicef",
        key,
        f"https://jobs.unicef.org/en-us/job/{key}",
        title=title,
        text=text or f"{SENTENCE} Posting {key}.",
        body=f"<html><body><h1>{title}</h1><p>{SENTENCE} {key}</p></body></html>".encode(),
        **fields,
    )


def make_archive(path: Path, postings: int = 3, versions: int = 2) -> Path:
    with Archive(path) as archive:
        run = archive.start_run("unicef")
        for n in range(postings):
            for v in range(versions):
                archive.store(snapshot(str(500000 + n), text=f"{SENTENCE * 3} Edit {v}."), run)
        archive.finish_run(run, listed_keys=None, listing_complete=False)
    return path


def jobarchive(db: Path, *args: str, wrap: list[str] | None = None, timeout: float = 120):
    argv = [*(wrap or []), sys.executable, "-m", "crawler.cli", "--db", str(db), *args]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The error a command printed: one line, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- a damaged archive is refused and left as it is ------------------------------------------


def damage(path: Path, size: int = 16 * 1024) -> None:
    """Random bytes written over the middle of the file, as a bad copy or disk would."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + size] = random.Random(12).randbytes(size)
    path.write_bytes(bytes(data))


def test_a_crawl_refuses_a_damaged_archive_with_exit_4_and_changes_no_byte(tmp_path):
    db = make_archive(tmp_path / "archive.db", postings=60)
    damage(db)
    before = digest(db)
    result = jobarchive(db, "crawl", "unicef", "--set-url", "unicef=http://127.0.0.1:9")
    assert result.returncode == 4
    line = one_line_error(result)
    assert "is damaged: SQLite's quick_check found" in line
    assert "Nothing was changed" in line
    assert digest(db) == before
    wal = Path(f"{db}-wal")  # a reader may leave an empty one behind; nothing is in it
    assert not wal.exists() or wal.stat().st_size == 0


def damage_table(path: Path, table: str) -> None:
    """Random bytes over the first page of `table`: whatever reads every row of it meets
    the damage, however the rest of the file is laid out."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        (page,) = root.fetchone()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size
    data[start : start + page_size] = random.Random(12).randbytes(page_size)
    path.write_bytes(bytes(data))


def test_reading_a_damaged_archive_changes_no_byte_and_errors_are_one_line(tmp_path):
    db = make_archive(tmp_path / "archive.db", postings=60)
    damage_table(db, "postings")
    before = digest(db)
    codes = {}
    for args in (["history"], ["history", "unicef:500001"], ["export"], ["export", "--versions"]):
        result = jobarchive(db, *args)
        codes[" ".join(args)] = result.returncode
        if result.returncode:  # pages the damage did not touch still read
            assert result.returncode == 4, (args, result.stderr)
            assert "is damaged: SQLite says 'database disk image is malformed'" in (
                one_line_error(result)
            )
        assert digest(db) == before, args
    assert codes["export"] == 4  # an export reads every row: it meets the damage
    result = jobarchive(db, "check")
    assert result.returncode == 4
    assert "damaged or inconsistent" in result.stderr
    assert digest(db) == before


def test_a_file_that_is_no_archive_is_refused_by_every_command(tmp_path):
    db = tmp_path / "archive.db"
    db.write_bytes(b"not a database, a text someone saved here\n" * 200)
    before = digest(db)
    for args in (["history"], ["export"], ["check"], ["crawl", "unicef"], ["upgrade"]):
        result = jobarchive(db, *args)
        assert result.returncode == 4, (args, result.stderr)
        assert "is damaged" in result.stderr or "damaged or inconsistent" in result.stderr
        assert "Traceback" not in result.stderr
        assert digest(db) == before, args


# --- jobarchive check ------------------------------------------------------------------------


def test_check_says_nothing_is_wrong_with_a_healthy_archive(tmp_path):
    db = make_archive(tmp_path / "archive.db")
    result = jobarchive(db, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{db}: ok (3 postings, ")


def test_check_finds_a_corrupted_page(tmp_path):
    db = make_archive(tmp_path / "archive.db", postings=60)
    damage(db)
    result = jobarchive(db, "check")
    assert result.returncode == 4
    assert "  SQLite: " in result.stderr


def test_check_finds_versions_that_skip_a_number(tmp_path):
    db = make_archive(tmp_path / "archive.db", versions=3)
    conn = sqlite3.connect(db)
    with conn:
        (posting,) = conn.execute("SELECT id FROM postings WHERE source_key = '500001'").fetchone()
        conn.execute("DELETE FROM versions WHERE posting_id = ? AND version = 2", (posting,))
    conn.close()
    result = jobarchive(db, "check")
    assert result.returncode == 4
    assert "version numbers: unicef:500001 has versions numbered v1, v3, not 1..2" in (
        result.stderr
    )


def test_check_finds_a_body_whose_hash_does_not_match(tmp_path):
    db = make_archive(tmp_path / "archive.db")
    conn = sqlite3.connect(db)
    with conn:
        (victim,) = conn.execute("SELECT hash FROM bodies LIMIT 1").fetchone()
        forged = zstandard.ZstdCompressor().compress(b"<html>someone else's page</html>")
        conn.execute("UPDATE bodies SET content = ? WHERE hash = ?", (forged, victim))
    conn.close()
    result = jobarchive(db, "check")
    assert result.returncode == 4
    assert f"stored pages: body {victim[:12]}: its content does not match its hash" in (
        result.stderr
    )


def test_check_finds_a_postings_row_that_differs_from_its_current_version(tmp_path):
    db = make_archive(tmp_path / "archive.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE postings SET title = 'Edited by hand' WHERE source_key = '500000'")
    conn.close()
    result = jobarchive(db, "check")
    assert result.returncode == 4
    assert "unicef:500000: the postings row differs from its current version in title" in (
        result.stderr
    )


# --- backups while a crawl runs ------------------------------------------------------------


def test_backup_writes_a_checked_copy_while_a_crawl_writes(tmp_path):
    from crawler.demo import crawl_command
    from crawler.mocksites import MockSites

    db = tmp_path / "archive.db"
    with MockSites(["unicef"]) as sites:
        sites["unicef"].fault(r"^/en-us/job/", "slow:0.1")
        crawl = subprocess.Popen(
            crawl_command(db, sites.base_urls), cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not _postings(db):
            time.sleep(0.05)
        result = jobarchive(db, "backup", str(tmp_path / "copy.db"))
        running = crawl.poll() is None
        out, err = crawl.communicate(timeout=120)
    assert running, "the crawl ended before the backup: the test proves nothing"
    assert result.returncode == 0, result.stderr
    assert f"backed up to {tmp_path / 'copy.db'}" in result.stdout
    assert crawl.returncode == 0, err
    copied = _postings(tmp_path / "copy.db")
    assert 0 < copied < _postings(db)
    check_consistency(tmp_path / "copy.db")
    assert jobarchive(tmp_path / "copy.db", "check").returncode == 0
    # A second backup to the same name is refused without --force, and works with it.
    again = jobarchive(db, "backup", str(tmp_path / "copy.db"))
    assert again.returncode == 1 and "add --force" in again.stderr
    assert jobarchive(db, "backup", str(tmp_path / "copy.db"), "--force").returncode == 0
    assert _postings(tmp_path / "copy.db") == _postings(db)


def _postings(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return rows(db, "SELECT count(*) FROM postings")[0][0]
    except sqlite3.Error:
        return 0


# --- one crawl per archive, whatever its name ------------------------------------------------


@contextmanager
def crawl_lock_held(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the crawl lock of the archive at `path`, as a running
    crawl does (the same lock: crawler/lock.py)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from crawler.lock import CrawlLock; "
         f"CrawlLock({str(path)!r}).acquire(); print('held', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.communicate()


@pytest.mark.parametrize("name", ["symlink", "hard link", "relative path"])
def test_a_crawl_through_another_name_of_the_archive_waits_for_the_lock(tmp_path, name):
    db = make_archive(tmp_path / "archive.db")
    other = tmp_path / "elsewhere" / "also.db"
    other.parent.mkdir()
    if name == "symlink":
        other.symlink_to(db)
    elif name == "hard link":
        os.link(db, other)
    with crawl_lock_held(db) as holder:
        if name == "relative path":
            argv = [sys.executable, "-m", "crawler.cli", "--db", "../archive.db", "crawl",
                    "unicef", "--set-url", "unicef=http://127.0.0.1:9"]  # fmt: skip
            result = subprocess.run(
                argv, cwd=other.parent, capture_output=True, text=True, timeout=60,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )  # fmt: skip
        else:
            result = jobarchive(other, "crawl", "unicef", "--set-url", "unicef=http://127.0.0.1:9")
    assert result.returncode == 3, result.stderr
    assert f"Another crawl (pid {holder.pid}) is running on this archive" in result.stderr
    assert rows(db, "SELECT count(*) FROM runs") == [(1,)]
    if name == "hard link":  # readers through the other name would miss the WAL: said
        assert "has 2 hard links" in result.stderr


def test_scrapy_crawl_waits_for_the_lock_too(tmp_path):
    db = make_archive(tmp_path / "archive.db")
    with crawl_lock_held(db) as holder:
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "unicef", "-s", f"ARCHIVE_DB={db}",
             "-a", "base_url=http://127.0.0.1:9", "-s", "RETRY_TIMES=0"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert f"Another crawl (pid {holder.pid}) is running on this archive" in result.stderr
    assert rows(db, "SELECT count(*) FROM runs") == [(1,)]


def test_a_crawl_and_scrapy_crawl_never_write_at_once(tmp_path):
    """The other way round: `scrapy crawl` holds the lock (its pipeline took it), and
    `jobarchive crawl` on the same file waits its turn."""
    from crawler.mocksites import MockSites

    db = make_archive(tmp_path / "archive.db")
    with MockSites(["unicef"]) as sites:
        sites["unicef"].fault(r"^/en-us/job/", "slow:0.2")
        first = subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", "unicef", "-s", f"ARCHIVE_DB={db}",
             "-a", f"base_url={sites.base_urls['unicef']}", "-s", "DOWNLOAD_DELAY=0",
             "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "LOG_LEVEL=WARNING"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and rows(db, "SELECT count(*) FROM runs")[0][0] < 2:
            time.sleep(0.05)
        second = jobarchive(
            db, "crawl", "unicef", "--set-url", f"unicef={sites.base_urls['unicef']}"
        )
        running = first.poll() is None
        first.communicate(timeout=120)
    assert running
    assert second.returncode == 3, second.stderr
    assert f"Another crawl (pid {first.pid})" in second.stderr
    assert [r for (r,) in rows(db, "SELECT status FROM runs ORDER BY id")] == ["incomplete", "ok"]


def test_serve_immutable_refuses_while_a_crawl_holds_the_lock(tmp_path):
    db = make_archive(tmp_path / "archive.db")
    with crawl_lock_held(db) as holder:
        result = jobarchive(db, "serve", "--immutable", "--get", "/archive/postings.json")
    assert result.returncode == 1
    line = one_line_error(result)
    assert f"A crawl (pid {holder.pid}) is writing to {db}" in line
    assert f"jobarchive --db {db} backup snapshot.db" in line


# --- read-only media ----------------------------------------------------------------------


def read_only(directory: Path) -> list[str]:
    """A command prefix that runs the command with `directory` mounted read-only (a
    private bind mount in a user namespace: read-only even for root, and no root needed)."""
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True, text=True)  # fmt: skip
    assert probe.returncode == 0, f"unshare is needed for this test: {probe.stderr}"
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, str(directory)]


@pytest.fixture
def archive_on_read_only_media(tmp_path) -> tuple[Path, list[str]]:
    media = tmp_path / "media"
    media.mkdir()
    db = make_archive(media / "archive.db")
    assert sorted(p.name for p in media.iterdir()) == ["archive.db"]  # no -wal, no -shm
    wrap = read_only(media)
    # The mount is read-only indeed, for this root user too.
    touched = subprocess.run([*wrap, "touch", str(media / "x")], capture_output=True, text=True)
    assert touched.returncode != 0 and "Read-only file system" in touched.stderr
    return db, wrap


def test_every_reading_command_works_on_read_only_media(archive_on_read_only_media):
    db, wrap = archive_on_read_only_media
    before = digest(db)
    history = jobarchive(db, "history", "unicef:500001", wrap=wrap)
    assert history.returncode == 0, history.stderr
    assert "v2" in history.stdout
    export = jobarchive(db, "export", "--format", "csv", wrap=wrap)
    assert export.returncode == 0, export.stderr
    assert export.stdout.count("\n") == 4  # the header and three postings
    diff = jobarchive(db, "diff", "unicef:500001", wrap=wrap)
    assert diff.returncode == 0, diff.stderr
    assert "+" in diff.stdout and "Edit 1" in diff.stdout
    check = jobarchive(db, "check", wrap=wrap)
    assert check.returncode == 0, check.stderr
    for immutable in (["--immutable"], []):
        served = jobarchive(
            db, "serve", *immutable, "--get", "/archive/postings.json?_shape=array&_col=title",
            wrap=wrap,
        )  # fmt: skip
        assert served.returncode == 0, served.stderr
        assert [r["title"] for r in json.loads(served.stdout)] == ["Protection Officer"] * 3
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["archive.db"]


def test_a_crawl_on_read_only_media_fails_at_once_with_one_line(archive_on_read_only_media):
    db, wrap = archive_on_read_only_media
    result = jobarchive(db, "crawl", "unicef", "--set-url", "unicef=http://127.0.0.1:9", wrap=wrap)
    assert result.returncode == 4
    line = one_line_error(result)
    assert f"Cannot write the archive {db}: {db.parent} is on a read-only file system" in line


# --- hostile text in terminals and spreadsheets ---------------------------------------------

HOSTILE_TITLE = "Protection Officer\x1b]0;owned\x07\x1b[2J"
FORMULA = '=HYPERLINK("http://evil.example","Apply")'
HOSTILE_TEXT = "Duties\r\x1b[1AApply at http://evil.example\u202e gnp.exe"


@pytest.fixture
def hostile_archive(tmp_path) -> Path:
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        run = archive.start_run("unicef")
        archive.store(snapshot("600001", title="Protection Officer", text="Duties: plan."), run)
        archive.store(snapshot("600001", title=HOSTILE_TITLE, text=HOSTILE_TEXT), run)
        archive.store(snapshot("600002", title='=HYPERLINK("http://evil.example","Apply")'), run)
        archive.store(snapshot("600003", title="@SUM(A1:A9)", organization="+33 1 23"), run)
        archive.finish_run(run, listed_keys=None, listing_complete=False)
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "unicef:600001"],
        ["diff", "unicef:600001"],
        ["diff", "unicef:600001", "--format", "text"],
        ["diff", "unicef:600001", "--format", "text", "--color"],
        ["diff", "unicef:600001", "--color"],
    ],
)
def test_escape_sequences_from_sites_never_reach_the_terminal(hostile_archive, args):
    result = jobarchive(hostile_archive, *args)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x07" not in out and "\r" not in out and "\u202e" not in out
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x1b[1A" not in out
    if "--color" not in args:
        assert "\x1b" not in out
    assert "␛]0;owned" in out  # shown, so that the reader sees something is odd


def test_extract_shows_escape_sequences_of_a_saved_page(tmp_path):
    page = (
        f"<html><head><title>{HOSTILE_TITLE}</title></head><body><h1>{HOSTILE_TITLE}</h1>"
        f"<p>{SENTENCE * 5} Closing date: 15 January 2027.\x1b]0;owned\x07</p></body></html>"
    )
    result = extract(tmp_path, page, "--source", "generic")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_visible_shows_every_control_character_but_line_breaks_and_tabs():
    from crawler.cli.visible import visible

    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\x1b]0;t\x07\r\x00\x7f\x9b\u202e") == "␛]0;t␇␍␀␡<U+009B><U+202E>"


def test_csv_export_neutralizes_formulas_and_json_keeps_values(hostile_archive):
    result = jobarchive(hostile_archive, "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    postings = list(csv.DictReader(io.StringIO(result.stdout)))
    titles = {row["source_key"]: row["title"] for row in postings}
    assert titles["600002"] == '\'=HYPERLINK("http://evil.example","Apply")'
    assert titles["600003"] == "'@SUM(A1:A9)"
    assert {row["source_key"]: row["organization"] for row in postings}["600003"] == "'+33 1 23"
    jsonl = jobarchive(hostile_archive, "export")
    by_key = {row["source_key"]: row for row in map(json.loads, jsonl.stdout.splitlines())}
    assert by_key["600002"]["title"] == '=HYPERLINK("http://evil.example","Apply")'
    assert by_key["600001"]["title"] == HOSTILE_TITLE


# --- robots.txt that answers a server error -------------------------------------------------


@pytest.mark.parametrize("status", [500, 503])
def test_robots_txt_answering_a_server_error_means_the_site_is_not_crawled(
    tmp_path, boards, status
):
    board = boards()
    board.pages.update(
        {
            "/robots.txt": (status, {}, "<h1>Service unavailable</h1>"),
            "/jobs": (200, {}, listing_page("/jobs/41")),
            "/jobs/41": (200, {}, posting_page("41", "Shelter Officer")),
        }
    )
    db = tmp_path / "archive.db"
    result = crawl(db, "--config", str(board_config(tmp_path, board)), "harbour", robots=True)
    assert result.returncode == 1
    assert board.requests == ["/robots.txt"]
    (reason,) = rows(db, "SELECT reason FROM runs WHERE source = 'harbour'")[0]
    assert f"robots.txt answered HTTP {status}, so the site is not crawled this time" in reason
    assert rows(db, "SELECT status FROM runs") == [("failed",)]


def test_robots_txt_missing_still_allows_everything(tmp_path, boards):
    board = boards()
    board.pages.update(
        {
            "/jobs": (200, {}, listing_page("/jobs/41")),
            "/jobs/41": (200, {}, posting_page("41", "Shelter Officer")),
        }
    )
    db = tmp_path / "archive.db"
    result = crawl(db, "--config", str(board_config(tmp_path, board)), "harbour", robots=True)
    assert result.returncode == 0, result.stderr
    assert rows(db, "SELECT source_key FROM postings") == [("41",)]


# --- a full disk ----------------------------------------------------------------------------


def test_a_full_disk_stops_each_source_with_one_line_and_closes_its_run(tmp_path, boards):
    # Pages that do not compress, so that a 2 MB disk fills after a few postings.
    noise = random.Random(5)
    board = boards()
    links = [f"/jobs/{n}" for n in range(1, 41)]
    board.pages["/jobs"] = (200, {}, listing_page(*links))
    for n, link in enumerate(links, 1):
        filler = noise.randbytes(60_000).hex()
        page = posting_page(str(n), f"Officer {n}").replace("</body>", f"<!--{filler}--></body>")
        board.pages[link] = (200, {}, page)
    disk = tmp_path / "disk"
    disk.mkdir()
    saved = tmp_path / "saved"
    saved.mkdir()
    config = board_config(tmp_path, board)
    # A small disk of its own (tmpfs in a private mount namespace); the archive is
    # copied out once the crawl is over, and the disk goes with the namespace.
    script = (
        'mount -t tmpfs -o size=2m tmpfs "$0" && "$@"; code=$?; '
        f'cp "$0"/archive.db* {saved}/; exit $code'
    )
    wrap = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, str(disk)]
    argv = [*wrap, sys.executable, "-m", "crawler.cli", "--db", str(disk / "archive.db"),
            "crawl", "--config", str(config), "harbour", "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "RETRY_TIMES=0",
            "-s", "ROBOTSTXT_OBEY=false"]  # fmt: skip
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("disk full while storing") == 1, result.stderr
    (summary,) = result.stdout.splitlines()
    assert summary.startswith("harbour: failed - new ")
    assert "disk full while storing http://127.0.0.1:" in summary
    db = saved / "archive.db"
    status, reason = rows(db, "SELECT status, reason FROM runs")[0]
    assert status == "failed" and "disk full while storing" in reason
    stored = rows(db, "SELECT count(*) FROM postings")[0][0]
    assert 0 < stored < 40
    check_consistency(db)


# --- a run whose pid was given to another process -------------------------------------------


def test_a_run_whose_pid_now_belongs_to_another_process_is_closed_as_interrupted(tmp_path, boards):
    board = boards()
    board.pages.update(
        {
            "/jobs": (200, {}, listing_page("/jobs/41")),
            "/jobs/41": (200, {}, posting_page("41", "Shelter Officer")),
        }
    )
    db = tmp_path / "archive.db"
    config = board_config(tmp_path, board)
    assert crawl(db, "--config", str(config), "harbour").returncode == 0
    # A crawl killed long ago; its pid is now this test's own, a live process that
    # started at another time.
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO runs (source, started_at, pid, pid_started) "
            "VALUES ('harbour', '2026-01-01T00:00:00+00:00', ?, 'another-boot:12345')",
            (os.getpid(),),
        )
    conn.close()
    assert crawl(db, "--config", str(config), "harbour").returncode == 0
    assert rows(db, "SELECT status, reason FROM runs WHERE started_at LIKE '2026-01-01%'") == [
        ("incomplete", "interrupted: the crawl stopped before it finished")
    ]


def test_an_archive_of_an_older_version_is_read_only_after_upgrade(tmp_path):
    from sqlite_utils import Database

    from archive.migrations import migrations

    db = tmp_path / "archive.db"
    conn = sqlite3.connect(db)
    migrations.apply(Database(conn), stop_before="0008_run_process_start")
    conn.close()
    before = digest(db)
    result = jobarchive(db, "history")
    assert result.returncode == 4
    assert "was written by an older jobarchive" in one_line_error(result)
    assert f"jobarchive --db {db} upgrade" in result.stderr
    assert digest(db) == before
    upgraded = jobarchive(db, "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout == f"{db}: up to date\n"
    assert jobarchive(db, "history").returncode == 0


def test_reading_an_archive_outside_sqlite_keeps_the_locks_of_its_connections(tmp_path):
    """Closing a descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's included; another process then takes itself for the last connection and
    deletes the WAL under the connections still open. Header checks and the crawl lock
    read the file through one descriptor kept open (archive/files.py)."""
    from archive.integrity import check_archive

    db = make_archive(tmp_path / "archive.db")
    reader = sqlite3.connect(db)  # a datasette, say, open all along
    try:
        reader.execute("SELECT count(*) FROM postings").fetchone()
        assert check_archive(db).ok  # reads the header, outside SQLite
        from crawler.lock import CrawlLock

        with CrawlLock(db):
            pass
        writer = (
            "import sys; from archive import Archive, Snapshot; a = Archive(sys.argv[1]); "
            "a.store(Snapshot('unicef', '700001', 'https://x.org/1', title='Late', text='t')); "
            "a.close()"
        )
        subprocess.run([sys.executable, "-c", writer, str(db)], cwd=ROOT, check=True)
        # The writer saw the reader's lock, so it left the WAL to it: not the last one.
        assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
        assert reader.execute("SELECT count(*) FROM postings").fetchone() == (4,)
        fresh = sqlite3.connect(db)
        assert fresh.execute(
            "SELECT title FROM postings WHERE source_key = '700001'"
        ).fetchall() == [("Late",)]
        fresh.close()
    finally:
        reader.close()
    assert check_archive(db).ok
