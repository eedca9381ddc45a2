# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of a job board of the kind users add in a sources TOML file (docs/user-sources.md).

Not one of the built-in sources: the board every user-defined source kind reads, so that
the fault matrix and `jobarchive probe` cover user-defined sources like built-in ones.
It is built the way small NGO and agency boards are (and the real JSON-LD job
pages the tests read are): listing cards with a "Next" link and a stated
total, job pages with schema.org JobPosting JSON-LD and a facts list, an Atom feed paged
by rel="next", and a sitemap index with one sitemap per block of postings.

- `GET /jobs?page=N` (4 a page), `GET /jobs/<id>/<slug>`;
- `GET /feeds/jobs.atom?page=N` (4 entries a page, rel="next" until the last);
- `GET /sitemap.xml` -> `/sitemaps/jobs-N.xml` (4 postings each).

`BOARD_SOURCES` is the TOML that reads it three ways, one source per listing kind:
`board_listing`, `board_feed`, `board_sitemap`.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, time
from html import escape
from zoneinfo import ZoneInfo

from . import chrome
from .content import unicef_postings
from .postings import MockPosting, sections_html, slugify
from .server import MockRequest, MockResponse, MockSite

PER_PAGE = 4
ORGANIZATION = "Harbour Aid"

#: The three user-defined sources that read the board; `{url}` is the board's address.
BOARD_SOURCES = """
[sources.board_listing]
kind = "listing"
base_url = "{url}"
start = "/jobs?page=1"
detail_links = "article.{card} h2 a"
next_page = "a[rel=next]"
total = "#hits"
key = '/jobs/(\\d+)/'
fields = "auto"
date_order = "day-first"

[sources.board_feed]
kind = "feed"
base_url = "{url}"
feed = "/feeds/jobs.atom?page=1"
key = "entry-id"
fields = "labels"
date_order = "day-first"
organization = "Harbour Aid"

[sources.board_sitemap]
kind = "sitemap"
base_url = "{url}"
sitemap = "/sitemap.xml"
url_filter = '/jobs/\\d+/'
key = '/jobs/(\\d+)/'
fields = "jsonld"
"""
BOARD_SOURCE_NAMES = ("board_listing", "board_feed", "board_sitemap")

_DETAIL = re.compile(r"^/jobs/(\d+)/[^/]*$")
_REDESIGNED_LABELS = {
    "Duty station": "Where you will work",
    "Grade": "Band",
    "Contract type": "Engagement",
    "Reference": "Our ref",
    "Posted": "Online since",
    "Deadline": "Apply before",
}
_SITEMAP = re.compile(r"^/sitemaps/jobs-(\d+)\.xml$")


def board_sources(url: str | dict[str, str]) -> str:
    """The TOML of the three board sources, reading the board at `url` (or each source
    the board at its own address, {source: url})."""
    urls = url if isinstance(url, dict) else dict.fromkeys(BOARD_SOURCE_NAMES, url)
    tables = BOARD_SOURCES.replace("{card}", "card").split("\n[sources.")
    out = [tables[0]]
    for table in tables[1:]:
        name = table.split("]", 1)[0]
        out.append(table.replace("{url}", urls[name]))
    return "\n[sources.".join(out)


def job_path(posting: MockPosting) -> str:
    return f"/jobs/{posting.key}/{slugify(posting.title.split(',')[0])}"


