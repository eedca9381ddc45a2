"""Mock of UNDP careers on Oracle Recruiting Cloud (estm.fa.em2.oraclecloud.com); SOURCES.md §8.

Serves the Candidate Experience REST API the way the real tenant does:
- `GET /hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand=...
  &finder=findReqs;siteNumber=CX_1,limit=50,offset=0,sortBy=POSTING_DATES_DESC`
  -> `{"items": [{"TotalJobsCount", "Offset", "Limit", "requisitionList": [...]}], "count": 1,
  "hasMore": false, ...}`. The outer `hasMore`/`count` describe the one search item, not
  the jobs: a client that pages on them stops after page one. `limit` above 200 -> 400;
- `GET .../recruitingCEJobRequisitionDetails?expand=all&onlyData=true
  &finder=ById;Id="<id>",siteNumber=CX_1`
  -> `{"items": [{Title, PrimaryLocation, ExternalPostedStartDate, ExternalPostedEndDate,
  ExternalDescriptionStr, requisitionFlexFields: [{Prompt, Value}], ...}]}`; an unknown Id
  answers 200 with `"items": []`, as a finder that matches nothing does;
- `GET /hcmUI/CandidateExperience/en/sites/CX_1/job/<id>` the public page, a JS shell.

The key sets, their order and the value shapes are those of real ORC answers (another
tenant's listing and detail): the search result's `Offset`/`Limit` echo the request,
the listing's `PostingEndDate` is null, a detail has no `PostedDate` or `JobFamily`
(its `Category` is the job category), facet ids are numbers, `ShortDescriptionStr` may
be "", and the description HTML has newlines. The listing pages come from
`listing_slice` (the listing faults apply); `layout_changed` renames the keys the
spider reads (`requisitionList`; a detail's `Id`, `Title`, `ExternalDescriptionStr`).

Mock decisions where SOURCES.md says nothing:
- Posting instants are UTC (`+00:00`); the deadline is 23:59 New York time (UNDP states
  deadlines in New York time), so `ExternalPostedEndDate` falls on the next UTC day.
- The tenant also posts for UN Women, UNV and OCHA; the flex field "Agency" names them.
- A posting set to status "closed" is no longer posted externally: it leaves the listing
  (ORC lists only open requisitions) while its detail still answers.
- Another siteNumber answers an empty search (TotalJobsCount 0).
"""

# The posting texts keep each paragraph on one line, as the sites' HTML does.
# ruff: noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from .content import ANCHOR, STATIONS, hex_id
from .postings import MockPosting, sections_html
from .server import MockRequest, MockResponse, MockSite

API = "/hcmRestApi/resources/latest"
SITE_NUMBER = "CX_1"
MAX_LIMIT = 200
DEADLINE_ZONE = "America/New_York"
DEADLINE_TIME = time(23, 59)
PUBLIC_JOB_PATH = "/hcmUI/CandidateExperience/en/sites/{site}/job/{id}"
BUSINESS_UNIT_ID = 300000001546735
#: The detail keys a redesign renames (`layout_changed`): the ones the spider needs.
RELIED_DETAIL_KEYS = ("Id", "Title", "ExternalDescriptionStr")

ALPHA2 = {
    "Afghanistan": "AF",
    "Bangladesh": "BD",
    "Jordan": "JO",
    "Kenya": "KE",
    "Ethiopia": "ET",
    "Colombia": "CO",
    "Panama": "PA",
    "Fiji": "FJ",
    "Nepal": "NP",
    "Lesotho": "LS",
    "Senegal": "SN",
    "Lebanon": "LB",
    "United States": "US",
    "Switzerland": "CH",
    "Uganda": "UG",
    "Mexico": "MX",
    "Italy": "IT",
}

# ---------------------------------------------------------------------------------------
# Content: UNDP's standard blocks, as every UNDP vacancy on Oracle repeats them.
# ---------------------------------------------------------------------------------------

UNDP_DIVERSITY = """Diversity, Equity and Inclusion are core principles at UNDP: we value diversity as an expression of the multiplicity of nations and cultures where we operate, we foster inclusion as a way of ensuring all personnel are empowered to contribute to our mission, and we ensure equity and fairness in all our actions. Taking a ‘leave no one behind’ approach to our diversity efforts means increasing representation of underserved populations. People who identify as belonging to marginalized or excluded populations are strongly encouraged to apply.

UNDP does not tolerate sexual exploitation and abuse, sexual harassment, and abuse of authority. All selected candidates will, therefore, undergo rigorous reference and background checks."""

