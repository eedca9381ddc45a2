"""Fault modes: every way a site or the network can fail an unattended crawl (issue #5).

One clean crawl of the UNICEF (PageUp: JSON listing, HTML details) and UNHCR (Workday
JSON) mocks makes the baseline archive. Each scenario then copies that archive, switches
faults on in the mock sites, and runs a real `jobarchive crawl --json` in its own
process, as cron would. Faults that hit one posting each get their own posting, so one
crawl tries many modes; the parametrized tests then look at each posting.

Every scenario checks what issue #5 asks: the crawl finishes (a timeout guards it), the
exit code says what happened, the run records its status and reason, no posting is
marked removed because of a failure, and no version is lost or duplicated.

What a 404 or 410 on a detail page means: the posting is still in the listing, and the
listing alone decides removal, so the posting stays as it was (not removed, still seen).
The fetch is an error, so the run is incomplete and the exit code 1: a posting the site
lists but will not show is worth a look. A 410 is not taken as "removed" either: the
listing is the authority, a stale CDN or a misconfigured server can say 410 for a
moment, and a posting really gone drops out of the next complete listing, which marks
it removed within one crawl.
"""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.demo import crawl_command
from crawler.mocksites import MockResponse, MockSites
from crawler.mocksites.content import unhcr_postings, unicef_postings
from crawler.mocksites.unhcr import TENANT_PATH, UnhcrSite, external_path
from crawler.mocksites.unicef import UnicefSite, job_path
from tests.archive_checks import check_consistency, copy_archive

# Every crawl must end well within this, whatever the sites do.
CRAWL_TIMEOUT = 90
DOWNLOAD_TIMEOUT = 2
# Small, so that an oversized answer needs only a few hundred KB; a page is about 16 KB.
MAXSIZE = 200_000
SETTINGS = ["-s", f"DOWNLOAD_TIMEOUT={DOWNLOAD_TIMEOUT}", "-s", f"DOWNLOAD_MAXSIZE={MAXSIZE}"]
# The faults are on detail pages the baseline archive holds: every crawl fetches them all.
SETTINGS += ["-s", "JOBARCHIVE_REVISIT_AFTER=0"]

# Faults a retry gets past (RETRY_TIMES is 1 for local sites): each hits one UNICEF
# posting's detail once.
TRANSIENT = [
    500,
    503,
    "drop",
    "reset",
    "timeout",
    "truncate",
    "retry-after:1",
    "retry-after:1:503",
]

# Faults that hit one UNICEF posting's detail every time, with the failure text the log
# and the run's reason give for it.
PERSISTENT: dict[Any, str] = {
    500: "HTTP 500",
    503: "HTTP 503",
    404: "HTTP 404",
    410: "HTTP 410",
    "drop": "the site closed the connection without answering",
    "reset": "the connection was reset before the answer was complete",
    "timeout": f"no answer within {DOWNLOAD_TIMEOUT} s (DOWNLOAD_TIMEOUT)",
    "truncate": "the answer was cut short: fewer bytes arrived than its Content-Length",
    "redirect-loop": "too many redirects (a redirect loop)",
    # Longer than RETRY_AFTER_MAX: not waited for, not retried.
    "retry-after:3600": "HTTP 429 (Retry-After: 3600)",
    "empty": "an empty answer (HTTP 200 with no body)",
    f"oversize:{3 * MAXSIZE}": f"the answer is larger than DOWNLOAD_MAXSIZE ({MAXSIZE} bytes)",
    f"oversize-stream:{3 * MAXSIZE}": (
        f"the answer is larger than DOWNLOAD_MAXSIZE ({MAXSIZE} bytes)"
    ),
    # 32 MiB of spaces in 32 KB: more than the production DOWNLOAD_MAXSIZE, too.
    "gzip-bomb": (
        f"the answer inflates past DOWNLOAD_MAXSIZE ({MAXSIZE} bytes) when decompressed "
        "(a compression bomb)"
    ),
    "malformed:cut": "the page ends before </html> (cut short)",
}