def _instant(posting: MockPosting, closing: bool) -> str:
    day = posting.closing_date if closing else posting.posted_date
    at = time(23, 59) if closing else time(9, 0)
    local = datetime.combine(day, at, tzinfo=ZoneInfo(posting.timezone))
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class BoardSite(MockSite):
    """A small humanitarian job board, read by user-defined sources."""

    name = "board"
    description = "a job board of the kind users add in a TOML file (listing, feed, sitemap)"
    builtin = False

    def __init__(self, postings: list[MockPosting] | None = None, name: str = "board") -> None:
        super().__init__(postings)
        self.name = name  # one board per user-defined source in a test, each its own
        #: How many links each listing card has to its posting (title, "Read more", ...),
        #: each with its own tracking query, as boards with promoted cards write them.
        self.link_copies = 1
        #: When True, each job page shows other "similar jobs" on every request, as
        #: boards that rotate recommendations do.
        self.rotate_similar = False
        self._served = 0

    def default_postings(self) -> list[MockPosting]:
        return unicef_postings(12)

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text("User-agent: *\nDisallow: /apply/\n")
        if path == "/jobs":
            return MockResponse.html(self.listing(self._page(request)))
        if match := _DETAIL.match(path):
            posting = self.get(match.group(1))
            return MockResponse.html(self.detail(posting)) if posting else self.not_found()
        if path == "/feeds/jobs.atom":
            body = self.feed(self._page(request)).encode("utf-8")
            return MockResponse(200, body, "application/atom+xml; charset=utf-8")
        if path == "/sitemap.xml":
            return MockResponse(200, self.sitemap_index().encode(), "application/xml")
        if match := _SITEMAP.match(path):
            body = self.sitemap(int(match.group(1))).encode()
            return MockResponse(200, body, "application/xml")
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        if request.path in ("/jobs", "/feeds/jobs.atom"):
            return self._page(request)
        if request.path == "/sitemap.xml":
            return 1
        match = _SITEMAP.match(request.path)
        return int(match.group(1)) + 1 if match else None

    def posting_key(self, request: MockRequest) -> str | None:
        match = _DETAIL.match(request.path)
        return match.group(1) if match else None

    @staticmethod
    def _page(request: MockRequest) -> int:
        value = request.query.get("page", "1")
        return max(1, int(value)) if value.isdigit() else 1

    # -- listing ----------------------------------------------------------------------

    def listing(self, page: int) -> str:
        shown, total = self.listing_slice((page - 1) * PER_PAGE, PER_PAGE)
        card = self.css("card")
        cards = "\n".join(
            f'<article class="{card}"><h2><a href="{job_path(p)}">{escape(p.title.split(",")[0])}</a></h2>'
            f"<p>{escape(p.duty_station)}, {escape(p.country)} · {escape(p.grade)} · closes {p.closing_date:%d/%m/%Y}</p>"
            + "".join(
                f'<h2><a href="{job_path(p)}?ref=card{n}">Read more</a></h2>'
                for n in range(1, self.link_copies)
            )
            + f'<a class="share" href="/share?job={p.key}">Share</a></article>'
            for p in shown
        )
        pages = max(1, math.ceil(total / PER_PAGE))
        pager = f'<a rel="next" href="/jobs?page={page + 1}">Next »</a>' if page < pages else ""
        if page > 1:
            pager = f'<a rel="prev" href="/jobs?page={page - 1}">« Back</a> {pager}'
        body = f"""{chrome.cookie_banner()}
<header class="site-header"><a href="/">{ORGANIZATION} Careers</a></header>
<main><h1>Vacancies</h1><p>Showing <span id="hits">{total} vacancies</span></p>
{cards}
<nav class="pager">{pager}</nav></main>
{chrome.footer(ORGANIZATION, [("Privacy", "/privacy")])}"""
        return chrome.html_page(f"Vacancies | {ORGANIZATION}", body)

    # -- detail -----------------------------------------------------------------------

    def detail(self, p: MockPosting) -> str:
        closed = p.status == "closed"
        posting = {
            "@context": "https://schema.org",
            # A redesign that moved the data to another vocabulary: no JobPosting left.
            "@type": "x-JobPosting" if self.layout_changed else "JobPosting",
            "title": p.title.split(",")[0],
            "identifier": {"@type": "PropertyValue", "name": ORGANIZATION, "value": p.key},
            "hiringOrganization": {"@type": "Organization", "name": ORGANIZATION},
            "jobLocation": {
                "@type": "Place",
                "address": {"addressLocality": p.duty_station, "addressCountry": p.country},
            },
            "datePosted": _instant(p, closing=False),
            "employmentType": "FULL_TIME",
            "description": sections_html(p.sections),
            **({} if closed else {"validThrough": _instant(p, closing=True)}),
        }
        deadline = "Closed" if closed else f"{p.closing_date:%d/%m/%Y}"
        facts = self.css("facts")
        title = escape(p.title.split(",")[0])
        heading = (
            f'<div class="x-title">{title}</div>' if self.layout_changed else f"<h1>{title}</h1>"
        )

        def label(text: str) -> str:  # a redesign names its facts otherwise
            return _REDESIGNED_LABELS[text] if self.layout_changed else text

        similar = ""
        if self.rotate_similar:
            with self.lock:
                self._served += 1
                turn = self._served
            others = [o for o in self.snapshot() if o.key != p.key]
            picked = [others[(turn + n) % len(others)] for n in range(3)] if others else []
            similar = chrome.related_jobs([(o.title, job_path(o)) for o in picked])
        body = f"""{chrome.cookie_banner()}
<header class="site-header"><a href="/">{ORGANIZATION} Careers</a></header>
<main><article class="job">
{heading}
<dl class="{facts}">
<dt>{label("Duty station")}</dt><dd>{escape(p.duty_station)}, {escape(p.country)}</dd>
<dt>{label("Grade")}</dt><dd>{escape(p.grade)}</dd>
<dt>{label("Contract type")}</dt><dd>{escape(p.contract_type)}</dd>
<dt>{label("Reference")}</dt><dd>{escape(p.key)}</dd>
<dt>{label("Posted")}</dt><dd>{p.posted_date:%d/%m/%Y}</dd>
<dt>{label("Deadline")}</dt><dd>{deadline}</dd>
</dl>
<div class="body">{sections_html(p.sections)}</div>
</article>
{chrome.share_links(f"{self.base_url}{job_path(p)}", p.title)}
{similar}
</main>
{chrome.footer(ORGANIZATION, [("Privacy", "/privacy")])}"""
        head = '<script type="application/ld+json">' + json.dumps(posting) + "</script>"
        return chrome.html_page(f"{p.title.split(',')[0]} | {ORGANIZATION}", body, head=head)

    # -- feed and sitemaps --------------------------------------------------------------

    def feed(self, page: int) -> str:
        shown, total = self.listing_slice((page - 1) * PER_PAGE, PER_PAGE)
        entries = "".join(
            f"<entry><title>{escape(p.title.split(',')[0])}</title><id>urn:harbour-aid:{p.key}</id>"
            f'<link rel="alternate" href="{self.base_url}{job_path(p)}"/>'
            f"<updated>{_instant(p, closing=False)}</updated></entry>"
            for p in shown
        )
        more = page * PER_PAGE < total
        nxt = (
            f'<link rel="next" href="{self.base_url}/feeds/jobs.atom?page={page + 1}"/>'
            if more
            else ""
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{ORGANIZATION} vacancies</title><id>urn:harbour-aid:feed</id>{nxt}"
            f"<updated>2026-11-16T00:00:00Z</updated>{entries}</feed>"
        )

    def sitemap_index(self) -> str:
        _, total = self.listing_slice(0, 0)
        children = "".join(
            f"<sitemap><loc>{self.base_url}/sitemaps/jobs-{n}.xml</loc></sitemap>"
            for n in range(1, max(1, math.ceil(total / PER_PAGE)) + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}'
            "</sitemapindex>"
        )

    def sitemap(self, number: int) -> str:
        shown, _ = self.listing_slice((number - 1) * PER_PAGE, PER_PAGE)
        urls = "".join(f"<url><loc>{self.base_url}{job_path(p)}</loc></url>" for p in shown)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{self.base_url}/about</loc></url>{urls}</urlset>"
        )
