"""Mock of UNOPS careers on Avature "careersmarketplace" (careers.unops.org); SOURCES.md §8.

Serves HTML only, as the real site does (no JSON API: such paths answer 404):
- `GET /careersmarketplace/SearchJobs/?jobRecordsPerPage=6&jobOffset=N` the listing, 6
  postings a page (larger `jobRecordsPerPage` values are capped at 6), with the legend
  "1-6 of 40 results". Items are `<article class="article article--result">` with
  `h3 a.link[href=.../JobDetail/<Slug>/<id>]` and a subtitle of spans: the duty station
  (`class="list-item-Duty Station"`: Avature makes the class from the field name, space
  included), the contract level and `list-item-posted` "14-May-2026". Links are absolute,
  to the site's own host. "Featured jobs" articles outside the results repeat postings;
- `GET /careersmarketplace/JobDetail/<Slug>/<id>` the posting: a banner with the title and
  the Apply button, then Avature label/value fields (`article__content__view__field__label`
  / `__value`): Job categories, Vacancy code, Department/office, Duty station, Contract
  type, Contract level ("ICS 11 (IICA 3)" or "ICS-10 (IICA-2)"), Duration, Application
  period "14-May-2026 to 28-May-2026" (older postings: "Deadline" "28-May-2026"), then the
  long texts. Any slug works; an unknown id redirects (302) to `/careersmarketplace/Error`.
- Chrome: cookie banner, header nav, search facets with counts, "Posted N days ago"
  (relative to today), Share, Similar jobs, footer.

Mock decisions where SOURCES.md says nothing: a posting set to status "closed" stays
listed; its application period reads "Closed" and it has no Apply button.
"""

# The posting texts keep each paragraph on one line, as the sites' HTML does.
# ruff: noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from . import chrome
from .content import ANCHOR, STATIONS
from .postings import MockPosting, body_html
from .server import MockRequest, MockResponse, MockSite

ROOT = "/careersmarketplace"
PER_PAGE = 6
PUBLIC_HOST = "https://careers.unops.org"

_DETAIL_PATH = re.compile(rf"^{ROOT}/JobDetail/(?:[^/]+/)?(\d+)/?$")
_LISTING_PATH = re.compile(rf"^{ROOT}/SearchJobs/?$")

