# ruff: noqa: E501  (posting texts and the app page are prose, one paragraph a line)
"""Mock of UN Careers (careers.un.org, the UN Secretariat's job site).

Serves what the real site serves:
- `POST /api/public/opening/jo/list/filteredV2/en` with
  `{"filterConfig": {...}, "pagination": {"page", "itemPerPage", "sortBy", "sortDirection"}}`:
  0-based `page`; a missing `sortBy` -> HTTP 500, as on the real site. Answer
  `{"status": 1, "message", "data": {"list": [...], "count"}}`; list items carry `_id`,
  `jobId` (int), `jobTitle`, `postingTitle` ("..., P3"), `jobDescription` HTML,
  `jobLevel` ("P-3"), `dutyStation[{_id, code, description}]` in capitals ("BONN"),
  `startDate`/`endDate` as UTC instants of New York midnight / 23:59:59, `jf{Code,Name}`,
  `jc{code,name}`, `jl{code,name}`, `dept{code,name}`, `totalCount`, ...;
  filterConfig `keyword` and `ds` (duty station, e.g. "NEWYORK") filter;
- `GET /api/public/opening/jo/<jobId>/en` (and `/joV2/<jobId>/en`) -> `{"status": 1,
  "message": "Updated the view count successfully.", "data": {...}}` with
  `departmentDescr`, `inspiraURL`, `status` besides the list fields;
- `GET /api/public/opening/jo/activeJo?language=en`: every active opening;
- `GET /jobfeed`: the RSS 2.0 feed ("Posted Date 09/25/2026 00:00:00 AM (New York time)");
- everything else, `/robots.txt` included, answers the Angular app's index.html (the
  real robots.txt is that HTML: no rules).

The detail answer follows a real one (of opening
285431, trimmed by its saver): the same keys, `jobDescription` with one
`jobPostingItem` div a line. Every fifth opening's detail has only the keys of that
real answer (no `dept`, `jf`, `jc`, `jl`, `_id`...), as the real API may send it: its
department is then only in `departmentDescr`; the list item still has them all.

Paging: the list is served in the site's order (`MockSite.listing_slice`, so the
listing faults apply), which for the spider's query (`sortBy` "startDate", descending,
no filter) is the API's order: newest first, `jobId` descending on the same day (the
default openings are made in that order; `add()` publishes at the top). Other sorts or
a filter are computed. `layout_changed` renames the keys the spider relies on
(`data.list`; a detail's `jobId`, `jobTitle`, `jobDescription`).

Mock decisions where nothing real shows what the site does: an unknown or closed job's detail answers
HTTP 200 `{"status": 0, "message": "No job opening found", "data": null}`; a closed
posting leaves the list. `jc` is the staff category ("Professional and Higher
Categories"), `recruitmentType` "Job Opening" or "Temporary Job Opening".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from .content import ANCHOR
from .postings import MockPosting, body_html
from .server import MockRequest, MockResponse, MockSite

NEW_YORK = ZoneInfo("America/New_York")
PUBLIC_SITE = "https://careers.un.org"
INSPIRA = (
    "https://inspira.un.org/psp/PUNA1J/EMPLOYEE/HRMS/c/UN_CUSTOMIZATIONS.UN_JOB_DETAIL.GBL"
    "?Action=A&UNAction=Apply&JobOpeningId={}&languageCd=ENG"
)


@dataclass(frozen=True)
class Station:
    code: str
    description: str  # as the API writes it, in capitals
    country: str


STATIONS = [
    Station("5252", "BONN", "Germany"),
    Station("1001", "NEW YORK", "United States"),
    Station("2101", "GENEVA", "Switzerland"),
    Station("3501", "NAIROBI", "Kenya"),
    Station("4410", "BANGKOK", "Thailand"),
    Station("2290", "VIENNA", "Austria"),
    Station("3120", "ADDIS ABABA", "Ethiopia"),
    Station("4170", "BEIRUT", "Lebanon"),
    Station("6012", "SANTIAGO", "Chile"),
    Station("3890", "JUBA", "South Sudan"),
    Station("3310", "GOMA", "Democratic Republic of the Congo"),
    Station("6230", "PORT-AU-PRINCE", "Haiti"),
    Station("3640", "DAR ES SALAAM", "United Republic of Tanzania"),
    Station("3455", "N'DJAMENA", "Chad"),
    Station("4520", "KUWAIT CITY", "Kuwait"),
    Station("3911", "ENTEBBE", "Uganda"),
]

_STATION = {s.description: s for s in STATIONS}

DEPARTMENTS = {
    "OCHA": ("Office for the Coordination of Humanitarian Affairs",
             "Office for the Coordination of Humanitarian Affairs"),
    "DMSPC": ("Department of Management Strategy, Policy and Compliance",
              "Department of Management Strategy, Policy and Compliance Office of Human Resources"),
    "UNFCCC": ("United Nations Framework Convention on Climate Change",
               "United Nations Framework Convention on Climate Change Secretariat"),
    "UNEP": ("United Nations Environment Programme",
             "United Nations Environment Programme Ecosystems Division"),
    "OHCHR": ("Office of the United Nations High Commissioner for Human Rights",
              "Office of the United Nations High Commissioner for Human Rights"),
    "UNODC": ("United Nations Office on Drugs and Crime",
              "United Nations Office on Drugs and Crime Division for Operations"),
    "ESCAP": ("Economic and Social Commission for Asia and the Pacific",
              "Economic and Social Commission for Asia and the Pacific"),
    "DOS": ("Department of Operational Support",
            "Department of Operational Support Office of Supply Chain Management"),
    "UNMISS": ("United Nations Mission in the Republic of South Sudan",
               "United Nations Mission in the Republic of South Sudan"),
    "DPPA": ("Department of Political and Peacebuilding Affairs",
             "Department of Political and Peacebuilding Affairs"),
}  # fmt: skip

CATEGORIES = {
    "P": ("PROF", "Professional and Higher Categories"),
    "D": ("PROF", "Professional and Higher Categories"),
    "G": ("GS", "General Service and Related Categories"),
    "N": ("NPO", "National Professional Officers"),
    "F": ("FS", "Field Service"),
}


@dataclass(frozen=True)
class Role:
    title: str
    level: str  # jobLevel, "P-3"
    family: tuple[str, str]  # jf Code, Name
    dept: str  # key of DEPARTMENTS
    duties: tuple[str, ...]
    education: str
    years: int
    stations: tuple[str, ...] = ("NEW YORK",)  # where the entity posts this role


ROLES = [
    Role("Programme Management Officer (Mental Health)", "P-3", ("PRG", "Programme Management"),
         "DMSPC", ("Develop and implement the mental health strategy for staff.",
                   "Coordinate with medical services and staff counsellors.",
                   "Monitor programme delivery and report on results."),
         "Advanced university degree in psychology, public health or a related field.", 5,
         ("BONN", "NEW YORK", "GENEVA")),
    Role("Humanitarian Affairs Officer", "P-4", ("HUM", "Humanitarian Affairs"), "OCHA",
         ("Monitor and analyse humanitarian developments in the region.",
          "Coordinate the inter-agency response and the humanitarian programme cycle.",
          "Prepare briefing notes, talking points and situation reports."),
         "Advanced university degree in political science, social sciences or a related field.", 7,
         ("GENEVA", "NEW YORK", "ADDIS ABABA", "PORT-AU-PRINCE", "GOMA")),
    Role("Associate Programme Management Officer", "P-2", ("PRG", "Programme Management"),
         "UNFCCC", ("Support the preparation of intergovernmental meetings.",
                    "Draft background documents and summaries of negotiations.",
                    "Maintain records of national reports and submissions."),
         "Advanced university degree in environmental sciences, law or a related field.", 2,
         ("BONN",)),
    Role("Environmental Affairs Officer", "P-3", ("ENV", "Environmental Affairs"), "UNEP",
         ("Provide technical advice on ecosystem restoration projects.",
          "Review project proposals and monitor implementation.",
          "Contribute to flagship reports and assessments."),
         "Advanced university degree in environmental sciences or natural resource management.", 5,
         ("NAIROBI", "GENEVA", "BANGKOK")),
    Role("Human Rights Officer", "P-3", ("HR", "Human Rights"), "OHCHR",
         ("Monitor the human rights situation and document violations.",
          "Engage with national authorities and civil society.",
          "Draft reports to the Human Rights Council."),
         "Advanced university degree in law, political science or international relations.", 5,
         ("GENEVA", "NEW YORK", "DAR ES SALAAM", "SANTIAGO")),
    Role("Crime Prevention and Criminal Justice Officer", "P-4", ("CRI", "Crime Prevention"),
         "UNODC", ("Design and manage technical assistance projects.",
                   "Advise governments on criminal justice reform.",
                   "Mobilise resources and report to donors."),
         "Advanced university degree in law, criminology or a related field.", 7,
         ("VIENNA", "NAIROBI", "BANGKOK")),
    Role("Economic Affairs Officer", "P-3", ("ECO", "Economic Affairs"), "ESCAP",
         ("Conduct research and analysis on regional economic trends.",
          "Prepare chapters of flagship publications.",
          "Organise expert group meetings and capacity-building workshops."),
         "Advanced university degree in economics, finance or a related field.", 5,
         ("BANGKOK",)),
    Role("Supply Chain Assistant", "G-6", ("LOG", "Logistics"), "DOS",
         ("Process requisitions and track purchase orders.",
          "Maintain supplier records in Umoja.",
          "Prepare statistical reports on supply chain performance."),
         "High school diploma or equivalent.", 7,
         ("NEW YORK", "ENTEBBE", "KUWAIT CITY")),
    Role("Security Officer", "FS-5", ("SEC", "Security"), "UNMISS",
         ("Conduct security assessments of field locations.",
          "Coordinate movements and the warden system.",
          "Investigate security incidents and prepare reports."),
         "High school diploma or equivalent; a university degree is desirable.", 6,
         ("JUBA",)),
    Role("Political Affairs Officer", "P-5", ("POL", "Political Affairs"), "DPPA",
         ("Lead political analysis for the region.",
          "Advise senior management on mediation and conflict prevention.",
          "Represent the department in inter-agency meetings."),
         "Advanced university degree in political science or international relations.", 10,
         ("NEW YORK", "BEIRUT", "DAR ES SALAAM")),
    Role("National Information Management Officer", "NO-B", ("INF", "Information Management"),
         "OCHA", ("Manage humanitarian datasets and dashboards.",
                  "Produce maps and infographics for situation reports.",
                  "Train partners on data collection tools."),
         "First-level university degree in information management or statistics.", 2,
         ("N'DJAMENA", "PORT-AU-PRINCE", "GOMA", "ADDIS ABABA")),
    Role("Administrative Officer", "P-3", ("ADM", "Administration"), "UNMISS",
         ("Manage budget, human resources and general services of the section.",
          "Monitor expenditure and prepare budget proposals.",
          "Advise on administrative policies and procedures."),
         "Advanced university degree in business administration, finance or a related field.", 5,
         ("JUBA",)),
]  # fmt: skip

ORG_SETTING = (
    "This position is located in the {dept} at the {station} duty station. The incumbent "
    "reports to the Chief of Section."
)
COMPETENCIES = """PROFESSIONALISM: Shows pride in work and in achievements; demonstrates professional competence and mastery of subject matter; is conscientious and efficient in meeting commitments, observing deadlines and achieving results.

