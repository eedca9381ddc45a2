"""Mock of an Oracle Recruiting Cloud host, any number of career sites on one server.

`OracleSite(sites={MockCareerSite: postings, ...})` serves each career site's postings
under its own `siteNumber`, as one real ORC host does: estm.fa.em2.oraclecloud.com serves
UNDP (CX_1), UN Women (CX_1001), ICAO (CX_3001), WMO (CX_5001) and others, and KPMG's
host serves CX_1, CX_3 and CX_3001, the same paths for all, told apart only by the
`siteNumber` of the finder. The built-in `undp` mock (crawler/mocksites/undp.py) is the
site CX_1 alone; `several_sites()` serves three others at once. Requisition ids are the
host's, unique across its sites.

Built to real ORC answers of other tenants, found in public repositories (none is among
the real captures the tests read): the listings of KPMG's host (ejgk.fa.em2, CX_3001)
and of a manufacturer's (fa-epmd-saasfaprod1), the key sets of an automaker's listing
(efds.fa.em5, CX_1), a schema of both answers written from another tenant's
(fa-ewur-saasfaprod1), and trimmed UNDP answers (estm.fa.em2, CX_1). The paths, key
sets, key order and value shapes are theirs:
- `GET /hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand=...
  &finder=findReqs;siteNumber=CX_1,limit=50,offset=0,sortBy=POSTING_DATES_DESC`
  -> `{"items": [{"TotalJobsCount", "Offset", "Limit", "SiteNumber", "requisitionList":
  [...], facets...}], "count": 1, "hasMore": false, ...}`. The outer `hasMore`/`count`
  describe the one search item, not the jobs: a client that pages on them stops after
  page one. `Offset`/`Limit` echo the request; `limit` above 200 -> 400. A row has
  `secondaryLocations`, `otherWorkLocations`, `workLocation` and `requisitionFlexFields`
  only when `expand` names them, in that order, after `ExternalResponsibilitiesStr`;
  its `PostingEndDate` is null and `ShortDescriptionStr` may be "".
- `GET .../recruitingCEJobRequisitionDetails?expand=all&onlyData=true
  &finder=ById;Id="<id>",siteNumber=CX_1` -> `{"items": [{Id, Title, Category, JobGrade,
  ExternalPostedStartDate, ExternalPostedEndDate, ExternalDescriptionStr,
  PrimaryLocation, requisitionFlexFields: [{Prompt, Value}], ...}]}`; a detail has no
  `PostedDate` or `JobFamily` (its `Category` is the job category). An Id the site does
  not hold answers 200 with `"items": []`, as a finder that matches nothing does.
- `GET /hcmUI/CandidateExperience/en/sites/<site>/job/<id>` the public page, a JS shell.

What sets the career sites apart (`MockCareerSite`), as the real answers show: the
flex fields are the tenant's own configuration, so their prompts differ from tenant to
tenant ("Agency", "Grade" and "Practice Area" on UNDP's; "Salary Range", "Career Area"
elsewhere) and non-UN tenants answer `requisitionFlexFields: []`; the grade is a flex
field or the `JobGrade` key; deadlines are 23:59 in the site's own zone, written in UTC
(UNDP's `2026-09-10T03:59:00+00:00` is 23:59 in New York), so a site west of UTC has
them on the next UTC day.

`layout_changed` renames the keys a spider relies on (`requisitionList`; a detail's
`Id`, `Title`, `ExternalDescriptionStr`).

Mock decisions where nothing real shows what the site does: a posting set to status "closed" is no
longer posted externally: it leaves the listing (ORC lists only open requisitions) while
its detail still answers; a siteNumber the host does not serve answers an empty search
(TotalJobsCount 0); facet ids are stable made-up numbers; the prompts of the other
sites ("Hiring Agency", "Level") are made up, and one of them writes its deadline in a
flex field, day first, so that a tenant's own dates are exercised.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from .content import hex_id
from .postings import MockPosting, sections_html
from .server import MockRequest, MockResponse, MockSite

API = "/hcmRestApi/resources/latest"
MAX_LIMIT = 200
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


@dataclass(frozen=True)
class MockCareerSite:
    """One career site of the host: its `siteNumber`, and how its requisitions differ."""

    site_number: str
    #: The flex-field prompt naming the hiring agency; None: the site has none.
    agency_prompt: str | None = "Agency"
    #: The flex-field prompt holding the grade; None: the grade is in `JobGrade`.
    grade_prompt: str | None = "Grade"
    #: The zone the site's deadlines are stated in (23:59 there, written in UTC).
    deadline_zone: str = "America/New_York"
    #: A flex-field prompt with the deadline written day first ("05/12/2026"), if any.
    deadline_prompt: str | None = None


#: UNDP's career site: the Agency flex field, grades in "Grade", New York deadlines.
UNDP = MockCareerSite("CX_1")


def primary_location(posting: MockPosting) -> str:
    """ORC's PrimaryLocation: "City, Country", or "City, State, Country" in the US."""
    if posting.country == "United States":
        return f"{posting.duty_station}, New York, {posting.country}"
    return f"{posting.duty_station}, {posting.country}"


