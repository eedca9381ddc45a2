"""Mock of the US State Department PRM JPO/AE vacancy pages (www.state.gov, 2014).

The Bureau of Population, Refugees, and Migration (PRM) advertised the UNHCR Junior
Professional Officer (JPO) and IOM Associate Expert (AE) posts it sponsors for U.S.
citizens. Serves:
- `GET /j/prm/jpo_ae/<numeric id>.htm` a posting in the 2014 state.gov template (CONFIRMED
  text, seed 004): page chrome "printable banner", "U.S. Department of State - Great Seal",
  "Diplomacy in Action", a left menu, then in the content column the title
  "Associate Protection Officer: Baku, Azerbaijan", the date "April 8, 2014",
  "Application Deadline: April 29, 2014", "How to Apply:", "PRM Notes:" and the agency's
  job description; "Back to Top" closes the content column; the OpenID sign-in blurb and
  the footer follow it. E-mail addresses are written by a script (the capture has
  "must be emailed to by 11:59 p.m." with the address missing);
- `GET /j/prm/jpo_ae/index.htm` the vacancy list (INFERRED: not in any published copy).
  One page lists every open posting, grouped by agency, since PRM sponsors a few dozen
  posts at a time and the state.gov CMS of 2014 did not page such lists. Some links are
  absolute to http://www.state.gov, as that CMS wrote them; the intro links the FAQ, which
  is also a numeric page under /j/prm/jpo_ae/ but not a posting;
- `GET /j/prm/jpo_ae/219712.htm` that FAQ page; `GET /robots.txt`.

The markup (ids `centerblock`, `leftnav`, ...) is INFERRED, matched to
tests/extraction/pages/state-jpo.html. No real capture of these pages is known, so the
postings vary the way hand-edited CMS pages of that time do (`LAYOUTS`, by the key's
remainder of 4; the seed page has the first): the labels' colon inside or outside the
bold label, or no colon; a label alone with its value in the next paragraph; the date
under the heading with or without its `date` class; a heading that is an `h2` (no `h1`,
as on the reference page); the deadline's date inside or after its bold label.

The vacancy list is one page, built with `listing_slice` (so the listing faults apply);
`layout_changed` renames the content column's id (and the `date` class), as a redesign
of the template would.

Mock decision where nothing real shows what the site does: a posting set to status "closed" stays
listed with "(Closed)" and its page says "This vacancy announcement is closed." under
the deadline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from .postings import MockPosting, Section, body_html
from .server import MockRequest, MockResponse, MockSite

REAL_HOST = "http://www.state.gov"
LISTING_PATH = "/j/prm/jpo_ae/index.htm"
FAQ_ID = "219712"
SPONSOR = "US Department of State (PRM)"

_POSTING_PATH = re.compile(r"^/j/prm/jpo_ae/(\d+)\.htm$")
SEED_KEY = "224525"
#: How a posting page writes its labelled values, by `int(key) % 4` (the seed: 0):
#: "colon" <strong>Label:</strong> value | "outside" <strong>Label</strong>: value |
#: "bold" <b>Label</b> value | "next" <strong>Label:</strong></p><p>value.
LAYOUTS = ("colon", "outside", "bold", "next")
# A list page is never paged: one slice holds every posting.
WHOLE_LIST = 10_000

# What each sponsored agency's posts are called on the pages.
PROGRAMMES = {
    "UNHCR": ("JPO", "Junior Professional Officer (JPO)", "Job Description (JPO)"),
    "IOM": ("AE", "Associate Expert (AE)", "Terms of Reference (AE)"),
}
AGENCY_SITES = {
    "UNHCR": "http://www.unhcr.org/pages/49c3646c278.html",
    "IOM": "http://www.iom.int/cms/jobs",
}


def month_day_year(day: date) -> str:
    """ "April 8, 2014", as state.gov writes dates."""
    return f"{day:%B} {day.day}, {day.year}"


def heading(posting: MockPosting) -> str:
    """The page title: "Associate Protection Officer: Baku, Azerbaijan"."""
    return f"{posting.title}: {posting.duty_station}, {posting.country}"


class StateJpoSite(MockSite):
    """www.state.gov/j/prm/jpo_ae/: one vacancy list and the posting pages."""

    name = "state_jpo"
    description = "US State Department PRM JPO/AE vacancies (www.state.gov/j/prm/jpo_ae/, 2014)"

    def default_postings(self) -> list[MockPosting]:
        return state_jpo_postings()

    def listing_page_number(self, request: MockRequest) -> int | None:
        return 1 if request.path in (LISTING_PATH, "/j/prm/jpo_ae/", "/j/prm/jpo_ae") else None

    def posting_key(self, request: MockRequest) -> str | None:
        match = _POSTING_PATH.match(request.path)
        return match.group(1) if match and match.group(1) != FAQ_ID else None

    def layout(self, posting: MockPosting) -> str:
        """How `posting`'s page writes its labelled values (see `LAYOUTS`)."""
        return LAYOUTS[0] if posting.key == SEED_KEY else LAYOUTS[int(posting.key) % 4]

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == "/robots.txt":
            return MockResponse.text(
                "User-agent: *\nDisallow: /cgi-bin/\nDisallow: /documents/organization/\n"
                "Disallow: /m/\n"
            )
        if path in (LISTING_PATH, "/j/prm/jpo_ae/", "/j/prm/jpo_ae"):
            return MockResponse.html(self.listing())
        if match := _POSTING_PATH.match(path):
            if match.group(1) == FAQ_ID:
                return MockResponse.html(
                    _page("JPO and AE Programs: Frequently Asked Questions", FAQ, self.css)
                )
            posting = self.get(match.group(1))
            return MockResponse.html(self.detail(posting)) if posting else self.not_found()
        return self.not_found()

    # -- listing ----------------------------------------------------------------------

    def listing(self) -> str:
        postings, _ = self.listing_slice(0, WHOLE_LIST)
        groups = []
        for agency, (short, long_name, _) in PROGRAMMES.items():
            items = [
                self.listing_item(p, n) for n, p in enumerate(postings) if p.organization == agency
            ]
            listed = (
                f'<ul class="vacancy-list">\n{"".join(items)}</ul>'
                if items
                else f"<p>There are no {short} positions open at this time.</p>"
            )
            groups.append(f"<h2>{agency} {escape(long_name)} Positions</h2>\n{listed}")
        content = f"""<h1 id="page-title">Junior Professional Officer (JPO) and Associate Expert (AE) Vacancies</h1>
<p>The Bureau of Population, Refugees, and Migration (PRM) sponsors Junior Professional Officers with the United Nations High Commissioner for Refugees (UNHCR) and Associate Experts with the International Organization for Migration (IOM). These positions are open to U.S. citizens only. Please read the <a href="/j/prm/jpo_ae/{FAQ_ID}.htm">Frequently Asked Questions</a> before applying.</p>
{chr(10).join(groups)}"""
        return _page("JPO and AE Vacancies", content, self.css)

    def listing_item(self, posting: MockPosting, n: int) -> str:
        path = f"/j/prm/jpo_ae/{posting.key}.htm"
        href = REAL_HOST + path if n % 3 == 2 else path
        closed = " (Closed)" if posting.status == "closed" else ""
        return (
            f'<li><a href="{href}">{escape(heading(posting))}</a> - Application Deadline: '
            f"{month_day_year(posting.closing_date)}{closed}</li>\n"
        )

    # -- detail -----------------------------------------------------------------------

    def detail(self, posting: MockPosting) -> str:
        p = posting
        layout = self.layout(p)
        short, _, jd_heading = PROGRAMMES.get(p.organization, PROGRAMMES["UNHCR"])
        notes = p.section("PRM Notes:")
        rest = tuple(s for s in p.sections if s[0] != "PRM Notes:")
        closed = (
            "<p><strong>This vacancy announcement is closed.</strong></p>\n"
            if p.status == "closed"
            else ""
        )
        labelled = [("Title", f"{p.title} ({short})")]
        labelled += [("Sector", c) for c in p.categories[:1]]
        labelled.append(("Location", f"{p.duty_station}, {p.country}"))
        if p.grade:
            labelled.append(("Grade", p.grade))
        labelled += [(k, v) for k, v in p.fields.items() if v]
        header = "\n".join(_labelled(k, v, layout) for k, v in labelled)
        website = AGENCY_SITES.get(p.organization, "")
        posted = month_day_year(p.posted_date)
        # Some pages lost the date's class in an edit: the date is a plain paragraph;
        # others write every line of the top as a heading (no h1, as the reference page).
        title_tag = "h2" if layout == "bold" else "h1"
        date_line = {
            "outside": f"<p>{posted}</p>",
            "next": f"<p>{posted}</p>",
            "bold": f"<h2>{posted}</h2>",
        }.get(layout, f'<p class="{self.css("date")}">{posted}</p>')
        deadline = month_day_year(p.closing_date)
        deadline_line = {
            "outside": f"<p><strong>Application Deadline:</strong> {deadline}</p>",
            "next": f"<p><strong>Application Deadline:</strong></p>\n<p>{deadline}</p>",
        }.get(layout, f"<p><strong>Application Deadline: {deadline}</strong></p>")
        content = f"""<{title_tag} id="page-title">{escape(heading(p))}</{title_tag}>
{date_line}
<div id="body-text">
{deadline_line}
{closed}<p>Applications must be emailed to {_email()} by 11:59 p.m. Eastern Daylight Time on the date indicated in order to be considered. Thank you.</p>
<h3>How to Apply:</h3>
<p>Please note that PRM-sponsored {short} positions are open to U.S. Citizens only.</p>
<p>Applicants must submit a completed United Nations Personal History form (UN P-11) via email to {_email()} by the deadline noted above. The UN P-11 form is available for download from the {escape(p.organization)} website at <a href="{website}"></a> PRM will accept the UN P-11 form without a signature. If desired, you may also submit a resume or curriculum vitae and letter of interest. Please specify the position for which you are applying in the Subject line of the email (i.e. {escape(p.title)} – {escape(p.duty_station)}, {escape(p.country)}). You must send a separate email and application for each position for which you are qualified and wish to be considered. For more information, please see the <a href="/j/prm/jpo_ae/{FAQ_ID}.htm">Frequently Asked Questions</a> on the PRM website.</p>
<h3>PRM Notes:</h3>
{body_html(notes)}
<h2>{escape(p.title)} ({short})</h2>
<p>{escape(p.duty_station)}, {escape(p.country)}</p>
<h3>{jd_heading}</h3>
{header}
{_sections(rest)}
</div>"""
        return _page(heading(p), content, self.css)