UNDP_CORE_COMPETENCIES = """• Achieve Results: LEVEL 1: Plans and monitors own work, pays attention to details, delivers quality work by deadline
• Think Innovatively: LEVEL 1: Open to creative ideas/known risks, is pragmatic problem solver, makes improvements
• Learn Continuously: LEVEL 1: Open minded and curious, shares knowledge, learns from mistakes, asks for feedback
• Adapt with Agility: LEVEL 1: Adapts to change, is constructive, handles ambiguity/uncertainty, is flexible
• Act with Determination: LEVEL 1: Shows drive and motivation, able to deliver calmly in face of adversity, confident
• Engage and Partner: LEVEL 1: Demonstrates and encourages teamwork and co-creation, internally and externally, acts with empathy
• Enable Diversity and Inclusion: LEVEL 1: Appreciates benefits of diverse workforce and champions inclusivity"""

UNDP_DISCLAIMER = """Important applicant information

All posts in the NPSA categories are subject to local recruitment.

Applicant information about UNDP rosters

Note: UNDP reserves the right to select one or more candidates from this vacancy announcement. We may also retain applications and consider candidates applying to this post for other similar positions with UNDP at the same grade level and with similar job description, experience and educational requirements.

Non-discrimination

UNDP has a zero-tolerance policy towards sexual exploitation and misconduct, sexual harassment, and abuse of authority. All selected candidates will, therefore, be expected to adhere to the respective policies and procedures and to undergo rigorous reference and background checks.

UNDP is an equal opportunity employer. All selection is on a merit basis without distinction on the grounds of race, colour, sex, national origin, age, religion, disability, sexual orientation and gender identity.

Scam warning

The United Nations does not charge any application, processing, training, interviewing, testing or other fee in connection with the application or recruitment process. Should you receive a solicitation for the payment of a fee, please disregard it. Furthermore, please note that emblems, logos, names and addresses are easily copied or reproduced. Therefore, you are advised to apply particular care when submitting personal information on the web."""


@dataclass(frozen=True)
class UndpRole:
    """A kind of vacancy the tenant advertises, with the flex-field values it carries."""

    title: str
    grade: str
    contract: str
    family: str
    agency: str
    practice: str
    duration: str
    background: str
    duties: tuple[str, ...]
    education: str
    years: str


