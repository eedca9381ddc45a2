"""Acceptance: a board the project has never seen, crawled from a TOML file as the docs teach.

"Harbour Aid Careers" exists only in this file, and is built unlike the mock sites:
cards with a "Next »" link over three listing pages and a stated total, detail pages
with JSON-LD (PropertyValue identifiers, UTC instants) and a <th>/<td> facts table,
an Atom feed and a sitemap index. SOURCES_TOML below is written from
docs/user-sources.md alone; each crawl is a real `jobarchive crawl` in a subprocess
(the Twisted reactor cannot restart within one process).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).parent.parent
PER_PAGE = 3

SOURCES_TOML = """
# Harbour Aid Careers, read three ways.
[sources.harbour]
kind = "listing"
base_url = "https://careers.harbour-aid.example"
start = "/careers/openings"
detail_links = "article.card h2 a"
next_page = "a[rel=next]"
total = "#hits"
key = '/careers/vacancy/([A-Z]+-\\d+-\\d+)/'
fields = "auto"
date_order = "day-first"
timezone = "Asia/Manila"

[sources.harbour_feed]
kind = "feed"
base_url = "https://careers.harbour-aid.example"
feed = "/feeds/jobs.atom"
key = "entry-id"
fields = "labels"
date_order = "day-first"
timezone = "Asia/Manila"
organization = "Harbour Aid"

[sources.harbour_map]
kind = "sitemap"
base_url = "https://careers.harbour-aid.example"
sitemap = "/sitemap.xml"
url_filter = '/careers/vacancy/'
key = "jsonld"
fields = "jsonld"
timezone = "Asia/Manila"
"""


@dataclass
class Vacancy:
    ref: str
    title: str
    city: str
    country: str
    grade: str
    posted: str  # a UTC instant, as the JSON-LD gives it
    deadline: str | None  # a UTC instant; None: the board shows "Closed"

    @property
    def path(self) -> str:
        return f"/careers/vacancy/{self.ref}/{self.title.lower().replace(' ', '-')}"


def vacancies() -> list[Vacancy]:
    cities = [("Cebu", "Philippines"), ("Dhaka", "Bangladesh"), ("Suva", "Fiji")]
    out = []
    for n in range(1, 8):
        city, country = cities[n % 3]
        out.append(
            Vacancy(
                ref=f"HA-2026-{n:04d}",
                title=["Shelter Officer", "Cash Assistant", "Port Logistician"][n % 3] + f" {n}",
                city=city,
                country=country,
                grade=f"NO-{'ABC'[n % 3]}",
                # 18:30Z is already the next day in Manila (UTC+8).
                posted=f"2026-06-0{n}T18:30:00Z",
                deadline=None if n == 5 else f"2026-07-{10 + n}T15:59:00Z",
            )
        )
    return out


class HarbourBoard(ThreadingHTTPServer):
    """The board's state; tests edit `vacancies` and `failing` between crawls."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.vacancies = vacancies()
        self.failing: set[str] = set()  # paths (with query) answered with HTTP 500

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: HarbourBoard

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        board = self.server
        if self.path in board.failing:
            return self._send(500, "text/html", "<h1>Internal error</h1>")
        by_path = {v.path: v for v in board.vacancies}
        if parts.path == "/careers/openings":
            page = int(parse_qs(parts.query).get("p", ["1"])[0])
            return self._send(200, "text/html", listing_page(board.vacancies, page))
        if parts.path in by_path:
            return self._send(200, "text/html", detail_page(by_path[parts.path]))
        if parts.path == "/feeds/jobs.atom":
            return self._send(200, "application/atom+xml", atom(board.url, board.vacancies))
        if parts.path == "/sitemap.xml":
            return self._send(200, "application/xml", sitemap_index(board.url))
        if parts.path.startswith("/sitemap-jobs-"):
            half = int(parts.path.removeprefix("/sitemap-jobs-").removesuffix(".xml"))
            chosen = board.vacancies[:4] if half == 1 else board.vacancies[4:]
            return self._send(200, "application/xml", sitemap(board.url, chosen))
        return self._send(404, "text/html", "<h1>Not found</h1>")

    def _send(self, status: int, content_type: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def listing_page(all_vacancies: list[Vacancy], page: int) -> str:
    shown = all_vacancies[(page - 1) * PER_PAGE : page * PER_PAGE]
    cards = "".join(
        f'<article class="card"><h2><a href="{v.path}">{escape(v.title)}</a></h2>'
        f'<p>{v.city} · {v.grade}</p><a class="share" href="/share?{v.ref}">Share</a>'
        "</article>"
        for v in shown
    )
    more = len(all_vacancies) > page * PER_PAGE
    pager = f'<a rel="next" href="/careers/openings?p={page + 1}">Next »</a>' if more else ""
    if page > 1:
        pager = f'<a rel="prev" href="/careers/openings?p={page - 1}">« Back</a> ' + pager
    return (
        "<!doctype html><html><body><header>Harbour Aid Careers</header>"
        f'<main><p>Showing <span id="hits">{len(all_vacancies)} vacancies</span></p>'
        f'{cards}<footer class="pager">{pager}</footer></main></body></html>'
    )


def detail_page(v: Vacancy) -> str:
    posting = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": v.title},
            {
                "@type": "JobPosting",
                "title": v.title,
                "identifier": {"@type": "PropertyValue", "name": "Harbour Aid", "value": v.ref},
                "hiringOrganization": {"@type": "Organization", "name": "Harbour Aid"},
                "jobLocation": {
                    "@type": "Place",
                    "address": {"addressLocality": v.city, "addressCountry": v.country},
                },
                "datePosted": v.posted,
                "employmentType": ["FULL_TIME", "TEMPORARY"],
                "description": f"<p>The {escape(v.title)} supports our {v.city} team.</p>"
                "<ul><li>Plan distributions</li><li>Report to donors</li></ul>",
                **({"validThrough": v.deadline} if v.deadline else {}),
            },
        ],
    }
    deadline = "Closed" if v.deadline is None else _day_first(v.deadline)
    return (
        "<!doctype html><html><head><title>" + escape(v.title) + "</title>"
        '<script type="application/ld+json">' + json.dumps(posting) + "</script></head>"
        "<body><nav>Harbour Aid Careers | Sign in</nav><main>"
        f'<h1>{escape(v.title)}</h1><table class="facts">'
        f"<tr><th>Duty station</th><td>{v.city}, {v.country}</td></tr>"
        f"<tr><th>Grade</th><td>{v.grade}</td></tr>"
        f"<tr><th>Reference</th><td>{v.ref}</td></tr>"
        f"<tr><th>Deadline</th><td>{deadline}</td></tr></table>"
        f'<div class="body"><p>The {escape(v.title)} supports our {v.city} team in '
        "planning distributions and reporting to donors on every shipment received.</p>"
        "</div></main><footer>© Harbour Aid · Cookies · Back to top</footer></body></html>"
    )


