# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of UNICEF careers on PageUp People (jobs.unicef.org, account 671); SOURCES.md §2.

Serves what the real site serves:
- `GET /en-us/listing/?page=N&page-items=N` listing HTML (also under `/cw/`), items
  `div.list-view--item a.job-link` inside `#search-results-content`, plus duplicate
  "featured" job links outside it;
- `POST /en-us/filter/?search-keyword=&page=1&page-items=20` with
  `X-Requested-With: XMLHttpRequest` -> JSON `{"results": "<html>", "page", "pageitems", "count"}`
  (without the XHR header: the listing HTML);
- `GET /en-us/job/<id>[/<slug>]` detail HTML (also `/cw/en-us/...`, `/671/cw/en-us/...`):
  generic `<h1>Current vacancies</h1>`, title in `#job-content h2`, `<b>Label:</b>` fields,
  dates in `<time datetime="...Z">` (UTC instants of local 00:00 / 23:55). Pages differ in
  how they show the local date, as real captures do: a time element with the local date
  as text, an empty one followed by the Windows time-zone name (JS fills it in the
  browser), or both. With XHR headers a detail answers `{"results": ""}`;
- `GET /671/cw/en-us/rss` the RSS feed; `GET /robots.txt`.

Mock decisions where SOURCES.md says nothing: a posting set to status "closed" stays
listed and its deadline reads "Closed" with no apply link.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from html import escape
from zoneinfo import ZoneInfo

from tzlocal.windows_tz import tz_win

from . import chrome
from .content import unicef_postings
from .postings import MockPosting, sections_html, slugify
from .server import MockRequest, MockResponse, MockSite

ACCOUNT = "671"
APPLY_URL = "https://secure.dc7.pageuppeople.com/apply/671/gateway/default.aspx?c=apply&lJobID={}"
DEFAULT_PAGE_ITEMS = 20

REGIONS = {
    "Mexico": "Latin America and Caribbean Region",
    "Colombia": "Latin America and Caribbean Region",
    "Panama": "Latin America and Caribbean Region",
    "Kenya": "Eastern and Southern Africa Region",
    "Lesotho": "Eastern and Southern Africa Region",
    "Uganda": "Eastern and Southern Africa Region",
    "Senegal": "West and Central Africa Region",
    "Italy": "Europe and Central Asia Region",
    "Switzerland": "Europe and Central Asia Region",
    "Jordan": "Middle East and North Africa Region",
    "Afghanistan": "South Asia Region",
    "Bangladesh": "South Asia Region",
    "Nepal": "South Asia Region",
    "Fiji": "East Asia and Pacific Region",
    "United States": "Headquarters",
}
WORK_TYPE_TAGS = {"Consultant": "consultant"}

_JOB_PATH = re.compile(r"^(?:/671)?(?:/cw)?/en(?:-us)?/job/(\d+)(?:/[^/]*)?/?$")
_LISTING_PATH = re.compile(r"^(?:/cw)?/en-us/(listing|filter|search)/?$")
_RSS_PATH = re.compile(r"^/671/cw/en(?:-us)?/(?:rss|latest_jobs\.rss)$")

NAV = [
    ("What we do", "https://www.unicef.org/what-we-do"),
    ("Research and reports", "https://www.unicef.org/reports"),
    ("Stories", "https://www.unicef.org/stories"),
    ("Careers", "/en-us/listing/"),
    ("Take action", "https://www.unicef.org/take-action"),
]
FOOTER = [
    ("Contact us", "https://www.unicef.org/contact-us"),
    ("Legal", "https://www.unicef.org/legal"),
    ("Privacy policy", "/privacy-policy"),
    ("Fraud alert", "https://www.unicef.org/careers/fraud"),
    ("Accessibility", "https://www.unicef.org/accessibility"),
]


def utc_instant(day: date, at: time, zone: str) -> datetime:
    """The UTC instant of local time `at` on `day` in `zone`."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def iso_z(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def date_style(posting: MockPosting) -> int:
    """How this posting's page shows dates: 0 empty <time> + zone name, 1 text, 2 both."""
    return int(re.sub(r"\D", "", posting.key) or 0) % 3


