"""What is no change of a posting, through real crawls (issue #11, items 5-7).

Each case reproduces, over HTTP against a mock, a way the archive used to gain versions
of postings that had not changed, or fetched a posting many times: a page without a
declared charset with chrome that rotates, a duty station whose case changed, a posting
linked many times from its listing. Each crawl is a real `jobarchive crawl` process.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import MockResponse, MockSites
from crawler.mocksites.board import BoardSite, board_sources
from crawler.mocksites.unicef import UnicefSite


def crawl(db: Path, sites: MockSites, *args: str, config: Path | None = None) -> dict:
    sources = [a for a in args if not a.startswith("-")]
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", *args, "--json"]
    if config is not None:
        argv += ["--config", str(config)]
    for source in sources:
        argv += ["--set-url", f"{source}={next(iter(sites)).base_url}"]
    for key, value in LOCAL_SITE_SETTINGS.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return {run["source"]: run for run in json.loads(done.stdout)}


def versions(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM versions").fetchone()[0]


def test_a_page_without_charset_and_with_rotating_chrome_makes_one_version(tmp_path):
    """A cp1250 page that declares no charset, whose "similar jobs" change on every
    fetch: statistical detection read it as cp1250 one time and cp850 the next."""
    site = BoardSite(name="board_listing")
    site.rotate_similar = True
    key = site.snapshot()[0].key
    site.edit(key, duty_station="Łódź – Kraków", country="Poland")

    def undeclared(request):  # the page as the board sends it, in cp1250, no charset
        text = site.handle(request).body.decode("utf-8").replace('<meta charset="utf-8">', "")
        return MockResponse(200, text.encode("cp1250", "xmlcharrefreplace"), "text/html")

    site.fault_posting(key, undeclared)
    with MockSites(sites=[site]) as sites:
        config = tmp_path / "sources.toml"
        config.write_text(board_sources(site.base_url))
        db = tmp_path / "archive.db"
        for _ in range(5):
            run = crawl(db, sites, "board_listing", config=config)["board_listing"]
    assert (run["status"], run["changed"], run["unchanged"]) == ("ok", 0, 12)
    assert versions(db) == 12
    with sqlite3.connect(db) as conn:
        (location,) = conn.execute(
            "SELECT location FROM postings WHERE source_key = ?", (key,)
        ).fetchone()
        (encoding,) = conn.execute(
            "SELECT encoding FROM fetches WHERE source_key = ?", (key,)
        ).fetchone()
    assert location == "Łódź – Kraków"
    assert encoding == "cp1252" or encoding == "cp1250"


def test_a_duty_station_that_changes_only_in_case_makes_no_version(tmp_path):
    site = UnicefSite()
    first = site.snapshot()[0]
    with MockSites(sites=[site]) as sites:
        db = tmp_path / "archive.db"
        crawl(db, sites, "unicef")
        before = versions(db)
        # "MEXICO CITY" and "Mexico City" are one duty station (and one text).
        site.edit(first.key, duty_station=first.duty_station.upper())
        run = crawl(db, sites, "unicef", "--full")["unicef"]
    assert (run["changed"], run["new"], run["unchanged"]) == (0, 0, len(site.postings))
    assert versions(db) == before


def test_a_posting_linked_many_times_is_fetched_once(tmp_path):
    site = BoardSite(name="board_listing")
    site.link_copies = 4  # title, and three "Read more" links with tracking queries
    with MockSites(sites=[site]) as sites:
        config = tmp_path / "sources.toml"
        config.write_text(board_sources(site.base_url))
        run = crawl(tmp_path / "archive.db", sites, "board_listing", config=config)
    assert (run["board_listing"]["status"], run["board_listing"]["new"]) == ("ok", 12)
    details = [target for _, target in site.requests if target.startswith("/jobs/")]
    assert len(details) == 12
