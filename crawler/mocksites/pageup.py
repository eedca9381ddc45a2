# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of PageUp People careers sites, any number of them on one server.

`PageUpSite(tenants={tenant: postings, ...})` serves each tenant's postings where its
`MockTenant` says. On the real platform a customer has its own host (jobs.unicef.org,
jobs.rowan.edu) or a path of the shared careers.pageuppeople.com
(`/<account>/cw/<locale>/...`, the account telling tenants apart there); on one mock
server an own-host tenant is put under a path of its own, its `mount`
(`http://127.0.0.1:PORT/<mount>/en-gb/listing/`), which stands for its host's root. The
built-in `unicef` mock (crawler/mocksites/unicef.py) is UNICEF alone at the root. Paths
below are written for it.

Built on real PageUp pages (the real captures tests/realcaptures.py reads: a listing and
a job page of jobs.rowan.edu, the same product; the paging block as on its other listing
pages and on jobs.sfsu.edu's):
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

A tenant (`MockTenant`) differs from UNICEF where real tenants are seen to differ: its
host, or its account's path on the shared careers.pageuppeople.com; its locale
(`/en-gb/`, `/en/`); "Location" holding the place where there is no Duty Station, as on
jobs.rowan.edu; links absolute on its host rather than root-relative.

Mock decisions where no real page says: a posting set to status "closed" stays listed
(no deadline in its row) and its deadline reads "Closed", with no apply button. So that
a sources file's options have pages to act on, a tenant may use labels of its own words
(a country, a grade, a deadline, job numbers of its own), leave out every colon, and
write its `<time>`s in numbers, day first, or empty with no zone named.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from html import escape
from zoneinfo import ZoneInfo

from tzlocal.windows_tz import tz_win

from . import chrome
from .postings import MockPosting, sections_html, slugify
from .server import MockRequest, MockResponse, MockSite

DEFAULT_PAGE_ITEMS = 20

Links = tuple[tuple[str, str], ...]

#: The job page's fields as UNICEF labels them, in the page's order (what each holds,
#: the label): the place is the Duty Station, "Location" the country.
UNICEF_LABELS: tuple[tuple[str, str], ...] = (
    ("job_number", "Job no"),
    ("contract_type", "Contract type"),
    ("duty_station", "Duty Station"),
    ("grade", "Level"),
    ("location", "Location"),
    ("categories", "Categories"),
    ("posted", "Advertised"),
    ("closing", "Deadline"),
)
# Other tenants' words for two of them (jobs.rowan.edu's), on some of UNICEF's pages.
OTHER_WORDS = {"contract_type": "Work type", "closing": "Applications close"}


@dataclass(frozen=True)
class MockTenant:
    """One PageUp careers site: its host, where the mock serves it, and its pages' words."""

    host: str  # the site's own host, in absolute links and the RSS feed
    account: str  # PageUp's number of the customer: its apply gateway, its RSS path
    organization: str
    locale: str = "en-us"
    #: The path on the host before the locale: "" on an own host, "/<account>/cw" on
    #: the shared careers.pageuppeople.com.
    root: str = ""
    #: Where the mock puts the host's root: "" for a site alone on its mock or on the
    #: shared host; "/<name>" for one of several own-host sites on one mock.
    mount: str = ""
    datacentre: str = "dc7"  # secure.<datacentre>.pageuppeople.com, the apply gateway
    labels: tuple[tuple[str, str], ...] = UNICEF_LABELS
    colon: bool = True
    #: Whether some pages use other tenants' words and no colons (UNICEF's do).
    varied_labels: bool = False
    #: How the job page's `<time>`s read (0-4, see `date_style`); None: varied, as on
    #: UNICEF's pages.
    date_style: int | None = None
    #: Whether links are absolute on the site's host (else root-relative).
    absolute_links: bool = False
    #: The start of the job numbers a tenant gives its jobs itself ("CHI/2026/"); none:
    #: the page's job no is PageUp's job id.
    numbered: str = ""
    home: str = ""  # the employer's own website
    nav: Links = ()
    footer: Links = ()

    @property
    def base(self) -> str:
        """The path on the mock before the locale."""
        return self.mount + self.root

    @property
    def links(self) -> str:
        """What the site's links start with before the locale."""
        return f"https://{self.host}{self.root}" if self.absolute_links else self.base

    @property
    def listing(self) -> str:
        """The listing's path on the site's host."""
        return f"{self.root}/{self.locale}/listing/"

    def label(self, name: str) -> str | None:
        return dict(self.labels).get(name)

    def apply_url(self, key: str, action: str = "apply") -> str:
        return (
            f"https://secure.{self.datacentre}.pageuppeople.com/apply/{self.account}"
            f"/gateway/default.aspx?c={action}&lJobID={key}"
        )


UNICEF = MockTenant(
    host="jobs.unicef.org",
    account="671",
    organization="UNICEF",
    varied_labels=True,
    home="https://www.unicef.org",
    nav=(
        ("What we do", "https://www.unicef.org/what-we-do"),
        ("Research and reports", "https://www.unicef.org/reports"),
        ("Stories", "https://www.unicef.org/stories"),
        ("Careers", "/en-us/listing/"),
        ("Take action", "https://www.unicef.org/take-action"),
    ),
    footer=(
        ("Contact us", "https://www.unicef.org/contact-us"),
        ("Legal", "https://www.unicef.org/legal"),
        ("Privacy policy", "/privacy-policy"),
        ("Fraud alert", "https://www.unicef.org/careers/fraud"),
        ("Accessibility", "https://www.unicef.org/accessibility"),
    ),
)

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


def utc_instant(day: date, at: time, zone: str) -> datetime:
    """The UTC instant of local time `at` on `day` in `zone`."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def iso_z(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def _number(posting: MockPosting) -> int:
    return int(re.sub(r"\D", "", posting.key) or 0)


def date_style(posting: MockPosting) -> int:
    """How a UNICEF page shows dates: 0 an empty <time> and the zone name in the span, 1
    the local date as the <time>'s text, 2 the text and the zone name after the span (as
    jobs.rowan.edu does). Other tenants' pages may also show 3 the local date in numbers,
    day first, or 4 an empty <time> and no zone name."""
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


def job_number(posting: MockPosting) -> str:
    """The page's "Job no": PageUp's job id, unless the tenant numbers its jobs itself."""
    return posting.fields.get("Job no") or posting.key


def job_path(posting: MockPosting, tenant: MockTenant = UNICEF) -> str:
    """The posting's page on the mock."""
    return f"{tenant.base}{_job_path(posting, tenant)}"


