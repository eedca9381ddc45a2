"""Every fault mode against every source: built-in spiders and each user-defined kind.

The framework (spiders/base.py) judges listings and pages once for every source; this
checks that it does so on each real source, through real crawls over HTTP. Every source's
mock (crawler/mocksites/), three user-defined sources of the board mock (a listing, a
feed and a sitemap) and one sources-file tenant of each platform (tests/
platform_tenants.py: a Workday, an Oracle, a PageUp and an Avature site no built-in
source knows) are served at once; a clean crawl of all of them makes the baseline
archive. Each scenario then copies that archive, switches one fault mode on in every
site, and runs one `jobarchive crawl --json` of every source, as cron would. For each
(fault, source) pair it checks what must hold whatever a site does: the exit code, the
run's status and reason, that nothing was removed, that no version was written or lost.

Detail faults each hit one posting of every site (a different posting per mode, all in
one crawl). Listing faults each get a crawl of their own, with one posting taken off
every site first: a listing wrongly judged complete would then mark it removed. A source
whose listing is one page cannot meet a fault of its page 2: it is crawled normally, and
the posting taken off is removed, as it must be.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.crawl import LOCAL_SITE_SETTINGS
from crawler.mocksites import SITES, MockSite, MockSites
from crawler.mocksites.board import BOARD_SOURCE_NAMES, BoardSite, board_sources
from crawler.mocksites.reliefweb import MOCK_APPNAME
from crawler.platforms import PLATFORMS
from crawler.sources import all_sources
from tests import platform_tenants
from tests.archive_checks import check_consistency, copy_archive

CRAWL_TIMEOUT = 240
DOWNLOAD_TIMEOUT = 2

SOURCES = [*SITES, *BOARD_SOURCE_NAMES, *platform_tenants.NAMES]

# Detail faults, each on its own posting of every site, with the words the run's log
# must use for it. "cut" is a page cut short, HTML or JSON as the source's pages are.
DETAIL_FAULTS: dict[Any, str] = {
    500: "HTTP 500",
    404: "HTTP 404",
    "drop": "the site closed the connection without answering",
    "reset": "the connection was reset before the answer was complete",
    "timeout": f"no answer within {DOWNLOAD_TIMEOUT} s (DOWNLOAD_TIMEOUT)",
    "truncate": "the answer was cut short: fewer bytes arrived than its Content-Length",
    "empty": "an empty answer (HTTP 200 with no body)",
    "cut": "cut short",
    "maintenance": "a maintenance page",
    "login": "a login page",
    "challenge": "a bot challenge page",
    "redirect-loop": "too many redirects (a redirect loop)",
}

# Listing faults, each in a crawl of its own, and what a run that met it must say.
LISTING_FAULTS: dict[str, str] = {
    "page-2-fails": "HTTP 500",
    "page-2-maintenance": "",
    "repeated-page": "repeated page",
    "empty-later-page": "had no postings",
    "shifted": "",
    "source-down": "the source could not be read",
    "redesigned": "",
}
MULTI_PAGE_ONLY = {"page-2-fails", "page-2-maintenance", "repeated-page", "empty-later-page",
                   "shifted"}  # fmt: skip

MATRIX_SIZE = (len(DETAIL_FAULTS) + len(LISTING_FAULTS)) * len(SOURCES)


@dataclass
class Crawl:
    code: int
    runs: dict[str, dict[str, Any]]
    log: str
    db: Path

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def versions(self, source: str) -> int:
        return self.query(
            "SELECT count(*) FROM versions v JOIN postings p ON p.id = v.posting_id "
            "WHERE p.source = ?",
            source,
        )[0][0]

    def posting(self, source: str, key: str) -> tuple[str, int]:
        [row] = self.query(
            "SELECT status, current_version FROM postings WHERE source = ? AND source_key = ?",
            source,
            key,
        )
        return row

    def removed(self, source: str) -> int:
        return self.query(
            "SELECT count(*) FROM postings WHERE source = ? AND status = 'removed'", source
        )[0][0]

    def errors_of(self, source: str) -> list[str]:
        """The log's failure lines of one source's spider."""
        # A crawl's stderr has one line per failure, "ERROR <source>: ..." (the full
        # Scrapy log, "[<source>] ERROR: ...", only with a log file or -v).
        name = re.escape(source)
        return re.findall(
            rf"(?:\[{name}\] ERROR: |ERROR {name}: )(?:Failed to \w+ )?(.*)", self.log
        )


@dataclass
class World:
    sites: MockSites
    tmp: Path
    config: Path
    baseline: Crawl
    pages: dict[str, int]  # listing pages each source's listing has

    def site(self, source: str) -> MockSite:
        return self.sites[source]

    def crawl(self, name: str, *extra: str) -> Crawl:
        db = self.tmp / f"{name}.db"
        copy_archive(self.baseline.db, db)
        return run_crawl(db, self.sites, self.config, *extra)


def run_crawl(db: Path, sites: MockSites, config: Path, *extra: str) -> Crawl:
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(db), "crawl", "--config",
            str(config), *SOURCES, "--json"]  # fmt: skip
    prefixes = {t.name: t.prefix for t in platform_tenants.TENANTS}
    for name, url in sites.base_urls.items():
        argv += ["--set-url", f"{name}={url}{prefixes.get(name, '')}"]
    settings = {
        **LOCAL_SITE_SETTINGS,
        "DOWNLOAD_TIMEOUT": DOWNLOAD_TIMEOUT,
        "RELIEFWEB_APPNAME": MOCK_APPNAME,
        "RELIEFWEB_PAGE_SIZE": 20,
        # One job per detail call, so that a fault on one posting hits that posting only.
        "RELIEFWEB_DETAIL_BATCH": 1,
    }
    for key, value in settings.items():
        argv += ["-s", f"{key}={json.dumps(value)}"]
    done = subprocess.run([*argv, *extra], capture_output=True, text=True, timeout=CRAWL_TIMEOUT)
    try:
        runs = {run["source"]: run for run in json.loads(done.stdout)}
    except ValueError:
        pytest.fail(f"no JSON summary (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return Crawl(done.returncode, runs, done.stderr, db)


def label(value: Any) -> str:
    return str(value)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("matrix")
    boards = [BoardSite(name=name) for name in BOARD_SOURCE_NAMES]
    tenants = [t.site() for t in platform_tenants.TENANTS]
    with MockSites(sites=[*(cls() for cls in SITES.values()), *boards, *tenants]) as sites:
        config = tmp / "sources.toml"
        config.write_text(
            board_sources({n: sites.base_urls[n] for n in BOARD_SOURCE_NAMES})
            + "\n"
            + platform_tenants.tenant_sources()
        )
        baseline = run_crawl(tmp / "baseline.db", sites, config)
        pages = {source: len(sites[source].pages_served) for source in SOURCES}
        yield World(sites, tmp, config, baseline, pages)


def test_the_matrix_has_every_source():
    builtin = set(all_sources())
    assert builtin <= set(SOURCES), builtin - set(SOURCES)
    assert len(BOARD_SOURCE_NAMES) == 3  # one user-defined source of each listing kind
    # ... and one of each platform kind.
    assert {t.kind for t in platform_tenants.TENANTS} == set(PLATFORMS)


def test_baseline_archives_every_posting_of_every_source(world: World):
    base = world.baseline
    assert base.code == 0, base.log[-3000:]
    for source in SOURCES:
        run = base.runs[source]
        posted = len(world.site(source).snapshot())
        assert (run["status"], run["new"], run["errors"]) == ("ok", posted, 0), (source, run)
    check_consistency(base.db)


# -- detail faults: one crawl, each mode on its own posting of every site ---------------


def detail_targets(world: World, source: str) -> dict[Any, str]:
    """Which posting of `source` each detail fault hits (by the site's key)."""
    keys = [p.key for p in world.site(source).snapshot()]
    assert len(keys) >= len(DETAIL_FAULTS), f"{source} has too few postings for the matrix"
    return dict(zip(DETAIL_FAULTS, keys, strict=False))


def archived(source: str, key: str) -> str:
    """The archive's key of a site's posting: the feed source keys postings by entry id."""
    return f"urn:harbour-aid:{key}" if source == "board_feed" else key


def _action(source: str, mode: Any, config: Path) -> Any:
    if mode == "cut":
        facts = all_sources(config=config).get(source)
        json_pages = facts is not None and facts.spider.facts.detail_format == "json"
        return "cut-json" if json_pages else "malformed:cut"
    return mode


@pytest.fixture(scope="module")
def details(world: World) -> Crawl:
    try:
        for source in SOURCES:
            site = world.site(source)
            for mode, key in detail_targets(world, source).items():
                site.fault_posting(key, _action(source, mode, world.config))
        # --full: every detail is fetched and read again, so that every fault is met.
        return world.crawl("details", "--full")
    finally:
        for site in world.sites:
            site.reset()


@pytest.mark.parametrize("source", SOURCES)
def test_detail_faults_make_the_run_incomplete_and_change_nothing(
    world: World, details: Crawl, source: str
):
    run = details.runs[source]
    assert details.code == 1
    assert run["status"] == "incomplete", run
    assert run["errors"] == len(DETAIL_FAULTS), (run, details.errors_of(source))
    assert run["reason"].startswith(f"{len(DETAIL_FAULTS)} failures, first: detail ")
    assert (run["removed"], run["new"], run["changed"]) == (0, 0, 0)
    assert details.versions(source) == world.baseline.versions(source)


@pytest.mark.parametrize("mode", DETAIL_FAULTS, ids=label)
@pytest.mark.parametrize("source", SOURCES)
def test_detail_fault(world: World, details: Crawl, source: str, mode: Any):
    key = archived(source, detail_targets(world, source)[mode])
    # Named in the log, and the posting as it was: listed, so not removed; no version.
    words = DETAIL_FAULTS[mode]
    assert any(words in line for line in details.errors_of(source)), (
        f"{source}/{mode}: no failure saying {words!r} in {details.errors_of(source)}"
    )
    assert details.posting(source, key) == world.baseline.posting(source, key)
    assert details.posting(source, key)[1] == 1


# -- listing faults: a crawl each, with one posting taken off every site ---------------


def apply_listing_fault(site: MockSite, fault: str) -> None:
    if fault == "page-2-fails":
        site.fault_listing_page(2, 500)
    elif fault == "page-2-maintenance":
        site.fault_listing_page(2, "maintenance")
    elif fault == "repeated-page":
        site.listing_fault = "repeat"
    elif fault == "empty-later-page":
        site.listing_fault = "empty"
    elif fault == "shifted":
        site.listing_fault = "shift"
    elif fault == "source-down":
        site.down = True
    elif fault == "redesigned":
        site.layout_changed = True
    else:
        raise ValueError(fault)


@pytest.fixture(scope="module")
def listings(world: World) -> dict[str, tuple[Crawl, dict[str, str]]]:
    out = {}
    for fault in LISTING_FAULTS:
        gone: dict[str, str] = {}
        saved = {}
        try:
            for source in SOURCES:
                site = world.site(source)
                saved[source] = dict(site.postings)
                gone[source] = site.remove(site.snapshot()[-1].key).key
                apply_listing_fault(site, fault)
            out[fault] = (world.crawl(f"listing-{fault}"), gone)
        finally:
            for source, postings in saved.items():
                site = world.site(source)
                site.reset()
                with site.lock:
                    site.postings = postings
    return out


@pytest.mark.parametrize("fault", LISTING_FAULTS)
@pytest.mark.parametrize("source", SOURCES)
def test_listing_fault(world: World, listings: dict[str, Any], source: str, fault: str):
    crawl, gone = listings[fault]
    run = crawl.runs[source]
    if fault in MULTI_PAGE_ONLY and world.pages[source] < 2:
        # One page: nothing of page 2 to break. Read whole, its listing removes the
        # posting that was taken off, as a complete listing must.
        assert (run["status"], run["removed"]) == ("ok", 1), run
        assert crawl.posting(source, archived(source, gone[source]))[0] == "removed"
        return
    assert crawl.code == 1
    assert run["status"] in ("incomplete", "failed"), run
    assert run["reason"], run
    assert LISTING_FAULTS[fault] in run["reason"], run["reason"]
    assert crawl.versions(source) == world.baseline.versions(source)  # no version written
    key = archived(source, gone[source])
    if fault == "redesigned":
        # Loud, and naming what the spider no longer finds.
        loud = r"layout drift|matched nothing|not found|\bno\b|held back"
        assert re.search(loud, run["reason"]), run
        if run["listing_complete"]:
            # Only the job pages changed (a feed or sitemap lists as before): what the
            # listing no longer shows is gone, the rest stays as it was.
            assert (run["removed"], crawl.posting(source, key)[0]) == (1, "removed")
            return
    # Nothing removed, though one posting was taken off the site.
    assert run["listing_complete"] is False
    assert run["removed"] == 0 and crawl.removed(source) == 0
    assert crawl.posting(source, key) == world.baseline.posting(source, key)
    if fault == "source-down":
        assert run["status"] == "failed"


def test_after_the_faults_every_archive_is_consistent(world: World, details, listings):
    check_consistency(details.db)
    for crawl, _ in listings.values():
        check_consistency(crawl.db)
