"""Mock of Impactpool (www.impactpool.org), a job aggregator for UN and NGO posts; SOURCES.md §5.

Serves:
- `GET /jobs/<numeric id>` detail HTML as captured (CONFIRMED text layout): the cookie bar
  "By continuing to browse this site, you agree to our use of cookies. Read our privacy
  policy", the title, then bullets `Organization:` ("UNHCR - United Nations High
  Commissioner for Refugees"), `Location:` (a city), `Grade:` ("Junior level - P-2,
  International Professional - Internationally recruited position"), `Occupational
  Groups:` (a nested list), `Closing Date:` (ISO date or "Closed"), then the posting.
  Two templates, as the two captures show: the older one (6-digit ids here, like 871213)
  goes straight from the bullets to the posting; the newer one (7-digit ids, like 1184046)
  has a city line under the title and a "Job Description" heading. Around the posting:
  a "Sign in to see the full job details" prompt, share links and "Similar jobs";
- `GET /jobs?page=N` a server-rendered listing, 20 jobs a page (INFERRED: the real search
  page is JS-driven and SOURCES.md gives no listing format). Each page states the total
  ("57 jobs found") and links the next page with `rel="next"`; the last page has none.
  A page past the end lists no jobs. A "Featured jobs" box outside the results repeats
  links to jobs on other pages;
- `GET /robots.txt`.

The markup (class names) is INFERRED, chosen to match tests/extraction/pages/impactpool-*.
Mock decisions where SOURCES.md says nothing: a posting set to status "closed" stays
listed, shows `Closing Date: Closed` and ends with "This vacancy is now closed." (as the
seed capture does); an unknown id answers 404.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from .content import ANCHOR
from .postings import MockPosting, Section, body_html
from .server import MockRequest, MockResponse, MockSite

PAGE_SIZE = 20

_JOB_PATH = re.compile(r"^/jobs/(\d+)/?$")

COOKIE_BAR = (
    '<div class="cookies-eu-banner" id="cookies-eu-banner"><span>By continuing to browse this '
    'site, you agree to our use of cookies. <a href="/privacy-policy">Read our privacy policy</a>'
    '</span> <button id="cookies-eu-accept">OK</button></div>'
)
NAVBAR = """<header class="navbar"><a class="brand" href="/">impactpool</a><nav><ul>
<li><a href="/jobs">Jobs</a></li><li><a href="/organizations">Organizations</a></li><li><a href="/insights">Insights</a></li><li><a href="/career-coaching">Career coaching</a></li><li><a href="/fellowship">Fellowship</a></li></ul></nav>
<a href="/users/sign_in">Log in</a> <a class="btn" href="/users/sign_up">Sign up</a></header>"""
FOOTER = """<footer class="footer"><ul><li><a href="/about-us">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy-policy">Privacy policy</a></li><li><a href="/terms-of-use">Terms of use</a></li><li><a href="/fraud-alert">Fraud alert</a></li></ul><p>© 2026 Impactpool AB. All rights reserved.</p></footer>"""
LOGIN_PROMPT = (
    '<div class="login-prompt"><p>Sign in to see the full job details and apply. Don\'t have an '
    'account? <a href="/users/sign_up">Create a free account</a></p>'
    '<a class="btn" href="/users/sign_in">Sign in</a></div>'
)
CLOSED_NOTE = "This vacancy is now closed."


def is_newer_template(posting: MockPosting) -> bool:
    """7-digit ids get the newer template (city line, "Job Description"), as captured."""
    return len(posting.key) >= 7