def _day_first(instant: str) -> str:
    year, month, day = instant[:10].split("-")
    return f"{day}/{month}/{year}"


def atom(base: str, all_vacancies: list[Vacancy]) -> str:
    entries = "".join(
        f"<entry><title>{escape(v.title)}</title><id>urn:harbour-aid:{v.ref}</id>"
        f'<link rel="alternate" href="{base}{v.path}"/><updated>{v.posted}</updated></entry>'
        for v in all_vacancies
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Harbour Aid vacancies</title><id>urn:harbour-aid:feed</id>"
        f"<updated>2026-06-08T00:00:00Z</updated>{entries}</feed>"
    )


def sitemap_index(base: str) -> str:
    children = "".join(f"<sitemap><loc>{base}/sitemap-jobs-{n}.xml</loc></sitemap>" for n in (1, 2))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}'
        "</sitemapindex>"
    )


def sitemap(base: str, chosen: list[Vacancy]) -> str:
    urls = "".join(f"<url><loc>{base}{v.path}</loc></url>" for v in chosen)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/about</loc></url>{urls}</urlset>"
    )


@pytest.fixture
def board() -> Iterator[HarbourBoard]:
    server = HarbourBoard()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


SOURCES = ("harbour", "harbour_feed", "harbour_map")


def crawl(tmp_path: Path, board: HarbourBoard, *names: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "sources.toml"
    config.write_text(SOURCES_TOML, encoding="utf-8")
    argv = [sys.executable, "-m", "crawler.cli", "--db", str(tmp_path / "archive.db"),
            "crawl", "--config", str(config), *names, "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=false", "-s", "RETRY_TIMES=0",
            # Every detail fetched: the feed's entries do not change when a deadline
            # moves on the page, which the revisit policy would archive only when due.
            "-s", "JOBARCHIVE_REVISIT_AFTER=0"]  # fmt: skip
    for name in names:
        argv += ["--set-url", f"{name}={board.url}"]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)


def postings(tmp_path: Path, source: str) -> dict[str, dict[str, object]]:
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM postings WHERE source = ?", (source,)).fetchall()
    return {row["source_key"]: dict(row) for row in rows}


def text_of(tmp_path: Path, source: str, key: str) -> str:
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        (text,) = conn.execute(
            "SELECT v.text FROM versions v JOIN postings p ON p.id = v.posting_id "
            "AND v.version = p.current_version WHERE p.source = ? AND p.source_key = ?",
            (source, key),
        ).fetchone()
    return text