UNDP_ROLES = [
    UndpRole(
        "Programme Analyst - Governance",
        "NPSA-9",
        "National Personnel Service Agreement",
        "Democratic Governance and Peacebuilding",
        "UNDP",
        "Governance",
        "1 Year with possibility for extension",
        "UNDP supports national and local institutions to deliver inclusive public services "
        "and strengthen the rule of law.",
        (
            "Provide substantive inputs to the design of the governance portfolio.",
            "Monitor project implementation and prepare progress reports for donors.",
            "Build partnerships with government counterparts and civil society.",
        ),
        "Master's degree in public administration, political science or law.",
        "2 years",
    ),
    UndpRole(
        "Finance Associate",
        "G6",
        "Service Contract",
        "Finance",
        "UNDP",
        "Management",
        "1 Year",
        "The Country Office needs sound financial management of a growing portfolio.",
        (
            "Process payments, vouchers and financial reports in Quantum.",
            "Review budgets against expenditures and flag deviations.",
            "Support audits and spot checks of implementing partners.",
        ),
        "Secondary education; a bachelor's degree in finance or accounting is an asset.",
        "6 years",
    ),
    UndpRole(
        "Climate Change Adaptation Specialist",
        "IPSA-10",
        "International Personnel Service Agreement",
        "Environment and Energy",
        "UNDP",
        "Nature, Climate and Energy",
        "2 Years",
        "Communities face more frequent floods and droughts; the office leads a Green "
        "Climate Fund adaptation programme.",
        (
            "Lead the technical design of adaptation measures with ministries.",
            "Oversee vulnerability assessments and early warning systems.",
            "Prepare funding proposals and results reports.",
        ),
        "Master's degree in environmental science, climate science or engineering.",
        "7 years",
    ),
    UndpRole(
        "Procurement Analyst",
        "NPSA-8",
        "National Personnel Service Agreement",
        "Procurement",
        "UNDP",
        "Management",
        "1 Year with possibility for extension",
        "The office procures goods and services for projects worth several million dollars "
        "each year.",
        (
            "Run tenders and requests for quotation in line with UNDP rules.",
            "Maintain the procurement plan and the supplier roster.",
            "Advise project teams on procurement methods.",
        ),
        "Bachelor's degree in business administration, procurement or law.",
        "2 years",
    ),
    UndpRole(
        "Gender Specialist",
        "P3",
        "Fixed Term Appointment",
        "Gender Equality",
        "UN Women",
        "Gender",
        "1 Year with possibility for extension",
        "UN Women, hosted on this recruitment site, works for the empowerment of women and "
        "girls and the elimination of violence against them.",
        (
            "Lead the gender mainstreaming work of the programme.",
            "Provide policy advice on women's economic empowerment.",
            "Coordinate with UN agencies in the gender theme group.",
        ),
        "Master's degree in gender studies, social sciences or development.",
        "5 years",
    ),
    UndpRole(
        "Humanitarian Affairs Officer",
        "P4",
        "Temporary Appointment",
        "Humanitarian Affairs",
        "OCHA",
        "Crisis Response",
        "6 Months",
        "OCHA coordinates the humanitarian response with UN agencies and NGOs in the area.",
        (
            "Coordinate inter-agency needs assessments and response plans.",
            "Prepare situation reports and briefing notes.",
            "Support the humanitarian country team and the cluster system.",
        ),
        "Advanced university degree in political science, social sciences or law.",
        "7 years",
    ),
    UndpRole(
        "National UN Volunteer - Youth Engagement Officer",
        "NUNV Specialist",
        "UN Volunteer",
        "Youth",
        "UNV",
        "Youth Empowerment",
        "12 Months",
        "UNV mobilizes volunteers to support the programmes of the UN system.",
        (
            "Organize youth consultations and volunteer activities.",
            "Support communication on youth participation.",
            "Keep records of volunteer engagement.",
        ),
        "Bachelor's degree in social sciences or communication.",
        "1 year",
    ),
    UndpRole(
        "Digital Transformation Specialist",
        "IPSA-11",
        "International Personnel Service Agreement",
        "Digital",
        "UNDP",
        "Digital",
        "1 Year with possibility for extension",
        "The government has launched a national digital strategy and asked UNDP for "
        "support on digital public infrastructure.",
        (
            "Advise on digital public infrastructure and e-services.",
            "Manage partnerships with technology companies and donors.",
            "Supervise the digital team of the office.",
        ),
        "Master's degree in computer science, information systems or public policy.",
        "7 years",
    ),
]

UNDP_STATIONS = [
    "Kabul",
    "Dhaka",
    "Amman",
    "Nairobi",
    "Addis Ababa",
    "Bogota",
    "Panama City",
    "Suva",
    "Kathmandu",
    "Maseru",
    "Dakar",
    "Beirut",
    "New York",
    "Geneva",
    "Kampala",
]
_STATION = {s.city: s for s in STATIONS}
BUREAUS = {
    "Afghanistan": "Regional Bureau for Asia and the Pacific",
    "Bangladesh": "Regional Bureau for Asia and the Pacific",
    "Nepal": "Regional Bureau for Asia and the Pacific",
    "Fiji": "Regional Bureau for Asia and the Pacific",
    "Jordan": "Regional Bureau for Arab States",
    "Lebanon": "Regional Bureau for Arab States",
    "Kenya": "Regional Bureau for Africa",
    "Ethiopia": "Regional Bureau for Africa",
    "Lesotho": "Regional Bureau for Africa",
    "Senegal": "Regional Bureau for Africa",
    "Uganda": "Regional Bureau for Africa",
    "Colombia": "Regional Bureau for Latin America and the Caribbean",
    "Panama": "Regional Bureau for Latin America and the Caribbean",
    "United States": "Bureau for Policy and Programme Support",
    "Switzerland": "Bureau for Policy and Programme Support",
}