def short_description(posting: MockPosting) -> str | None:
    """ShortDescriptionStr: the first duty, as recruiters fill the teaser in."""
    duties = posting.section("Duties and Responsibilities")
    return duties.splitlines()[0].lstrip("• ") if duties else None


def posted_instant(posting: MockPosting) -> str:
    """ExternalPostedStartDate: a working-hours UTC instant on the posted day."""
    minute = int(posting.key) % 60
    return f"{posting.posted_date.isoformat()}T13:{minute:02d}:05+00:00"


def deadline_instant(day: date, zone: str = UNDP.deadline_zone) -> str:
    """ExternalPostedEndDate: 23:59 in `zone` on `day`, written in UTC."""
    local = datetime.combine(day, DEADLINE_TIME, tzinfo=ZoneInfo(zone))
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


def worker_type(posting: MockPosting) -> str:
    """ORC's WorkerType: service agreements and volunteers are not staff."""
    if "Agreement" in posting.contract_type or posting.contract_type == "UN Volunteer":
        return "Non-staff"
    return "Staff"


def _number(*parts: object) -> int:
    """A stable 15-digit ORC-like id (300000...), from the parts."""
    return 300000000000000 + int(hex_id(*parts)[:10], 16) % 10**11


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


class OracleSite(MockSite):
    """ORC's Candidate Experience REST resources, for each of `sites`.

    Not a site of its own (it has no source name): crawler/mocksites/undp.py is the
    built-in one, and tests serve several career sites with `OracleSite(sites=...)`.
    """

    lists_closed = False  # closed postings leave the list; their pages stay

    def __init__(
        self,
        postings: list[MockPosting] | None = None,
        sites: dict[MockCareerSite, list[MockPosting]] | None = None,
    ) -> None:
        if sites is None:
            sites = {self.default_site(): self.default_postings() if postings is None else postings}
        #: Which career site each posting key is of (keys are the host's, unique).
        self.site_of: dict[str, MockCareerSite] = {
            p.key: site for site, items in sites.items() for p in items
        }
        self.sites = tuple(sites)
        super().__init__([p for items in sites.values() for p in items])

    def default_site(self) -> MockCareerSite:
        return UNDP

    def add(self, posting: MockPosting, site: MockCareerSite | None = None) -> None:
        """A new posting, on `site` (by default the first)."""
        self.site_of[posting.key] = site or self.sites[0]
        super().add(posting)

    def _site(self, number: str) -> MockCareerSite | None:
        return next((s for s in self.sites if s.site_number == number), None)

    def _site_of(self, posting: MockPosting) -> MockCareerSite:
        return self.site_of.get(posting.key, self.sites[0])

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
        number = params.get("siteNumber", "")
        site = self._site(number)
        if site is not None:
            # Newest first, as sortBy=POSTING_DATES_DESC asks: the site's order.
            page, total = self.listing_slice(
                offset, limit, among=lambda p: self.site_of.get(p.key) == site
            )
            postings = [
                p
                for p in self.snapshot()
                if p.status != "closed" and self.site_of.get(p.key) == site
            ]
        else:  # a career site the host does not serve: nothing posted there
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
            "TotalJobsCount": total, "Latitude": None, "Longitude": None, "SiteNumber": number,
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
        if "requisitionList.otherWorkLocations" in expand:
            item["otherWorkLocations"] = []
        if "requisitionList.workLocation" in expand:
            item["workLocation"] = [self.location_row(p)]
        if "requisitionList.requisitionFlexFields" in expand:
            item["requisitionFlexFields"] = self.flex_fields(p)
        return item

    # -- detail -----------------------------------------------------------------------

    def details(self, request: MockRequest) -> MockResponse:
        name, params = parse_finder(request.query.get("finder", ""))
        if name != "ById" or "Id" not in params:
            return _error(400, f"The finder {name!r} requires the Id attribute.")
        posting = self.get(params["Id"])
        if posting is not None and self._site_of(posting).site_number != params.get("siteNumber"):
            posting = None  # another site's requisition: this site's finder matches nothing
        items = [self.detail_item(posting)] if posting is not None else []
        return MockResponse.json(
            {"items": items, "count": len(items), "hasMore": False, "limit": 25, "offset": 0}
        )

    def flex_fields(self, posting: MockPosting) -> list[dict[str, str]]:
        """The requisition's flex fields, as its career site is configured."""
        site = self._site_of(posting)
        values: dict[str, str] = {}
        if site.agency_prompt:
            values[site.agency_prompt] = posting.organization
        if site.grade_prompt:
            values[site.grade_prompt] = posting.grade
        values.update(posting.fields)
        if site.deadline_prompt:
            values[site.deadline_prompt] = f"{posting.closing_date:%d/%m/%Y}"
        return [{"Prompt": k, "Value": v} for k, v in values.items()]

    def detail_item(self, posting: MockPosting) -> dict[str, Any]:
        """The requisition, with the real detail's keys in their order."""
        p = posting
        site = self._site_of(p)
        item: dict[str, Any] = {
            "Id": p.key,
            "Title": p.title,
            "Category": p.categories[0] if p.categories else None,
            "RequisitionType": None,
            "JobGrade": None if site.grade_prompt else p.grade,
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
            "ExternalPostedEndDate": deadline_instant(p.closing_date, site.deadline_zone),
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


#: Three career sites of the host no built-in source reads, each differing from UNDP's
#: as real tenants do: another prompt for the agency (a UN Women-like site); no agency
#: field, the grade under "Level" and deadlines in Montreal time (ICAO-like); no agency
#: field, the grade in `JobGrade`, a deadline written day first in a flex field and
#: Geneva deadlines (WMO-like).
OTHER_SITES = (
    MockCareerSite("CX_1001", agency_prompt="Hiring Agency"),
    MockCareerSite(
        "CX_3001", agency_prompt=None, grade_prompt="Level", deadline_zone="America/Toronto"
    ),
    MockCareerSite(
        "CX_5001",
        agency_prompt=None,
        grade_prompt=None,
        deadline_zone="Europe/Zurich",
        deadline_prompt="Application Deadline",
    ),
)
_EMPLOYERS = (
    "Gender Equality Entity",
    "Civil Aviation Organization",
    "Meteorological Organization",
)


def several_sites(per_site: int = 9, with_undp: bool = False) -> OracleSite:
    """An Oracle mock serving `OTHER_SITES`, each with `per_site` postings of its own
    (ids unique on the host, as its requisitions are), after UNDP's own site CX_1 when
    `with_undp` (the host as it is), named "oracle" for MockSites."""
    from .undp import undp_postings

    base = undp_postings(per_site * len(OTHER_SITES))
    sites = {UNDP: undp_postings()} if with_undp else {}
    for index, site in enumerate(OTHER_SITES):
        chosen = base[index * per_site : (index + 1) * per_site]
        sites[site] = [
            dataclasses.replace(
                posting,
                key=str(50000 + 1000 * index + 7 * n),
                organization=_EMPLOYERS[index],
                timezone=site.deadline_zone,
                fields={},
            )
            for n, posting in enumerate(chosen)
        ]
    mock = OracleSite(sites=sites)
    mock.name = "oracle"  # type: ignore[misc]
    return mock