def _job_path(posting: MockPosting, tenant: MockTenant) -> str:
    slug = slugify(posting.title.split(",")[0])
    return f"/{tenant.locale}/job/{posting.key}/{slug}-{posting.key}"


def _locale_pattern(locale: str) -> str:
    """ "en-us" -> "en(?:-us)?": a job page answers with or without the region."""
    language, _, region = locale.partition("-")
    return re.escape(language) + (f"(?:-{re.escape(region)})?" if region else "")


class PageUpSite(MockSite):
    """PageUp listing HTML, job pages, the AJAX filter and RSS, for each of `tenants`.

    Not a site of its own (it has no source name): crawler/mocksites/unicef.py is the
    built-in one, and tests serve several tenants with `PageUpSite(tenants=...)`.
    """

    def __init__(
        self,
        postings: list[MockPosting] | None = None,
        tenants: dict[MockTenant, list[MockPosting]] | None = None,
    ) -> None:
        if tenants is None:
            tenants = {
                self.default_tenant(): self.default_postings() if postings is None else postings
            }
        #: Which tenant each posting key is of (keys are unique across tenants).
        self.tenant_of: dict[str, MockTenant] = {
            p.key: tenant for tenant, items in tenants.items() for p in items
        }
        self.tenants = tuple(tenants)
        # The longest path first, so that a tenant at the root does not answer for the
        # others.
        self._by_path = sorted(self.tenants, key=lambda t: len(t.base), reverse=True)
        self._routes = {tenant: _routes(tenant) for tenant in self.tenants}
        super().__init__([p for items in tenants.values() for p in items])

    def default_tenant(self) -> MockTenant:
        return UNICEF

    def add(self, posting: MockPosting, tenant: MockTenant | None = None) -> None:
        """A new posting, of `tenant` (by default the first given)."""
        self.tenant_of[posting.key] = tenant or self.tenants[0]
        super().add(posting)

    def _is_of(self, posting: MockPosting, tenant: MockTenant) -> bool:
        # A site of one tenant serves whatever postings it holds, however they came.
        return len(self.tenants) == 1 or self.tenant_of.get(posting.key) == tenant

    def _own(self, key: str, tenant: MockTenant) -> MockPosting | None:
        posting = self.get(key)
        return posting if posting is not None and self._is_of(posting, tenant) else None

    def _snapshot(self, tenant: MockTenant) -> list[MockPosting]:
        return [p for p in self.snapshot() if self._is_of(p, tenant)]

    def _route(self, path: str) -> tuple[MockTenant, str] | None:
        """The tenant whose pages `path` is under, and the path after its base."""
        for tenant in self._by_path:
            if path == tenant.base or path.startswith(tenant.base + "/"):
                return tenant, path[len(tenant.base) :]
        return None

    # -- routing ----------------------------------------------------------------------

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text(
                "User-agent: *\nDisallow: /admin\nDisallow: /uat\nDisallow: /*/uat/\n"
                "Disallow: /*/apply/\n"
            )
        found = self._route(path)
        if found is None:
            return self.not_found()
        tenant, rest = found
        job, listing, rss = self._routes[tenant]
        if rest in ("", "/"):
            return MockResponse(302, b"", headers={"Location": f"{tenant.base}{tenant.listing}"})
        if match := job.match(rest):
            if request.is_xhr:  # the real site answers AJAX detail requests with nothing
                return MockResponse.json({"results": ""})
            posting = self._own(match.group(1), tenant)
            return self.detail(posting, tenant) if posting else self.not_found()
        if match := listing.match(rest):
            return self.listing(request, tenant, search=match.group(1).lower() != "listing")
        if rss.match(rest):
            return MockResponse(
                200, self.rss(tenant).encode("utf-8"), "application/rss+xml; charset=utf-8"
            )
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        found = self._route(request.path)
        if found is None or not self._routes[found[0]][1].match(found[1]):
            return None
        return max(1, int(request.query.get("page") or 1))

    def posting_key(self, request: MockRequest) -> str | None:
        found = self._route(request.path)
        match = self._routes[found[0]][0].match(found[1]) if found else None
        return match.group(1) if match and not request.is_xhr else None

    # -- listing ----------------------------------------------------------------------

    def listing(self, request: MockRequest, tenant: MockTenant, search: bool) -> MockResponse:
        try:
            page = max(1, int(request.query.get("page") or 1))
            per_page = max(1, int(request.query.get("page-items") or DEFAULT_PAGE_ITEMS))
        except ValueError:
            return MockResponse.html(chrome.html_page("Bad request", "<h1>Bad request</h1>"), 400)
        start = (page - 1) * per_page
        keyword = request.query.get("search-keyword", "").strip().lower() if search else ""
        if keyword:
            found = [p for p in self._snapshot(tenant) if keyword in p.title.lower()]
            shown, count = found[start : start + per_page], len(found)
        else:
            shown, count = self.listing_slice(
                start, per_page, among=lambda p: self._is_of(p, tenant)
            )
        after = max(0, count - start - len(shown))
        if request.is_xhr:
            return MockResponse.json(
                {
                    "results": self.rows(shown, tenant),
                    "page": page,
                    "pageitems": per_page,
                    "count": count,
                }
            )
        return MockResponse.html(self.listing_page(shown, tenant, page, per_page, after))

    def rows(self, postings: list[MockPosting], tenant: MockTenant, copy: bool = False) -> str:
        """The table rows of `postings`; in the page's second copy the summaries are
        commented out, as on the real page, and in the first some are too."""
        return "\n".join(self.row(p, tenant, copy or _number(p) % 5 == 1) for p in postings)

    def row(self, posting: MockPosting, tenant: MockTenant, hide_summary: bool) -> str:
        c = self.css
        closes = (
            f'<span class="{c("close-date")}">{self.time_html(posting, tenant, closing=True, listing=True)}</span>'
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
        <a class="{c("job-link")}" href="{tenant.links}{_job_path(posting, tenant)}">{escape(posting.title)}</a>
      </td>
      <td>
        <span class="{c("location")}">{escape(shown_location(posting, tenant))}</span>
      </td>
      <td>
        {closes}
      </td>
    </tr>
    {summary}"""

    def listing_page(
        self, shown: list[MockPosting], tenant: MockTenant, page: int, per_page: int, after: int
    ) -> str:
        c = self.css
        links = f"{tenant.links}/{tenant.locale}"
        more = (
            f'<a href="{links}/listing/?page={page + 1}&page-items={per_page}" class="{c("more-link")} button" '
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
{chrome.navigation(tenant.organization, self.nav(tenant))}
<div id="page-header"><h1>Current vacancies</h1><p>Explore our current job opportunities</p></div>
<form id="jobs-form">
{self.filters_html()}
<div id="messages" style="display: none"><ul id="message-list" role="presentation"></ul></div> <div id="waiting" class="waiting" style="display: none;"></div><div id="job" style="display:none"><div id="{c("job-content")}"></div></div><div id="search-results">
<div id="job-mail" class="script">
    <a id="job-mail-trigger" href="{links}/Listing/?page={page}&amp;page-items={per_page}&amp;subscribe=true">Send me jobs like these</a>
</div>
  <h2>Search results</h2>
  {head}
<tbody id="{c("search-results-content")}">
{self.rows(shown, tenant)}

    </tbody>
    </table>
    <p>{more}</p>
</div><div id="recent-jobs">
  <h2>Current opportunities</h2>
  {head}
  <tbody id="{c("recent-jobs-content")}">
{self.rows(shown, tenant, copy=True)}
    </tbody>
    </table>
    <p>{more}</p>
</div>
<p id="PageUpPeopleLink"><a href="https://www.pageuppeople.com/powered-by-pageup/" target="_top">Powered by PageUp</a></p>
</form>
{chrome.footer(tenant.organization, self.footer(tenant))}"""
        return chrome.html_page(
            "Vacancies", body, lang=tenant.locale, head=_og("Vacancies", tenant)
        )

    def nav(self, tenant: MockTenant) -> list[tuple[str, str]]:
        return list(tenant.nav) or [
            ("About us", f"{tenant.home}/about"),
            ("Careers", f"{tenant.links}/{tenant.locale}/listing/"),
        ]

    def footer(self, tenant: MockTenant) -> list[tuple[str, str]]:
        return list(tenant.footer) or [
            ("Contact us", f"{tenant.home}/contact"),
            ("Privacy policy", "/privacy-policy"),
        ]

    def filters_html(self) -> str:
        regions = sorted(set(REGIONS.values()))
        items = "".join(f"<li>{escape(r)}</li>" for r in regions)
        return f"""<div id="search-filters">
<h3>Contract type</h3><ul class="filter-list"><li>Consultant</li><li>Fixed Term Appointment</li><li>Temporary Appointment</li></ul>
<h3>Locations</h3><ul class="filter-list">{items}</ul>
<input id="filter-results-submit" type="submit" class="button" value="Filter Results">
</div>"""

    # -- detail -----------------------------------------------------------------------

    def date_style(self, posting: MockPosting, tenant: MockTenant) -> int:
        return date_style(posting) if tenant.date_style is None else tenant.date_style

    def time_html(
        self, posting: MockPosting, tenant: MockTenant, closing: bool, listing: bool = False
    ) -> str:
        """The <time> element (and zone name) for the advertised (00:00) or deadline
        (23:55) local time; in the listing always the local date as text."""
        if closing and posting.status == "closed":
            return "Closed"
        day, at = (
            (posting.closing_date, time(23, 55)) if closing else (posting.posted_date, time(0, 0))
        )
        instant = utc_instant(day, at, posting.timezone)
        style = 1 if listing else self.date_style(posting, tenant)
        if style in (1, 2):
            text = f"{day.day:02d} {day:%b %Y} "
            if closing and style == 2:
                text = f"{day.day:02d} {day:%b %Y} 11:55 PM "
        elif style == 3:
            text = f"{day:%d/%m/%Y} "
        else:
            text = ""
        zone = f" {escape(tz_win.get(posting.timezone, 'UTC'))}" if style == 0 else ""
        return f'<time datetime="{iso_z(instant)}">{text}</time>{zone}'

    def zone_after(self, posting: MockPosting, tenant: MockTenant) -> str:
        """The zone name after the date's span (style 2, as on jobs.rowan.edu)."""
        if self.date_style(posting, tenant) != 2:
            return ""
        return f" {escape(tz_win.get(posting.timezone, 'UTC'))}"

    def label(self, posting: MockPosting, tenant: MockTenant, name: str) -> str:
        """The page's label of field `name`, with its colon if the page writes one."""
        word = tenant.label(name) or ""
        if tenant.varied_labels and other_labels(posting):
            word = OTHER_WORDS.get(name, word)
        bare = not tenant.colon or (tenant.varied_labels and bare_labels(posting))
        return word if bare else f"{word}:"

    def fields_html(self, posting: MockPosting, tenant: MockTenant) -> str:
        """The labelled lines before the description, in the tenant's order."""
        p, c = posting, self.css
        work_type = WORK_TYPE_TAGS.get(p.contract_type, slugify(p.contract_type))
        level = (
            f'<span class="level">{escape(p.grade)}</span>'
            if _number(p) % 7 == 2
            else escape(p.grade)
        )
        values = {
            "job_number": f'<span class="job-externalJobNo">{escape(job_number(p))}</span>',
            "contract_type": f'<span class="{c("work-type")} {work_type}">{escape(p.contract_type)}</span>',
            "duty_station": escape(p.duty_station),
            "grade": level,
            "location": f'<span class="{c("location")}">{escape(shown_location(p, tenant))}</span>',
            "country": escape(p.country),
            "categories": f'<span class="{c("categories")}">{escape(", ".join(p.categories))}</span>',
        }
        return "\n".join(
            f"  <b>{self.label(p, tenant, name)}</b> {values[name]}<br>"
            for name, _ in tenant.labels
            if name in values
        )

    def detail(self, posting: MockPosting, tenant: MockTenant | None = None) -> MockResponse:
        """The job page of `posting`, of its tenant unless another is named."""
        tenant = tenant or self.tenant_of.get(posting.key) or self.tenants[0]
        p, c = posting, self.css
        url = f"https://{tenant.host}{tenant.root}{_job_path(p, tenant)}"
        links = f"{tenant.links}/{tenant.locale}"
        plain = plain_page(p)
        open_ = p.status != "closed"
        apply = (
            f'<a class="{c("apply-link")} button" href="{escape(tenant.apply_url(p.key))}">Apply now</a>'
            if open_
            else ""
        )
        top_apply = f'<span style="float:right">{apply}</span>' if apply and not plain else ""
        messages = (
            ""
            if plain
            else '<div id="messages" style="display: none"><ul id="message-list" role="presentation"></ul></div> <div id="waiting" class="waiting" style="display: none;"></div>'
        )
        refer = (
            f' <a class="employee-referral-link button" href="{escape(tenant.apply_url(p.key, "employeereferral"))}" rel="nofollow" >Refer a friend</a>'
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
        trail = [
            ("Home", tenant.home),
            ("Careers", f"{tenant.home}/careers"),
            ("Current vacancies", f"{links}/listing/"),
        ]
        others = [o for o in self._snapshot(tenant) if o.key != p.key][:4]
        related = [(o.title, f"{tenant.links}{_job_path(o, tenant)}") for o in others]
        body = f"""{chrome.cookie_banner()}
{chrome.navigation(tenant.organization, self.nav(tenant))}
{chrome.breadcrumbs(trail)}
<div id="page-header"><h1>Current vacancies</h1><p>Explore our current job opportunities</p></div>
{messages}<div id="job"><div id="{c("job-content")}">
<h2>{escape(p.title)}</h2>
<p>
  {top_apply}
{self.fields_html(p, tenant)}
</p>
<div id="{c("job-details")}">
{sections_html(p.sections, heading_tag="strong")}
<p>&nbsp;</p>
</div>
<p>
  <b>{self.label(p, tenant, "posted")}</b> <span class="{c("open-date")}">{self.time_html(p, tenant, closing=False)}</span>{self.zone_after(p, tenant)}<br>
  <b>{self.label(p, tenant, "closing")}</b> <span class="{c("close-date")}">{self.time_html(p, tenant, closing=True)}</span>{self.zone_after(p, tenant) if open_ else ""}
</p>

<p><a class="back-link button" href="{links}/listing/?">Back to search results</a> {apply}{refer}</p>

{share}
</div></div>
<div class="related"><h2>Vacancies</h2>{chrome.related_jobs(related)}</div>
{chrome.footer(tenant.organization, self.footer(tenant))}"""
        return MockResponse.html(
            chrome.html_page(
                "Vacancies", body, lang=tenant.locale, head=_og("Vacancies", tenant, url)
            )
        )

    # -- RSS --------------------------------------------------------------------------

    def rss(self, tenant: MockTenant) -> str:
        items = []
        for p in self._snapshot(tenant):
            link = f"https://{tenant.host}{tenant.root}{_job_path(p, tenant)}"
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
<job:applyLink>{escape(tenant.apply_url(p.key))}</job:applyLink>
<job:businessLayer1>{escape(p.country)}</job:businessLayer1>
</item>""")
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom" '
            'xmlns:job="http://pageuppeople.com/"><channel>\n'
            f"<title>{escape(tenant.organization)} Current vacancies</title><link>https://{tenant.host}{tenant.listing}</link>"
            "<description>Current vacancies</description>\n"
            + "\n".join(items)
            + "\n</channel></rss>\n"
        )


def _routes(tenant: MockTenant) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The job page, listing and RSS paths of `tenant`, after its base."""
    locale = _locale_pattern(tenant.locale)
    shared = "" if tenant.root else f"/{re.escape(tenant.account)}/cw"
    return (
        re.compile(rf"^(?:/{re.escape(tenant.account)})?(?:/cw)?/{locale}/job/(\d+)(?:/[^/]*)?/?$"),
        re.compile(
            rf"^(?:/cw)?/{re.escape(tenant.locale)}/(listing|filter|search)/?$", re.IGNORECASE
        ),
        re.compile(rf"^{shared}/{locale}/(?:rss|latest_jobs\.rss)$"),
    )


def shown_location(posting: MockPosting, tenant: MockTenant) -> str:
    """What "Location" shows: the country beside a Duty Station (UNICEF's), else the place."""
    return posting.country if tenant.label("duty_station") else posting.duty_station


def teaser(posting: MockPosting) -> str:
    """The listing's summary: the first sentence of the posting's own text."""
    body = next((b for h, b in posting.sections[2:] if not h), "")
    return body.split(". ")[0].strip().rstrip(".") + "." if body else ""


def _og(title: str, tenant: MockTenant, url: str = "") -> str:
    return (
        f'<meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{escape(tenant.organization)} Careers">'
        + (f'<meta property="og:url" content="{escape(url)}">' if url else "")
    )


#: Three tenants no built-in source reads, each differing from UNICEF as real tenants
#: do: one on its own host in English (UK), with "Applications close" and dates in
#: numbers, day first; one on the shared careers.pageuppeople.com with no Duty Station
#: (its "Location" the place), a country and grade of its own words and dates with no
#: zone named; one whose links are absolute on its host, with its own job numbers and
#: words for the grade and deadline, and labels without colons.
OTHER_TENANTS = (
    MockTenant(
        host="jobs.refugeerelief.example",
        account="1043",
        organization="Refugee Relief Council",
        locale="en-gb",
        mount="/refugee-relief",
        datacentre="dc2",
        labels=(
            ("job_number", "Job no"),
            ("contract_type", "Contract type"),
            ("duty_station", "Duty Station"),
            ("grade", "Level"),
            ("location", "Location"),
            ("categories", "Categories"),
            ("posted", "Advertised"),
            ("closing", "Applications close"),
        ),
        date_style=3,
        home="https://www.refugeerelief.example",
    ),
    MockTenant(
        host="careers.pageuppeople.com",
        account="5123",
        organization="Clean Water Trust",
        locale="en",
        root="/5123/cw",
        datacentre="dc4",
        labels=(
            ("job_number", "Job no"),
            ("contract_type", "Work type"),
            ("location", "Location"),
            ("country", "Country"),
            ("grade", "Grade"),
            ("categories", "Categories"),
            ("posted", "Advertised"),
            ("closing", "Closing date"),
        ),
        date_style=4,
        home="https://www.cleanwatertrust.example",
    ),
    MockTenant(
        host="careers.childhealth.example",
        account="2210",
        organization="Child Health Initiative",
        mount="/child-health",
        labels=(
            ("job_number", "Vacancy no"),
            ("contract_type", "Work type"),
            ("duty_station", "Duty Station"),
            ("grade", "Salary band"),
            ("location", "Location"),
            ("categories", "Categories"),
            ("posted", "Advertised"),
            ("closing", "Closes"),
        ),
        colon=False,
        date_style=2,
        absolute_links=True,
        numbered="CHI/2026/",
        home="https://www.childhealth.example",
    ),
)
#: The one zone each of OTHER_TENANTS writes all its dates in (None: the duty station's).
TENANT_ZONES = (None, "Australia/Sydney", None)
_FIRST_KEYS = (610000, 720000, 830000)


def several_tenants(per_tenant: int = 25) -> PageUpSite:
    """A PageUp mock serving `OTHER_TENANTS`, each with `per_tenant` postings of its own
    (more than a listing page; keys unique across tenants), named "pageup" for MockSites."""
    from .content import unicef_postings

    base = unicef_postings(per_tenant * len(OTHER_TENANTS))
    tenants = {}
    for index, tenant in enumerate(OTHER_TENANTS):
        chosen = base[index * per_tenant : (index + 1) * per_tenant]
        postings = []
        for n, posting in enumerate(chosen):
            key = str(_FIRST_KEYS[index] + 7 * n)
            changes: dict[str, object] = {"key": key, "organization": tenant.organization}
            if TENANT_ZONES[index]:
                changes["timezone"] = TENANT_ZONES[index]
            if tenant.numbered:
                changes["fields"] = {"Job no": f"{tenant.numbered}{n + 1:04d}"}
            postings.append(dataclasses.replace(posting, **changes))  # type: ignore[arg-type]
        tenants[tenant] = postings
    site = PageUpSite(tenants=tenants)
    site.name = "pageup"  # type: ignore[misc]
    return site