NAV = [
    ("Home", "https://www.unops.org"),
    ("Search jobs", f"{ROOT}/SearchJobs"),
    ("Talent pools", f"{ROOT}/TalentPools"),
    ("Working with us", "https://www.unops.org/careers"),
    ("My profile", f"{ROOT}/Login"),
]
FOOTER = [
    ("Contact", "https://www.unops.org/contact"),
    ("Privacy policy", f"{ROOT}/Privacy"),
    ("Terms of use", "https://www.unops.org/terms"),
    ("Fraud alert", "https://www.unops.org/fraud"),
    ("Accessibility", f"{ROOT}/Accessibility"),
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


def avature_slug(title: str) -> str:
    """Avature's URL slug: the title with runs of other characters turned into "-"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")


def detail_path(posting: MockPosting) -> str:
    return f"{ROOT}/JobDetail/{avature_slug(posting.title)}/{posting.key}"


def unops_date(day: date) -> str:
    """UNOPS's DD-Mon-YYYY, e.g. 14-May-2026."""
    return f"{day:%d-%b-%Y}"


def uses_old_template(posting: MockPosting) -> bool:
    """Older postings show a single "Deadline" field instead of the application period."""
    return int(posting.key) % 5 == 0


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
        if match := _DETAIL_PATH.match(path):
            posting = self.get(match.group(1))
            if posting is None:  # Avature sends every error to one page
                return self.redirect(f"{ROOT}/Error")
            return self.detail(posting)
        if path == f"{ROOT}/Error":
            return MockResponse.html(self.error_page())
        return self.not_found()

    def redirect(self, path: str) -> MockResponse:
        return MockResponse(302, b"", headers={"Location": self.host() + path})

    # -- listing ----------------------------------------------------------------------

    def listing(self, request: MockRequest) -> MockResponse:
        try:
            per_page = min(
                PER_PAGE, max(1, int(request.query.get("jobRecordsPerPage") or PER_PAGE))
            )
            offset = max(0, int(request.query.get("jobOffset") or 0))
        except ValueError:
            return self.redirect(f"{ROOT}/Error")
        postings = self.snapshot()
        shown = postings[offset : offset + per_page]
        total = len(postings)
        if shown:
            legend = f"{offset + 1}-{offset + len(shown)} of {total} results"
        else:
            legend = f"{total} results" if offset == 0 else f"0 of {total} results"
        items = "\n".join(self.listing_item(p) for p in shown) or (
            '<p class="list__empty">There are no jobs matching your search.</p>'
        )
        pages = "".join(
            f'<a class="paginationLink{" paginationLink--active" if start == offset else ""}" '
            f'href="{self.listing_url(start, per_page)}">{start // per_page + 1}</a>'
            for start in range(0, total, per_page)
        )
        nav = ""
        if offset > 0:
            nav += (
                f'<a class="paginationPreviousLink" href="'
                f'{self.listing_url(max(0, offset - per_page), per_page)}">&lt;&lt; Previous</a>'
            )
        nav += pages
        if offset + per_page < total:
            nav += (
                f'<a class="paginationNextLink" href="'
                f'{self.listing_url(offset + per_page, per_page)}">Next &gt;&gt;</a>'
            )
        featured = "\n".join(
            f'<article class="article article--featured"><h3 class="article__header__text__title">'
            f'<a class="link" href="{self.host()}{detail_path(p)}">{escape(p.title)}</a></h3></article>'
            for p in postings[:2]
        )
        body = f"""{chrome.cookie_banner(f"{ROOT}/Privacy")}
{chrome.navigation("UNOPS", NAV)}
<main id="content" class="main">
<section class="section section--banner"><div class="banner__text"><h1 class="banner__text__title">Search jobs</h1>
<p>Join us to help people build better lives and countries achieve peace and sustainable development.</p></div></section>
<section class="section section--featured"><h2>Featured jobs</h2>{featured}</section>
<div class="section__content">
<aside class="filters"><h2>Filter results</h2>{self.facets(postings)}</aside>
<section class="section section--search-results">
<div class="list-controls"><div class="list-controls__text">
<div class="list-controls__text__legend" aria-label="{legend}">{legend}</div></div>
<form class="list-controls__sort"><label>Sort by <select name="sortBy"><option>Most recent</option><option>Closing date</option></select></label></form></div>
<div class="section__content__results">
{items}
</div>
<div class="list-controls list-controls--bottom"><div class="paginationLinks">{nav}</div></div>
</section>
</div>
</main>
{chrome.footer("UNOPS", FOOTER)}"""
        return MockResponse.html(chrome.html_page("Search jobs - UNOPS careers", body))

    def listing_url(self, offset: int, per_page: int) -> str:
        return (
            f"{self.host()}{ROOT}/SearchJobs/?jobRecordsPerPage={per_page}&amp;jobOffset={offset}"
        )

    def listing_item(self, posting: MockPosting) -> str:
        p = posting
        # A badge that comes and goes with the calendar: page chrome, not posting content.
        new = (
            '<span class="badge badge--new">New</span>'
            if (self.today() - p.posted_date).days < 7
            else ""
        )
        return f"""<article class="article article--result">
<div class="article__header"><div class="article__header__text">
<h3 class="article__header__text__title article__header__text__title--4">
<a class="link" href="{self.host()}{detail_path(p)}">{escape(p.title)}</a> {new}</h3>
<div class="article__header__text__subtitle">
<span class="list-item-Duty Station">{escape(p.duty_station)}, {escape(p.country)}</span>
<span class="list-item-Contract level">{escape(p.grade)}</span>
<span class="list-item-posted">{unops_date(p.posted_date)}</span>
</div></div></div>
<div class="article__header__actions"><a class="button button--secondary" href="{self.host()}{detail_path(p)}">View job</a></div>
</article>"""

    def facets(self, postings: list[MockPosting]) -> str:
        def block(title: str, names: list[str]) -> str:
            items = "".join(
                f'<li><label><input type="checkbox"> {escape(n)} <span class="count">({names.count(n)})</span></label></li>'
                for n in sorted(set(names))
            )
            return f"<h3>{escape(title)}</h3><ul>{items}</ul>"

        return (
            block("Duty station country", [p.country for p in postings])
            + block("Job category", [c for p in postings for c in p.categories])
            + block("Contract type", [p.contract_type for p in postings])
        )

    # -- detail -----------------------------------------------------------------------

    def fields_html(self, posting: MockPosting) -> str:
        p = posting
        if p.status == "closed":
            period_label, period = "Application period", "Closed"
        elif uses_old_template(p):
            period_label, period = "Deadline", unops_date(p.closing_date)
        else:
            period_label = "Application period"
            period = f"{unops_date(p.posted_date)} to {unops_date(p.closing_date)}"
        short = [
            ("Job categories", ", ".join(p.categories)),
            ("Vacancy code", p.fields.get("Vacancy code", "")),
            ("Department/office", p.fields.get("Department/office", "")),
            ("Duty station", f"{p.duty_station}, {p.country}"),
            ("Contract type", p.contract_type),
            ("Contract level", p.grade),
            ("Duration", p.fields.get("Duration", "")),
            (period_label, period),
        ]
        rows = [
            f'<div class="article__content__view__field"><div class="article__content__view__field__label">'
            f'{escape(label)}</div><div class="article__content__view__field__value">{escape(value)}</div></div>'
            for label, value in short
        ]
        rows += [
            f'<div class="article__content__view__field tf_replaceFieldVideoTokens">'
            f'<div class="article__content__view__field__label">{escape(heading)}</div>'
            f'<div class="article__content__view__field__value">{body_html(body)}</div></div>'
            for heading, body in p.sections
        ]
        return "\n".join(rows)

    def detail(self, posting: MockPosting) -> MockResponse:
        p = posting
        url = f"{PUBLIC_HOST}{detail_path(p)}"
        days = (self.today() - p.posted_date).days
        age = "Posted today" if days <= 0 else f"Posted {days} day{'s' if days != 1 else ''} ago"
        apply = (
            f'<a class="button button--primary" href="{ROOT}/ApplicationMethods?jobId={p.key}">Apply</a>'
            if p.status != "closed"
            else ""
        )
        similar = [
            (o.title, f"{self.host()}{detail_path(o)}")
            for o in self.snapshot()
            if o.key != p.key and o.categories == p.categories
        ][:4]
        body = f"""{chrome.cookie_banner(f"{ROOT}/Privacy")}
{chrome.navigation("UNOPS", NAV)}
<main id="content" class="main">
<section class="section section--banner"><div class="banner__text">
<h2 class="banner__text__title banner__text__title--2">{escape(p.title)}</h2>
<p class="banner__text__subtitle">{age}</p>
<div class="banner__text__buttons">{apply}<a class="button button--secondary" href="{ROOT}/SearchJobs">Back to search</a></div>
</div></section>
<section class="section section--job-detail"><div class="section__content">
<article class="article article--details"><div class="article__content"><div class="article__content__view">
{self.fields_html(p)}
</div></div></article>
<div class="article__footer">{apply}</div>
{chrome.share_links(url, p.title)}
{chrome.related_jobs(similar, heading="Similar jobs")}
</div></section>
</main>
{chrome.footer("UNOPS", FOOTER)}"""
        return MockResponse.html(chrome.html_page(f"{p.title} - UNOPS careers", body))

    def error_page(self) -> str:
        body = f"""{chrome.cookie_banner(f"{ROOT}/Privacy")}
{chrome.navigation("UNOPS", NAV)}
<main id="content" class="main"><section class="section section--error">
<h1>Error</h1><p>The page you requested does not exist or the job is no longer available.</p>
<a class="button" href="{ROOT}/SearchJobs">Search jobs</a></section></main>
{chrome.footer("UNOPS", FOOTER)}"""
        return chrome.html_page("Error - UNOPS careers", body)
