# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of Impactpool (www.impactpool.org), a job aggregator for UN and NGO posts.

Serves what the real site serves, as its captures show:
- `GET /search` and `GET /search?page=N&per_page=40`: the server-rendered search page
  (CONFIRMED by a real capture of the first search page): the count in
  `section.results-notice` ("<span>55</span> jobs match your search."), the results in
  `main#job_list > turbo-frame#search_results`, one `div.job` card a posting: a
  `div.extra` (a "New" or "Closing today" badge), then `a[data-turbo-frame=_top]
  [href="/jobs/<id>"]` holding the logo, the title (`type="cardTitle"`) and the
  organization, place and grade line (`type="bodyEmphasis"`; the card writes the grade
  line with its level last: "P-3, International Professional - Internationally
  recruited position - Mid level"); WFP's cards have no logo, and an advertisement
  (`article.fellow-ad`) follows the fifth card. 40 cards a page; the next page is the
  "Show more" link of `turbo-frame#search_results_more_button` to
  `/search?page=N+1&per_page=40`, with no `rel=next`; the last page has none. A page
  past the end shows no cards. Around them, as on the real page: the site navigation
  and footer (links to `/search` among them), the search form holding the count, and
  banners; no cookie bar;
- `GET /jobs/<numeric id>`: the job page, in the two templates seen on the real site, as
  text: the cookie bar "By continuing to browse this site, you agree to our use of
  cookies. Read our privacy policy", the title, then bullets `Organization:`,
  `Location:`, `Grade:` ("Mid level - P-3, International Professional - Internationally
  recruited position"), `Occupational Groups:` (a nested list), `Closing Date:` (ISO
  date or "Closed"), then the posting. The older template (6-digit ids, like 871213)
  goes from the bullets to the posting, each bullet `<strong>Label:</strong> value`;
  the newer one (7-digit ids, like 1184046) has a city line under the title and a
  "Job Description" heading, each label and value in an element of its own. Around the
  posting: a login prompt, share links and "Similar jobs";
- `GET /robots.txt`.

The job pages' markup is INFERRED (no capture of it; their text is confirmed), so the
mock varies it as pages of other real sites vary, for the spider to read any of it: labels with and
without their colon (every third generated posting of the newer template has none),
values inside or outside their label's element, a city line missing (every fifth
generated posting of the newer template), no login prompt on closed postings.
Mock decisions where nothing is known: a posting set to status "closed" stays listed,
shows `Closing Date: Closed` and ends with "This vacancy is now closed." (as the seed
capture does); `per_page` is honoured as given (default 40); an unknown id answers 404
with Rails' "not found" page (the site is a Rails app, by its Turbo frames).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from .content import ANCHOR
from .postings import MockPosting, Section, body_html, slugify
from .server import MockRequest, MockResponse, MockSite

PAGE_SIZE = 40  # the "Show more" link's per_page
#: Cards of postings published this many days before ANCHOR or later carry "New".
NEW_DAYS = 3
#: Organizations whose cards show no logo (WFP's, on the real page).
NO_LOGO = frozenset({"WFP"})

_JOB_PATH = re.compile(r"^/jobs/(\d+)/?$")
#: Postings whose pages were captured (seed 000): their pages follow them.
CAPTURED = frozenset({"871213", "1184046", "803641"})