def _labelled(label: str, value: str, layout: str) -> str:
    """One labelled value of the description's header, written the `layout` way."""
    label, value = escape(label), escape(value)
    if layout == "outside":
        return f"<p><strong>{label}</strong>: {value}</p>"
    if layout == "bold":
        return f"<p><b>{label}</b> {value}</p>"
    if layout == "next":
        return f"<p><strong>{label}:</strong></p>\n<p>{value}</p>"
    return f"<p><strong>{label}:</strong> {value}</p>"


def _email() -> str:
    """The address as state.gov wrote it: by a script, so a text capture lacks it."""
    return (
        '<script type="text/javascript">var u="PRM-JPO", d="state.gov";'
        "document.write('<a href=\"mailto:'+u+'@'+d+'\">'+u+'@'+d+'</a>');</script>"
    )


def _sections(sections: tuple[Section, ...]) -> str:
    parts = []
    for title, body in sections:
        if title:
            parts.append(f"<h3>{escape(title)}</h3>")
        parts.append(body_html(body))
    return "\n".join(parts)


LEFT_NAV = """<div id="leftnav"><h3>Population, Refugees, and Migration</h3><ul>
<li><a href="/j/prm/">Home</a></li><li><a href="/j/prm/about/">About PRM</a></li><li><a href="/j/prm/policyissues/">Policy Issues</a></li>
<li><a href="/j/prm/funding/">Funding Opportunities</a></li><li><a href="/j/prm/jpo_ae/index.htm">JPO and AE Vacancies</a></li>
<li><a href="/j/prm/jpo_ae/219712.htm">JPO and AE Frequently Asked Questions</a></li><li><a href="/j/prm/releases/">Releases</a></li></ul></div>"""

