# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of UNOPS careers on Avature "careersmarketplace" (careers.unops.org); SOURCES.md §8.

Built to the structure of real Avature pages (../shared/real-captures/avature/: UNOPS's
own SearchJobs page, and job pages of other Avature tenants). HTML only, as the real site
(no JSON API: such paths answer 404):

- `GET /careersmarketplace/SearchJobs/?jobRecordsPerPage=6&jobOffset=N`: the results, 6
  a page (larger `jobRecordsPerPage` values are capped at 6), a legend "7-12 of 40
  results" (`div.list-controls__text__legend`, aria-label "40 results") above and below,
  `div.results--listed` of `<article class="article article--result 1" id="article--N">`
  with `h3 a.link[href=https://<host>/careersmarketplace/JobDetail/<Slug>/<id>]` (the slug
  is sometimes another language's title: Avature makes it from the posting's first
  title), a subtitle of spans named after the job fields (`list-item-Duty Station`: a
  city only, `list-item-Seniority Level`, `list-item-posted` "05-Sep-2026"), a teaser, an
  Apply link to `/Login?jobId=<id>` and share buttons; pagination `li.paginationLink`
  (a window of six pages) and `li.paginationNextLink`. No "featured jobs" block.
- `GET /careersmarketplace/JobDetail/<Slug>/<id>` (any slug, none, or
  `JobDetail?jobId=<id>`): the job page. Every page has several
  `article.article--details` sections, in one of three templates seen on real tenants:
  * current (most postings, like carlyle): a banner heading, "General information" of
    `article__content__view__field` label/value pairs (labels without colon: "Duty
    station", "Country", "Contract level", "Application period" "14-May-2026 to
    28-May-2026"), one section per text block with an `h3` heading, and an "Additional
    information" section whose long values are labelled fields; JSON-LD {title,
    datePosted};
  * legacy (older postings, key divisible by 5, like amerilife): a banner heading,
    "General Information" of `<p class="paragraph"><span><strong>Label:</strong></span>
    <span>value</span></p>` (labels with a colon and other names: "Position Title:",
    "Duty Station:", "ICS Level:", "Position Area:", "Deadline:" "28-May-2026"), then one
    "Description & Requirements" rich-text section; JSON-LD with jobLocation, no
    hiringOrganization;
  * bare (key % 7 == 2, like bloomberg): no banner heading; the title is an unlabelled
    first section; labels with a colon ("Location:", "Posting End Date:"); JSON-LD only
    on even keys, a "Job Name:" field only on odd ones (og:title on all pages).
  The duty station is a city; the country is a field of its own. Unknown ids redirect
  (302) to `/careersmarketplace/Error`.
- Chrome: cookie banner, Avature header and menu, "Posted N days ago" under the banner
  (relative to today), Apply, Share, related jobs, "Back to job list", footer.

Mock decisions where the captures say nothing: a posting set to status "closed" stays
listed; its application period (or deadline) reads "Closed" and it has no Apply button.
"""

# The posting texts keep each paragraph on one line, as the sites' HTML does.

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from urllib.parse import quote

from . import chrome
from .content import ANCHOR, STATIONS
from .postings import MockPosting, body_html, sections_html
from .server import MockRequest, MockResponse, MockSite

ROOT = "/careersmarketplace"
PER_PAGE = 6
PUBLIC_HOST = "https://careers.unops.org"

_DETAIL_PATH = re.compile(rf"^{ROOT}/JobDetail(?:/[^/]*)*?(?:/(\d+))?/?$")
_LISTING_PATH = re.compile(rf"^{ROOT}/SearchJobs/?$")

MENU = [
    ("Open Positions", f"{ROOT}/SearchJobs"),
    ("How To Apply", "https://drive.google.com/file/d/how-to-apply/view"),
    ("What We Offer", "https://docs.google.com/presentation/d/what-we-offer/edit"),
]
FOOTER = [
    ("Terms and Conditions", "https://www.unops.org/terms-of-use"),
    ("Stay Up to Date", "https://unops.org"),
    ("Privacy Policy", "https://www.unops.org/privacy"),
    ("Subscribe to our Newsletter", "https://www.unops.org/welcome"),
    ("FAQ", "https://docs.google.com/document/d/unops-faq/edit"),
]

# ---------------------------------------------------------------------------------------
# Content: UNOPS's standard blocks, as every UNOPS vacancy repeats them.
# ---------------------------------------------------------------------------------------

UNOPS_BACKGROUND = """UNOPS is a United Nations organization that helps the UN, governments and other partners to manage projects and deliver practical solutions to humanitarian, development and peace challenges. Our mission is to help people build better lives and countries achieve peace and sustainable development.