COOKIE_BAR = (
    '<div class="cookies-eu-banner" id="cookies-eu-banner"><span>By continuing to browse this '
    'site, you agree to our use of cookies. <a href="/about/privacy">Read our privacy policy</a>'
    '</span> <button id="cookies-eu-accept">OK</button></div>'
)
# The site's navigation and footer, as the real search page has them (shortened).
NAVBAR = """<nav data-controller="toggle" id="top-navigation-menu">
<div align="center" class="ip-layout" justify="space-between">
<a href="/"><img alt="Impactpool - Home" loading="lazy" src="/assets/impactpool-logo-b8f3afa0.svg"/></a>
<ul class="main-nav">
<li><a class="activeurl" href="/search">Jobs</a></li>
<li><a href="/career-resources?personalized=false">Articles</a></li>
<li><a href="/coaching">Coaching</a></li>
<li><a href="/events">Events</a></li>
<li><a href="/fellows">Fellowship</a></li>
</ul>
<div align="center" class="ip-layout" gap="1">
<a class="ip-cta" cta-type="gray" data-url="/signup" href="/signup">Create account</a>
<a class="ip-cta" cta-type="outline" data-url="/signin" href="/signin">Login</a>
<a class="ip-cta" cta-type="warning" href="/employers?utm_campaign=top-nav&amp;utm_medium=link&amp;utm_source=impactpool"><span>For employers</span>
</a></div>
</div>
</nav>"""
FOOTER = """<footer class="main-footer">
<div class="ip-layout" gap="3" type="grid">
<div class="footer-logo-and-address">
<ul>
<li class="footer-logo"><a href="/"><img alt="Impactpool - Home" loading="lazy" src="/assets/impactpool-logo-white-a16dec55.svg"/></a></li>
<li><div class="company">Intalma AB<br/>Org. nr 559004-4680</div></li>
<li><address class="address">Stockholm<br/>Sweden</address></li>
</ul>
</div>
<div class="footer-about-us">
<h4>About us</h4>
<ul>
<li><a href="/about/us">About Impactpool</a></li>
<li><a href="/about/privacy">Privacy policy</a></li>
<li><a href="/about/terms_of_service">Terms of service</a></li>
</ul>
</div>
<div class="footer-links ip-layout" direction="row" gap="3">
<div>
<h4>For talents</h4>
<ul>
<li><a href="/search">Search jobs</a></li>
<li><a href="/career-resources">Browse career resources</a></li>
<li><a href="/coaching">Book a coach</a></li>
</ul>
</div>
</div>
</div>
</footer>"""
# The search form above the results: the count stands inside it, on the real page.
SEARCH_FORM = """<section aria-label="Job search filters">
<form accept-charset="UTF-8" action="/search" class="ip-layout" direction="column" gap="2" id="search_form" method="get"><fieldset class="filters-inputs-container" fullwidth="">
<input autocomplete="off" fullwidth="true" id="search-freetext" name="q" placeholder="Search" type="text"/>
</fieldset>
<div data-controller="search-filters" id="search_filters">
<div class="selected-filters" data-search-filters-target="selected"></div>
<div class="filters-container">
<div class="search-filter-container">
<div class="ip-label" data-action="click-&gt;search-filters#toggle" label-type="filter">
<span class="name">Organization type </span>
<span></span>
</div>
<div class="search-filter-options" data-key="ot[]" data-options='[{"id":4,"name":"Multilateral Organizations"},{"id":7,"name":"Non-Governmental Organizations (NGO)"},{"id":14,"name":"United Nations"}]' data-selected="[]"></div>
</div>
</div>
</div>
<section>
{notice}
</section>
<input class="hidden" name="commit" type="submit" value="Search"/>
</form>
</section>"""
# Between the cards of a page, the real results carry an advertisement.
FELLOW_AD = """<article class="fellow-ad">
<section class="ip-layout" direction="column" gap="1" wrap="nowrap">
<header>
<h3>Master the recruitment process of the impact sector!</h3>
</header>
<p>Become a fellow and gain access to <i><span>Impactpool's premium material</span></i> that will boost your career in the impact sector</p>
</section>
<a class="action-button fellow" href="/fellows" style="border-radius: 8px;" target="_top">Get started</a>
</article>"""
#: The advertisement follows this many cards.
AD_AFTER = 5
BANNERS = """<aside class="search-results-banners ip-layout" direction="column">
<aside class="post-a-job">
<article align="center" class="ip-layout" direction="column" gap="3">
<h3>Recruiting?</h3>
<p>Post a job and instantly reach<br/>more than 1 000 000 top talent!</p>
<a class="ip-cta" cta-type="brand-outline" href="/employers/post-jobs?utm_source=impactpool&amp;utm_medium=banner">Post a job</a>
</article>
</aside>
</aside>"""
LOGIN_PROMPT = (
    '<div class="login-prompt"><p>Sign in to see the full job details and apply. Don\'t have an '
    'account? <a href="/signup">Create a free account</a></p>'
    '<a class="btn" href="/signin">Sign in</a></div>'
)
CLOSED_NOTE = "This vacancy is now closed."
ELLIPSE = '<img alt="" aria-hidden="true" loading="lazy" src="/assets/ellipse-42986295.svg"/>'
NOT_FOUND = """<!DOCTYPE html>
<html>
<head>
  <title>The page you were looking for doesn't exist (404)</title>
</head>
<body>
  <div class="dialog">
    <div>
      <h1>The page you were looking for doesn't exist.</h1>
      <p>You may have mistyped the address or the page may have moved.</p>
    </div>
  </div>
</body>
</html>
"""