FAQ = f"""<h1 id="page-title">Junior Professional Officer (JPO) and Associate Expert (AE) Programs - Frequently Asked Questions</h1>
<h3>In what international organizations does PRM support JPOs and AEs?</h3>
<p>PRM funds and participates in the selection and placement of Junior Professional Officers (JPOs) with UNHCR and Associate Experts (AEs) with IOM. See the <a href="{LISTING_PATH}">current vacancies</a>.</p>"""


def _page(title: str, content: str, css: Callable[[str], str]) -> str:
    """A page in the 2014 state.gov template around the content column; `css` names
    the ids and classes the spider relies on (renamed after a redesign)."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{escape(title)}</title>
</head>
<body>
<a name="top"></a>
<div class="printable-banner" id="print-banner"><img src="/images/print-banner.gif" alt="printable banner" /></div>
<div id="header"><a href="/"><img src="/images/seal.png" alt="U.S. Department of State - Great Seal" /></a>
<p class="site-title">U.S. Department of State</p><p class="tagline">Diplomacy in Action</p>
<form id="search" action="/search/"><input type="text" name="q" title="Search" /><button>Search</button></form></div>
<div id="topnav"><ul><li><a href="/">Home</a></li><li><a href="/secretary/">Secretary of State</a></li><li><a href="/r/pa/">Press</a></li><li><a href="/travel/">Travel</a></li><li><a href="/careers/">Careers</a></li><li><a href="/j/prm/">Population, Refugees, and Migration</a></li></ul></div>
<div id="breadcrumbs"><a href="/">Home</a> &raquo; <a href="/j/">Under Secretary for Civilian Security, Democracy, and Human Rights</a> &raquo; <a href="/j/prm/">Bureau of Population, Refugees, and Migration</a> &raquo; <a href="{LISTING_PATH}">JPO and AE Vacancies</a></div>
{LEFT_NAV}
<div id="{css("centerblock")}">
{content}
<p class="back-to-top"><a href="#top">Back to Top</a></p>
</div>
<div id="footer-signin"><p>Do you already have an account on one of these sites? Click the logo to sign in and create your own customized State Department page. Want to learn more? Check out our FAQ!</p>
<p>OpenID is a service that allows you to sign in to many different websites using a single identity. Find out more about OpenID and how to get an OpenID-enabled account.</p></div>
<div id="footer"><ul><li><a href="/misc/87529.htm">Privacy Notice</a></li><li><a href="/misc/415.htm">FOIA</a></li><li><a href="/misc/60289.htm">Copyright Information</a></li><li><a href="/whitehouse">White House</a></li></ul>
<p>The Office of Website Management, Bureau of Public Affairs, manages this site as a portal for information from the U.S. State Department.</p></div>
</body>
</html>
"""


