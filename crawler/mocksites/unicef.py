# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of UNICEF careers on PageUp People (jobs.unicef.org, account 671); SOURCES.md §2.

Built on real PageUp pages (`../shared/real-captures/pageup/`: a listing and a job page
of jobs.rowan.edu, the same product; the paging block as on its other listing pages
and on jobs.sfsu.edu's):
- `GET /en-us/listing/?page=N&page-items=N` (also `/cw/en-us/listing/`; no query: page
  1 of 20): "Search results", a table whose `<tbody id="search-results-content">` holds
  a row per posting (`a.job-link`, `span.location`, `span.close-date <time>`, an empty
  cell without a deadline) and a `tr.summary` after it (some commented out, as real
  pages do); then `<a class="more-link button" href="/en-us/listing/?page=N+1&page-items=20"
  data-page=.. data-page-items=..>More Jobs <span class="count">R</span></a>` where R is
  the number of postings AFTER this page; no more-link on the last page; past the end
  the same template with no rows. The page repeats its rows in `#recent-jobs-content`
  ("Current opportunities", summaries commented out) and holds PageUp's empty
  `<div id="job"><div id="job-content"></div></div>`;
- `GET /en-us/job/<id>[/<slug>]` (also `/cw/en-us/...`, `/671/cw/en-us/...`): the job
  page as the real one: `#job > #job-content`, `h2` title, `<b>Label:</b>` fields
  ending in `<br>`, `#job-details`, the dates in `<time datetime="...Z">` (UTC instants
  of local 00:00 / 23:55), back / apply / refer buttons and the share kit. Pages vary as
  real tenants do: "Contract type"/"Work type" and "Deadline"/"Applications close",
  labels without their colon, a value in a span or bare, the `<time>` with the local
  date as text or empty (JS fills it) with the Windows zone name inside or after the
  span, and some without the optional blocks (messages, top apply button, share kit).
  With XHR headers a detail answers `{"results": ""}`;
- `POST /en-us/filter/...` with `X-Requested-With` the AJAX JSON `{"results", "page",
  "pageitems", "count"}` (kept for browsers' sake; the spider does not use it);
- `GET /671/cw/en-us/rss` the RSS feed; `GET /robots.txt`.

Mock decisions where no real page says: a posting set to status "closed" stays listed
(no deadline in its row) and its deadline reads "Closed", with no apply button.
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
REFER_URL = "https://secure.dc7.pageuppeople.com/apply/671/gateway/default.aspx?c=employeereferral&lJobID={}"
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
_LISTING_PATH = re.compile(r"^(?:/cw)?/en-us/(listing|filter|search)/?$", re.IGNORECASE)
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


def _number(posting: MockPosting) -> int:
    return int(re.sub(r"\D", "", posting.key) or 0)


def date_style(posting: MockPosting) -> int:
    """How this posting's page shows dates: 0 an empty <time> and the zone name in the
    span, 1 the local date as the <time>'s text, 2 the text and the zone name after the
    span (as jobs.rowan.edu does)."""
    return _number(posting) % 3


def other_labels(posting: MockPosting) -> bool:
    """Whether the page says "Work type" / "Applications close" (other tenants' words)."""
    return _number(posting) % 4 == 2


def bare_labels(posting: MockPosting) -> bool:
    """Whether the page's labels lack their colon."""
    return _number(posting) % 5 == 3


def plain_page(posting: MockPosting) -> bool:
    """Whether the page lacks the optional blocks (messages, top apply button, share kit)."""
    return _number(posting) % 6 == 4


class UnicefSite(MockSite):
    """jobs.unicef.org: PageUp listing HTML, job pages, the AJAX filter and RSS."""

    name = "unicef"
    description = "UNICEF careers on PageUp People (jobs.unicef.org)"

    def default_postings(self) -> list[MockPosting]:
        return unicef_postings()

    # -- routing ----------------------------------------------------------------------

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text(
                "User-agent: *\nDisallow: /admin\nDisallow: /uat\nDisallow: /*/uat/\n"
                "Disallow: /*/apply/\n"
            )
        if path in ("", "/"):
            return MockResponse(302, b"", headers={"Location": "/en-us/listing/"})
        if match := _JOB_PATH.match(path):
            if request.is_xhr:  # the real site answers AJAX detail requests with nothing
                return MockResponse.json({"results": ""})
            posting = self.get(match.group(1))
            return self.detail(posting) if posting else self.not_found()
        if match := _LISTING_PATH.match(path):
            return self.listing(request, search=match.group(1).lower() != "listing")
        if _RSS_PATH.match(path):
            return MockResponse(
                200, self.rss().encode("utf-8"), "application/rss+xml; charset=utf-8"
            )
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        if not _LISTING_PATH.match(request.path):
            return None
        return max(1, int(request.query.get("page") or 1))

    def posting_key(self, request: MockRequest) -> str | None:
        match = _JOB_PATH.match(request.path)
        return match.group(1) if match and not request.is_xhr else None

    # -- listing ----------------------------------------------------------------------

    def listing(self, request: MockRequest, search: bool) -> MockResponse:
        try:
            page = max(1, int(request.query.get("page") or 1))
            per_page = max(1, int(request.query.get("page-items") or DEFAULT_PAGE_ITEMS))
        except ValueError:
            return MockResponse.html(chrome.html_page("Bad request", "<h1>Bad request</h1>"), 400)
        start = (page - 1) * per_page
        keyword = request.query.get("search-keyword", "").strip().lower() if search else ""
        if keyword:
            found = [p for p in self.snapshot() if keyword in p.title.lower()]
            shown, count = found[start : start + per_page], len(found)
        else:
            shown, count = self.listing_slice(start, per_page)
        after = max(0, count - start - len(shown))
        if request.is_xhr:
            return MockResponse.json(
                {"results": self.rows(shown), "page": page, "pageitems": per_page, "count": count}
            )
        return MockResponse.html(self.listing_page(shown, page, per_page, after))

    def rows(self, postings: list[MockPosting], copy: bool = False) -> str:
        """The table rows of `postings`; in the page's second copy the summaries are
        commented out, as on the real page, and in the first some are too."""
        return "\n".join(self.row(p, copy or _number(p) % 5 == 1) for p in postings)

    def row(self, posting: MockPosting, hide_summary: bool) -> str:
        c = self.css
        closes = (
            f'<span class="{c("close-date")}">{self.time_html(posting, closing=True, listing=True)}</span>'
            if posting.status != "closed"
            else ""
        )
        summary = f"""<tr class="{c("summary")}">
      <td colspan="3">{escape(teaser(posting))}</td>
    </tr>"""
        if hide_summary:
            summary = f"<!--{summary}-->"
        return f"""

    <tr>
      <td>
        <a class="{c("job-link")}" href="{job_path(posting)}">{escape(posting.title)}</a>
      </td>
      <td>
        <span class="{c("location")}">{escape(posting.country)}</span>
      </td>
      <td>
        {closes}
      </td>
    </tr>
    {summary}"""

    def listing_page(self, shown: list[MockPosting], page: int, per_page: int, after: int) -> str:
        c = self.css
        more = (
            f'<a href="/en-us/listing/?page={page + 1}&page-items={per_page}" class="{c("more-link")} button" '
            f'style="display:block" title="More Jobs" data-page="{page + 1}" data-page-items="{per_page}" >'
            f'More Jobs <span class="{c("count")}">{after}</span></a>'
            if after
            else ""
        )
        head = """<table>
    <thead>
      <tr>
        <th width="60%">Position</th>
        <th width="20%">Location</th>
        <th width="20%">Closes</th>
      </tr>
    </thead>"""
        body = f"""{chrome.cookie_banner()}
{chrome.navigation("UNICEF", NAV)}
<div id="page-header"><h1>Current vacancies</h1><p>Explore our current job opportunities</p></div>
<form id="jobs-form">
{self.filters_html()}
<div id="messages" style="display: none"><ul id="message-list" role="presentation"></ul></div> <div id="waiting" class="waiting" style="display: none;"></div><div id="job" style="display:none"><div id="{c("job-content")}"></div></div><div id="search-results">
<div id="job-mail" class="script">
    <a id="job-mail-trigger" href="/en-us/Listing/?page={page}&amp;page-items={per_page}&amp;subscribe=true">Send me jobs like these</a>
</div>
  <h2>Search results</h2>
  {head}
<tbody id="{c("search-results-content")}">
{self.rows(shown)}

    </tbody>
    </table>
    <p>{more}</p>
</div><div id="recent-jobs">
  <h2>Current opportunities</h2>
  {head}
  <tbody id="{c("recent-jobs-content")}">
{self.rows(shown, copy=True)}
    </tbody>
    </table>
    <p>{more}</p>
</div>
<p id="PageUpPeopleLink"><a href="https://www.pageuppeople.com/powered-by-pageup/" target="_top">Powered by PageUp</a></p>
</form>
{chrome.footer("UNICEF", FOOTER)}"""
        return chrome.html_page("Vacancies", body, lang="en-us", head=_og("Vacancies"))

    def filters_html(self) -> str:
        regions = sorted(set(REGIONS.values()))
        items = "".join(f"<li>{escape(r)}</li>" for r in regions)
        return f"""<div id="search-filters">
<h3>Contract type</h3><ul class="filter-list"><li>Consultant</li><li>Fixed Term Appointment</li><li>Temporary Appointment</li></ul>
<h3>Locations</h3><ul class="filter-list">{items}</ul>
<input id="filter-results-submit" type="submit" class="button" value="Filter Results">
</div>"""

    # -- detail -----------------------------------------------------------------------

    def time_html(self, posting: MockPosting, closing: bool, listing: bool = False) -> str:
        """The <time> element (and zone name) for the advertised (00:00) or deadline
        (23:55) local time; in the listing always the local date as text."""
        if closing and posting.status == "closed":
            return "Closed"
        day, at = (
            (posting.closing_date, time(23, 55)) if closing else (posting.posted_date, time(0, 0))
        )
        instant = utc_instant(day, at, posting.timezone)
        style = 1 if listing else date_style(posting)
        text = f"{day.day:02d} {day:%b %Y} " if style else ""
        if text and closing and style == 2:
            text = f"{day.day:02d} {day:%b %Y} 11:55 PM "
        zone = f" {escape(tz_win.get(posting.timezone, 'UTC'))}" if style == 0 else ""
        return f'<time datetime="{iso_z(instant)}">{text}</time>{zone}'

    def zone_after(self, posting: MockPosting) -> str:
        """The zone name after the date's span (style 2, as on jobs.rowan.edu)."""
        if date_style(posting) != 2:
            return ""
        return f" {escape(tz_win.get(posting.timezone, 'UTC'))}"

    def detail(self, posting: MockPosting) -> MockResponse:
        p, c = posting, self.css
        url = f"https://jobs.unicef.org{job_path(p)}"
        colon = "" if bare_labels(p) else ":"
        plain = plain_page(p)
        open_ = p.status != "closed"
        apply = (
            f'<a class="{c("apply-link")} button" href="{escape(APPLY_URL.format(p.key))}">Apply now</a>'
            if open_
            else ""
        )
        top_apply = f'<span style="float:right">{apply}</span>' if apply and not plain else ""
        work_type = WORK_TYPE_TAGS.get(p.contract_type, slugify(p.contract_type))
        kind, deadline = (
            ("Work type", "Applications close")
            if other_labels(p)
            else ("Contract type", "Deadline")
        )
        level = (
            f'<span class="level">{escape(p.grade)}</span>'
            if _number(p) % 7 == 2
            else escape(p.grade)
        )
        messages = (
            ""
            if plain
            else '<div id="messages" style="display: none"><ul id="message-list" role="presentation"></ul></div> <div id="waiting" class="waiting" style="display: none;"></div>'
        )
        refer = (
            f' <a class="employee-referral-link button" href="{escape(REFER_URL.format(p.key))}" rel="nofollow" >Refer a friend</a>'
            if open_
            else ""
        )
        share = (
            ""
            if plain
            else """<div class="social-share-kit">
    <div class="ssk-group">
        <a href="" class="ssk ssk-text ssk-whatsapp">Whatsapp</a>
        <a href="" class="ssk ssk-text ssk-facebook">Facebook</a>
        <a href="" class="ssk ssk-text ssk-linkedin">LinkedIn</a>
        <a href="" class="ssk ssk-text ssk-email">Email App</a>
    </div>
</div>"""
        )
        body = f"""{chrome.cookie_banner()}
{chrome.navigation("UNICEF", NAV)}
{chrome.breadcrumbs([("Home", "https://www.unicef.org"), ("Careers", "https://www.unicef.org/careers"), ("Current vacancies", "/en-us/listing/")])}
<div id="page-header"><h1>Current vacancies</h1><p>Explore our current job opportunities</p></div>
{messages}<div id="job"><div id="{c("job-content")}">
<h2>{escape(p.title)}</h2>
<p>
  {top_apply}
  <b>Job no{colon}</b> <span class="job-externalJobNo">{escape(p.key)}</span><br>
  <b>{kind}{colon}</b> <span class="{c("work-type")} {work_type}">{escape(p.contract_type)}</span><br>
  <b>Duty Station{colon}</b> {escape(p.duty_station)}<br>
  <b>Level{colon}</b> {level}<br>
  <b>Location{colon}</b> <span class="{c("location")}">{escape(p.country)}</span><br>
  <b>Categories{colon}</b> <span class="{c("categories")}">{escape(", ".join(p.categories))}</span><br>
</p>
<div id="{c("job-details")}">
{sections_html(p.sections, heading_tag="strong")}
<p>&nbsp;</p>
</div>
<p>
  <b>Advertised{colon}</b> <span class="{c("open-date")}">{self.time_html(p, closing=False)}</span>{self.zone_after(p)}<br>
  <b>{deadline}{colon}</b> <span class="{c("close-date")}">{self.time_html(p, closing=True)}</span>{self.zone_after(p) if open_ else ""}
</p>

<p><a class="back-link button" href="/en-us/listing/?">Back to search results</a> {apply}{refer}</p>

{share}
</div></div>
<div class="related"><h2>Vacancies</h2>{chrome.related_jobs([(o.title, job_path(o)) for o in self.snapshot() if o.key != p.key][:4])}</div>
{chrome.footer("UNICEF", FOOTER)}"""
        return MockResponse.html(
            chrome.html_page("Vacancies", body, lang="en-us", head=_og("Vacancies", url))
        )

    # -- RSS --------------------------------------------------------------------------

    def rss(self) -> str:
        items = []
        for p in self.snapshot():
            link = f"https://jobs.unicef.org{job_path(p)}"
            posted = utc_instant(p.posted_date, time(0, 0), p.timezone)
            closing = utc_instant(p.closing_date, time(23, 55), p.timezone)
            items.append(f"""<item>
<guid isPermaLink="false">{link}</guid><link>{link}</link>
<title>{escape(p.title)}</title><description>{escape(teaser(p))}</description>
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


def teaser(posting: MockPosting) -> str:
    """The listing's summary: the first sentence of the posting's own text."""
    body = next((b for h, b in posting.sections[2:] if not h), "")
    return body.split(". ")[0].strip().rstrip(".") + "." if body else ""


def listing_title(posting: MockPosting) -> str:
    """A short title plus `#<job no>`, as UNICEF's similar-jobs links write it."""
    short = posting.title.split(",")[0].strip()
    return f"{short} #{posting.key}" if f"#{posting.key}" not in short else short


def job_path(posting: MockPosting) -> str:
    slug = slugify(posting.title.split(",")[0])
    return f"/en-us/job/{posting.key}/{slug}-{posting.key}"


def _og(title: str, url: str = "") -> str:
    return (
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:site_name" content="UNICEF Careers">'
        + (f'<meta property="og:url" content="{escape(url)}">' if url else "")
    )