PLANNING AND ORGANIZING: Develops clear goals that are consistent with agreed strategies; identifies priority activities and assignments; adjusts priorities as required.

TEAMWORK: Works collaboratively with colleagues to achieve organizational goals; solicits input by genuinely valuing others' ideas and expertise."""
LANGUAGES = (
    "English and French are the working languages of the United Nations Secretariat. For this "
    "position, fluency in English is required. Knowledge of another official United Nations "
    "language is desirable."
)
ASSESSMENT = "Evaluation of qualified candidates may include an assessment exercise which may be followed by a competency-based interview."  # noqa: E501
SPECIAL_NOTICE = (
    "This position is temporarily available until {until}. Staff members are subject to the "
    "authority of the Secretary-General and to assignment by him or her."
)
CONSIDERATIONS = """According to article 101, paragraph 3, of the Charter of the United Nations, the paramount consideration in the employment of the staff is the necessity of securing the highest standards of efficiency, competence, and integrity.

Candidates will not be considered for employment with the United Nations if they have committed violations of international human rights law or international humanitarian law.

The United Nations Secretariat is committed to achieving 50/50 gender balance in its staff. Female candidates are strongly encouraged to apply for this position.

Applicants are urged to follow carefully all instructions available in the online recruitment platform, inspira."""
NO_FEE = (
    "THE UNITED NATIONS DOES NOT CHARGE A FEE AT ANY STAGE OF THE RECRUITMENT PROCESS "
    "(APPLICATION, INTERVIEW MEETING, PROCESSING, OR TRAINING). THE UNITED NATIONS DOES NOT "
    "CONCERN ITSELF WITH INFORMATION ON APPLICANTS' BANK ACCOUNTS."
)