Working with us: UNOPS offers short- and long-term work opportunities in diverse and challenging environments across the globe. We are looking for creative, results-focused professionals with skills in a range of disciplines.

Diversity: With over 4,000 UNOPS personnel and approximately 7,000 personnel recruited on behalf of UNOPS partners spread across 80 countries, our workforce represents a wide range of nationalities and cultures. We promote a balanced, diverse workforce — a strength that helps us better understand and address our partners’ needs, and continually strive to improve our gender parity.

Work life harmonization: UNOPS values its people and recognizes the importance of balancing professional and personal demands. We have a progressive policy on flexible working arrangements, enabling personnel to better balance their work and private life."""

UNOPS_CONSIDERATIONS = """• Please note that the closing date is midnight Copenhagen time.
• Applications received after the closing date will not be considered.
• Only those candidates that are short-listed for interviews will be notified.
• Qualified female candidates are strongly encouraged to apply.
• UNOPS does not charge a fee at any stage of its recruitment process. UNOPS does not concern itself with information on applicants’ bank accounts.
• The incumbent is responsible to abide by security policies, administrative instructions, plans and procedures of the UN Security Management System and that of UNOPS.

It is the policy of UNOPS to conduct background checks on all potential recruits/interns. Recruitment/internship in UNOPS is contingent on the results of such checks."""


@dataclass(frozen=True)
class UnopsRole:
    title: str
    contract_type: str
    level: str  # as the "Contract level" field writes it
    category: str
    duration: str
    summary: str
    duties: tuple[str, ...]
    education: str
    years: str


UNOPS_ROLES = [
    UnopsRole(
        "Project Manager",
        "International ICA",
        "ICS 11 (IICA 3)",
        "Project Management",
        "Open-ended, subject to satisfactory performance and funding availability",
        "The project rehabilitates health facilities and water systems with funding from "
        "the World Bank.",
        (
            "Lead the planning and delivery of the project within scope, time and budget.",
            "Manage the project team and the relations with the partner and donors.",
            "Report on progress, risks and lessons learned.",
        ),
        "Advanced university degree in project management, engineering or business.",
        "7 years",
    ),
    UnopsRole(
        "Procurement Officer",
        "International ICA",
        "ICS-10 (IICA-2)",
        "Procurement",
        "1 year, renewable subject to satisfactory performance and funding availability",
        "The office buys goods, works and services for partners' projects worth over 50 "
        "million dollars a year.",
        (
            "Prepare and run competitive tenders under UNOPS procurement rules.",
            "Evaluate bids and draft contract award recommendations.",
            "Manage contracts and supplier performance.",
        ),
        "Advanced university degree in procurement, supply chain or business.",
        "5 years",
    ),
    UnopsRole(
        "Civil Engineer",
        "Local ICA Specialist",
        "LICA 9",
        "Engineering",
        "1 year, renewable",
        "The infrastructure portfolio covers schools, roads and flood defences.",
        (
            "Review designs, bills of quantities and technical specifications.",
            "Supervise contractors on site and certify works.",
            "Apply UNOPS health, safety and environmental standards.",
        ),
        "Bachelor's degree in civil engineering.",
        "4 years",
    ),
    UnopsRole(
        "Finance Assistant",
        "Local ICA Support",
        "LICA 5",
        "Finance",
        "6 months, renewable",
        "The office manages grants and project budgets for several partners.",
        (
            "Process payments and record transactions in oneUNOPS.",
            "Reconcile accounts and prepare financial reports.",
            "Support audits and the closure of projects.",
        ),
        "Secondary education; a bachelor's degree in finance is an asset.",
        "3 years",
    ),
    UnopsRole(
        "Senior Portfolio Manager",
        "Fixed-term staff",
        "P-5",
        "Project Management",
        "2 years, renewable",
        "The multi-country office manages a portfolio of health, infrastructure and "
        "procurement projects.",
        (
            "Lead a portfolio of projects and the teams that deliver them.",
            "Develop new partnerships and business opportunities.",
            "Ensure quality, risk management and compliance across the portfolio.",
        ),
        "Advanced university degree in business, engineering or public administration.",
        "10 years",
    ),
    UnopsRole(
        "Health Programme Specialist",
        "International ICA",
        "ICS 11 (IICA 3)",
        "Health",
        "1 year, renewable",
        "UNOPS manages a health fund that supports maternal and child health services.",
        (
            "Provide technical advice on the fund's health programmes.",
            "Monitor grantees and verify results in the field.",
            "Coordinate with the ministry of health and UN agencies.",
        ),
        "Advanced university degree in public health or medicine.",
        "7 years",
    ),
    UnopsRole(
        "Logistics Associate",
        "Local ICA Support",
        "LICA 6",
        "Logistics",
        "1 year, renewable",
        "The office ships medical supplies and equipment for partner programmes.",
        (
            "Organize transport, customs clearance and warehousing.",
            "Track shipments and keep inventory records accurate.",
            "Coordinate with suppliers and freight forwarders.",
        ),
        "Secondary education; training in logistics is an asset.",
        "4 years",
    ),
    UnopsRole(
        "Grants Officer",
        "International ICA",
        "ICS-10 (IICA-2)",
        "Grant management",
        "1 year, renewable",
        "UNOPS is the fund manager of a multi-donor trust fund.",
        (
            "Manage the grant cycle from calls for proposals to closure.",
            "Review grantee reports and financial statements.",
            "Advise grantees on compliance with donor rules.",
        ),
        "Advanced university degree in development, finance or law.",
        "5 years",
    ),
]

UNOPS_STATIONS = [
    "Nairobi",
    "Kabul",
    "Dhaka",
    "Amman",
    "Addis Ababa",
    "Bogota",
    "Panama City",
    "Kathmandu",
    "Dakar",
    "Beirut",
    "Kampala",
    "Geneva",
    "Suva",
]
_STATION = {s.city: s for s in STATIONS}
_REGION = {
    "Kenya": ("AFR", "KEMCO"),
    "Afghanistan": ("ASR", "AFMCO"),
    "Bangladesh": ("ASR", "BDOC"),
    "Jordan": ("MEO", "JOMCO"),
    "Ethiopia": ("AFR", "ETOC"),
    "Colombia": ("LCR", "COMCO"),
    "Panama": ("LCR", "PAMCO"),
    "Nepal": ("ASR", "NPOC"),
    "Senegal": ("AFR", "SNMCO"),
    "Lebanon": ("MEO", "LBOC"),
    "Uganda": ("AFR", "UGOC"),
    "Switzerland": ("GVA", "GPO"),
    "Fiji": ("ASR", "PMCO"),
}


def unops_postings(count: int = 40) -> list[MockPosting]:
    """`count` postings across roles and duty stations, newest first."""
    postings = []
    for n in range(count):
        role = UNOPS_ROLES[n % len(UNOPS_ROLES)]
        station = _STATION[UNOPS_STATIONS[(n * 3) % len(UNOPS_STATIONS)]]
        key = str(31245 + n * 19)
        region, office = _REGION.get(station.country, ("AFR", "XXOC"))
        posted = ANCHOR - timedelta(days=n // 2)
        duties = "\n".join(f"• {d}" for d in role.duties)
        postings.append(
            MockPosting(
                key=key,
                title=role.title,
                organization="UNOPS",
                duty_station=station.city,
                country=station.country,
                grade=role.level,
                contract_type=role.contract_type,
                posted_date=posted,
                closing_date=posted + timedelta(days=14),
                categories=(role.category,),
                timezone="Europe/Copenhagen",
                fields={
                    "Vacancy code": f"VA/2026/B{5100 + n % 20}/{key}",
                    "Department/office": f"{region}, {office}, {station.country}",
                    "Duration": role.duration,
                },
                sections=(
                    ("Background Information - UNOPS", UNOPS_BACKGROUND),
                    (
                        "Background Information - Job-specific",
                        f"{role.summary} The {role.title} is based in {station.city}, "
                        f"{station.country}, and reports to the Head of Programme.",
                    ),
                    ("Functional Responsibilities", duties),
                    (
                        "Education/Experience/Language requirements",
                        f"Education:\n\n• {role.education}\n\nExperience:\n\n• A minimum of "
                        f"{role.years} of relevant experience is required.\n\nLanguage:\n\n"
                        "• Fluency in English is required.",
                    ),
                    (
                        "Contract type, level and duration",
                        f"Contract type: {role.contract_type}\nContract level: {role.level}\n"
                        f"Contract duration: {role.duration}\n\nFor more details about the ICA "
                        "contractual modality, please follow this link.",
                    ),
                    ("Additional Considerations", UNOPS_CONSIDERATIONS),
                ),
            )
        )
    return postings


# ---------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------

# Titles in the language a posting was first written in: Avature makes the URL slug
# from it, so the slug of a posting shown in English may be French or Spanish.
FIRST_TITLES = {
    "Project Manager": "Chef(fe) de projet",
    "Procurement Officer": "Chargé(e) des achats",
    "Finance Assistant": "Asistente de Finanzas",
    "Logistics Associate": "Associé(e) en logistique",
}


def avature_slug(title: str) -> str:
    """Avature's URL slug: the title with runs of other characters turned into "-"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")


