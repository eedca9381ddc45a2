# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of Avature career portals, any number of them on one host.

`AvatureSite(portals={portal: postings, ...})` serves each portal's postings under its
own path (`/careersmarketplace`, `/careers`, `/en_US/careers`, `/jobs`): the path is what
tells portals apart on one host, as on X.avature.net, which serves several. The built-in
`unops` mock (crawler/mocksites/unops.py) is the portal `/careersmarketplace` alone.
Paths below are written for `<portal>`.

Built to the structure of real Avature pages, which tests read beside the mock (UNOPS's
own SearchJobs page, and job pages of other Avature portals, carlyle's and amerilife's).
HTML only, as the real sites (no JSON API: such paths answer 404):

- `GET <portal>/SearchJobs/?jobRecordsPerPage=N&jobOffset=M`: the results, as many a
  page as the portal shows (UNOPS: at most 6, fewer when fewer are asked; another real
  portal, bloomberg's, 12, with one `list-item-location` span "New York, New York,
  United States of America"; a portal with a fixed page size shows that many whatever
  is asked), a legend "7-12 of 40 results"
  (`div.list-controls__text__legend`, aria-label "40 results") above and below,
  `div.results--listed` of `<article class="article article--result 1" id="article--N">`
  with `h3 a.link[href=https://<host><portal>/JobDetail/<Slug>/<id>]` (the slug is
  sometimes another language's title: Avature makes it from the posting's first
  title), a subtitle of spans named after the portal's job fields (UNOPS:
  `list-item-Duty Station`: a city only, `list-item-Seniority Level`,
  `list-item-posted` "05-Sep-2026"), a teaser, an Apply link to `<portal>/Login?jobId=<id>`
  and share buttons; pagination `li.paginationLink` (a window of six pages) and
  `li.paginationNextLink`. No "featured jobs" block.