def uncareers_postings(count: int = 56) -> list[MockPosting]:
    """`count` openings, among them the real fixture's 285431 (Bonn); in the API's
    order: newest first, then the higher `jobId`."""
    postings = []
    for n in range(count):
        role = ROLES[n % len(ROLES)]
        station = _STATION[role.stations[(n // len(ROLES)) % len(role.stations)]]
        dept_name, dept_descr = DEPARTMENTS[role.dept]
        posted = ANCHOR - timedelta(days=n * 3 // 7)
        closing = ANCHOR + timedelta(days=6 + (n * 11) % 37)
        temporary = n % 4 == 3
        city = station.description.title()
        sections: list[tuple[str, str]] = [
            ("Org. Setting and Reporting", ORG_SETTING.format(dept=dept_name, station=city)),
            (
                "Responsibilities",
                "Within delegated authority, the incumbent will be responsible for the following "
                "duties:\n\n" + "\n".join(f"• {d}" for d in role.duties),
            ),
            ("Competencies", COMPETENCIES),
            ("Education", role.education),
            (
                "Work Experience",
                f"A minimum of {role.years} years of progressively responsible experience in "
                f"{role.family[1].lower()} or a related area is required.",
            ),
            ("Languages", LANGUAGES),
            ("Assessment", ASSESSMENT),
        ]
        if temporary:
            until = closing + timedelta(days=200)
            sections.append(("Special Notice", SPECIAL_NOTICE.format(until=f"{until:%d %B %Y}")))
        sections += [("United Nations Considerations", CONSIDERATIONS), ("No Fee", NO_FEE)]
        postings.append(
            MockPosting(
                key="285431" if n == 0 else str(286000 - n * 83),
                title=role.title,
                organization=dept_name,
                duty_station=station.description,
                country=station.country,
                grade=role.level,
                contract_type="Temporary Job Opening" if temporary else "Job Opening",
                posted_date=posted,
                closing_date=closing,
                categories=(role.family[1],),
                sections=tuple(sections),
                timezone="America/New_York",
                fields={
                    "station_code": station.code,
                    "dept_code": role.dept,
                    "dept_descr": dept_descr,
                    "family_code": role.family[0],
                    # The detail as the real answer has it: its keys only.
                    "real_shape": "1" if n % 5 == 4 else "",
                },  # fmt: skip
            )
        )
    postings.sort(key=lambda p: (p.posted_date, int(p.key)), reverse=True)
    return postings


def ny_instant(day: date, at: time) -> str:
    """The UTC instant of New York local `at` on `day`, as the API writes it."""
    moment = datetime.combine(day, at, tzinfo=NEW_YORK).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def posting_title(posting: MockPosting) -> str:
    """ "Programme Management Officer (Mental Health), P3": the level without its hyphen."""
    return f"{posting.title}, {posting.grade.replace('-', '')}"


def description_html(posting: MockPosting) -> str:
    """`jobDescription`: one `jobPostingItem` div a line, as in the real answer."""
    items = "".join(
        "<div class='jobPostingItem'>"
        f"<div class='jobPostingItemTitle'>{escape(heading)}</div>"
        f"<div class='jobPostingItemContent'>{body_html(body)}</div></div>\n"
        for heading, body in posting.sections
    )
    return f"<div class='jobPostingDetail'>\n{items}</div>"


def _object_id(*parts: object) -> str:
    """A 24-hex MongoDB ObjectId-like `_id`."""
    return hashlib.md5("|".join(map(str, parts)).encode()).hexdigest()[:24]


SPA_SHELL = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Careers</title>
  <base href="/">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="United Nations Careers: find job openings in the UN Secretariat.">
  <link rel="icon" type="image/x-icon" href="favicon.ico">
  <link rel="stylesheet" href="styles.3f1a9c2e.css" media="print" onload="this.media='all'">
</head>
<body>
  <app-root></app-root>
  <noscript>Please enable JavaScript to continue using this application.</noscript>
  <script src="runtime.8e1b2c3d.js" type="module"></script>
  <script src="polyfills.4c5d6e7f.js" type="module"></script>
  <script src="main.9a8b7c6d.js" type="module"></script>
</body>
</html>
"""

_DETAIL = re.compile(r"^/api/public/opening/(?:jo|joV2)/(\d+)/(\w+)$")
LIST_PATH = "/api/public/opening/jo/list/filteredV2/en"
#: The keys of the real detail answer (detail_285431_trimmed.json), in its order.
REAL_DETAIL_KEYS = (
    "jobId", "jobTitle", "postingTitle", "departmentDescr", "dutyStation", "jobLevel",
    "startDate", "endDate", "inspiraURL", "language", "status", "jobDescription",
)  # fmt: skip
#: The detail keys a redesign renames (`layout_changed`): the ones the spider reads.
RELIED_DETAIL_KEYS = ("jobId", "jobTitle", "jobDescription")


class UncareersSite(MockSite):
    """careers.un.org: the public opening API, the job feed and the Angular shell."""

    name = "uncareers"
    description = "UN Careers, the UN Secretariat's job site (careers.un.org)"
    lists_closed = False  # closed postings leave the list; their pages stay

    def default_postings(self) -> list[MockPosting]:
        return uncareers_postings()

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == LIST_PATH:
            if request.method != "POST":
                return self.api_error(404, "Cannot GET " + path)
            return self.search(request)
        if path == "/api/public/opening/jo/activeJo":
            return MockResponse.json(
                self.answer(
                    "Job Openings fetched successfully", [self.list_item(p) for p in self.open()]
                )
            )
        if match := _DETAIL.match(path):
            posting = self.get(match.group(1))
            if posting is None or posting.status == "closed":
                return MockResponse.json(
                    {"status": 0, "message": "No job opening found", "data": None}
                )
            return MockResponse.json(
                self.answer("Updated the view count successfully.", self.detail(posting))
            )
        if path.startswith("/api/"):
            return self.api_error(404, "Cannot GET " + path)
        if path == "/jobfeed":
            return MockResponse(
                200, self.rss().encode("utf-8"), "application/rss+xml; charset=utf-8"
            )
        # robots.txt included: the Angular app answers every other path with its shell.
        return MockResponse.html(SPA_SHELL)

    def listing_page_number(self, request: MockRequest) -> int | None:
        if request.path != LIST_PATH or request.method != "POST":
            return None
        return int(request.json()["pagination"].get("page", 0)) + 1

    def posting_key(self, request: MockRequest) -> str | None:
        match = _DETAIL.match(request.path)
        return match.group(1) if match else None

    # -- API --------------------------------------------------------------------------

    def open(self) -> list[MockPosting]:
        return [p for p in self.snapshot() if p.status != "closed"]

    def answer(self, message: str, data: Any) -> dict[str, Any]:
        return {"status": 1, "message": message, "data": data}

    def api_error(self, status: int, message: str) -> MockResponse:
        return MockResponse.json({"statusCode": status, "message": message}, status)

    def search(self, request: MockRequest) -> MockResponse:
        try:
            query = request.json()
            pagination = query["pagination"]
            page = int(pagination.get("page", 0))
            per_page = int(pagination.get("itemPerPage", 10))
        except (ValueError, TypeError, KeyError, AttributeError):
            return self.api_error(500, "Internal server error")
        sort_by = pagination.get("sortBy")
        if not sort_by:  # the real API fails without it
            return self.api_error(500, "Internal server error")
        if page < 0 or per_page < 1:
            return self.api_error(500, "Internal server error")
        config = query.get("filterConfig") or {}
        keyword = str(config.get("keyword") or "").strip().lower()
        stations = {str(s).replace(" ", "").upper() for s in config.get("ds") or []}
        descending = int(pagination.get("sortDirection", -1)) < 0
        if not keyword and not stations and sort_by == "startDate" and descending:
            # The spider's query: the site's own order, as the listing faults change it.
            shown, total = self.listing_slice(page * per_page, per_page)
            items = [self.list_item(p) for p in shown]
        else:
            postings = self.open()
            if keyword:
                postings = [p for p in postings if keyword in p.title.lower()]
            if stations:
                postings = [p for p in postings
                            if p.duty_station.replace(" ", "").upper() in stations]  # fmt: skip
            every = [self.list_item(p) for p in postings]
            every.sort(key=lambda item: (str(item.get(sort_by, "")), item["jobId"]),
                       reverse=descending)  # fmt: skip
            items, total = every[page * per_page : (page + 1) * per_page], len(every)
        for item in items:
            item["totalCount"] = total
        return MockResponse.json(
            self.answer(
                "Job Openings fetched successfully", {self.css("list"): items, "count": total}
            )
        )

    def list_item(self, posting: MockPosting) -> dict[str, Any]:
        p, f = posting, posting.fields
        level = p.grade
        category = CATEGORIES.get(level[:1], CATEGORIES["P"])
        station = next((s for s in STATIONS if s.description == p.duty_station), None)
        return {
            "_id": _object_id("opening", p.key),
            "jobId": int(p.key),
            "language": "EN",
            "categoryCode": category[0],
            "jobTitle": p.title,
            "postingTitle": posting_title(p),
            "jobCodeTitle": re.sub(r"\s*\(.*\)$", "", p.title).upper(),
            "jobDescription": description_html(p),
            "jobFamilyCode": f.get("family_code", ""),
            "jobLevel": level,
            "dutyStation": [{
                "_id": _object_id("station", p.duty_station),
                "code": f.get("station_code") or (station.code if station else ""),
                "description": p.duty_station,
            }],
            "recruitmentType": p.contract_type,
            "startDate": ny_instant(p.posted_date, time(0, 0, 0)),
            "endDate": ny_instant(p.closing_date, time(23, 59, 59)),
            "jf": {"Code": f.get("family_code", ""), "Name": p.categories[0] if p.categories else ""},
            "jc": {"code": category[0], "name": category[1]},
            "jl": {"code": level.replace("-", ""), "name": level},
            "dept": {"code": f.get("dept_code", ""), "name": p.organization},
        }  # fmt: skip

    def detail(self, posting: MockPosting) -> dict[str, Any]:
        """The detail's `data`: the list item's keys and the detail's own, or only the
        real answer's keys for the openings that have its shape."""
        item = self.list_item(posting)
        item.update(
            departmentDescr=posting.fields.get("dept_descr", posting.organization),
            inspiraURL=INSPIRA.format(posting.key),
            status="A",
        )
        if posting.fields.get("real_shape"):
            item = {k: item[k] for k in REAL_DETAIL_KEYS}
            item["dutyStation"] = [
                {"code": s["code"], "description": s["description"]} for s in item["dutyStation"]
            ]
        return {self.css(k) if k in RELIED_DETAIL_KEYS else k: v for k, v in item.items()}

    # -- RSS --------------------------------------------------------------------------

    def rss(self) -> str:
        items = []
        for p in self.open():
            link = f"{PUBLIC_SITE}/jobSearchDescription/{p.key}?language=en"
            lines = [
                ("Level", p.grade), ("Job ID", p.key),
                ("Job Family", p.categories[0] if p.categories else ""),
                ("Department/Office", p.organization), ("Duty Station", p.duty_station),
                ("Posted Date", f"{p.posted_date:%m/%d/%Y} 00:00:00 AM (New York time)"),
                ("Deadline", f"{p.closing_date:%m/%d/%Y} 23:59:59 PM (New York time)"),
            ]  # fmt: skip
            description = "".join(f"{label} : {value} <br>" for label, value in lines)
            items.append(
                f"<item><title><![CDATA[{posting_title(p)}]]></title><link>{link}</link>"
                f"<guid>{link}</guid><description><![CDATA[{description}]]></description></item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>UN Careers</title><link>{PUBLIC_SITE}</link>"
            "<description>Job openings in the United Nations Secretariat</description>\n"
            + "\n".join(items)
            + "\n</channel></rss>\n"
        )