def is_newer_template(posting: MockPosting) -> bool:
    """7-digit ids get the newer template (city line, "Job Description"), as captured."""
    return len(posting.key) >= 7


def _generated(posting: MockPosting) -> bool:
    """Postings made up here, not the captured ones (whose pages follow their capture)."""
    return posting.key not in CAPTURED


def labels_without_colon(posting: MockPosting) -> bool:
    """Every third generated newer-template page writes its labels without a colon."""
    return is_newer_template(posting) and _generated(posting) and int(posting.key) % 3 == 0


def without_city_line(posting: MockPosting) -> bool:
    """Every fifth generated newer-template page has no city line under its title."""
    return is_newer_template(posting) and _generated(posting) and int(posting.key) % 5 == 0


def card_grade(grade: str) -> str:
    """The grade line as the search cards write it: the level last, not first."""
    level, sep, rest = grade.partition(" - ")
    if sep and level.lower().endswith("level"):
        return f"{rest} - {level}"
    return grade


class ImpactpoolSite(MockSite):
    """www.impactpool.org: the /search result cards and the job pages."""

    name = "impactpool"
    description = "Impactpool job aggregator (www.impactpool.org)"
    #: Job pages as boards that rotate what is around a posting show them: each fetch, a
    #: meta line under the title ("Posted 5 hours ago · 1,204 views") and a block of four
    #: other postings, as cards of title, organization and place, chosen anew; and a
    #: sign-up line every page carries. The posting itself never changes; it ends with
    #: a line of its employer's, as in each of that employer's postings. Off by default:
    #: the built-in source's pages stay as they are.
    rotating = False
    _fetches = 0

    def default_postings(self) -> list[MockPosting]:
        return impactpool_postings()

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text(
                "User-agent: *\nDisallow: /admin/\nDisallow: /*/apply\n"
                "Sitemap: https://www.impactpool.org/sitemap.xml\n"
            )
        if path.rstrip("/") == "/search":
            return self.search(request)
        if match := _JOB_PATH.match(path):
            posting = self.get(match.group(1))
            return self.detail(posting) if posting else MockResponse.html(NOT_FOUND, 404)
        return MockResponse.html(NOT_FOUND, 404)

    def listing_page_number(self, request: MockRequest) -> int | None:
        if request.path.rstrip("/") != "/search":
            return None
        return int(request.query.get("page") or 1)

    def posting_key(self, request: MockRequest) -> str | None:
        match = _JOB_PATH.match(request.path)
        return match.group(1) if match else None

    # -- listing ----------------------------------------------------------------------

    def search(self, request: MockRequest) -> MockResponse:
        try:
            page = int(request.query.get("page") or 1)
            per_page = int(request.query.get("per_page") or PAGE_SIZE)
        except ValueError:
            return MockResponse.html(NOT_FOUND, 404)
        if page < 1 or per_page < 1:
            return MockResponse.html(NOT_FOUND, 404)
        shown, total = self.listing_slice((page - 1) * per_page, per_page)
        parts = [self._card(p) for p in shown]
        if len(parts) > AD_AFTER:
            parts.insert(AD_AFTER, FELLOW_AD)
        cards = "\n".join(parts)
        more = ""
        if page * per_page < total:
            more = f"""<div class="ip-layout" fullwidth="" justify="center">
<a class="ip-cta" cta-type="brand-outline" data-turbo="true" data-turbo-prefetch="false" data-turbo-stream="true" href="/search?page={page + 1}&amp;per_page={per_page}" style="margin-bottom: 15px;">Show more</a>
</div>
"""
        notice = f"""<section class="{self.css("results-notice")}">
<span>{total}</span>
jobs match your search.
</section>"""
        body = f"""<div class="ip-layout" direction="column" gap="3" id="search_jobs" is="turbo_frame">
{SEARCH_FORM.replace("{notice}", notice)}
<section class="ip-layout" gap="4">
<section class="search-results-container ip-layout" direction="column" gap="3">
<main aria-label="Job search results" direction="column" gap="1" id="{self.css("job_list")}">
<turbo-frame id="search_results" style="display: contents;">
{cards}
</turbo-frame><turbo-frame id="search_results_more_button" style="display: contents;">{more}</turbo-frame>
</main>
</section>
{BANNERS}
</section>
</div>"""
        return MockResponse.html(
            _page(
                "Jobs in United Nations, NGO, European Union",
                body,
                "/search",
                "home",
                cookies=False,
            )
        )

    def _card(self, p: MockPosting) -> str:
        badge = ""
        if p.status != "closed" and p.closing_date == ANCHOR:
            badge = _badge("danger", "Closing today")
        elif p.status != "closed" and p.posted_date >= ANCHOR - timedelta(days=NEW_DAYS):
            badge = _badge("success", "New")
        acronym = p.organization.partition(" - ")[0]
        logo = ""
        if acronym not in NO_LOGO:
            src = f"https://assets.impactpool.org/logos/{slugify(p.organization)}-{_logo_id(acronym)}.svg"
            logo = f'<img alt="" aria-hidden="true" loading="lazy" src="{src}"/>'
        return f"""<div class="{self.css("job")}">
<div class="extra">{badge}</div>
<a data-turbo-frame="_top" href="/jobs/{p.key}">{logo}
<div class="ip-typography" style="color: #1C1B16" type="cardTitle">{escape(p.title)}</div>
<div class="ip-layout" gap="1" wrap="wrap">
<div class="ip-typography" style="color: #1C1B16;" type="bodyEmphasis">
{escape(p.organization)}
{ELLIPSE}
</div>
<div class="ip-layout" gap="1">
<div class="ip-typography" style="color: #63625B;" type="bodyEmphasis">{escape(p.duty_station)}</div>
{ELLIPSE}
<div class="ip-typography" style="color: #75736C;" type="bodyEmphasis">{escape(card_grade(p.grade))}</div>
</div>
</div>
</a></div>"""

    # -- detail -----------------------------------------------------------------------

    def detail(self, posting: MockPosting) -> MockResponse:
        p = posting
        closed = p.status == "closed"
        fields = [
            ("Organization", escape(p.organization)),
            ("Location", escape(p.duty_station)),
            ("Grade", escape(p.grade)),
            (
                "Occupational Groups",
                "<ul>" + "".join(f"<li>{escape(c)}</li>" for c in p.categories) + "</ul>",
            ),
            ("Closing Date", "Closed" if closed else p.closing_date.isoformat()),
        ]
        if is_newer_template(p):
            colon = "" if labels_without_colon(p) else ":"
            items = "\n".join(
                f'<li><span class="ip-typography" type="bodyEmphasis">{label}{colon}</span> '
                + (
                    value
                    if value.startswith("<ul>")
                    else f'<span class="ip-typography" type="body">{value}</span>'
                )
                + "</li>"
                for label, value in fields
            )
            city = (
                ""
                if without_city_line(p)
                else f'<div class="ip-typography" type="subtitle">{escape(p.duty_station)}</div>\n'
            )
            head = f"""<h1 class="ip-typography" type="h1">{escape(p.title)}</h1>
{city}<ul class="ip-list">
{items}
</ul>
<h2>Job Description</h2>"""
        else:
            items = "\n".join(
                f"<li><strong>{label}:</strong>{'' if value.startswith('<ul>') else ' '}{value}</li>"
                for label, value in fields
            )
            head = f"""<h1>{escape(p.title)}</h1>
<ul>
{items}
</ul>"""
        note = f"<p>{CLOSED_NOTE}</p>\n" if closed else ""
        prompt = "" if closed else LOGIN_PROMPT
        if self.rotating:
            meta, more = self._rotation(p)
            head = head.replace("</h1>", f"</h1>\n{meta}", 1)
            note += more
        similar = "".join(
            f'<li><a href="/jobs/{o.key}">{escape(o.title)}, {escape(o.duty_station)}</a></li>'
            for o in [o for o in self.snapshot() if o.key != p.key][:4]
        )
        body = f"""<main class="job-page">
{head}
{_sections(p.sections)}
{note}{prompt}
<div class="share-job"><h4>Share this job</h4><a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">Twitter</a> <a href="#">Copy link</a></div>
</main>
<aside class="similar-jobs"><h3>Similar jobs</h3><ul>{similar}</ul></aside>"""
        return MockResponse.html(_page(f"{p.title} | Impactpool", body, f"/jobs/{p.key}"))

    def _rotation(self, posting: MockPosting) -> tuple[str, str]:
        """The meta line and the other-postings block of one fetch of a rotating page."""
        self._fetches += 1
        pick = random.Random(f"{posting.key}:{self._fetches}")
        others = [o for o in self.snapshot() if o.key != posting.key]
        cards = "\n".join(
            f'<div class="card"><p>{escape(o.title)}</p><p>{escape(o.organization)}</p>'
            f"<p>{escape(o.duty_station)}</p></div>"
            for o in pick.sample(others, min(4, len(others)))
        )
        meta = (
            f'<p class="meta">Posted {pick.randint(2, 23)} hours ago · '
            f"{pick.randint(100, 9999):,} views</p>"
        )
        # The employer's own line, in each of its postings (short, no full stop): the
        # posting's, though every posting of that employer repeats it.
        employer = posting.organization.split(" - ")[0]
        more = (
            f"<p>{escape(employer)} is committed to diversity and inclusion</p>\n"
            "<p>Get job alerts like this one</p>\n"
            f'<div class="more"><p>More openings on Impactpool</p>\n{cards}\n</div>\n'
        )
        return meta, more


def _badge(kind: str, text: str) -> str:
    return f"""
<span badge-size="medium" badge-type="{kind}" class="ip-badge">
<span class="ip-badge-text">{text}</span>
</span>
"""


def _logo_id(acronym: str) -> str:
    """A stable uuid-like tail for an organization's logo file, as the real cards have."""
    digits = "".join(f"{ord(c):02x}" for c in acronym.lower()).ljust(32, "0")[:32]
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _sections(sections: tuple[Section, ...]) -> str:
    parts = []
    for heading, body in sections:
        if heading:
            parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(body_html(body))
    return "\n".join(parts)


def _page(title: str, body: str, path: str, body_class: str = "", cookies: bool = True) -> str:
    """A page of the site: its navigation and footer around `body`; the cookie bar
    (seen on job pages, not on the captured search page) unless `cookies` is False."""
    css = f' class="{body_class}"' if body_class else ""
    bar = COOKIE_BAR if cookies else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<meta content="https://www.impactpool.org{path}" property="og:url"/>
</head>
<body{css}>
<div class="page-wrap" data-controller="general-dialog">
{bar}
{NAVBAR}
{body}
{FOOTER}
</div>
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