def test_a_new_board_from_the_docs_crawled_changed_and_broken(tmp_path, board):
    result = crawl(tmp_path, board, *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{name}: ok - new 7, changed 0, unchanged 0, reopened 0, removed 0, errors 0"
        for name in SOURCES
    ]
    refs = [v.ref for v in vacancies()]

    # Listing pages + JSON-LD first, labels for what it lacks.
    listed = postings(tmp_path, "harbour")
    assert sorted(listed) == refs
    first = listed["HA-2026-0001"]
    assert {k: first[k] for k in (
        "title", "organization", "location", "country", "grade", "contract_type",
        "job_number", "posted_date", "closing_date", "status",
    )} == {
        "title": "Cash Assistant 1", "organization": "Harbour Aid", "location": "Dhaka",
        "country": "Bangladesh", "grade": "NO-B", "contract_type": "Full-time, Temporary",
        "job_number": "HA-2026-0001", "posted_date": "2026-06-02",
        "closing_date": "2026-07-11", "status": "open",
    }  # fmt: skip
    assert first["url"] == f"{board.url}/careers/vacancy/HA-2026-0001/cash-assistant-1"
    # No validThrough in its JSON-LD; the facts table says "Closed".
    assert (listed["HA-2026-0005"]["closing_date"], listed["HA-2026-0005"]["status"]) == (
        None,
        "closed",
    )
    text = text_of(tmp_path, "harbour", "HA-2026-0001")
    assert "supports our Dhaka team" in text and "Plan distributions" in text
    assert "Cookies" not in text

    # The feed, read through labels only: the day-first deadline as the page shows it.
    feed = postings(tmp_path, "harbour_feed")
    assert sorted(feed) == [f"urn:harbour-aid:{r}" for r in refs]
    entry = feed["urn:harbour-aid:HA-2026-0001"]
    assert (entry["title"], entry["organization"], entry["location"], entry["country"]) == (
        "Cash Assistant 1",
        "Harbour Aid",
        "Dhaka, Bangladesh",
        "Bangladesh",
    )
    assert (entry["closing_date"], entry["posted_date"], entry["job_number"]) == (
        "2026-07-11",
        "2026-06-02",
        "HA-2026-0001",
    )
    assert feed["urn:harbour-aid:HA-2026-0005"]["status"] == "closed"

    # The sitemap, JSON-LD only, keyed on the JSON-LD identifier.
    mapped = postings(tmp_path, "harbour_map")
    assert sorted(mapped) == refs
    assert mapped["HA-2026-0005"]["status"] == "open"  # JSON-LD alone does not say closed
    assert mapped["HA-2026-0003"]["closing_date"] == "2026-07-13"

    # The board drops one vacancy and moves another's deadline.
    board.vacancies = [v for v in board.vacancies if v.ref != "HA-2026-0004"]
    board.vacancies[0].deadline = "2026-07-20T15:59:00Z"
    result = crawl(tmp_path, board, *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{name}: ok - new 0, changed 1, unchanged 5, reopened 0, removed 1, errors 0"
        for name in SOURCES
    ]
    assert postings(tmp_path, "harbour")["HA-2026-0004"]["status"] == "removed"
    assert postings(tmp_path, "harbour")["HA-2026-0001"]["closing_date"] == "2026-07-20"
    assert postings(tmp_path, "harbour_feed")["urn:harbour-aid:HA-2026-0004"]["status"] == "removed"
    assert postings(tmp_path, "harbour_map")["HA-2026-0004"]["status"] == "removed"

    # (In the same test, to spare a third process start.) Another vacancy goes, but a
    # listing page and a sitemap fail: an incomplete listing removes nothing.
    board.vacancies = [v for v in board.vacancies if v.ref != "HA-2026-0002"]
    board.failing = {"/careers/openings?p=2", "/sitemap-jobs-2.xml"}
    result = crawl(tmp_path, board, "harbour", "harbour_map")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "harbour: incomplete - new 0, changed 0, unchanged 3, reopened 0, removed 0, "
        f"errors 1 (1 failure: listing {board.url}/careers/openings?p=2: HTTP 500"
        "; the listing did not complete, so nothing was marked removed)"
    )
    assert lines[1] == (  # the first sitemap lists 4 of the 5 left
        "harbour_map: incomplete - new 0, changed 0, unchanged 4, reopened 0, removed 0, "
        f"errors 1 (1 failure: listing {board.url}/sitemap-jobs-2.xml: HTTP 500"
        "; the listing did not complete, so nothing was marked removed)"
    )
    for source in ("harbour", "harbour_map"):
        assert postings(tmp_path, source)["HA-2026-0002"]["status"] == "open"