def _number(key: str) -> int:
    digits = re.sub(r"\D", "", key)
    return int(digits) if digits else sum(map(ord, key))


def detail_path(posting: MockPosting) -> str:
    """`/careersmarketplace/JobDetail/<Slug>/<id>`; some slugs are the first title's."""
    title = posting.title
    if _number(posting.key) % 4 == 1:
        title = FIRST_TITLES.get(title, title)
    return f"{ROOT}/JobDetail/{avature_slug(title)}/{posting.key}"


def unops_date(day: date) -> str:
    """UNOPS's DD-Mon-YYYY, e.g. 14-May-2026."""
    return f"{day:%d-%b-%Y}"


def template(posting: MockPosting) -> str:
    """Which job page template the posting is shown with: "current", "legacy", "bare"."""
    n = _number(posting.key)
    if n % 5 == 0:
        return "legacy"
    if n % 7 == 2:
        return "bare"
    return "current"


def seniority(grade: str) -> str:
    """The "Seniority Level" the results show, from the contract level."""
    if re.search(r"\b(?:P-?5|D-?\d)\b", grade):
        return "Senior Level"
    if "ICS" in grade or "IICA" in grade or re.search(r"\bP-?\d\b", grade):
        return "Mid Level"
    return "Associate"


class UnopsSite(MockSite):
    """careers.unops.org: Avature listing and job detail pages."""

    name = "unops"
    description = "UNOPS careers on Avature (careers.unops.org/careersmarketplace)"

    def default_postings(self) -> list[MockPosting]:
        return unops_postings()

    def today(self) -> date:
        """The day "Posted N days ago" counts from (the real clock, so it drifts daily)."""
        return date.today()

    def host(self) -> str:
        """The host Avature writes into its absolute links: its own."""
        return self.base_url or PUBLIC_HOST

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text(
                f"User-agent: *\nDisallow: {ROOT}/Login\nDisallow: {ROOT}/ApplicationMethods\n"
            )
        if path in ("", "/", ROOT, ROOT + "/"):
            return self.redirect(f"{ROOT}/SearchJobs")
        if _LISTING_PATH.match(path):
            return self.listing(request)
        if _DETAIL_PATH.match(path):
            key = self.posting_key(request)
            posting = self.get(key) if key else None
            if posting is None:  # Avature sends every error to one page
                return self.redirect(f"{ROOT}/Error")
            return self.detail(posting)
        if path == f"{ROOT}/Error":
            return MockResponse.html(self.error_page())
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        if not _LISTING_PATH.match(request.path):
            return None
        per_page, offset = self.paging(request)
        return offset // per_page + 1

    def posting_key(self, request: MockRequest) -> str | None:
        match = _DETAIL_PATH.match(request.path)
        if not match:
            return None
        return match.group(1) or request.query.get("jobId") or None

    def redirect(self, path: str) -> MockResponse:
        return MockResponse(302, b"", headers={"Location": self.host() + path})

    # -- page frame -------------------------------------------------------------------

    def header(self) -> str:
        items = "\n".join(
            f'<li class="menu__item"><a class="menu__link" href="{escape(href if href.startswith("http") else self.host() + href)}" tabindex="0">'
            f'<span class="menu__text">{escape(text)}</span></a></li>'
            for text, href in MENU
        )
        return f"""<header class="header">
<a class="visibility--hidden--visually skip-content focusable tpt_localAnchor" href="#main" tabindex="0">Skip to content</a>
<div class="header__wrapper"><div class="header__content">
<div class="header__logo"><a class="logo logo--header" href="{self.host()}{ROOT}" tabindex="0">
<img alt="Home" loading="lazy" src="{self.host()}/portal/13/images/logo--default.svg"/>
<h1 class="visibility--hidden--visually">UNOPS</h1></a></div>
<div class="header__menu"><nav aria-label="Main menu" class="menu menu--idle"><div class="menu__panel" id="menu__panel">
<ul class="menu__list">
{items}
</ul>
<ul class="menu__list menu__list--separator-left"><li class="menu__item"><a class="menu__link" data-map="user-signin-link" href="{self.host()}{ROOT}/Login" tabindex="0"><span class="menu__text">Login</span></a></li></ul>
</div></nav></div>
</div></div>
</header>"""

    def footer(self) -> str:
        links = '\n<span aria-hidden="true" class="footer__links__divider">|</span>\n'.join(
            f'<a class="footer__links__item link" href="{escape(href)}" target="_blank">{escape(text)}</a>'
            for text, href in FOOTER
        )
        return f"""<footer aria-label="Footer" class="footer"><div class="footer__wrapper"><div class="footer__content">
<div class="footer__rights"><span class="footer__rights__copy">© 2026 UNOPS</span></div>
<div class="footer__links">
{links}
</div>
<div class="footer__social">
<a aria-label="Facebook" class="footer__social__item" href="https://www.facebook.com/unops.official" rel="noopener noreferrer" target="_blank"><img alt="Facebook Logo" aria-hidden="true" class="footer__social__item__icon" src="{self.host()}/portal/13/images/facebook.svg"/></a>
<a aria-label="X" class="footer__social__item" href="https://x.com/UNOPS" rel="noopener noreferrer" target="_blank"><img alt="X Logo" aria-hidden="true" class="footer__social__item__icon" src="{self.host()}/portal/13/images/x--logo.svg"/></a>
<a aria-label="Linkedin" class="footer__social__item" href="https://www.linkedin.com/company/unops" rel="noopener noreferrer" target="_blank"><img alt="Linkedin Logo" aria-hidden="true" class="footer__social__item__icon" src="{self.host()}/portal/13/images/linkedin.svg"/></a>
</div>
</div></div></footer>"""

    def page(
        self, page_name: str, title: str, og: dict[str, str], body: str, tail: str = ""
    ) -> str:
        """A whole Avature page: portal metas, Open Graph, then the body."""
        metas = "".join(
            f'<meta content="{escape(value)}" property="og:{name}"/>\n'
            for name, value in og.items()
        )
        return f"""<!DOCTYPE html>
<html lang="en-US" menu-paneleffect="over" menu-panelfrom="right" menu-toggleside="right" menu-type="visible" xml:lang="en-US" xmlns="http://www.w3.org/1999/xhtml">
<head><meta content="13" name="avature.portal.id"/><meta content="Careers Marketplace" name="avature.portal.name"/><meta content="careersmarketplace" name="avature.portal.urlPath"/><meta content="en_US" name="avature.portal.lang"/><meta content="{page_name}" name="avature.portal.page"/>
<meta content="text/html;charset=utf-8" http-equiv="content-type"/>
<meta content="width=device-width, height=device-height, initial-scale=1.0, minimum-scale=1.0, user-scalable=1" name="viewport"/>
{metas}<meta content="UNOPS" property="og:site_name"/>
<title>
        {escape(title)}    </title>
<link href="/portal/13/css/library__theme.css" media="all" rel="stylesheet" type="text/css"/>
</head>
<body class="body body--header-fixed-on-scroll body--footer-sticky">
<div class="body__content">
{chrome.cookie_banner(f"{self.host()}{ROOT}/Privacy")}
{self.header()}
{body}
{self.footer()}
</div>
{tail}</body>
</html>
"""

    # -- listing ----------------------------------------------------------------------

    def paging(self, request: MockRequest) -> tuple[int, int]:
        """(records per page, offset) asked for; the site shows at most 6 a page."""
        try:
            per_page = int(request.query.get("jobRecordsPerPage") or PER_PAGE)
            offset = int(request.query.get("jobOffset") or 0)
        except ValueError:
            return PER_PAGE, 0
        return min(PER_PAGE, max(1, per_page)), max(0, offset)

    def listing(self, request: MockRequest) -> MockResponse:
        per_page, offset = self.paging(request)
        shown, total = self.listing_slice(offset, per_page)
        everything = self.snapshot()
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
        items = "\n".join(self.listing_item(p, n) for n, p in enumerate(shown, 1)) or (
            '<p class="results__empty">There are no jobs matching your search.</p>'
        )
        body = f"""<div class="banner banner--main"><div class="banner__wrapper"><div class="banner__text">
<h2 class="banner__text__title title title--hero">
                                        Careers to build the future                                    </h2>
</div></div></div>
<main class="main" id="main">
<div class="breadcrumbs"><div class="breadcrumbs__wrapper"><div class="breadcrumbs__content">
<ul aria-label="breadcrumbs" class="list list--links list--links--top">
<li class="list__item"><a class="link" href="{self.host()}{ROOT}/Home">Home</a></li>
<li aria-current="page" class="list__item list__item--active"><span>Open Positions</span></li>
</ul></div></div></div>
<div class="main__wrapper"><div class="main__content clearfix">
<section class="section section--search-jobs" search-type="idle">
<div class="grid grid--2--sidebar grid--2--sidebar--filters">
<div class="grid__item grid__item--filters">
<div class="section__header"><div class="section__header__text"><h2 class="section__header__text__title title title--h7">Filter jobs by</h2></div></div>
{self.filters(everything)}
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
<li aria-label="Sort jobs by Position Title" class="sort__item tpt_listSortableItem sort__item--job dropdown__item" data-entity="job" data-sortby="schemaField_3_85_3" tabindex="0"><span class="dropdown__text sort__item__text">Position Title</span></li>
<li aria-label="Sort jobs by ICS Level" class="sort__item tpt_listSortableItem sort__item--job dropdown__item" data-entity="job" data-sortby="schemaField_3_173_3" tabindex="0"><span class="dropdown__text sort__item__text">ICS Level</span></li>
<li aria-label="Sort jobs by Posting End Date" class="sort__item tpt_listSortableItem sort__item--job dropdown__item" data-entity="job" data-sortby="schemaField_3_131_3" tabindex="0"><span class="dropdown__text sort__item__text">Posting End Date</span></li>
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
{self.pagination(offset, per_page, total)}
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
<a class="button button--primary" href="{self.host()}{ROOT}/TalentCommunity">Join Our Talent Community</a></h2>
</div></div></div>"""
        og = {
            "title": "Find Jobs - Careers Marketplace",
            "type": "website",
            "url": f"{PUBLIC_HOST}{ROOT}/SearchJobs?jobOffset={offset}",
            "description": "Find Jobs Careers Marketplace",
        }
        return MockResponse.html(self.page("SearchJobs", "Job Search | UNOPS", og, body))

    def listing_url(self, offset: int, per_page: int) -> str:
        return (
            f"{self.host()}{ROOT}/SearchJobs/?jobRecordsPerPage={per_page}&amp;jobOffset={offset}"
        )

    def pagination(self, offset: int, per_page: int, total: int) -> str:
        """A window of up to six page links around the current page, then "Next >>"."""
        pages = max(1, -(-total // per_page))
        current = offset // per_page + 1
        first = max(1, min(current - 2, pages - 5))
        items = []
        if current > 1:
            items.append(
                f'<li class="list-controls__pagination__item paginationPreviousLink"><a aria-label="Go to Previous Page, Number {current - 1}" href="{self.listing_url((current - 2) * per_page, per_page)}">&lt;&lt; Previous</a></li>'
            )
        for number in range(first, min(pages, first + 5) + 1):
            if number == current:
                items.append(
                    '<li aria-current="true" class="list-controls__pagination__item paginationLink currentPageLink">'
                    f'<span class="visibility--hidden--visually">Page</span> {number}</li>'
                )
            else:
                items.append(
                    f'<li class="list-controls__pagination__item paginationLink"><a aria-label="Go to Page Number {number}" href="{self.listing_url((number - 1) * per_page, per_page)}">{number}</a></li>'
                )
        if offset + per_page < total:
            items.append(
                f'<li class="list-controls__pagination__item paginationNextLink"><a aria-label="Go to Next Page, Number {current + 1}" href="{self.listing_url(offset + per_page, per_page)}">Next &gt;&gt;</a></li>'
            )
        return "\n".join(items)

    def listing_item(self, posting: MockPosting, number: int) -> str:
        p = posting
        link = f"{self.host()}{detail_path(p)}"
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
<a aria-label="Apply for {escape(p.title)}" class="button button--secondary" href="{self.host()}{ROOT}/Login?jobId={p.key}" tabindex="0">
                                                Apply
                                                </a>
<div class="popup popup--share popup--top popup--overflows--left popup--on-click">
<a aria-haspopup="true" aria-label="Share {escape(p.title)} in social media" class="button button--share" role="button" tabindex="0">Share</a>
<div class="popup__content"><div class="popup__content__box"><ul class="list list--share">
<li class="list__item"><a class="shareButton shareButton--facebook tpt_socialShareIcon" href="https://www.facebook.com/sharer/sharer.php?u={share}">Facebook</a></li>
<li class="list__item"><a class="shareButton shareButton--linkedin tpt_socialShareIcon" href="{self.host()}/_linkedinApiv2?portalUrl={share}">LinkedIn</a></li>
</ul></div></div></div>
</div>"""
        return f"""<article class="article {self.css("article--result")} 1" id="article--{number}">
<div class="article__header">
<div class="article__header__text">
<h3 class="article__header__text__title title title--h6">
<a class="link" href="{link}">
                                                        {escape(p.title)}
                                                    </a>
</h3>
<div class="article__header__text__subtitle">
<span class="list-item-Duty Station">{escape(p.duty_station)}</span> <span aria-hidden="true" class="separator"> • </span> <span class="list-item-Seniority Level">{seniority(p.grade)}</span> <span aria-hidden="true" class="separator"> • </span> <span class="list-item-posted">{unops_date(p.posted_date)}</span>
</div>
</div>
</div>
{content}
{footer}
</article>"""

    def filters(self, postings: list[MockPosting]) -> str:
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

        return f"""<div class="section__header__search"><div aria-label="Search form" class="search" id="search"><div class="search__panel">
<form action="{self.host()}{ROOT}/SearchJobs" autocomplete="on" class="form clearfix" id="tpt_jobSortableForm" method="post" role="search">
<fieldset><legend class="visibility--hidden--visually">Filter jobs by</legend>
<div class="wizard" data-id="18" id="wizard-id-18">
<div class="fieldSpec TextField"><label class="WizardFieldLabel tc_formLabel" for="266" id="266-label">Keywords</label><input id="266" name="266" type="text" value=""/></div>
{select(3533, "Seniority Level", [seniority(p.grade) for p in postings])}
{select(4612, "Country", [p.country for p in postings])}
{select(914, "Duty Station", [p.duty_station for p in postings])}
{select(911, "Position Area", [c for p in postings for c in p.categories])}
</div>
<button class="button button--primary" type="submit">Search</button>
</fieldset></form></div></div></div>"""

    # -- detail -----------------------------------------------------------------------

    def short_fields(self, posting: MockPosting, kind: str) -> list[tuple[str, str]]:
        """The posting's labelled values, with the labels of template `kind`."""
        p = posting
        closed = p.status == "closed"
        period = f"{unops_date(p.posted_date)} to {unops_date(p.closing_date)}"
        categories = ", ".join(p.categories)
        code = p.fields.get("Vacancy code", "")
        office = p.fields.get("Department/office", "")
        duration = p.fields.get("Duration", "")
        if kind == "legacy":
            return [
                ("Position Title:", p.title),
                ("Vacancy code:", code),
                ("Department/office:", office),
                ("Duty Station:", p.duty_station),
                ("Country:", p.country),
                ("Position Area:", categories),
                ("Contract type:", p.contract_type),
                ("ICS Level:", p.grade),
                ("Duration:", duration),
                ("Deadline:", "Closed" if closed else unops_date(p.closing_date)),
            ]
        if kind == "bare":
            named = [("Job Name:", p.title)] if _number(p.key) % 2 else []
            return named + [
                ("Location:", p.duty_station),
                ("Country:", p.country),
                ("Job categories:", categories),
                ("Vacancy code:", code),
                ("Department/office:", office),
                ("Contract type:", p.contract_type),
                ("Contract level:", p.grade),
                ("Duration:", duration),
                ("Posting Start Date:", unops_date(p.posted_date)),
                ("Posting End Date:", "Closed" if closed else unops_date(p.closing_date)),
            ]
        return [
            ("Job categories", categories),
            ("Vacancy code", code),
            ("Department/office", office),
            ("Duty station", p.duty_station),
            ("Country", p.country),
            ("Contract type", p.contract_type),
            ("Contract level", p.grade),
            ("Duration", duration),
            ("Application period", "Closed" if closed else period),
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

    def sections_current(self, posting: MockPosting) -> list[str]:
        """General information, one section per text block (three), then the rest as
        labelled long fields of "Additional information"."""
        p = posting
        fields = "\n".join(
            self.field(label, escape(value)) for label, value in self.short_fields(p, "current")
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

    def sections_legacy(self, posting: MockPosting) -> list[str]:
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
            for label, value in self.short_fields(posting, "legacy")
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

    def sections_bare(self, posting: MockPosting) -> list[str]:
        """The title as an unlabelled section, the fields, then the description."""
        p = posting
        title = self.section("", self.field("", escape(p.title)))
        fields = "\n".join(
            self.field(label, escape(value)) for label, value in self.short_fields(p, "bare")
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

    def json_ld(self, posting: MockPosting, kind: str) -> str:
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

    def detail(self, posting: MockPosting) -> MockResponse:
        p = posting
        kind = template(p)
        url = f"{PUBLIC_HOST}{detail_path(p)}"
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
        }[kind](p)
        body_sections = "\n".join(sections)
        if kind != "legacy":
            body_sections = f'<section class="section js_views"><div class="section__content">\n{body_sections}\n</div></section>'
        else:
            body_sections = f'<section class="section">\n{body_sections}\n</section>'
        apply = (
            f'<div class="button-bar button-bar--cols-1"><div class="button-bar__wrap" role="navigation"><a class="button button--primary" href="{self.host()}{ROOT}/ApplicationMethods?jobId={p.key}" tabindex="0">Apply</a></div></div>'
            if p.status != "closed"
            else ""
        )
        similar = "\n".join(
            f'<li class="list__item"><a class="link" href="{self.host()}{detail_path(o)}">{escape(o.title)}</a></li>'
            for o in self.snapshot()
            if o.key != p.key and o.categories == p.categories
        )
        body = f"""{banner}
<main class="main" id="main">
<div class="main__wrapper"><div class="main__content clearfix">
<div class="--w--narrow" id="main-panel">
<div class="grid grid--2--sidebar">
<div class="grid__item">
{body_sections}
<ul class="list list--links list--links--bottom"><li class="list__item"><a class="link" href="{self.host()}{ROOT}/SearchJobs">Back to job list</a></li></ul>
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
        title = f"{p.title} -  - {p.key} - UNOPS"
        page = self.page("JobDetail", title, og, body, tail=self.json_ld(p, kind))
        return MockResponse.html(page)

    def error_page(self) -> str:
        body = f"""<main class="main" id="main"><div class="main__wrapper"><div class="main__content clearfix">
<section class="section section--error"><div class="section__content">
<h2 class="section__header__text__title">Error</h2>
<p>The page you requested is not available. The job may have been closed or removed.</p>
<a class="button button--primary" href="{self.host()}{ROOT}/SearchJobs">Search jobs</a>
</div></section></div></div></main>"""
        return self.page("Error", "Error | UNOPS", {"title": "Error - Careers Marketplace"}, body)