class ImpactpoolSite(MockSite):
    """www.impactpool.org: paged HTML listing (INFERRED) and job pages."""

    name = "impactpool"
    description = "Impactpool job aggregator (www.impactpool.org)"

    def default_postings(self) -> list[MockPosting]:
        return impactpool_postings()

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text(
                "User-agent: *\nDisallow: /users/\nDisallow: /admin/\nDisallow: /*/apply\n"
                "Sitemap: https://www.impactpool.org/sitemap.xml\n"
            )
        if path in ("/jobs", "/jobs/"):
            return self.listing(request)
        if match := _JOB_PATH.match(path):
            posting = self.get(match.group(1))
            return self.detail(posting) if posting else self.not_found()
        return self.not_found()

    # -- listing ----------------------------------------------------------------------

    def listing(self, request: MockRequest) -> MockResponse:
        try:
            page = max(1, int(request.query.get("page") or 1))
        except ValueError:
            return MockResponse.html(_page("Bad request", "<h1>Bad request</h1>"), 400)
        postings = self.snapshot()
        shown = postings[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        last_page = max(1, -(-len(postings) // PAGE_SIZE))
        cards = "\n".join(_card(p) for p in shown) or '<p class="no-results">No jobs found.</p>'
        links = []
        if page > 1:
            links.append(f'<a rel="prev" href="/jobs?page={page - 1}">‹ Previous</a>')
        for n in range(1, last_page + 1):
            links.append(
                f'<span class="current">{n}</span>'
                if n == page
                else f'<a href="/jobs?page={n}">{n}</a>'
            )
        if page < last_page:
            links.append(f'<a rel="next" href="/jobs?page={page + 1}">Next ›</a>')
        featured = "".join(
            f'<li><a href="/jobs/{p.key}">{escape(p.title)}, {escape(p.duty_station)}</a></li>'
            for p in postings[-3:]
        )
        body = f"""<div class="container"><div class="row"><div class="col-md-8 search-results">
<h1>Jobs</h1>
<p class="search-summary"><span class="search-count">{len(postings)}</span> jobs found</p>
<div class="job-list">
{cards}
</div>
<nav class="pagination">{" ".join(links)}</nav>
</div><aside class="col-md-4"><div class="featured-jobs"><h3>Featured jobs</h3><ul>{featured}</ul></div>
<div class="newsletter">Get the latest jobs in your inbox. <a href="/alerts">Create job alert</a></div></aside></div></div>"""
        return MockResponse.html(_page("Jobs | Impactpool", body))

    # -- detail -----------------------------------------------------------------------

    def detail(self, posting: MockPosting) -> MockResponse:
        p = posting
        closed = p.status == "closed"
        newer = is_newer_template(p)
        groups = "".join(f"<li>{escape(c)}</li>" for c in p.categories)
        closing = "Closed" if closed else p.closing_date.isoformat()
        city = f'<p class="job-city">{escape(p.duty_station)}</p>' if newer else ""
        heading = "<h2>Job Description</h2>\n" if newer else ""
        note = f'<p class="closed-note">{CLOSED_NOTE}</p>\n' if closed else ""
        similar = "".join(
            f'<li><a href="/jobs/{o.key}">{escape(o.title)}, {escape(o.duty_station)}</a></li>'
            for o in [o for o in self.snapshot() if o.key != p.key][:4]
        )
        body = f"""<div class="container"><div class="row"><div class="col-md-8 job-show">
<h1>{escape(p.title)}</h1>
{city}<ul class="job-info"><li><strong>Organization:</strong> {escape(p.organization)}</li>
<li><strong>Location:</strong> {escape(p.duty_station)}</li><li><strong>Grade:</strong> {escape(p.grade)}</li>
<li><strong>Occupational Groups:</strong><ul>{groups}</ul></li>
<li><strong>Closing Date:</strong> {closing}</li></ul>{heading}
{_sections(p.sections)}
{note}{LOGIN_PROMPT}
<div class="share-job"><h4>Share this job</h4><a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">Twitter</a> <a href="#">Copy link</a></div>
</div><aside class="col-md-4"><div class="similar-jobs"><h3>Similar jobs</h3><ul>{similar}</ul></div>
<div class="newsletter">Get the latest jobs in your inbox. <a href="/alerts">Create job alert</a></div></aside></div></div>"""
        return MockResponse.html(_page(f"{p.title} | Impactpool", body))


def _card(p: MockPosting) -> str:
    closing = "Closed" if p.status == "closed" else p.closing_date.isoformat()
    return f"""<div class="job-card" data-job-id="{p.key}">
  <a class="job-card__title" href="/jobs/{p.key}">{escape(p.title)}</a>
  <div class="job-card__org">{escape(p.organization)}</div>
  <div class="job-card__meta"><span class="location">{escape(p.duty_station)}</span> <span class="grade">{escape(p.grade)}</span> <span class="closing">Closing Date: {closing}</span></div>
</div>"""


def _sections(sections: tuple[Section, ...]) -> str:
    parts = []
    for heading, body in sections:
        if heading:
            parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(body_html(body))
    return "\n".join(parts)


def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
</head>
<body>
{COOKIE_BAR}
{NAVBAR}
{body}
{FOOTER}
</body>
</html>
"""


# =====================================================================================
# Content: the seed posting (seed 000, UNHCR JPO in Tapachula) and variants
# =====================================================================================

JUNIOR_P2 = "Junior level - P-2, International Professional - Internationally recruited position"

ORGANIZATIONS = {
    "UNHCR": "UNHCR - United Nations High Commissioner for Refugees",
    "UN": "UN - United Nations",
    "UNICEF": "UNICEF - United Nations Children's Fund",
    "WFP": "WFP - World Food Programme",
    "UNDP": "UNDP - United Nations Development Programme",
    "IOM": "IOM - International Organization for Migration",
    "WHO": "WHO - World Health Organization",
    "UNOPS": "UNOPS - United Nations Office for Project Services",
}

# Seed 000, verbatim apart from the page chrome; headings restored from the capitalised
# lead-ins the capture kept ("REQUIRED COMPETENCIES", "LANGUAGE KNOWLEDGE", ...).
SEED_SECTIONS: tuple[Section, ...] = (
    (
        "",
        "This vacancy is opened in the context of the Junior Professional Officer (JPO) scheme "
        "sponsored by the Government of the USA and is addressed exclusively to candidates WITH "
        "THE US NATIONALITY",
    ),
    (
        "Organizational Context",
        "The current drivers of forced displacement in Northern Central America (NCA) remain in "
        "place and have been worsening in 2021. Despite the sharp decrease in new asylum applications "
        "at the onset of the COVID 19 pandemic in April 2020, from the second half of the year there "
        "was a renewed increase in applications and this trend it is continuing in 2021. In Mexico, "
        "UNHCR is supporting the Government and other actors to build a stronger asylum system that "
        "allows refugees to fully exercise their human rights, from the moment of entry into Mexico, "
        "to when a durable solution is found.\n\n"
        "Mexico offers a favorable legal framework for the inclusion of refugees in public services "
        "and their local integration, both in socio-economic and legal terms. Refugees are issued a "
        "permanent residence card and a social security number and a population registration number "
        "(CURP), which permits access to public services.\n\n"
        "UNHCR has strenghtened the operational presence in Southern Mexico in line with the increased "
        "arrival of asylum-seekers, and has recently opened a new sub office in the Chiapas state "
        "capital, Tuxtla Gutierrez. This office will oversee the offices in Tapachula, Palenque, "
        "Tenosique and Acayucan and provide technical support to the different offices in the region.",
    ),
    (
        "Functional Statement",
        "All UNHCR staff members are accountable to perform their duties as reflected in their job "
        "description. They do so within their delegated authorities, in line with the regulatory "
        "framework of UNHCR which includes the UN Charter, UN Staff Regulations and Rules, UNHCR "
        "Policies and Administrative Instructions as well as relevant accountability frameworks.\n\n"
        "• Stay abreast of political, social, economic and cultural developments that have an impact "
        "on the protection environment.\n"
        "• Conduct eligibility and status determination for persons of concern in compliance with "
        "UNHCR procedural standards and international protection principles.\n"
        "• Oversee and manage individual protection cases, including those on GBV and child "
        "protection. Monitor, and intervene in cases of refoulement, expulsion and other protection "
        "incidents through working relations with governments and other partners.\n"
        "• Recommend durable solutions for the largest possible number of persons of concern through "
        "voluntary repatriation, local integration and where appropriate, resettlement.\n"
        "• Negotiate locally on behalf of UNHCR.\n"
        "• Perform other related duties as required.",
    ),
    (
        "Minimum Qualifications",
        "EDUCATION/QUALIFICATION: For P2/NOB - 3 years relevant experience with Undergraduate degree; "
        "or 2 years relevant experience with Graduate degree; or 1 year relevant experience with "
        "Doctorate degree\n\n"
        "Professional experience in the area of refugee protection, internal displacement, human "
        "rights or international humanitarian law. Good knowledge of International Refugee and Human "
        "Rights Law and ability to apply the relevant legal principles.",
    ),
    (
        "Required Competencies",
        "Core Competencies:\n\n• Accountability\n• Communication\n• Organizational Awareness\n"
        "• Teamwork & Collaboration\n• Commitment to Continuous Learning\n"
        "• Client & Result Orientation",
    ),
    ("Language Knowledge", "• Essential: English, Spanish"),
    (
        "Supervision",
        "The JPO will be under the direct supervision of the manager indicated under `Supervisor "
        "title and position number¿. The supervisor will be responsible for the performance "
        "evaluation of the JPO.",
    ),
    (
        "Living Conditions at the Duty Station",
        "Housing/accommodation: Family Duty Station - B\n\n"
        "Security: Tapachula belongs to Security Risk Management area 06, South East, with the "
        "current General Threat Level 2, LOW.\n\n"
        "The UNHCR personnel must remain security aware at all times, apply personal security "
        "measures and avoid movement after dark. Please note that the closing date for this JPO "
        "advertisement is Sunday 22 May 2022 (midnight Geneva time).",
    ),
)

# The UN Secretariat posting behind the first capture (871213), written after its labels.
BONN_SECTIONS: tuple[Section, ...] = (
    (
        "Org. Setting and Reporting",
        "This position is located in the Programme Management Division of the United Nations "
        "Climate Change secretariat in Bonn. The Programme Officer reports to the Team Lead for "
        "Project Preparation.",
    ),
    (
        "Responsibilities",
        "Within delegated authority, the Programme Officer will be responsible for the following "
        "duties:\n\n"
        "• Develops and maintains a pipeline of climate finance project proposals.\n"
        "• Coordinates partnership agreements and prepares briefing notes for senior management.\n"
        "• Performs other related duties as required.",
    ),
    (
        "Education",
        "Advanced university degree (Master's degree or equivalent) in environmental science, "
        "economics, international relations or a related field.",
    ),
    (
        "Languages",
        "English and French are the working languages of the United Nations Secretariat. For this "
        "position, fluency in English is required.",
    ),
)


@dataclass(frozen=True)
class Role:
    title: str
    org: str  # key of ORGANIZATIONS
    grade: str  # Impactpool's grade line
    groups: tuple[str, ...]  # occupational groups
    purpose: str
    duties: tuple[str, ...]


ROLES = [
    Role(
        "Associate Protection Officer",
        "UNHCR",
        JUNIOR_P2,
        ("Protection Officer (Refugee)",),
        "UNHCR protects refugees and works with authorities on asylum and durable solutions.",
        (
            "Conduct refugee status determination interviews.",
            "Manage individual protection cases and referrals.",
            "Liaise with authorities on documentation for persons of concern.",
        ),
    ),
    Role(
        "Programme Management Officer",
        "UN",
        "Mid level - P-3, International Professional - Internationally recruited position",
        ("Project and Programme Management", "Environment"),
        "The office supports Member States in delivering their environmental commitments.",
        (
            "Plan and monitor the programme of work of the unit.",
            "Prepare reports to governing bodies.",
            "Manage partnerships with donors and implementing entities.",
        ),
    ),
    Role(
        "Education Specialist",
        "UNICEF",
        "Mid level - P-4, International Professional - Internationally recruited position",
        ("Education",),
        "Too many children are out of school or learning too little.",
        (
            "Lead the design of the education programme.",
            "Advise the Ministry of Education on learning recovery.",
            "Coordinate the education cluster partners.",
        ),
    ),
    Role(
        "Programme Policy Officer (Cash-Based Transfers)",
        "WFP",
        "Mid level - NO-B, National Professional Officer - Locally recruited position",
        ("Humanitarian Aid and Coordination", "Food Security"),
        "WFP delivers food and cash assistance to people affected by crises.",
        (
            "Manage the design of cash-based transfer programmes.",
            "Monitor retailers and financial service providers.",
            "Analyse market data for programme decisions.",
        ),
    ),
    Role(
        "Finance Associate",
        "UNDP",
        "Entry level - G-6, General Service - Locally recruited position",
        ("Accounting (Audit, Controlling)", "Finance"),
        "The country office manages a large portfolio of development projects.",
        (
            "Process payments in line with UNDP rules.",
            "Reconcile accounts and prepare financial reports.",
            "Support audits of projects.",
        ),
    ),
    Role(
        "Migration Health Consultant",
        "IOM",
        "Consultancy - Consultancy, Consultant - Contractors Agreement",
        ("Public Health and Health Service", "Migration"),
        "IOM runs health assessments and health promotion for migrants.",
        (
            "Review the migration health assessment programme.",
            "Train health staff on screening protocols.",
            "Draft a final report with recommendations.",
        ),
    ),
    Role(
        "Epidemiologist",
        "WHO",
        "Senior level - P-5, International Professional - Internationally recruited position",
        ("Public Health and Health Service", "Medical Practitioners"),
        "WHO supports the ministry of health in outbreak detection and response.",
        (
            "Lead surveillance and outbreak investigation.",
            "Advise on preparedness plans.",
            "Publish epidemiological bulletins.",
        ),
    ),
    Role(
        "Project Support Associate",
        "UNOPS",
        "Junior level - LICA-5, Local Individual Contractor Agreement - Locally recruited position",
        ("Project and Programme Management", "Administrative support"),
        "UNOPS implements infrastructure and procurement projects for partners.",
        (
            "Support project planning and reporting.",
            "Maintain project records and contracts.",
            "Organize meetings and field missions.",
        ),
    ),
    Role(
        "Communications Intern",
        "UNICEF",
        "Internship - Internship, Internship - Internship",
        ("Communication and Public Information",),
        "The office tells the stories of children through digital media.",
        (
            "Draft social media posts and web stories.",
            "Archive photos and videos.",
            "Support media monitoring.",
        ),
    ),
]

STATIONS = [
    "Geneva",
    "Nairobi",
    "New York",
    "Amman",
    "Kabul",
    "Dhaka",
    "Bogota",
    "Dakar",
    "Bonn",
    "Bangkok",
    "Tapachula",
    "Beirut",
    "Addis Ababa",
    "Juba",
    "Panama City",
    "Copenhagen",
]


def _variant_sections(role: Role, station: str) -> tuple[Section, ...]:
    duties = "\n".join(f"• {d}" for d in role.duties)
    return (
        ("Background", f"{role.purpose} The position is based in {station}."),
        ("Duties and Responsibilities", f"Under the supervision of the head of unit:\n\n{duties}"),
        (
            "Qualifications",
            "• An advanced university degree in a relevant field.\n"
            "• Fluency in English; knowledge of another UN language is an asset.",
        ),
    )


def impactpool_postings(count: int = 55) -> list[MockPosting]:
    """The seed posting, the two captured ids, then variants up to `count` (3 listing pages)."""
    postings = [
        MockPosting(
            key="1184046",
            title="Programme Management Officer",
            organization=ORGANIZATIONS["UN"],
            duty_station="Kabul",
            country="Afghanistan",
            grade="Mid level - P-3, International Professional - Internationally recruited position",
            contract_type="",
            posted_date=ANCHOR - timedelta(days=6),
            closing_date=date(2026, 11, 30),
            categories=("Project and Programme Management", "Political Affairs"),
            sections=_variant_sections(ROLES[1], "Kabul"),
        ),
        MockPosting(
            key="803641",
            title="Associate Protection Officer",
            organization=ORGANIZATIONS["UNHCR"],
            duty_station="Tapachula",
            country="Mexico",
            grade=JUNIOR_P2,
            contract_type="",
            posted_date=date(2022, 4, 22),
            closing_date=date(2022, 5, 22),
            categories=("Protection Officer (Refugee)",),
            status="closed",
            sections=SEED_SECTIONS,
        ),
        MockPosting(
            key="871213",
            title="Programme Officer (Project Preparation and Partnerships)",
            organization=ORGANIZATIONS["UN"],
            duty_station="Bonn",
            country="Germany",
            grade="Mid level - P-3, International Professional - Internationally recruited position",
            contract_type="",
            posted_date=date(2022, 8, 1),
            closing_date=date(2022, 8, 30),
            categories=(
                "External Relations, Partnerships and Resource mobilization",
                "Project and Programme Management",
            ),
            status="closed",
            sections=BONN_SECTIONS,
        ),
    ]
    for n in range(len(postings), count):
        role = ROLES[n % len(ROLES)]
        station = STATIONS[(n * 7) % len(STATIONS)]
        posted = ANCHOR - timedelta(days=(n * 3) % 30)
        postings.append(
            MockPosting(
                key=str(1190000 + n * 37),
                title=role.title,
                organization=ORGANIZATIONS[role.org],
                duty_station=station,
                country="",
                grade=role.grade,
                contract_type="",
                posted_date=posted,
                closing_date=posted + timedelta(days=21 + n % 3 * 7),
                categories=role.groups,
                sections=_variant_sections(role, station),
            )
        )
    return postings