def wrong_shape(request: Any) -> MockResponse:
    """Valid JSON the spider does not expect: its callback raises."""
    return MockResponse.json({"jobPostingInfo": ["not", "an", "object"]})


# The same for UNHCR's JSON details.
PERSISTENT_UNHCR: dict[Any, str] = {
    500: "HTTP 500",
    "empty": "an empty answer (HTTP 200 with no body)",
    "truncate": PERSISTENT["truncate"],
    wrong_shape: "no jobPostingInfo in the answer",
}

# Faults the crawl must read through: the page is all there, only badly made or
# labelled. Each hits a posting whose duty station has an accent.
READABLE = {
    "malformed": "Genève",
    "charset:cp1252": "Bogotá",
    "claim-charset:iso-8859-1": "Médéa",
    "no-charset:cp1252": "Niamey – Ténéré",
    "no-charset": "Port-au-Prince, Haïti",
}


@dataclass
class Crawl:
    """One `jobarchive crawl --json` and the archive it left."""

    code: int
    runs: dict[str, dict[str, Any]]
    log: str
    db: Path
    #: What each site was asked during this crawl: [(method, target), ...] by source.
    requests: dict[str, list[tuple[str, str]]]

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def versions(self, source: str | None = None) -> int:
        sql = "SELECT count(*) FROM versions v JOIN postings p ON p.id = v.posting_id"
        if source is None:
            return self.query(sql)[0][0]
        return self.query(sql + " WHERE p.source = ?", source)[0][0]

    def posting(self, source: str, key: str) -> tuple[str, int, str | None]:
        """(status, current version, location) of one posting."""
        [row] = self.query(
            "SELECT status, current_version, location FROM postings "
            "WHERE source = ? AND source_key = ?",
            source,
            key,
        )
        return row

    def assert_nothing_removed(self) -> None:
        assert self.query("SELECT count(*) FROM postings WHERE status = 'removed'") == [(0,)]
        assert self.query("SELECT count(*) FROM events WHERE event = 'removed'") == [(0,)]
        assert all(run["removed"] == 0 for run in self.runs.values())


@dataclass
class World:
    sites: MockSites
    tmp: Path
    baseline: Crawl

    @property
    def unicef(self) -> UnicefSite:
        return self.sites["unicef"]  # type: ignore[return-value]

    @property
    def unhcr(self) -> UnhcrSite:
        return self.sites["unhcr"]  # type: ignore[return-value]

    def url(self, source: str, path: str) -> str:
        return self.sites[source].base_url + path

    def crawl(self, name: str, *extra: str, db: Path | None = None) -> Crawl:
        """A crawl into a copy of the baseline archive (or into `db`)."""
        if db is None:
            db = self.tmp / f"{name}.db"
            copy_archive(self.baseline.db, db)
        return run_crawl(db, self.sites, *extra)


def run_crawl(db: Path, sites: MockSites, *extra: str) -> Crawl:
    argv = crawl_command(db, sites.base_urls) + ["--json", *SETTINGS, *extra]
    before = {site.name: len(site.requests) for site in sites}
    # A TimeoutExpired here is the failure "the crawl never finished".
    done = subprocess.run(argv, capture_output=True, text=True, timeout=CRAWL_TIMEOUT)
    try:
        runs = {run["source"]: run for run in json.loads(done.stdout)}
    except ValueError:
        pytest.fail(f"no JSON summary (exit {done.returncode}):\n{done.stderr[-3000:]}")
    requests = {site.name: site.requests[before[site.name] :] for site in sites}
    return Crawl(done.returncode, runs, done.stderr, db, requests)


def unicef_pattern(key: str) -> str:
    return rf"^/en-us/job/{key}/"


def unhcr_pattern(key: str) -> str:
    return rf"^{TENANT_PATH}/job/.*_{key}(\?|$)"


def label(action: Any) -> str:
    return getattr(action, "__name__", str(action))