- `GET <portal>/JobDetail/<Slug>/<id>` (any slug, none, or `JobDetail?jobId=<id>`): the
  job page. Every page has several `article.article--details` sections, in one of three
  templates seen on real portals (UNOPS mixes them by key; another portal may use one):
  * current (like carlyle): a banner heading, "General information" of
    `article__content__view__field` label/value pairs (UNOPS's labels, without colon:
    "Duty station", "Country", "Contract level", "Application period" "14-May-2026 to
    28-May-2026"), one section per text block with an `h3` heading, and an "Additional
    information" section whose long values are labelled fields; JSON-LD {title,
    datePosted};
  * legacy (UNOPS: key divisible by 5; like amerilife): a banner heading, "General
    Information" of `<p class="paragraph"><span><strong>Label:</strong></span>
    <span>value</span></p>` (labels with a colon and other names: "Position Title:",
    "Duty Station:", "ICS Level:", "Position Area:", "Deadline:" "28-May-2026"), then
    one "Description & Requirements" rich-text section; JSON-LD with jobLocation;
  * bare (UNOPS: key % 7 == 2): no banner heading; the title is an unlabelled first
    section; labels with a colon ("Location:", "Posting End Date:"); JSON-LD only on
    even keys, a "Job Name:" field only on odd ones (og:title on all pages).
  Each portal names its fields its own way (`MockPortal.fields`, `listed`), writes
  dates its own way (`date_format`; a deadline may be an instant in GMT,
  `deadline_zone`), and names its employer in the JSON-LD or not (`hiring_organization`,
  as amerilife's does not). The duty station is a city; the country is a field of its
  own. Unknown ids, and ids of another portal, redirect (302) to `<portal>/Error`.
- Chrome: cookie banner, Avature header and menu, "Posted N days ago" under the banner
  (relative to today), Apply, Share, related jobs, "Back to job list", footer.

Mock decisions where nothing real shows what the site does: a posting set to status
"closed" stays listed; its application period (or deadline) reads "Closed" and it has
no Apply button. A month-first portal writes numeric dates "11/05/2026"; a deadline
instant reads "Dec 1, 2026 04:59 AM GMT" (the end of the closing day in the portal's
zone). Portals with a page size of their own, whatever is asked, stand for the portals
that accept `jobRecordsPerPage` and ignore it.
"""

# The posting texts keep each paragraph on one line, as the sites' HTML does.

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html import escape
from urllib.parse import quote
from zoneinfo import ZoneInfo

from . import chrome
from .postings import MockPosting, body_html, sections_html
from .server import MockRequest, MockResponse, MockSite

#: A labelled field of a job page: (what it holds, the portal's label for it). What it
#: holds is one of: title, job_number, office, location, country, categories,
#: contract_type, grade, seniority, duration, period, posted, closing.
Field = tuple[str, str]

#: The labelled fields of each template, as UNOPS's pages label them.
UNOPS_FIELDS: dict[str, tuple[Field, ...]] = {
    "legacy": (
        ("title", "Position Title:"),
        ("job_number", "Vacancy code:"),
        ("office", "Department/office:"),
        ("location", "Duty Station:"),
        ("country", "Country:"),
        ("categories", "Position Area:"),
        ("contract_type", "Contract type:"),
        ("grade", "ICS Level:"),
        ("duration", "Duration:"),
        ("closing", "Deadline:"),
    ),
    "bare": (
        ("title", "Job Name:"),  # on odd keys only
        ("location", "Location:"),
        ("country", "Country:"),
        ("categories", "Job categories:"),
        ("job_number", "Vacancy code:"),
        ("office", "Department/office:"),
        ("contract_type", "Contract type:"),
        ("grade", "Contract level:"),
        ("duration", "Duration:"),
        ("posted", "Posting Start Date:"),
        ("closing", "Posting End Date:"),
    ),
    "current": (
        ("categories", "Job categories"),
        ("job_number", "Vacancy code"),
        ("office", "Department/office"),
        ("location", "Duty station"),
        ("country", "Country"),
        ("contract_type", "Contract type"),
        ("grade", "Contract level"),
        ("duration", "Duration"),
        ("period", "Application period"),
    ),
}


@dataclass(frozen=True)
class MockPortal:
    """One Avature career portal: its path on the host, and how its pages differ.

    Portals key the site's postings; their mappings are left out of the hash."""

    path: str  # "/careersmarketplace": before /SearchJobs, /JobDetail, /Error
    host: str  # the public host its pages name: "https://careers.unops.org"
    site_name: str  # og:site_name, the header and the page titles: "UNOPS"
    portal_name: str  # avature.portal.name: "Careers Marketplace"
    portal_id: int = 13
    lang: str = "en_US"
    #: Results a page: at most this many (fewer when fewer are asked), or exactly this
    #: many whatever is asked (`fixed_page`).
    per_page: int = 6
    fixed_page: bool = False
    #: The job page template of every posting; None: UNOPS's mix by key.
    template: str | None = None
    #: The labelled fields of each template.
    fields: Mapping[str, tuple[Field, ...]] = field(
        default_factory=lambda: dict(UNOPS_FIELDS), hash=False
    )
    #: The field spans of a listing result: (what it holds, `list-item-<label>`).
    listed: tuple[Field, ...] = (
        ("location", "Duty Station"),
        ("seniority", "Seniority Level"),
        ("posted", "posted"),
    )
    #: How its dates read (strftime); the JSON-LD's are ISO.
    date_format: str = "%d-%b-%Y"
    #: A deadline written as the GMT instant ending the closing day in this zone.
    deadline_zone: str | None = None
    #: Whether its JSON-LD names the employer (`hiringOrganization`).
    hiring_organization: bool = False
    #: Titles a posting was first written with (the slug is made from them).
    first_titles: Mapping[str, str] = field(default_factory=dict, hash=False)
    hero: str = "Careers to build the future"
    menu: tuple[tuple[str, str], ...] = (("Search Jobs", "SearchJobs"),)
    footer: tuple[tuple[str, str], ...] = ()
    social: tuple[tuple[str, str, str], ...] = ()  # (label, address, icon file)
    #: The search form's filters: (field id, label, what it holds).
    filters: tuple[tuple[int, str, str], ...] = ()
    #: The sort menu: (label, data-sortby).
    sorts: tuple[tuple[str, str], ...] = ()

    @property
    def url_path(self) -> str:
        """avature.portal.urlPath: the portal's name, without the language."""
        return self.path.rsplit("/", 1)[-1]


# Paths under a portal's path.
_DETAIL_PATH = re.compile(r"^/JobDetail(?:/[^/]*)*?(?:/(\d+))?/?$")
_LISTING_PATH = re.compile(r"^/SearchJobs/?$")


def avature_slug(title: str) -> str:
    """Avature's URL slug: the title with runs of other characters turned into "-"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")


def _number(key: str) -> int:
    digits = re.sub(r"\D", "", key)
    return int(digits) if digits else sum(map(ord, key))


def detail_path(posting: MockPosting, portal: MockPortal) -> str:
    """`<portal>/JobDetail/<Slug>/<id>`; some slugs are the first title's."""
    title = posting.title
    if _number(posting.key) % 4 == 1:
        title = portal.first_titles.get(title, title)
    return f"{portal.path}/JobDetail/{avature_slug(title)}/{posting.key}"


def template(posting: MockPosting, portal: MockPortal) -> str:
    """Which job page template the posting is shown with: "current", "legacy", "bare"."""
    if portal.template:
        return portal.template
    n = _number(posting.key)
    if n % 5 == 0:
        return "legacy"
    if n % 7 == 2:
        return "bare"
    return "current"


def seniority(grade: str) -> str:
    """The "Seniority Level" a UN portal's results show, from the contract level."""
    if re.search(r"\b(?:P-?5|D-?\d)\b", grade):
        return "Senior Level"
    if "ICS" in grade or "IICA" in grade or re.search(r"\bP-?\d\b", grade):
        return "Mid Level"
    return "Associate"


def deadline_instant(day: date, zone: str) -> str:
    """The end of `day` in `zone` as the GMT instant a portal writes: "Dec 1, 2026 04:59 AM GMT"."""
    end = datetime.combine(day, time(23, 59), ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))
    return f"{end:%b} {end.day}, {end.year} {end:%I:%M %p} GMT"


class AvatureSite(MockSite):
    """Avature listing and job pages, for each of `portals`.

    Not a site of its own (it has no source name): crawler/mocksites/unops.py is the
    built-in one, and tests serve several portals with `AvatureSite(portals=...)`.
    """

    def __init__(
        self,
        postings: list[MockPosting] | None = None,
        portals: dict[MockPortal, list[MockPosting]] | None = None,
    ) -> None:
        if portals is None:
            portals = {
                self.default_portal(): self.default_postings() if postings is None else postings
            }
        #: Which portal each posting key is of (keys are unique on one host).
        self.portal_of: dict[str, MockPortal] = {
            p.key: portal for portal, items in portals.items() for p in items
        }
        self.portals = tuple(portals)
        super().__init__([p for items in portals.values() for p in items])

    def default_portal(self) -> MockPortal:
        raise NotImplementedError

    def add(self, posting: MockPosting, portal: MockPortal | None = None) -> None:
        """A new posting, of `portal` (by default the first)."""
        self.portal_of[posting.key] = portal or self.portals[0]
        super().add(posting)

    def today(self) -> date:
        """The day "Posted N days ago" counts from (the real clock, so it drifts daily)."""
        return date.today()

    def host(self, portal: MockPortal | None = None) -> str:
        """The host Avature writes into its absolute links: its own."""
        return self.base_url or (portal or self.portals[0]).host

    def portal_for(self, path: str) -> MockPortal | None:
        """The portal a path is under (the longest path first: /en_US/careers is not /careers)."""
        for portal in sorted(self.portals, key=lambda p: len(p.path), reverse=True):
            if path == portal.path or path.startswith(portal.path + "/"):
                return portal
        return None

    def of(self, portal: MockPortal) -> list[MockPosting]:
        """The portal's postings, in listing order."""
        return [p for p in self.snapshot() if self.portal_of.get(p.key) == portal]

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            rules = "".join(
                f"Disallow: {p.path}/Login\nDisallow: {p.path}/ApplicationMethods\n"
                for p in self.portals
            )
            return MockResponse.text(f"User-agent: *\n{rules}")
        if path in ("", "/"):
            return self.redirect(f"{self.portals[0].path}/SearchJobs")
        portal = self.portal_for(path)
        if portal is None:
            return self.not_found()
        rest = path[len(portal.path) :]
        if rest in ("", "/"):
            return self.redirect(f"{portal.path}/SearchJobs", portal)
        if _LISTING_PATH.match(rest):
            return self.listing(request, portal)
        if _DETAIL_PATH.match(rest):
            key = self.posting_key(request)
            posting = self.get(key) if key else None
            if posting is None or self.portal_of.get(posting.key) != portal:
                # Avature sends every error to one page
                return self.redirect(f"{portal.path}/Error", portal)
            return self.detail(posting, portal)
        if rest == "/Error":
            return MockResponse.html(self.error_page(portal))
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        portal = self.portal_for(request.path)
        if portal is None or not _LISTING_PATH.match(request.path[len(portal.path) :]):
            return None
        per_page, offset = self.paging(request, portal)
        return offset // per_page + 1

    def posting_key(self, request: MockRequest) -> str | None:
        portal = self.portal_for(request.path)
        match = _DETAIL_PATH.match(request.path[len(portal.path) :]) if portal else None
        if not match:
            return None
        return match.group(1) or request.query.get("jobId") or None

    def redirect(self, path: str, portal: MockPortal | None = None) -> MockResponse:
        return MockResponse(302, b"", headers={"Location": self.host(portal) + path})

    # -- page frame -------------------------------------------------------------------

    def header(self, portal: MockPortal) -> str:
        host, root = self.host(portal), portal.path
        items = "\n".join(
            f'<li class="menu__item"><a class="menu__link" href="{escape(href if href.startswith("http") else host + href)}" tabindex="0">'
            f'<span class="menu__text">{escape(text)}</span></a></li>'
            for text, href in self.menu(portal)
        )
        return f"""<header class="header">
<a class="visibility--hidden--visually skip-content focusable tpt_localAnchor" href="#main" tabindex="0">Skip to content</a>
<div class="header__wrapper"><div class="header__content">
<div class="header__logo"><a class="logo logo--header" href="{host}{root}" tabindex="0">
<img alt="Home" loading="lazy" src="{host}/portal/{portal.portal_id}/images/logo--default.svg"/>
<h1 class="visibility--hidden--visually">{escape(portal.site_name)}</h1></a></div>
<div class="header__menu"><nav aria-label="Main menu" class="menu menu--idle"><div class="menu__panel" id="menu__panel">
<ul class="menu__list">
{items}
</ul>
<ul class="menu__list menu__list--separator-left"><li class="menu__item"><a class="menu__link" data-map="user-signin-link" href="{host}{root}/Login" tabindex="0"><span class="menu__text">Login</span></a></li></ul>
</div></nav></div>
</div></div>
</header>"""

    def menu(self, portal: MockPortal) -> list[tuple[str, str]]:
        """The menu's entries, the portal's own pages under its path."""
        return [
            (text, href if href.startswith("http") else f"{portal.path}/{href}")
            for text, href in portal.menu
        ]

    def footer(self, portal: MockPortal) -> str:
        links = '\n<span aria-hidden="true" class="footer__links__divider">|</span>\n'.join(
            f'<a class="footer__links__item link" href="{escape(href)}" target="_blank">{escape(text)}</a>'
            for text, href in portal.footer
        )
        social = "\n".join(
            f'<a aria-label="{label}" class="footer__social__item" href="{escape(href)}" rel="noopener noreferrer" target="_blank"><img alt="{label} Logo" aria-hidden="true" class="footer__social__item__icon" src="{self.host(portal)}/portal/{portal.portal_id}/images/{icon}"/></a>'
            for label, href, icon in portal.social
        )
        return f"""<footer aria-label="Footer" class="footer"><div class="footer__wrapper"><div class="footer__content">
<div class="footer__rights"><span class="footer__rights__copy">© 2026 {escape(portal.site_name)}</span></div>
<div class="footer__links">
{links}
</div>
<div class="footer__social">
{social}
</div>
</div></div></footer>"""

    def page(
        self,
        portal: MockPortal,
        page_name: str,
        title: str,
        og: dict[str, str],
        body: str,
        tail: str = "",
    ) -> str:
        """A whole Avature page: portal metas, Open Graph, then the body."""
        metas = "".join(
            f'<meta content="{escape(value)}" property="og:{name}"/>\n'
            for name, value in og.items()
        )
        lang = portal.lang.replace("_", "-")
        return f"""<!DOCTYPE html>
<html lang="{lang}" menu-paneleffect="over" menu-panelfrom="right" menu-toggleside="right" menu-type="visible" xml:lang="{lang}" xmlns="http://www.w3.org/1999/xhtml">
<head><meta content="{portal.portal_id}" name="avature.portal.id"/><meta content="{escape(portal.portal_name)}" name="avature.portal.name"/><meta content="{portal.url_path}" name="avature.portal.urlPath"/><meta content="{portal.lang}" name="avature.portal.lang"/><meta content="{page_name}" name="avature.portal.page"/>
<meta content="text/html;charset=utf-8" http-equiv="content-type"/>
<meta content="width=device-width, height=device-height, initial-scale=1.0, minimum-scale=1.0, user-scalable=1" name="viewport"/>
{metas}<meta content="{escape(portal.site_name)}" property="og:site_name"/>
<title>
        {escape(title)}    </title>
<link href="/portal/{portal.portal_id}/css/library__theme.css" media="all" rel="stylesheet" type="text/css"/>
</head>
<body class="body body--header-fixed-on-scroll body--footer-sticky">
<div class="body__content">
{chrome.cookie_banner(f"{self.host(portal)}{portal.path}/Privacy")}
{self.header(portal)}
{body}
{self.footer(portal)}
</div>
{tail}</body>
</html>
"""

    # -- what the pages say of a posting ----------------------------------------------

    def date(self, day: date, portal: MockPortal) -> str:
        """A date as the portal writes it ("14-May-2026", "11/05/2026")."""
        return f"{day:{portal.date_format}}"

    def value(self, posting: MockPosting, what: str, portal: MockPortal) -> str:
        """What a field or listing span holding `what` shows of the posting."""
        p = posting
        closed = p.status == "closed"
        if what == "period":
            period = f"{self.date(p.posted_date, portal)} to {self.date(p.closing_date, portal)}"
            return "Closed" if closed else period
        if what == "closing":
            if closed:
                return "Closed"
            if portal.deadline_zone:
                return deadline_instant(p.closing_date, portal.deadline_zone)
            return self.date(p.closing_date, portal)
        values = {
            "title": p.title,
            "job_number": p.fields.get("Vacancy code", ""),
            "office": p.fields.get("Department/office", ""),
            "location": p.duty_station,
            "country": p.country,
            "categories": ", ".join(p.categories),
            "contract_type": p.contract_type,
            "grade": p.grade,
            "seniority": seniority(p.grade),
            "duration": p.fields.get("Duration", ""),
            "posted": self.date(p.posted_date, portal),
        }
        return values[what]

    # -- listing ----------------------------------------------------------------------

    def paging(self, request: MockRequest, portal: MockPortal) -> tuple[int, int]:
        """(records per page, offset) the portal shows for the request."""
        try:
            per_page = int(request.query.get("jobRecordsPerPage") or portal.per_page)
            offset = int(request.query.get("jobOffset") or 0)
        except ValueError:
            return portal.per_page, 0
        if portal.fixed_page:
            return portal.per_page, max(0, offset)
        return min(portal.per_page, max(1, per_page)), max(0, offset)

    def listing(self, request: MockRequest, portal: MockPortal) -> MockResponse:
        host, root = self.host(portal), portal.path
        per_page, offset = self.paging(request, portal)
        shown, total = self.listing_slice(
            offset, per_page, among=lambda p: self.portal_of.get(p.key) == portal
        )
        everything = self.of(portal)
        legend_css = self.css("list-controls__text__legend")
        if shown:
            legend = f"""
                {offset + 1}-{offset + len(shown)}
                                    of {total}
                 results
            """
        else:
            legend = f"""
                {total}
                 results
            """
        items = "\n".join(self.listing_item(p, n, portal) for n, p in enumerate(shown, 1)) or (
            '<p class="results__empty">There are no jobs matching your search.</p>'
        )
        sorts = "\n".join(
            f'<li aria-label="Sort jobs by {escape(label)}" class="sort__item tpt_listSortableItem sort__item--job dropdown__item" data-entity="job" data-sortby="{key}" tabindex="0"><span class="dropdown__text sort__item__text">{escape(label)}</span></li>'
            for label, key in portal.sorts
        )
        search_label = portal.menu[0][0] if portal.menu else "Search Jobs"
        body = f"""<div class="banner banner--main"><div class="banner__wrapper"><div class="banner__text">
<h2 class="banner__text__title title title--hero">
                                        {escape(portal.hero)}                                    </h2>
</div></div></div>
<main class="main" id="main">
<div class="breadcrumbs"><div class="breadcrumbs__wrapper"><div class="breadcrumbs__content">
<ul aria-label="breadcrumbs" class="list list--links list--links--top">
<li class="list__item"><a class="link" href="{host}{root}/Home">Home</a></li>
<li aria-current="page" class="list__item list__item--active"><span>{escape(search_label)}</span></li>
</ul></div></div></div>
<div class="main__wrapper"><div class="main__content clearfix">
<section class="section section--search-jobs" search-type="idle">
<div class="grid grid--2--sidebar grid--2--sidebar--filters">
<div class="grid__item grid__item--filters">
<div class="section__header"><div class="section__header__text"><h2 class="section__header__text__title title title--h7">Filter jobs by</h2></div></div>
{self.filters(everything, portal)}
</div>
<div class="grid__item grid__item--main">
<div class="section__content">
<div class="list-controls list-controls--top clearfix">
<div class="list-controls__text">
<div aria-label="{total} results" class="{legend_css}">{legend}</div>
</div>
<div class="list-controls__sort"><div aria-label="Sort by" class="dropdown dropdown--opens-bottom dropdown--overflows-left">
<a aria-controls="dropdown__list" aria-expanded="false" aria-haspopup="true" class="dropdown__placeholder" href="#" role="button" tabindex="0">Sort by</a>
<ul class="dropdown__list" id="dropdown__list">
{sorts}
</ul></div></div>
</div>
<div class="section__content__results">
<div class="results results--listed">
{items}
</div>
</div>
<div class="list-controls list-controls--bottom clearfix">
<div class="list-controls__text">
<div aria-label="{total} results" class="{legend_css}">{legend}</div>
</div>
<div class="list-controls__pagination"><nav aria-label="Pagination Navigation">
<ul class="list-controls__pagination__list">
{self.pagination(offset, per_page, total, portal)}
</ul></nav></div>
</div>
</div>
</div>
</div>
</section>
</div></div>
</main>
<div class="banner banner--secondary banner--secondary--bottom"><div class="banner__wrapper"><div class="banner__text banner__text--center">
<h2 class="banner__text__title title title--h6"><span class="banner__text__title__phrase">Didn't find what you're looking for?</span>
<a class="button button--primary" href="{host}{root}/TalentCommunity">Join Our Talent Community</a></h2>
</div></div></div>"""
        og = {
            "title": f"Find Jobs - {portal.portal_name}",
            "type": "website",
            "url": f"{portal.host}{root}/SearchJobs?jobOffset={offset}",
            "description": f"Find Jobs {portal.portal_name}",
        }
        title = f"Job Search | {portal.site_name}"
        return MockResponse.html(self.page(portal, "SearchJobs", title, og, body))

    def listing_url(self, offset: int, per_page: int, portal: MockPortal) -> str:
        return f"{self.host(portal)}{portal.path}/SearchJobs/?jobRecordsPerPage={per_page}&amp;jobOffset={offset}"

    def pagination(self, offset: int, per_page: int, total: int, portal: MockPortal) -> str:
        """A window of up to six page links around the current page, then "Next >>"."""
        pages = max(1, -(-total // per_page))
        current = offset // per_page + 1
        first = max(1, min(current - 2, pages - 5))
        items = []
        if current > 1:
            items.append(
                f'<li class="list-controls__pagination__item paginationPreviousLink"><a aria-label="Go to Previous Page, Number {current - 1}" href="{self.listing_url((current - 2) * per_page, per_page, portal)}">&lt;&lt; Previous</a></li>'
            )
        for number in range(first, min(pages, first + 5) + 1):
            if number == current:
                items.append(
                    '<li aria-current="true" class="list-controls__pagination__item paginationLink currentPageLink">'
                    f'<span class="visibility--hidden--visually">Page</span> {number}</li>'
                )
            else:
                items.append(
                    f'<li class="list-controls__pagination__item paginationLink"><a aria-label="Go to Page Number {number}" href="{self.listing_url((number - 1) * per_page, per_page, portal)}">{number}</a></li>'
                )
        if offset + per_page < total:
            items.append(
                f'<li class="list-controls__pagination__item paginationNextLink"><a aria-label="Go to Next Page, Number {current + 1}" href="{self.listing_url(offset + per_page, per_page, portal)}">Next &gt;&gt;</a></li>'
            )
        return "\n".join(items)

    def listing_item(self, posting: MockPosting, number: int, portal: MockPortal) -> str:
        p, host, root = posting, self.host(portal), portal.path
        link = f"{host}{detail_path(p, portal)}"
        teaser = next((body for heading, body in p.sections if "Job-specific" in heading), "")
        teaser = teaser.split(". ")[0].strip().rstrip(".") + "." if teaser else ""
        content = (
            f"""<div class="article__content">
                                            {escape(teaser)}
                                        </div>"""
            if teaser
            else ""
        )
        footer = ""
        if p.status != "closed":
            share = quote(link, safe="")
            footer = f"""<div class="article__footer">
<a aria-label="Apply for {escape(p.title)}" class="button button--secondary" href="{host}{root}/Login?jobId={p.key}" tabindex="0">
                                                Apply
                                                </a>
<div class="popup popup--share popup--top popup--overflows--left popup--on-click">
<a aria-haspopup="true" aria-label="Share {escape(p.title)} in social media" class="button button--share" role="button" tabindex="0">Share</a>
<div class="popup__content"><div class="popup__content__box"><ul class="list list--share">
<li class="list__item"><a class="shareButton shareButton--facebook tpt_socialShareIcon" href="https://www.facebook.com/sharer/sharer.php?u={share}">Facebook</a></li>
<li class="list__item"><a class="shareButton shareButton--linkedin tpt_socialShareIcon" href="{host}/_linkedinApiv2?portalUrl={share}">LinkedIn</a></li>
</ul></div></div></div>
</div>"""
        spans = ' <span aria-hidden="true" class="separator"> • </span> '.join(
            f'<span class="list-item-{label}">{escape(self.value(p, what, portal))}</span>'
            for what, label in portal.listed
        )
        return f"""<article class="article {self.css("article--result")} 1" id="article--{number}">
<div class="article__header">
<div class="article__header__text">
<h3 class="article__header__text__title title title--h6">
<a class="link" href="{link}">
                                                        {escape(p.title)}
                                                    </a>
</h3>
<div class="article__header__text__subtitle">
{spans}
</div>
</div>
</div>
{content}
{footer}
</article>"""

    def filters(self, postings: list[MockPosting], portal: MockPortal) -> str:
        """The filter form: Avature's wizard fields, each a select with the counts."""

        def select(field_id: int, label: str, names: list[str]) -> str:
            options = "".join(
                f'<option value="{escape(n)}">{escape(n)} ({names.count(n)})</option>'
                for n in sorted(set(names))
            )
            return (
                f'<div class="fieldSpec SelectFormField"><label class="WizardFieldLabel tc_formLabel" for="{field_id}" id="{field_id}-label">{label}</label>'
                f'<select id="{field_id}" name="{field_id}"><option value="">Select</option>{options}</select></div>'
            )

        def names(what: str) -> list[str]:
            if what == "categories":
                return [c for p in postings for c in p.categories]
            return [self.value(p, what, portal) for p in postings]

        selects = "\n".join(select(i, label, names(what)) for i, label, what in portal.filters)
        return f"""<div class="section__header__search"><div aria-label="Search form" class="search" id="search"><div class="search__panel">
<form action="{self.host(portal)}{portal.path}/SearchJobs" autocomplete="on" class="form clearfix" id="tpt_jobSortableForm" method="post" role="search">
<fieldset><legend class="visibility--hidden--visually">Filter jobs by</legend>
<div class="wizard" data-id="18" id="wizard-id-18">
<div class="fieldSpec TextField"><label class="WizardFieldLabel tc_formLabel" for="266" id="266-label">Keywords</label><input id="266" name="266" type="text" value=""/></div>
{selects}
</div>
<button class="button button--primary" type="submit">Search</button>
</fieldset></form></div></div></div>"""

    # -- detail -----------------------------------------------------------------------

    def short_fields(
        self, posting: MockPosting, kind: str, portal: MockPortal
    ) -> list[tuple[str, str]]:
        """The posting's labelled values, with the portal's labels of template `kind`."""
        return [
            (label, self.value(posting, what, portal))
            for what, label in portal.fields[kind]
            # A bare page names its title in a field on odd keys only.
            if not (kind == "bare" and what == "title" and not _number(posting.key) % 2)
        ]

    def field(self, label: str, value_html: str, rich: bool = False) -> str:
        """One `article__content__view__field`, labelled when `label` is given."""
        field_css = self.css("article__content__view__field")
        label_html = (
            f"""
                                                                                    <div class="{self.css("article__content__view__field__label")}">
                                                {escape(label)}
                                            </div>
"""
            if label
            else ""
        )
        extra = " tf_replaceFieldVideoTokens field--rich-text" if rich else ""
        return f"""<div class="{field_css}{extra}">{label_html}
                                        <div class="{self.css("article__content__view__field__value")}">
                                                                                            {value_html}
                                                                                    </div>
                                    </div>"""

    def section(self, heading: str, content: str, classes: str = "", tag: str = "h3") -> str:
        """One `article--details` section: an optional heading, then `content`."""
        header = (
            f"""<div class="article__header js_collapsible__header">
<div class="article__header__text">
<{tag} class="article__header__text__title article__header__text__title--6">
                    {escape(heading)}
                </{tag}>
</div>
<p class="visibility--hidden--visually" aria-hidden="true">Press space or enter keys to toggle section visibility</p>
</div>"""
            if heading
            else ""
        )
        return f"""<article class="article {self.css("article--details")} {classes} js_collapsible" aria-expanded="false">
{header}
<div class="article__content js_collapsible__content">
<div class="article__content__view">
{content}
</div>
</div>
</article>"""

    def sections_current(self, posting: MockPosting, portal: MockPortal) -> list[str]:
        """General information, one section per text block (three), then the rest as
        labelled long fields of "Additional information"."""
        p = posting
        fields = "\n".join(
            self.field(label, escape(value))
            for label, value in self.short_fields(p, "current", portal)
        )
        out = [self.section("General information", fields, "regular-fields--cols-2Z")]
        for heading, body in p.sections[:3]:
            out.append(self.section(heading, self.field("", body_html(body), rich=True)))
        rest = p.sections[3:]
        if rest:
            out.append(
                self.section(
                    "Additional information",
                    "\n".join(self.field(h, body_html(b), rich=True) for h, b in rest),
                )
            )
        return out

    def sections_legacy(self, posting: MockPosting, portal: MockPortal) -> list[str]:
        """General Information of labelled paragraphs, then one rich-text description."""
        paragraph = self.css("paragraph")
        rows = "\n".join(
            f"""                                                                            <p class="{paragraph}">
                                            <span>
                                                <strong>
                                                    {escape(label)}                                                </strong>
                                            </span>
                                                                                        <span>
                                                {escape(value)}
                                            </span>
                                                                                </p>"""
            for label, value in self.short_fields(posting, "legacy", portal)
        )
        details = self.css("article--details")
        general = f"""<div class="section__content">
<article class="article {details}">
<div class="article__header"><div class="article__header__text"><h3 class="article__header__text__title article__header__text__title--3">
                                        General Information                                    </h3></div></div>
<div class="article__content">
<div class="fluid-cols fluid-cols--cols2 fluid-cols--gutters-24">
{rows}
</div>
</div>
</article>
</div>"""
        description = f"""<div class="section__content section__content--hr-top">
<article class="article {details}">
<div class="article__header"><div class="article__header__text"><h3 class="article__header__text__title article__header__text__title--3">
                                            Description &amp; Requirements                                        </h3></div></div>
<div class="article__content article__content--rich-text" itemprop="description">
{sections_html(posting.sections, heading_tag="strong")}
</div>
</article>
</div>"""
        return [general, description]

    def sections_bare(self, posting: MockPosting, portal: MockPortal) -> list[str]:
        """The title as an unlabelled section, the fields, then the description."""
        p = posting
        title = self.section("", self.field("", escape(p.title)))
        fields = "\n".join(
            self.field(label, escape(value))
            for label, value in self.short_fields(p, "bare", portal)
        )
        texts = "\n".join(
            self.field("", f"<p><strong>{escape(h)}</strong></p>\n{body_html(b)}", rich=True)
            for h, b in p.sections
        )
        return [
            title,
            self.section("", fields, "regular-fields--cols-2Z regular-fields-label--inline"),
            self.section("Description & Requirements", texts, tag="h2"),
        ]

    def json_ld(self, posting: MockPosting, kind: str, portal: MockPortal) -> str:
        """Avature's small JobPosting JSON-LD (none on odd-keyed bare pages)."""
        p = posting
        if kind == "bare" and _number(p.key) % 2:
            return ""
        ld: dict[str, object] = {
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": p.title,
            "datePosted": p.posted_date.isoformat(),
        }
        if portal.hiring_organization:
            ld["hiringOrganization"] = {"@type": "Organization", "name": p.organization}
        if kind == "legacy":
            ld["jobLocation"] = {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressCountry": p.country,
                    "addressLocality": p.duty_station,
                },
            }
        data = json.dumps(ld, ensure_ascii=False).replace("/", "\\/")
        return f'<script type="application/ld+json">{data}</script>'

    def detail(self, posting: MockPosting, portal: MockPortal) -> MockResponse:
        p, host, root = posting, self.host(portal), portal.path
        kind = template(p, portal)
        url = f"{portal.host}{detail_path(p, portal)}"
        days = (self.today() - p.posted_date).days
        age = "Posted today" if days <= 0 else f"Posted {days} day{'s' if days != 1 else ''} ago"
        banner = ""
        if kind != "bare":
            modifier = " banner__text__title--0" if kind == "current" else ""
            banner = f"""<div class="banner banner--main"><div class="banner__wrapper"><div class="banner__text">
<h2 class="{self.css("banner__text__title")}{modifier}">
        {escape(p.title)}
    </h2>
<p class="banner__text__subtitle">{age}</p>
</div></div></div>"""
        sections = {
            "current": self.sections_current,
            "legacy": self.sections_legacy,
            "bare": self.sections_bare,
        }[kind](p, portal)
        body_sections = "\n".join(sections)
        if kind != "legacy":
            body_sections = f'<section class="section js_views"><div class="section__content">\n{body_sections}\n</div></section>'
        else:
            body_sections = f'<section class="section">\n{body_sections}\n</section>'
        apply = (
            f'<div class="button-bar button-bar--cols-1"><div class="button-bar__wrap" role="navigation"><a class="button button--primary" href="{host}{root}/ApplicationMethods?jobId={p.key}" tabindex="0">Apply</a></div></div>'
            if p.status != "closed"
            else ""
        )
        similar = "\n".join(
            f'<li class="list__item"><a class="link" href="{host}{detail_path(o, portal)}">{escape(o.title)}</a></li>'
            for o in self.of(portal)
            if o.key != p.key and o.categories == p.categories
        )
        body = f"""{banner}
<main class="main" id="main">
<div class="main__wrapper"><div class="main__content clearfix">
<div class="--w--narrow" id="main-panel">
<div class="grid grid--2--sidebar">
<div class="grid__item">
{body_sections}
<ul class="list list--links list--links--bottom"><li class="list__item"><a class="link" href="{host}{root}/SearchJobs">Back to job list</a></li></ul>
</div>
<div class="grid__item grid__item--aside-right">
<aside class="aside" role="presentation">
<article class="article article--actions">
<div class="article__content">{apply}</div>
<div class="article__content">{chrome.share_links(url, p.title)}</div>
</article>
<article class="article article--view-more-aside" id="relatedJobs"><h3 class="article__header__text__title">Similar jobs</h3><ul class="list list--links">{similar}</ul></article>
</aside>
</div>
</div>
</div>
</div></div>
</main>"""
        og = {"title": p.title, "type": "website", "url": url, "description": ""}
        title = f"{p.title} -  - {p.key} - {portal.site_name}"
        page = self.page(portal, "JobDetail", title, og, body, tail=self.json_ld(p, kind, portal))
        return MockResponse.html(page)

    def error_page(self, portal: MockPortal) -> str:
        body = f"""<main class="main" id="main"><div class="main__wrapper"><div class="main__content clearfix">
<section class="section section--error"><div class="section__content">
<h2 class="section__header__text__title">Error</h2>
<p>The page you requested is not available. The job may have been closed or removed.</p>
<a class="button button--primary" href="{self.host(portal)}{portal.path}/SearchJobs">Search jobs</a>
</div></section></div></div></main>"""
        og = {"title": f"Error - {portal.portal_name}"}
        return self.page(portal, "Error", f"Error | {portal.site_name}", og, body)


#: One public host for the three portals below: Avature serves several portals on one
#: host, told apart by their path.
SHARED_HOST = "https://humanitarian.avature.net"

#: Three portals no built-in source reads, each with the ways real portals differ from
#: UNOPS's: other paths (one with the language before it), other labels, other page
#: sizes, a month-first US portal writing its deadline as a GMT instant, one whose
#: JSON-LD names no employer, and one of bare pages naming the employer only sometimes.
OTHER_PORTALS = (
    MockPortal(
        "/careers",
        SHARED_HOST,
        site_name="Meridian",
        portal_name="Meridian Careers",
        portal_id=4,
        per_page=50,  # up to 50 when asked: as many as the spider asks for
        template="current",
        fields={
            "current": (
                ("title", "Job Name"),
                ("job_number", "Job Code"),
                ("location", "Office Location"),
                ("country", "Country"),
                ("categories", "Job Function"),
                ("contract_type", "Employment Basis"),
                ("grade", "Career Level"),
                ("posted", "Date Posted"),
                ("closing", "Posting Closes"),
            )
        },
        listed=(("location", "Office Location"), ("posted", "posted")),
        date_format="%m/%d/%Y",
        deadline_zone="America/New_York",
        hiring_organization=True,
    ),
    MockPortal(
        "/en_US/careers",
        SHARED_HOST,
        site_name="GWA Careers",
        portal_name="Careers",
        portal_id=7,
        per_page=5,
        fixed_page=True,
        template="legacy",
        fields={
            "legacy": (
                ("title", "Position Title:"),
                ("job_number", "Job Reference:"),
                ("location", "Workplace:"),
                ("country", "Country:"),
                ("categories", "Position Area:"),
                ("contract_type", "Engagement:"),
                ("grade", "Seniority Level:"),
                ("closing", "Applications Close:"),
            )
        },
        listed=(("location", "Workplace"), ("grade", "Seniority Level"), ("posted", "posted")),
        date_format="%d/%m/%Y",
    ),
    MockPortal(
        "/jobs",
        SHARED_HOST,
        site_name="Health Action Network",
        portal_name="Jobs",
        portal_id=9,
        per_page=12,  # as many as a real portal shows, whatever is asked
        fixed_page=True,
        template="bare",
        fields={
            "bare": (
                ("title", "Job Name:"),
                ("location", "Duty Location:"),
                ("country", "Country of Assignment:"),
                ("categories", "Job categories:"),
                ("job_number", "Requisition ID:"),
                ("contract_type", "Contract type:"),
                ("grade", "Grade:"),
                ("posted", "Posting Start Date:"),
                ("closing", "Vacancy Closing Date:"),
            )
        },
        listed=(("location", "location"),),
        date_format="%d %B %Y",
        hiring_organization=True,
    ),
)
_EMPLOYERS = ("Meridian Relief Corps", "Global Water Alliance", "Health Action Network")
_KEYS = (5201, 7301, 9101)
_CODES = ("MRC-{key}", "GWA/2026/{key}", "HAN-R{key}")
# Grades of the portals' own: a company's career levels, a seniority, the UN's.
_GRADES = (
    lambda n, grade: ("Associate", "Senior Associate", "Manager", "Director")[n % 4],
    lambda n, grade: seniority(grade),
    lambda n, grade: grade,
)


def several_portals(per_portal: int = 14) -> AvatureSite:
    """An Avature mock serving `OTHER_PORTALS` on one host, each with `per_portal`
    postings of its own (keys unique on the host), named "avature" for MockSites."""
    from .unops import unops_postings

    base = unops_postings(per_portal * len(OTHER_PORTALS))
    portals = {}
    for index, portal in enumerate(OTHER_PORTALS):
        chosen = base[index * per_portal : (index + 1) * per_portal]
        postings = []
        for n, posting in enumerate(chosen):
            key = str(_KEYS[index] + n)
            # Early in the month, so that numeric dates read either way are both dates:
            # only the portal's date order gives the right one.
            posted = date(2026, 11, 2 + n % 9)
            postings.append(
                dataclasses.replace(
                    posting,
                    key=key,
                    organization=_EMPLOYERS[index],
                    grade=_GRADES[index](n, posting.grade),
                    posted_date=posted,
                    closing_date=posted + timedelta(days=30),
                    fields={**posting.fields, "Vacancy code": _CODES[index].format(key=key)},
                )
            )
        portals[portal] = postings
    site = AvatureSite(portals=portals)
    site.name = "avature"  # type: ignore[misc]
    return site