def primary_location(posting: MockPosting) -> str:
    """ORC's PrimaryLocation: "City, Country", or "City, State, Country" in the US."""
    if posting.country == "United States":
        return f"{posting.duty_station}, New York, {posting.country}"
    return f"{posting.duty_station}, {posting.country}"


def _sections(role: UndpRole, city: str, country: str) -> tuple[tuple[str, str], ...]:
    duties = "\n".join(f"• {d}" for d in role.duties)
    return (
        (
            "Background",
            UNDP_DIVERSITY
            + "\n\n"
            + role.background
            + f" The position is based in {city}, {country}.",
        ),
        ("Duties and Responsibilities", duties),
        (
            "Institutional Arrangement",
            f"The {role.title} works under the direct supervision of the Programme Manager and "
            "in close collaboration with the programme and operations teams.",
        ),
        ("Competencies", "Core\n\n" + UNDP_CORE_COMPETENCIES),
        (
            "Required Skills and Experience",
            f"Education:\n\n• {role.education}\n\nExperience:\n\n• Minimum {role.years} of "
            "relevant experience at the national or international level.\n\nRequired "
            "Languages:\n\n• Fluency in English is required; knowledge of another UN language "
            "is an asset.",
        ),
        ("Disclaimer", UNDP_DISCLAIMER),
    )