# =====================================================================================
# Content: the seed posting (seed 004, Baku) and variants
# =====================================================================================

SEED_NOTES = """• For more information about UNHCR’s operations at this post, please visit the UNHCR website at
• University education with a degree in Law or in Political/Social Sciences. International Law, Human Rights Law, and Refugee Law preferred. . Advanced degree is strongly preferred for participation in the PRM-sponsored JPO program.
• Two-three years of work experience in law, human rights, or refugee assistance. Field experience in refugee work or humanitarian work desirable. Minimum 6 months of professional experience in the field. Previous working experience in the Caucasus and Azerbaijan is desirable
• In addition to English, knowledge of Russian is desirable. Strong working knowledge of a second UN language (French, Spanish, Arabic, Chinese, or Russian) in addition to English is highly desirable for participation in the PRM-sponsored JPO program.
• The JPO job description and related information attached are provided by UNHCR.
• JPO contracts are initially issued for one (1) year and then renewed. American JPOs are expected to serve a complete (2) two-year JPO term."""

SEED_SECTIONS: tuple[Section, ...] = (
    ("PRM Notes:", SEED_NOTES),
    (
        "",
        """Under the direct supervision of the Protection Officer, the incumbent shall fulfill the following duties and responsibilities:

1. Act as the main IDP focal point within UNHCR Azerbaijan.

• Participate in regular field missions and actively engage in monitoring UNHCR-and Government implemented programs related to IDPs.
• Liaise and coordinate with Government and NGO representatives on IDP related issues.
• Liaise closely with EU, OSCE, Council of Europe and Diplomatic Missions to ensure coherent and consistent reporting and awareness of IDP issues.
• Lead the implementation of biennial UNHCR Participatory Assessment among IDP’s.

2. Assist with capacity building and increasing coordination:

• Provide capacity building and technical expertise on IDP issues to Government of Azerbaijan representatives.
• Prepare report analysis on IDP protection issues and gaps in the country.
• Represent UNHCR in meetings - when requested by the supervisor.

3. Respond to protection needs of population of concern:

• Conduct interviews with persons of concern, undertake ad hoc visits to the homes of persons of concern, and visit locations with population of concern.
• Closely monitor and follow up on Counselling and Legal Assistance Program for IDPs. Contribute to relevant responses to violation of IDPs’ rights.

4. Undertake other duties as required.""",
    ),
    (
        "",
        """Qualifications: Higher University degree in Law or in Political/Social Sciences. Degree in International Law, Human Rights Law, and Refugee Law preferred. Post graduate qualifications in law will be an added advantage.

Experience: Minimum 6 months of professional experience in the field, preferably in multi-cultural environment. Working experience in the field of human rights is desirable.

Skills: Excellent knowledge of English. Knowledge of Russian is desirable. Previous working experience in the Caucasus and Azerbaijan is desirable; relevant field experience is an asset.""",
    ),
    (
        "Relevant UNHCR Functional Competencies:",
        """• Team Working (CC03)
• Protecting refugees and other persons of concern to UNHCR (PT06)
• Providing protection information (PT07)
• Forward planning at the point of delivery (PG03)
• Assessing beneficiary needs and availability of resources (PG04)
• Implementing Field Operations (PG13)
• Political and organizational awareness (MC06)""",
    ),
    (
        "Learning elements:",
        """• Writing situation (legal) analyses.
• Assess and seek solutions to needs of vulnerable groups.
• Prepare reporting materials.
• Formulate parts of COP and participate in strategy sessions.""",
    ),
    (
        "",
        """Azerbaijan has one of the highest per capita concentrations of Internally Displaced Persons (IDPs) in the world and current Government statistics show that the number of internally displaced from Nagorno Karabakh and seven occupied territories is around 600,000. UNHCR established its presence in Azerbaijan in December 1992 and launched an emergency and relief operation to assist thousands of IDPs with shelter, health care, education, food, water, sanitation, non-food relief items, income-generation, and protection activities.

Baku is classified in category A on the UNHCR mobility and hardship allowance scale. The city has a large number of newly refurbished, high quality apartments. Baku is generally a safe city but instances of street crime and assaults on foreigners occur.""",
    ),
)