class UnicefSite(MockSite):
    """jobs.unicef.org: PageUp listing, AJAX filter, detail pages and RSS."""

    name = "unicef"
    description = "UNICEF careers on PageUp People (jobs.unicef.org)"

    def default_postings(self) -> list[MockPosting]:
        return unicef_postings()

    # -- routing ----------------------------------------------------------------------

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text(
                "User-agent: *\nDisallow: /*/apply/\nDisallow: /*/rss-admin/\n"
                "Sitemap: https://jobs.unicef.org/sitemap.xml\n"
            )
        if path in ("", "/"):
            return MockResponse(302, b"", headers={"Location": "/en-us/listing/"})
        if match := _JOB_PATH.match(path):
            if request.is_xhr:  # the real site answers AJAX detail requests with nothing
                return MockResponse.json({"results": ""})
            posting = self.get(match.group(1))
            return self.detail(posting) if posting else self.not_found()
        if match := _LISTING_PATH.match(path):
            return self.listing(request, search=match.group(1) != "listing")
        if _RSS_PATH.match(path):
            return MockResponse(
                200, self.rss().encode("utf-8"), "application/rss+xml; charset=utf-8"
            )
        return self.not_found()

    # -- listing ----------------------------------------------------------------------

    def listing(self, request: MockRequest, search: bool) -> MockResponse:
        try:
            page = max(1, int(request.query.get("page") or 1))
            per_page = max(1, int(request.query.get("page-items") or DEFAULT_PAGE_ITEMS))
        except ValueError:
            return MockResponse.html(chrome.html_page("Bad request", "<h1>Bad request</h1>"), 400)
        keyword = request.query.get("search-keyword", "").strip().lower() if search else ""
        postings = [p for p in self.snapshot() if keyword in p.title.lower()]
        shown = postings[(page - 1) * per_page : page * per_page]
        items = "\n".join(self.listing_item(p) for p in shown)
        if request.is_xhr:
            return MockResponse.json(
                {"results": items, "page": page, "pageitems": per_page, "count": len(postings)}
            )
        return MockResponse.html(self.listing_page(items, page, per_page, len(postings), postings))

    def listing_item(self, posting: MockPosting) -> str:
        teaser = next((body for h, body in posting.sections[2:] if not h), "")
        teaser = teaser.split(". ")[0].strip().rstrip(".") + "." if teaser else ""
        return f"""<div class="list-view--item">
  <a class="job-link" href="{job_path(posting)}">{escape(listing_title(posting))}</a>
  <div class="row--teaser">
    <p></p><p>{escape(teaser)}</p>
    <p><b>Location:</b> <span class="location">{escape(posting.country)}</span></p>
    <p><b>Deadline:</b> <span class="close-date">{self.time_html(posting, closing=True)}</span></p>
  </div>
</div>"""

    def listing_page(
        self, items: str, page: int, per_page: int, count: int, postings: list[MockPosting]
    ) -> str:
        first, last = (page - 1) * per_page + 1, min(page * per_page, count)
        more = (
            f'<a class="more-link button" href="/en-us/listing/?page={page + 1}&amp;page-items={per_page}">'
            "More jobs</a>"
            if last < count
            else ""
        )
        # The real page repeats jobs outside the results (featured/mobile tables).
        featured = chrome.related_jobs(
            [(listing_title(p), job_path(p)) for p in postings[:3]], heading="Featured jobs"
        )
        body = f"""{chrome.cookie_banner()}
{chrome.navigation("UNICEF", NAV)}
{chrome.breadcrumbs([("Home", "https://www.unicef.org"), ("Careers", "https://www.unicef.org/careers"), ("Current vacancies", "/en-us/listing/")])}
<div id="page-header"><h1>Current vacancies</h1><p>Explore our current job opportunities</p></div>
<main id="content">
{self.filters_html(None)}
{featured}
<div id="search-results-content">
<p class="results-count">Showing {first}-{last} of <span class="count">{count}</span> jobs</p>
{items}
<div class="pagination">{more}</div>
</div>
</main>
{chrome.footer("UNICEF", FOOTER)}"""
        return chrome.html_page("Vacancies", body, lang="en-us", head=_og("Vacancies"))

    def filters_html(self, posting: MockPosting | None) -> str:
        region = REGIONS.get(posting.country, "") if posting else ""
        category = posting.categories[0] if posting and posting.categories else ""
        return f"""<div id="filters" class="search-filters">
<h3>Contract type</h3><ul class="filter-list"><li>{escape(posting.contract_type) if posting else ""}</li></ul>
<h3>Locations</h3><ul class="filter-list"><li>{escape(region)}</li></ul>
<h3>Functional Area</h3><ul class="filter-list"><li>{escape(category and "Programme and Policy")}</li></ul>
<h3>Position level</h3><ul class="filter-list"></ul>
</div>"""

    # -- detail -----------------------------------------------------------------------

    def time_html(self, posting: MockPosting, closing: bool) -> str:
        """The <time> element for the advertised (00:00) or deadline (23:55) local time."""
        if closing and posting.status == "closed":
            return "Closed"
        day, at = (
            (posting.closing_date, time(23, 55)) if closing else (posting.posted_date, time(0, 0))
        )
        instant = utc_instant(day, at, posting.timezone)
        style = date_style(posting)
        text = f"{day.day:02d} {day:%b %Y}" if style else ""
        zone = f" {escape(tz_win.get(posting.timezone, 'UTC'))}" if style != 1 else ""
        return f'<time datetime="{iso_z(instant)}">{text}</time>{zone}'

    def detail(self, posting: MockPosting) -> MockResponse:
        p = posting
        url = f"https://jobs.unicef.org{job_path(p)}"
        apply = (
            f'<a class="apply-link button" href="{escape(APPLY_URL.format(p.key))}">Apply now</a>'
            if p.status != "closed"
            else ""
        )
        work_type = WORK_TYPE_TAGS.get(p.contract_type, slugify(p.contract_type))
        similar = [(listing_title(o), job_path(o)) for o in self.snapshot() if o.key != p.key][:4]
        body = f"""{chrome.cookie_banner()}
{chrome.navigation("UNICEF", NAV)}
{chrome.breadcrumbs([("Home", "https://www.unicef.org"), ("Careers", "https://www.unicef.org/careers"), ("Current vacancies", "/en-us/listing/")])}
<div id="page-header"><h1>Current vacancies</h1><p>Explore our current job opportunities</p></div>
<main id="content">
{self.filters_html(p)}
<div id="job"><div id="job-content">
  <h2>{escape(p.title)}</h2>
  <p>
    {apply}
    <b>Job no:</b> <span class="job-externalJobNo">{escape(p.key)}</span><br>
    <b>Contract type:</b> <span class="work-type {work_type}">{escape(p.contract_type)}</span><br>
    <b>Duty Station:</b> {escape(p.duty_station)}<br>
    <b>Level:</b> {escape(p.grade)}<br>
    <b>Location:</b> <span class="location">{escape(p.country)}</span><br>
    <b>Categories:</b> <span class="categories">{escape(", ".join(p.categories))}</span><br>
  </p>
  <div id="job-details">
{sections_html(p.sections, heading_tag="strong")}
  </div>
  <p><b>Advertised:</b> <span class="open-date">{self.time_html(p, closing=False)}</span><br>
     <b>Deadline:</b> <span class="close-date">{self.time_html(p, closing=True)}</span></p>
</div>
<p class="job-actions"><a class="back-link" href="/en-us/listing/">Back to search results</a> {apply}</p>
</div>
{chrome.share_links(url, p.title)}
<div class="related"><h2>Vacancies</h2>{chrome.related_jobs(similar)}</div>
</main>
{chrome.footer("UNICEF", FOOTER)}"""
        return MockResponse.html(
            chrome.html_page("Vacancies", body, lang="en-us", head=_og("Vacancies"))
        )

    # -- RSS --------------------------------------------------------------------------

    def rss(self) -> str:
        items = []
        for p in self.snapshot():
            link = f"https://jobs.unicef.org{job_path(p)}"
            posted = utc_instant(p.posted_date, time(0, 0), p.timezone)
            closing = utc_instant(p.closing_date, time(23, 55), p.timezone)
            teaser = escape(listing_title(p))
            items.append(f"""<item>
<guid isPermaLink="false">{link}</guid><link>{link}</link>
<title>{escape(p.title)}</title><description>{teaser}</description>
<pubDate>{format_datetime(posted, usegmt=True)}</pubDate>
<a10:updated>{posted.isoformat()}</a10:updated>
<job:refNo>{p.key}</job:refNo>
<job:description>{escape(sections_html(p.sections, heading_tag="strong"))}</job:description>
<job:closingDate>{format_datetime(closing, usegmt=True)}</job:closingDate>
<job:location>{escape(REGIONS.get(p.country, ""))}|{escape(p.country)}</job:location>
<job:workType>{escape(p.contract_type)}</job:workType>
<job:category>Job Level|{escape(p.grade)}</job:category>
<job:subCategory>{escape(", ".join(p.categories))}</job:subCategory>
<job:applyLink>{escape(APPLY_URL.format(p.key))}</job:applyLink>
<job:businessLayer1>{escape(p.country)}</job:businessLayer1>
</item>""")
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom" '
            'xmlns:job="http://pageuppeople.com/"><channel>\n'
            "<title>UNICEF Current vacancies</title><link>https://jobs.unicef.org/en-us/listing/</link>"
            "<description>Current vacancies</description>\n"
            + "\n".join(items)
            + "\n</channel></rss>\n"
        )


def listing_title(posting: MockPosting) -> str:
    """Listing link text: the short title plus `#<job no>` (titles on PageUp often end so)."""
    short = posting.title.split(",")[0].strip()
    return f"{short} #{posting.key}" if f"#{posting.key}" not in short else short


def job_path(posting: MockPosting) -> str:
    slug = slugify(posting.title.split(",")[0])
    return f"/en-us/job/{posting.key}/{slug}-{posting.key}"


def _og(title: str) -> str:
    return (
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:site_name" content="UNICEF Careers">'
    )