def undp_postings(count: int = 120) -> list[MockPosting]:
    """`count` postings across roles, agencies and duty stations, newest first."""
    postings = []
    for n in range(count):
        role = UNDP_ROLES[n % len(UNDP_ROLES)]
        station = _STATION[UNDP_STATIONS[(n * 4) % len(UNDP_STATIONS)]]
        posted = ANCHOR - timedelta(days=n // 4)
        postings.append(
            MockPosting(
                key=str(20000 + n * 173),
                title=role.title,
                organization=role.agency,
                duty_station=station.city,
                country=station.country,
                grade=role.grade,
                contract_type=role.contract,
                posted_date=posted,
                closing_date=posted + timedelta(days=14 + n % 3 * 7),
                categories=(role.family,),
                timezone=DEADLINE_ZONE,
                fields={
                    "Practice Area": role.practice,
                    "Bureau": BUREAUS.get(station.country, "Regional Bureau for Africa"),
                    "Contract Duration": role.duration,
                },
                sections=_sections(role, station.city, station.country),
            )
        )
    return postings


# ---------------------------------------------------------------------------------------
# The site
# ---------------------------------------------------------------------------------------


def short_description(posting: MockPosting) -> str | None:
    """ShortDescriptionStr: the first duty, as recruiters fill the teaser in."""
    duties = posting.section("Duties and Responsibilities")
    return duties.splitlines()[0].lstrip("• ") if duties else None


def posted_instant(posting: MockPosting) -> str:
    """ExternalPostedStartDate: a working-hours UTC instant on the posted day."""
    minute = int(posting.key) % 60
    return f"{posting.posted_date.isoformat()}T13:{minute:02d}:05+00:00"


def deadline_instant(day: date) -> str:
    """ExternalPostedEndDate: 23:59 New York time on `day`, written in UTC."""
    local = datetime.combine(day, DEADLINE_TIME, tzinfo=ZoneInfo(DEADLINE_ZONE))
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def parse_finder(finder: str) -> tuple[str, dict[str, str]]:
    """`findReqs;siteNumber=CX_1,limit=50` -> ("findReqs", {"siteNumber": "CX_1", ...})."""
    name, _, params = finder.partition(";")
    values = {}
    for part in params.split(","):
        key, sep, value = part.partition("=")
        if sep:
            values[key.strip()] = value.strip().strip('"')
    return name, values


def _error(status: int, detail: str) -> MockResponse:
    return MockResponse.json(
        {
            "type": "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1",
            "title": "Bad Request" if status == 400 else "Error",
            "status": str(status),
            "o:errorDetails": [{"detail": detail, "o:errorCode": "27024"}],
        },
        status,
    )


class UndpSite(MockSite):
    """estm.fa.em2.oraclecloud.com: ORC Candidate Experience REST resources for UNDP."""

    name = "undp"
    description = "UNDP careers on Oracle Recruiting Cloud (estm.fa.em2.oraclecloud.com, CX_1)"
    lists_closed = False  # closed postings leave the list; their pages stay

    def default_postings(self) -> list[MockPosting]:
        return undp_postings()

    def handle(self, request: MockRequest) -> MockResponse:
        if request.method != "GET":
            return _error(405, "Method not allowed")
        if request.path == f"{API}/recruitingCEJobRequisitions":
            return self.search(request)
        if request.path == f"{API}/recruitingCEJobRequisitionDetails":
            return self.details(request)
        if match := re.match(
            r"^/hcmUI/CandidateExperience/[a-z]{2}/sites/(\w+)/(?:requisitions/)?"
            r"(?:job|preview)/(\d+)/?$",
            request.path,
        ):
            return MockResponse.html(self.shell_page(match.group(1)))
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        if request.path != f"{API}/recruitingCEJobRequisitions":
            return None
        _, params = parse_finder(request.query.get("finder", ""))
        return int(params.get("offset", 0)) // int(params.get("limit", 25)) + 1

    def posting_key(self, request: MockRequest) -> str | None:
        if request.path != f"{API}/recruitingCEJobRequisitionDetails":
            return None
        return parse_finder(request.query.get("finder", ""))[1].get("Id")

    # -- listing ----------------------------------------------------------------------

    def search(self, request: MockRequest) -> MockResponse:
        name, params = parse_finder(request.query.get("finder", ""))
        if name != "findReqs":
            return _error(400, f"The finder {name!r} is not defined for this resource.")
        try:
            limit = int(params.get("limit", 25))
            offset = int(params.get("offset", 0))
        except ValueError:
            return _error(400, "The limit and offset parameters must be integers.")
        if limit > MAX_LIMIT or limit < 1 or offset < 0:
            return _error(400, f"The value of limit must be between 1 and {MAX_LIMIT}.")
        site = params.get("siteNumber", "")
        if site == SITE_NUMBER:
            # Newest first, as sortBy=POSTING_DATES_DESC asks: the site's order.
            page, total = self.listing_slice(offset, limit)
            postings = [p for p in self.snapshot() if p.status != "closed"]
        else:  # another career site of the tenant: nothing posted there
            page, total, postings = [], 0, []
        expand = request.query.get("expand", "")
        search: dict[str, Any] = {
            "SearchId": 1, "Keyword": None, "CorrectedKeyword": None,
            "UseExactKeywordFlag": False, "SuggestedKeyword": None,
            "ExecuteSpellCheckFlag": True, "Location": None, "LocationId": None,
            "Radius": 0, "RadiusUnit": "MI", "SelectedTitlesFacet": None,
            "SelectedCategoriesFacet": None, "SelectedPostingDatesFacet": None,
            "SelectedLocationsFacet": None, "LastSelectedFacet": None,
            "Facets": "LOCATIONS;WORK_LOCATIONS;WORKPLACE_TYPES;TITLES;CATEGORIES;"
            "ORGANIZATIONS;POSTING_DATES;FLEX_FIELDS",
            "Offset": offset, "Limit": limit, "SortBy": params.get("sortBy", "RELEVANCY"),
            "TotalJobsCount": total, "Latitude": None, "Longitude": None, "SiteNumber": site,
            "JobFamilyId": None, "PostingStartDate": None, "PostingEndDate": None,
            "SelectedWorkLocationsFacet": None, "RequisitionId": None, "CandidateNumber": None,
            "WorkLocationZipCode": None, "WorkLocationCountryCode": None,
            "SelectedFlexFieldsFacets": None, "OrganizationId": None,
            "SelectedOrganizationsFacet": None, "UserTargetFacetName": None,
            "UserTargetFacetInputTerm": None, "HotJobFlag": None, "WorkplaceType": None,
            "SelectedWorkplaceTypesFacet": None, "BotQRShortCode": None,
            self.css("requisitionList"): [self.listing_item(p, expand) for p in page],
            "categoriesFacet": self.facet("category", [c for p in postings for c in p.categories]),
            "locationsFacet": self.facet("country", [p.country for p in postings]),
            "postingDatesFacet": [],
            "titlesFacet": [],
            "workLocationsFacet": self.facet("loc", [p.duty_station for p in postings]),
            "flexFieldsFacet": [],
            "organizationsFacet": self.facet("org", [p.organization for p in postings]),
            "workplaceTypesFacet": (
                [{"Id": "ORA_ON_SITE", "Name": "On-site", "TotalCount": len(postings)}]
                if postings else []
            ),
        }  # fmt: skip
        answer: dict[str, Any] = {
            "items": [search],
            "count": 1,
            "hasMore": False,
            "limit": 25,
            "offset": 0,
        }
        if request.query.get("onlyData") != "true":
            answer["links"] = [
                {
                    "rel": "self",
                    "href": request.target,
                    "name": "recruitingCEJobRequisitions",
                    "kind": "collection",
                }
            ]
        return MockResponse.json(answer)

    def facet(self, kind: str, names: list[str]) -> list[dict[str, Any]]:
        """A facet as ORC counts it: numeric ids, the biggest count first."""
        counted = sorted(set(names), key=lambda n: (-names.count(n), n))
        return [{"Id": _number(kind, n), "Name": n, "TotalCount": names.count(n)} for n in counted]

    def location_row(self, posting: MockPosting) -> dict[str, Any]:
        return {
            "LocationId": _number("loc", posting.duty_station),
            "LocationName": posting.duty_station,
            "AddressLine1": None, "AddressLine2": None, "AddressLine3": None,
            "AddressLine4": None, "Building": None,
            "TownOrCity": posting.duty_station,
            "PostalCode": None,
            "Country": ALPHA2.get(posting.country, ""),
            "Region1": None, "Region2": None, "Region3": None,
            "Longitude": None, "Latitude": None,
        }  # fmt: skip

    def listing_item(self, posting: MockPosting, expand: str) -> dict[str, Any]:
        """One `requisitionList` row, with the real row's keys in their order."""
        p = posting
        item: dict[str, Any] = {
            "Id": p.key,
            "Title": p.title,
            "PostedDate": p.posted_date.isoformat(),
            "PostingEndDate": None,
            "Language": "US",
            "PrimaryLocationCountry": ALPHA2.get(p.country, ""),
            "GeographyId": _number("geo", p.country),
            # ORC's badges change on their own from day to day; they are no posting content.
            "HotJobFlag": int(p.key) % 7 == 0,
            "WorkplaceTypeCode": "ORA_ON_SITE",
            "JobFamily": p.categories[0] if p.categories else None,
            "JobFunction": None,
            "WorkerType": worker_type(p),
            "ContractType": p.contract_type,
            "ManagerLevel": None,
            "JobSchedule": "Full time",
            "JobShift": None,
            "JobType": None,
            "StudyLevel": None,
            "DomesticTravelRequired": None,
            "InternationalTravelRequired": None,
            "WorkDurationYears": None,
            "WorkDurationMonths": None,
            "WorkHours": None,
            "WorkDays": None,
            "LegalEmployer": None,
            "BusinessUnit": None,
            "Department": None,
            "Organization": None,
            "BusinessUnitId": BUSINESS_UNIT_ID,
            "LegalEmployerId": _number("employer", p.organization),
            "OrganizationId": _number("employer", p.organization),
            "MediaThumbURL": None,
            "ShortDescriptionStr": short_description(p) or "",
            "PrimaryLocation": primary_location(p),
            "Distance": 0,
            "TrendingFlag": int(p.key) % 5 == 0,
            "BeFirstToApplyFlag": False,
            "Relevancy": 0,
            "WorkplaceType": "On-site",
            "ExternalQualificationsStr": None,
            "ExternalResponsibilitiesStr": None,
        }
        if "requisitionList.secondaryLocations" in expand:
            item["secondaryLocations"] = []
        if "requisitionList.workLocation" in expand:
            item["workLocation"] = [self.location_row(p)]
        return item

    # -- detail -----------------------------------------------------------------------

    def details(self, request: MockRequest) -> MockResponse:
        name, params = parse_finder(request.query.get("finder", ""))
        if name != "ById" or "Id" not in params:
            return _error(400, f"The finder {name!r} requires the Id attribute.")
        posting = self.get(params["Id"]) if params.get("siteNumber") == SITE_NUMBER else None
        items = [self.detail_item(posting)] if posting is not None else []
        return MockResponse.json(
            {"items": items, "count": len(items), "hasMore": False, "limit": 25, "offset": 0}
        )

    def flex_fields(self, posting: MockPosting) -> list[dict[str, str]]:
        values = {"Agency": posting.organization, "Grade": posting.grade, **posting.fields}
        return [{"Prompt": k, "Value": v} for k, v in values.items()]

    def detail_item(self, posting: MockPosting) -> dict[str, Any]:
        """The requisition, with the real detail's keys in their order."""
        p = posting
        item: dict[str, Any] = {
            "Id": p.key,
            "Title": p.title,
            "Category": p.categories[0] if p.categories else None,
            "RequisitionType": None,
            "JobGrade": None,
            "RequisitionId": 300000000000000 + int(p.key),
            "ExternalPostedStartDate": posted_instant(p),
            "JobLevel": None,
            "JobSchedule": "Full time",
            "JobShift": None,
            "StudyLevel": None,
            "InternationalTravelRequired": None,
            "ExternalContactName": None,
            "ExternalContactEmail": None,
            "ContractType": p.contract_type,
            "ExternalPostedEndDate": deadline_instant(p.closing_date),
            "JobFamilyId": _number("category", p.categories[0] if p.categories else ""),
            "GeographyId": _number("geo", p.country),
            "GeographyNodeId": _number("node", p.country),
            "ExternalDescriptionStr": sections_html(p.sections, heading_tag="strong"),
            "CorporateDescriptionStr": None,
            "OrganizationDescriptionStr": None,
            "ShortDescriptionStr": short_description(p) or "",
            "ContentLocale": "en",
            "PrimaryLocation": primary_location(p),
            "PrimaryLocationCountry": ALPHA2.get(p.country, ""),
            "ObjectVerNumberProfile": "1",
            "ApplyWhenNotPostedFlag": False,
            "ExternalQualificationsStr": "",
            "InternalQualificationsStr": "",
            "InternalResponsibilitiesStr": "",
            "ExternalResponsibilitiesStr": "",
            "JobFunctionCode": None,
            "HotJobFlag": int(p.key) % 7 == 0,
            "TrendingFlag": int(p.key) % 5 == 0,
            "BeFirstToApplyFlag": False,
            "WorkplaceTypeCode": "ORA_ON_SITE",
            "WorkplaceType": "On-site",
            "OtherRequisitionTitle": None,
            "NumberOfOpenings": 1,
            "HiringManager": None,
            "Organization": None,
            "BusinessUnitId": BUSINESS_UNIT_ID,
            "LegalEmployerId": _number("employer", p.organization),
            "OrganizationId": _number("employer", p.organization),
            "WorkerType": worker_type(p),
            "JobType": None,
            "WorkMonths": None,
            "WorkYears": None,
            "WorkHours": None,
            "WorkDays": None,
            "LegalEmployer": None,
            "BusinessUnit": None,
            "Department": None,
            "DomesticTravelRequired": None,
            "JobFunction": None,
            "secondaryLocations": [],
            "media": [],
            "workLocation": [self.location_row(p)],
            "otherWorkLocations": [],
            "requisitionFlexFields": self.flex_fields(p),
            "primaryLocationCoordinates": [{
                "GeographyNodeId": _number("node", p.country),
                "GeographyId": _number("geo", p.country),
                "Latitude": None, "Longitude": None,
                "CountryCode": ALPHA2.get(p.country, ""),
            }],
            "skills": [],
        }  # fmt: skip
        return {self.css(k) if k in RELIED_DETAIL_KEYS else k: v for k, v in item.items()}

    def shell_page(self, site: str) -> str:
        """The public job page: Oracle's single-page app, which loads everything by XHR."""
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Careers</title>'
            f'<script>var CandidateExperience = {{siteNumber: "{escape(site)}"}};</script>'
            '<script src="/hcmUI/CandidateExperience/build/app.js"></script></head>'
            '<body><div id="app" data-bind="component: {name: \'cx-app\'}"></div>'
            "<noscript>This site requires JavaScript.</noscript></body></html>"
        )


def worker_type(posting: MockPosting) -> str:
    """ORC's WorkerType: service agreements and volunteers are not staff."""
    if "Agreement" in posting.contract_type or posting.contract_type == "UN Volunteer":
        return "Non-staff"
    return "Staff"


def _number(*parts: object) -> int:
    """A stable 15-digit ORC-like id (300000...), from the parts."""
    return 300000000000000 + int(hex_id(*parts)[:10], 16) % 10**11