SEED_FIELDS = {
    "Duration of the assignment": "1 year renewable (total of 2 years)",
    "Supervisor": "Protection Officer, Mr. Alexander Novikau",
    "Other International Staff in Duty Station": (
        "Representative, Protection Officer, Admin / Program Officer, and Associate "
        "Protection Officer"
    ),
}


@dataclass(frozen=True)
class JpoRole:
    title: str
    agency: str  # UNHCR or IOM
    sector: str
    supervisor: str
    duties: tuple[str, ...]
    grade: str = ""  # stated on some pages only


ROLES = [
    JpoRole(
        "Associate Resettlement Officer",
        "UNHCR",
        "Resettlement",
        "Resettlement Officer",
        (
            "Identify refugees in need of resettlement.",
            "Prepare resettlement submissions to resettlement countries.",
            "Monitor the integrity of resettlement procedures.",
        ),
        "P2",
    ),
    JpoRole(
        "Associate Community Services Officer",
        "UNHCR",
        "Community Services",
        "Senior Community Services Officer",
        (
            "Assess the needs of refugee communities with an age, gender and diversity approach.",
            "Support community-based protection networks.",
            "Coordinate with partners on services for persons with specific needs.",
        ),
    ),
    JpoRole(
        "Associate Field Officer",
        "UNHCR",
        "Field",
        "Head of Field Office",
        (
            "Monitor the situation of refugees in the area of responsibility.",
            "Coordinate field activities with partners and local authorities.",
            "Draft situation reports for the Representation.",
        ),
        "P2",
    ),
    JpoRole(
        "Associate Programme Officer",
        "UNHCR",
        "Programme",
        "Senior Programme Officer",
        (
            "Plan and monitor the operation's programme with funded partners.",
            "Verify partner financial and narrative reports.",
            "Support the annual planning exercise.",
        ),
    ),
    JpoRole(
        "Programme Officer (Counter-Trafficking)",
        "IOM",
        "Counter-Trafficking",
        "Chief of Mission",
        (
            "Support the development of counter-trafficking projects.",
            "Coordinate direct assistance to victims of trafficking with partners.",
            "Prepare donor reports and project proposals.",
        ),
    ),
    JpoRole(
        "Associate Protection Officer",
        "UNHCR",
        "Protection",
        "Senior Protection Officer",
        (
            "Conduct refugee status determination interviews.",
            "Manage individual protection cases and referrals.",
            "Liaise with authorities on documentation for persons of concern.",
        ),
    ),
    JpoRole(
        "Migration Health Officer",
        "IOM",
        "Migration Health",
        "Migration Health Physician",
        (
            "Support migration health assessments for resettling refugees.",
            "Monitor the quality of health assessment procedures.",
            "Coordinate tuberculosis screening with national programmes.",
        ),
    ),
]