# -- the fault modes on the wire ---------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    with MockSites(sites=[UnicefSite(postings=unicef_postings(2))]) as sites:
        yield sites["unicef"]


def fetch(site: UnicefSite, action: Any) -> tuple[http.client.HTTPResponse, bytes]:
    """GET the first posting's detail with `action` switched on (for this request only)."""
    path = job_path(site.snapshot()[0])
    site.faults.clear()
    site.fault("^/en-us/job/", action, times=1)
    conn = http.client.HTTPConnection(site.base_url.removeprefix("http://"), timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def test_wire_truncate_sends_less_than_its_content_length(small: UnicefSite):
    with pytest.raises(http.client.IncompleteRead) as raised:
        fetch(small, "truncate")
    # Half the page came, and the other half was announced but never sent.
    assert len(raised.value.partial) > 0 and raised.value.expected > 0


def test_wire_reset_aborts_the_connection(small: UnicefSite):
    with pytest.raises((ConnectionResetError, http.client.RemoteDisconnected)):
        fetch(small, "reset")


def test_wire_timeout_answers_nothing(small: UnicefSite):
    with pytest.raises(socket.timeout):
        conn = http.client.HTTPConnection(small.base_url.removeprefix("http://"), timeout=0.3)
        small.faults.clear()
        small.fault("^/en-us/job/", "timeout:2", times=1)
        try:
            conn.request("GET", job_path(small.snapshot()[0]))
            conn.getresponse()
        finally:
            conn.close()


def test_wire_redirect_loop_goes_back_and_forth(small: UnicefSite):
    path = job_path(small.snapshot()[0])
    response, _ = fetch(small, "redirect-loop")
    assert (response.status, response.headers["Location"]) == (302, f"{path}?jobarchive-loop=1")


@pytest.mark.parametrize("action, status", [("retry-after:7", 429), ("retry-after:7:503", 503)])
def test_wire_retry_after(small: UnicefSite, action: str, status: int):
    response, _ = fetch(small, action)
    assert (response.status, response.headers["Retry-After"]) == (status, "7")


def test_wire_empty_and_oversize(small: UnicefSite):
    assert fetch(small, "empty")[1] == b""
    response, body = fetch(small, "oversize:100000")
    assert len(body) == int(response.headers["Content-Length"]) == 100_000
    response, body = fetch(small, "oversize-stream:100000")
    assert response.headers["Content-Length"] is None and len(body) == 100_000


def test_wire_gzip_bomb_is_small_on_the_wire(small: UnicefSite):
    response, body = fetch(small, "gzip-bomb:5000000")
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(body) < 10_000 and len(gzip.decompress(body)) == 5_000_000


def test_wire_charsets(small: UnicefSite):
    clean = fetch(small, "slow:0")[1]
    response, body = fetch(small, "charset:cp1252")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == clean.decode("utf-8").encode("cp1252", "xmlcharrefreplace") != clean
    response, body = fetch(small, "claim-charset:iso-8859-1")
    assert (response.headers["Content-Type"], body) == ("text/html; charset=iso-8859-1", clean)
    response, body = fetch(small, "no-charset")
    assert response.headers["Content-Type"] == "text/html" and b"charset" not in body


def test_wire_malformed(small: UnicefSite):
    clean = fetch(small, "slow:0")[1]
    response, body = fetch(small, "malformed:cut")
    assert len(body) == int(response.headers["Content-Length"]) < len(clean)
    assert clean.startswith(body) and b"</html>" not in body
    _, body = fetch(small, "malformed")
    assert b"</p>" in clean and b"</p>" not in body and b"< & <<" in body


def test_an_unknown_fault_is_refused_at_once(small: UnicefSite):
    with pytest.raises(ValueError, match="unknown fault action 'rest'"):
        small.fault("^/", "rest")


# -- the sites and the baseline ---------------------------------------------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("faults")
    # UNICEF keeps its 45 postings: three listing pages of 20. UNHCR: one page.
    unicef, unhcr = UnicefSite(), UnhcrSite(postings=unhcr_postings(8))
    with MockSites(sites=[unicef, unhcr]) as sites:
        for posting, station in zip(readable_postings(unicef), READABLE.values(), strict=True):
            unicef.edit(posting, duty_station=station)
        db = tmp / "baseline.db"
        baseline = run_crawl(db, sites)
        yield World(sites, tmp, baseline)


def transient_postings(site: UnicefSite) -> list[str]:
    return [p.key for p in site.snapshot()[: len(TRANSIENT)]]


def persistent_postings(site: UnicefSite) -> list[str]:
    start = len(TRANSIENT)
    return [p.key for p in site.snapshot()[start : start + len(PERSISTENT)]]


def readable_postings(site: UnicefSite) -> list[str]:
    start = len(TRANSIENT) + len(PERSISTENT)
    return [p.key for p in site.snapshot()[start : start + len(READABLE)]]


def test_baseline_archives_every_posting(world: World):
    base = world.baseline
    assert base.code == 0, base.log
    assert {s: (r["status"], r["new"], r["errors"]) for s, r in base.runs.items()} == {
        "unicef": ("ok", 45, 0),
        "unhcr": ("ok", 8, 0),
    }
    assert base.versions() == 53
    check_consistency(base.db)


# Each scenario switches its faults on, crawls, and switches them off before it returns
# (not at teardown, which for a module fixture is only at the end of the module).

# -- transient faults: a retry gets past them -------------------------------------------


@pytest.fixture(scope="module")
def transient(world: World):
    site = world.unicef
    try:
        for key, action in zip(transient_postings(site), TRANSIENT, strict=True):
            site.fault(unicef_pattern(key), action, times=1)
        # The listing too: its first page fails once.
        world.unhcr.fault(rf"^{TENANT_PATH}/jobs$", 500, times=1)
        return world.crawl("transient"), list(site.faults)
    finally:
        site.faults.clear()
        world.unhcr.faults.clear()


def test_transient_faults_are_retried_and_the_run_is_ok(world: World, transient: Any):
    transient, _ = transient
    assert transient.code == 0, transient.log
    for source, total in (("unicef", 45), ("unhcr", 8)):
        run = transient.runs[source]
        assert (run["status"], run["reason"], run["errors"]) == ("ok", None, 0)
        assert (run["new"], run["changed"], run["unchanged"]) == (0, 0, total)
    transient.assert_nothing_removed()
    assert transient.versions() == world.baseline.versions()
    check_consistency(transient.db)


@pytest.mark.parametrize("action", TRANSIENT, ids=label)
def test_transient_fault(world: World, transient: Any, action: Any):
    crawl, faults = transient
    index = TRANSIENT.index(action)
    key = transient_postings(world.unicef)[index]
    assert faults[index].hits == 1  # the fault did hit the crawl
    # ...and the retry got the page: two requests, the posting seen and unchanged.
    asked = [t for _, t in crawl.requests["unicef"] if t.startswith(f"/en-us/job/{key}/")]
    assert len(asked) == 2
    assert crawl.posting("unicef", key)[:2] == ("open", 1)


# -- persistent faults: one posting fails, the others are archived ----------------------


@pytest.fixture(scope="module")
def persistent(world: World):
    unicef, unhcr = world.unicef, world.unhcr
    try:
        for key, action in zip(persistent_postings(unicef), PERSISTENT, strict=True):
            unicef.fault(unicef_pattern(key), action)
        for posting, action in zip(unhcr.snapshot(), PERSISTENT_UNHCR, strict=False):
            unhcr.fault(unhcr_pattern(posting.key), action)
        return world.crawl("persistent")
    finally:
        unicef.faults.clear()
        unhcr.faults.clear()


def test_persistent_faults_make_the_runs_incomplete(world: World, persistent: Crawl):
    assert persistent.code == 1
    for source, faults, total in (
        ("unicef", PERSISTENT, 45),
        ("unhcr", PERSISTENT_UNHCR, 8),
    ):
        run = persistent.runs[source]
        assert run["status"] == "incomplete"
        assert run["errors"] == len(faults)
        # The listing was complete: the postings that failed were seen, the rest unchanged.
        assert (run["new"], run["changed"], run["unchanged"]) == (0, 0, total - len(faults))
        assert run["reason"].startswith(f"{len(faults)} failures, first: detail ")
        expected = failure_lines(world, source, faults)
        assert run["reason"].split("first: ", 1)[1] in expected.values()
    persistent.assert_nothing_removed()
    assert persistent.versions() == world.baseline.versions()
    check_consistency(persistent.db)


def failure_lines(world: World, source: str, faults: dict[Any, str]) -> dict[Any, str]:
    """The failure line of each faulty posting: `detail URL: what went wrong`."""
    if source == "unicef":
        postings = {p.key: p for p in world.unicef.snapshot()}
        keys = persistent_postings(world.unicef)
        paths = [job_path(postings[k]) for k in keys]
    else:
        paths = [TENANT_PATH + external_path(p) for p in world.unhcr.snapshot()]
    return {
        action: f"detail {world.url(source, path)}: {text}"
        for (action, text), path in zip(faults.items(), paths, strict=False)
    }


@pytest.mark.parametrize("action", PERSISTENT, ids=label)
def test_persistent_fault_on_a_unicef_detail(world: World, persistent: Crawl, action: Any):
    key = persistent_postings(world.unicef)[list(PERSISTENT).index(action)]
    line = failure_lines(world, "unicef", PERSISTENT)[action]
    assert f"Failed to fetch {line}\n" in persistent.log
    # Still listed, so still open: neither removed nor given a version from the fault.
    assert persistent.posting("unicef", key)[:2] == ("open", 1)


@pytest.mark.parametrize("action", PERSISTENT_UNHCR, ids=label)
def test_persistent_fault_on_a_unhcr_detail(world: World, persistent: Crawl, action: Any):
    index = list(PERSISTENT_UNHCR).index(action)
    key = world.unhcr.snapshot()[index].key
    line = failure_lines(world, "unhcr", PERSISTENT_UNHCR)[action]
    assert line in persistent.log
    assert persistent.posting("unhcr", key)[:2] == ("open", 1)


def test_a_gzip_bomb_is_stopped_at_the_maximum_size(persistent: Crawl):
    # Scrapy stops inflating at DOWNLOAD_MAXSIZE instead of inflating 32 MiB first.
    assert f"exceeded DOWNLOAD_MAXSIZE ({MAXSIZE} B) during decompression" in persistent.log


def test_after_the_faults_a_clean_crawl_finds_everything_unchanged(world: World, persistent: Crawl):
    again = world.crawl("recovered", db=persistent.db)
    assert again.code == 0, again.log
    assert {s: (r["status"], r["unchanged"], r["errors"]) for s, r in again.runs.items()} == {
        "unicef": ("ok", 45, 0),
        "unhcr": ("ok", 8, 0),
    }
    again.assert_nothing_removed()
    assert again.versions() == world.baseline.versions()
    check_consistency(again.db)


# -- pages badly made or labelled: read right, stored once ------------------------------


@pytest.fixture(scope="module")
def readable(world: World):
    site = world.unicef
    try:
        for key, action in zip(readable_postings(site), READABLE, strict=True):
            site.fault(unicef_pattern(key), action)
        # --full: extract every page again, even one whose bytes did not change (a
        # wrong header alone does not change the body).
        return world.crawl("readable", "--full")
    finally:
        site.faults.clear()


def test_readable_faults_change_nothing(world: World, readable: Crawl):
    assert readable.code == 0, readable.log
    run = readable.runs["unicef"]
    assert (run["status"], run["errors"], run["changed"], run["unchanged"]) == ("ok", 0, 0, 45)
    readable.assert_nothing_removed()
    assert readable.versions() == world.baseline.versions()
    check_consistency(readable.db)


@pytest.mark.parametrize("action", READABLE)
def test_readable_fault_stores_the_right_text(world: World, readable: Crawl, action: str):
    key = readable_postings(world.unicef)[list(READABLE).index(action)]
    station = READABLE[action]
    # Version 1 from the clean baseline, read again through the fault: no mojibake
    # ("GenÃ¨ve", "Gen\ufffdve") and no text lost, or it would be a version 2.
    assert readable.posting("unicef", key) == ("open", 1, station)
    [(text,)] = readable.query(
        "SELECT v.text FROM versions v JOIN postings p ON p.id = v.posting_id "
        "WHERE p.source = 'unicef' AND p.source_key = ?",
        key,
    )
    assert "\ufffd" not in text and "Ã" not in text


# -- listings: broken halfway, or the whole source down ---------------------------------


@pytest.fixture(scope="module")
def halfway(world: World):
    unicef, unhcr = world.unicef, world.unhcr
    saved = dict(unicef.postings)
    gone = unicef.snapshot()[3].key
    try:
        unicef.remove(gone)  # a complete listing would mark it removed; this one must not
        unicef.fault_listing_page(2, 500)
        unhcr.fault(rf"^{TENANT_PATH}/jobs$", "reset")
        return world.crawl("halfway"), gone
    finally:
        unicef.faults.clear()
        unhcr.faults.clear()
        with unicef.lock:
            unicef.postings = saved


def test_a_listing_failing_halfway_removes_nothing(world: World, halfway: tuple[Crawl, str]):
    crawl, gone = halfway
    assert crawl.code == 1
    run = crawl.runs["unicef"]
    page2 = world.url("unicef", "/en-us/listing/?page=2&page-items=20")
    assert (run["status"], run["listing_complete"], run["removed"]) == ("incomplete", False, 0)
    assert run["reason"] == (
        f"1 failure: listing {page2}: HTTP 500; "
        "the listing did not complete, so nothing was marked removed"
    )
    # Page 1 was read and its postings seen; page 3 was never asked for.
    assert run["unchanged"] == 20
    assert not any("page=3" in target for _, target in crawl.requests["unicef"])
    assert crawl.posting("unicef", gone)[:2] == ("open", 1)
    crawl.assert_nothing_removed()
    assert crawl.versions() == world.baseline.versions()
    check_consistency(crawl.db)


def test_a_listing_reset_every_time_fails_the_source(world: World, halfway: tuple[Crawl, str]):
    crawl, _ = halfway
    run = crawl.runs["unhcr"]
    jobs = world.url("unhcr", f"{TENANT_PATH}/jobs")
    assert (run["status"], run["unchanged"], run["removed"]) == ("failed", 0, 0)
    assert run["reason"] == (
        f"1 failure: listing {jobs}: "
        "the connection was reset before the answer was complete; "
        "the source could not be read, so nothing was marked removed"
    )


@pytest.fixture(scope="module")
def down(world: World):
    try:
        world.unicef.down = True
        return world.crawl("down")
    finally:
        world.unicef.down = False


def test_a_source_down_fails_alone(world: World, down: Crawl):
    assert down.code == 1
    unicef, unhcr = down.runs["unicef"], down.runs["unhcr"]
    page1 = world.url("unicef", "/en-us/listing/?page=1&page-items=20")
    assert (unicef["status"], unicef["unchanged"], unicef["removed"]) == ("failed", 0, 0)
    # Its robots.txt answers 500 too, so (RFC 9309) not even the listing is asked for.
    assert unicef["reason"] == (
        f"1 failure: listing {page1}: robots.txt answered HTTP 500, so the site is not "
        "crawled this time (RFC 9309: a server error means assume disallow); "
        "the source could not be read, so nothing was marked removed"
    )
    assert (unhcr["status"], unhcr["unchanged"], unhcr["errors"]) == ("ok", 8, 0)
    down.assert_nothing_removed()
    assert down.versions() == world.baseline.versions()
    check_consistency(down.db)