STATIONS = [
    ("Beirut", "Lebanon"),
    ("Amman", "Jordan"),
    ("Nairobi", "Kenya"),
    ("Bangkok", "Thailand"),
    ("Erbil", "Iraq"),
    ("Kampala", "Uganda"),
    ("Kuala Lumpur", "Malaysia"),
    ("Quito", "Ecuador"),
    ("Islamabad", "Pakistan"),
    ("Juba", "South Sudan"),
    ("Geneva", "Switzerland"),
]


def _notes(role: JpoRole, city: str, country: str) -> str:
    short = PROGRAMMES[role.agency][0]
    doc = "job description" if short == "JPO" else "terms of reference"
    return (
        f"• For more information about {role.agency}’s operations at this post, please visit the "
        f"{role.agency} website at\n"
        f"• Two-three years of relevant work experience. Field experience in {country} or the "
        "region is desirable.\n"
        "• Strong working knowledge of a second UN language (French, Spanish, Arabic, Chinese, or "
        f"Russian) in addition to English is highly desirable for participation in the "
        f"PRM-sponsored {short} program.\n"
        f"• The {short} {doc} and related information attached are provided by {role.agency}.\n"
        f"• {short} contracts are initially issued for one (1) year and then renewed."
    )


def state_jpo_postings(count: int = 12) -> list[MockPosting]:
    """The seed posting first, then variants up to `count`, all from spring 2014."""
    postings = [
        MockPosting(
            key="224525",
            title="Associate Protection Officer",
            organization="UNHCR",
            duty_station="Baku",
            country="Azerbaijan",
            grade="",
            contract_type="JPO",
            posted_date=date(2014, 4, 8),
            closing_date=date(2014, 4, 29),
            categories=("Protection",),
            sections=SEED_SECTIONS,
            timezone="America/New_York",
            fields=SEED_FIELDS,
        )
    ]
    for n in range(1, count):
        role = ROLES[n % len(ROLES)]
        city, country = STATIONS[(n * 4) % len(STATIONS)]
        posted = date(2014, 3, 3) + timedelta(days=(n * 5) % 40)
        duties = "\n".join(f"• {d}" for d in role.duties)
        postings.append(
            MockPosting(
                key=str(221000 + n * 311),
                title=role.title,
                organization=role.agency,
                duty_station=city,
                country=country,
                grade=role.grade,
                contract_type=PROGRAMMES[role.agency][0],
                posted_date=posted,
                closing_date=posted + timedelta(days=21),
                categories=(role.sector,),
                timezone="America/New_York",
                fields={
                    "Duration of the assignment": "1 year renewable (total of 2 years)",
                    "Supervisor": role.supervisor,
                },
                sections=(
                    ("PRM Notes:", _notes(role, city, country)),
                    (
                        "",
                        f"Under the direct supervision of the {role.supervisor}, the incumbent "
                        f"shall fulfill the following duties and responsibilities:\n\n{duties}",
                    ),
                    (
                        "",
                        f"Qualifications: University degree in a field relevant to "
                        f"{role.sector.lower()}.\n\nExperience: Minimum 6 months of professional "
                        "experience in the field.",
                    ),
                    ("", f"{city} is a duty station of the {role.agency} operation in {country}."),
                ),
            )
        )
    return postings
