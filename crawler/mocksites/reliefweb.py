"""Mock of the ReliefWeb API (api.reliefweb.int), jobs resource.

Serves what the real API serves:
- `GET|POST /v2/jobs?appname=...`: the appname is always in the URL query, for POST
  too. Missing -> HTTP 400 "Missing appname parameter"; not in `approved_appnames` ->
  HTTP 403 `AccessDeniedHttpException` (pre-approval is required since 1 Nov 2025).
  Parameters as a POST JSON body (`limit`, `offset`, `preset`, `profile`, `fields`,
  `sort`, `filter`) or in the GET query (`limit`, `offset`, `preset`, `profile`,
  `sort[]`, `fields[include][]`, `filter[field]`, `filter[value]`; one value each);
  `limit` above 1000 -> HTTP 400 `Invalid "limit" specified. Valid values are between
  0 and 1000`. Answer: `{"time", "href", "links": {"self", "next"}, "totalCount",
  "count", "data": [{"id": "<str>", "score": 1, "href", "fields": {...}}]}`;
- `GET /v2/jobs/<id>?appname=...&profile=full`: one job; 404 for an expired one;
- `/v1/...`: HTTP 410, v1 is decommissioned;
- `GET /robots.txt`: `Disallow: /` for every agent.

`preset=latest` lists published jobs newest first (`date.created` descending);
`preset=analysis` includes expired ones. Fields follow the indexer (UN-OCHA
rwint-api-indexer Job.php): `source`, `type`, `experience`, `career_categories` are
one-item arrays, `country[]` has `primary` (not always the first), `country` empty means
remote/roster, `city` may be missing, `date.*` are ISO 8601 with an offset.

The envelope is the one real API answers have (seen on other resources of the same
API): `{"time", "href", "links", "took", "totalCount", "count", "data"}`, `href` the
resource without the query and `links.self` with it; a list's entries are
`{"id", "score", "fields", "href"}`, an item's `{"id", "fields"}`, and an item answer
links its `collection`. The spider's listing query (`preset=latest`, newest first, no
filter) is served from `listing_slice` in the site's order, which is the
`date.created` order (the default jobs are made in it; `add()` publishes at the top),
so the listing faults apply. `layout_changed` renames the key the spider reads the
entries from (`data`).

Mock decisions where nothing real shows what the site does: `date.closing` is midnight of the closing
day, mostly in UTC ("+00:00" as in the documented example) and for some jobs in the
duty station's own offset ("2026-12-01T00:00:00+03:00"), so that a reader converting to
UTC gets the wrong day. `date.changed` moves forward on every `edit()`. A posting set
to status "closed" is `expired`: gone from `preset=latest`, 404 as an item. Error
bodies are `{"time", "status", "error": {"type", "message"}}`. Without `profile` a job
has only its `title` plus what `fields[include]` adds; `profile=list` adds the
summary fields, `profile=full` everything.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from .content import ANCHOR, STATIONS, DutyStation
from .postings import MockPosting, body_html, slugify
from .server import MockRequest, MockResponse, MockSite

MAX_LIMIT = 1000
#: The appname a fresh mock approves; tests and the demo crawl with it.
MOCK_APPNAME = "jobarchive-mock-7f3c2a"
PUBLIC_SITE = "https://reliefweb.int"

ISO3 = {
    "Mexico": "MEX",
    "Kenya": "KEN",
    "Italy": "ITA",
    "Jordan": "JOR",
    "Afghanistan": "AFG",
    "Bangladesh": "BGD",
    "Colombia": "COL",
    "Senegal": "SEN",
    "United States": "USA",
    "Nepal": "NPL",
    "Lesotho": "LSO",
    "Fiji": "FJI",
    "Panama": "PAN",
    "Switzerland": "CHE",
    "Lebanon": "LBN",
    "Ethiopia": "ETH",
    "Uganda": "UGA",
    "Somalia": "SOM",
    "Syria": "SYR",
    "South Sudan": "SSD",
    "Sudan": "SDN",
    "Venezuela": "VEN",
}
# Regional posts name a second country, listed before the primary one on purpose.
NEIGHBOURS = {
    "Kenya": "Somalia",
    "Jordan": "Syria",
    "Uganda": "South Sudan",
    "Colombia": "Venezuela",
    "Ethiopia": "Sudan",
}

SOURCES = [
    # name, shortname, type, homepage
    ("Norwegian Refugee Council", "NRC", "Non-governmental Organization", "https://www.nrc.no"),
    ("International Rescue Committee", "IRC", "Non-governmental Organization",
     "https://www.rescue.org"),
    ("World Food Programme", "WFP", "International Organization", "https://www.wfp.org"),
    ("Médecins Sans Frontières", "MSF", "Non-governmental Organization", "https://www.msf.org"),
    ("Danish Refugee Council", "DRC", "Non-governmental Organization", "https://pro.drc.ngo"),
    ("International Organization for Migration", "IOM", "International Organization",
     "https://www.iom.int"),
    ("Save the Children", "SC", "Non-governmental Organization",
     "https://www.savethechildren.net"),
    ("UN Office for the Coordination of Humanitarian Affairs", "OCHA",
     "International Organization", "https://www.unocha.org"),
    ("Mercy Corps", "Mercy Corps", "Non-governmental Organization", "https://www.mercycorps.org"),
    ("ACTED", "ACTED", "Non-governmental Organization", "https://www.acted.org"),
    ("World Health Organization", "WHO", "International Organization", "https://www.who.int"),
    ("CARE International", "CARE", "Non-governmental Organization", "https://www.care-international.org"),
]  # fmt: skip
SOURCE_BY_NAME = {s[0]: s for s in SOURCES}
SOURCE_TYPE_IDS = {"Non-governmental Organization": 274, "International Organization": 272}

TYPES = {"Job": 263, "Consultancy": 264, "Internship": 265, "Volunteer Opportunity": 266}
EXPERIENCE = {"0-2 years": 258, "3-4 years": 259, "5-9 years": 260, "10+ years": 261}
CAREER_CATEGORIES = {
    "Program/Project Management": 6867, "Monitoring and Evaluation": 6868,
    "Information Management": 6869, "Administration/Finance": 6863,
    "Logistics/Procurement": 6866, "Donor Relations/Grants Management": 6865,
    "Advocacy/Communications": 6864, "Human Resources": 6862,
    "Information and Communications Technology": 20971,
}  # fmt: skip
THEMES = {
    "Protection and Human Rights": 4604, "Coordination": 4590, "Health": 4595,
    "Food and Nutrition": 4593, "Water Sanitation Hygiene": 4609,
    "Shelter and Non-Food Items": 4603, "Education": 4592, "Gender": 4594,
    "Logistics and Telecommunications": 4598,
}  # fmt: skip


class Role:
    """A kind of job the mock advertises: title, type, category, themes, experience."""

    def __init__(self, title: str, job_type: str, category: str, themes: tuple[str, ...],
                 experience: str, duties: tuple[str, ...], profile: str) -> None:  # fmt: skip
        self.title, self.job_type, self.category = title, job_type, category
        self.themes, self.experience, self.duties, self.profile = (
            themes,
            experience,
            duties,
            profile,
        )


ROLES = [
    Role("Protection Officer", "Job", "Program/Project Management",
         ("Protection and Human Rights",), "3-4 years",
         ("Lead protection monitoring and analysis in the area of operation.",
          "Manage case management and referral pathways with partners.",
          "Train staff and community volunteers on protection principles."),
         "A university degree in law, social sciences or a related field."),
    Role("Monitoring, Evaluation, Accountability and Learning (MEAL) Manager", "Job",
         "Monitoring and Evaluation", ("Coordination",), "5-9 years",
         ("Design the MEAL framework and indicators of every project.",
          "Supervise data collection, analysis and reporting.",
          "Run the complaints and feedback mechanism."),
         "A master's degree in statistics, development studies or a related field."),
    Role("Information Management Officer", "Job", "Information Management",
         ("Coordination",), "3-4 years",
         ("Maintain the 3W database and publish maps and dashboards.",
          "Support needs assessments with tools and analysis.",
          "Train partners on data standards."),
         "A university degree in information management, geography or statistics."),
    Role("Finance and Administration Coordinator", "Job", "Administration/Finance", (),
         "5-9 years",
         ("Prepare budgets, forecasts and donor financial reports.",
          "Ensure compliance with internal controls and donor rules.",
          "Supervise the finance and administration team."),
         "A university degree in accounting, finance or business administration."),
    Role("WASH Engineer", "Job", "Program/Project Management",
         ("Water Sanitation Hygiene", "Health"), "5-9 years",
         ("Design and supervise water supply and sanitation works.",
          "Monitor water quality and the performance of contractors.",
          "Coordinate with the WASH cluster and local water authorities."),
         "A degree in civil, water or environmental engineering."),
    Role("Logistics Assistant", "Job", "Logistics/Procurement",
         ("Logistics and Telecommunications",), "0-2 years",
         ("Track stock, warehouse movements and fleet use.",
          "Prepare procurement files in line with procedures.",
          "Support the distribution of relief items."),
         "Secondary education; a diploma in logistics or supply chain is an asset."),
    Role("Grants Manager", "Job", "Donor Relations/Grants Management", (), "5-9 years",
         ("Manage the grant cycle from proposal to final report.",
          "Keep donor compliance matrices up to date.",
          "Build relations with institutional donors in country."),
         "A university degree in international relations, development or a related field."),
    Role("Nutrition Consultant – SMART Survey", "Consultancy", "Program/Project Management",
         ("Food and Nutrition", "Health"), "10+ years",
         ("Plan and lead a SMART nutrition survey in the target districts.",
          "Train enumerators and supervise data quality.",
          "Write the survey report with recommendations."),
         "An advanced degree in nutrition, public health or epidemiology."),
    Role("Communications Intern", "Internship", "Advocacy/Communications", (), "0-2 years",
         ("Draft stories, social media posts and press material.",
          "Collect photos and testimonies in line with consent rules.",
          "Support the organisation of media visits."),
         "Enrolled in or recently graduated from a degree in communication or journalism."),
    Role("Shelter Cluster Coordinator", "Job", "Program/Project Management",
         ("Shelter and Non-Food Items", "Coordination"), "10+ years",
         ("Lead the shelter cluster and its strategic advisory group.",
          "Coordinate the response plan, gap analysis and advocacy.",
          "Represent the cluster in the inter-cluster coordination group."),
         "An advanced degree in architecture, engineering or humanitarian action."),
    Role("Human Resources Officer", "Job", "Human Resources", (), "3-4 years",
         ("Run recruitment, onboarding and staff records.",
          "Advise managers on the labour law and internal policies.",
          "Coordinate staff learning and well-being activities."),
         "A university degree in human resources management or a related field."),
    Role("ICT Officer", "Job", "Information and Communications Technology", (), "3-4 years",
         ("Maintain the office network, devices and radio equipment.",
          "Support staff with software and data protection.",
          "Keep the ICT inventory and licences up to date."),
         "A degree in computer science or information technology."),
    Role("Education in Emergencies Specialist", "Job", "Program/Project Management",
         ("Education",), "5-9 years",
         ("Set up temporary learning spaces with communities.",
          "Train teachers in psychosocial support and active learning.",
          "Coordinate with the education cluster and the ministry."),
         "A master's degree in education, social sciences or a related field."),
    Role("Gender-Based Violence Case Worker", "Volunteer Opportunity",
         "Program/Project Management", ("Gender", "Protection and Human Rights"), "0-2 years",
         ("Provide survivor-centred case management.",
          "Refer survivors to health, legal and psychosocial services.",
          "Run awareness sessions with women's groups."),
         "A degree in social work, psychology or a related field."),
]  # fmt: skip

# Cities of the shared duty stations that ReliefWeb jobs use; None: remote/roster.
_STATIONS = {s.city: s for s in STATIONS}
LOCATIONS: list[DutyStation | None] = [
    _STATIONS["Nairobi"], _STATIONS["Amman"], _STATIONS["Kabul"], _STATIONS["Dhaka"],
    _STATIONS["Bogota"], _STATIONS["Dakar"], _STATIONS["Kampala"], None,
    _STATIONS["Addis Ababa"], _STATIONS["Beirut"], _STATIONS["Geneva"], _STATIONS["Kathmandu"],
    _STATIONS["Panama City"],
]  # fmt: skip


def _offset(zone: str, day: date) -> str:
    """The "+03:00" UTC offset of `zone` at midnight on `day`."""
    moment = datetime.combine(day, time(0), tzinfo=ZoneInfo(zone))
    return moment.isoformat()[-6:]


def iso(moment: datetime) -> str:
    """ReliefWeb's ISO 8601 with a "+00:00" offset, no fraction."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def created_at(posting: MockPosting) -> datetime:
    """`date.created`: a working hour in UTC on its posting day."""
    hour = 6 + int(posting.key) % 11
    return datetime.combine(posting.posted_date, time(hour, int(posting.key) % 60, 12), UTC)


def reliefweb_postings(count: int = 57) -> list[MockPosting]:
    """`count` jobs, newest first (57: the total of the documented example), in the
    order `preset=latest` lists them: `date.created` descending."""
    postings = []
    for n in range(count):
        role = ROLES[n % len(ROLES)]
        station = LOCATIONS[(n * 3) % len(LOCATIONS)]
        source = SOURCES[(n * 5) % len(SOURCES)]
        posted = ANCHOR - timedelta(days=n * 2 // 3)
        closing = ANCHOR + timedelta(days=5 + (n * 13) % 41)
        key = str(4221508 - n * 37)
        fields = {
            "experience": role.experience,
            "themes": "|".join(role.themes),
            "closing_offset": (
                _offset(station.timezone, closing) if station and n % 5 == 2 else "+00:00"
            ),
            "no_city": "1" if station and n % 13 == 6 else "",
            "neighbour": NEIGHBOURS.get(station.country, "") if station and n % 3 == 0 else "",
            "heading_style": "hash" if n % 2 else "bold",
        }
        where = f"{station.city}, {station.country}" if station else "home-based (remote)"
        organization = source[0]
        postings.append(
            MockPosting(
                key=key,
                title=role.title
                if n % 6
                else f"{role.title} – {station.city if station else 'Remote'}",
                organization=organization,
                duty_station=station.city if station else "",
                country=station.country if station else "",
                grade="",
                contract_type=role.job_type,
                posted_date=posted,
                closing_date=closing,
                categories=(role.category,),
                timezone=station.timezone if station else "UTC",
                fields=fields,
                sections=(
                    (
                        "Background",
                        f"{organization} ({source[1]}) works with people affected by conflict "
                        f"and disaster. The position is based in {where} and reports to the "
                        "Programme Manager.",
                    ),
                    ("Role and responsibilities", "\n".join(f"• {d}" for d in role.duties)),
                    (
                        "Qualifications",
                        f"• {role.profile}\n• {role.experience.replace('+', ' or more')} of "
                        "relevant experience.\n• Fluency in English; French or Arabic is an asset.",
                    ),
                    (
                        "We offer",
                        "A contract of 12 months with the possibility of extension, a salary "
                        f"according to the {source[1]} salary scale, and rest and recuperation "
                        "leave where applicable.",
                    ),
                ),
            )
        )
    postings.sort(key=created_at, reverse=True)
    return postings


def _markdown(sections: tuple[tuple[str, str], ...], hashes: bool) -> str:
    """The job body as ReliefWeb's editors write it: markdown with bold or # headings."""
    parts = []
    for heading, body in sections:
        parts.append(f"### {heading}" if hashes else f"**{heading}**")
        parts.append(re.sub(r"^• ", "- ", body, flags=re.M))
    return "\n\n".join(parts)


def _html(sections: tuple[tuple[str, str], ...], hashes: bool) -> str:
    out = []
    for heading, body in sections:
        out.append(f"<h3>{heading}</h3>" if hashes else f"<p><strong>{heading}</strong></p>")
        out.append(body_html(body))
    return "\n".join(out)


def _select(record: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """The parts of `record` named by dotted `paths` ("date.changed", "source.name")."""
    out: dict[str, Any] = {}
    for path in paths:
        head, _, rest = path.partition(".")
        if head not in record:
            continue
        value = record[head]
        if not rest:
            out[head] = value
        elif isinstance(value, dict):
            merged = out.setdefault(head, {})
            merged.update(_select(value, [rest]))
        elif isinstance(value, list):
            current = out.setdefault(head, [{} for _ in value])
            for target, element in zip(current, value, strict=True):
                if isinstance(element, dict):
                    target.update(_select(element, [rest]))
    return out


def _values(record: Any, path: str) -> list[Any]:
    """Every leaf value at dotted `path`, through arrays."""
    if not path:
        return record if isinstance(record, list) else [record]
    head, _, rest = path.partition(".")
    if isinstance(record, list):
        return [v for element in record for v in _values(element, path)]
    if not isinstance(record, dict) or head not in record:
        return []
    return _values(record[head], rest)


def _matches(record: dict[str, Any], flt: dict[str, Any]) -> bool:
    if "conditions" in flt:
        results = [_matches(record, c) for c in flt["conditions"]]
        result = any(results) if flt.get("operator", "AND").upper() == "OR" else all(results)
    else:
        found = [str(v).lower() for v in _values(record, str(flt.get("field", "")))]
        value = flt.get("value")
        if value is None:
            result = bool(found)
        elif isinstance(value, dict):  # a range {"from", "to"}
            low, high = value.get("from"), value.get("to")
            result = any(
                (low is None or v >= str(low).lower()) and (high is None or v <= str(high).lower())
                for v in found
            )
        elif isinstance(value, list):
            hits = [str(v).lower() in found for v in value]
            result = all(hits) if flt.get("operator", "OR").upper() == "AND" else any(hits)
        else:
            result = str(value).lower() in found
    return not result if flt.get("negate") else result


class ApiError(Exception):
    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status, self.kind, self.message = status, kind, message


class ReliefwebSite(MockSite):
    """api.reliefweb.int: the v2 jobs resource with appname approval."""

    name = "reliefweb"
    description = (
        f"ReliefWeb API v2 jobs (api.reliefweb.int); crawl with -s RELIEFWEB_APPNAME={MOCK_APPNAME}"
    )
    lists_closed = False  # closed postings leave the list; their pages stay

    LIST_FIELDS: ClassVar[list[str]] = [
        "id", "title", "url", "url_alias", "status", "date", "source", "country", "city",
        "type", "experience", "career_categories", "theme",
    ]  # fmt: skip

    def __init__(self, postings: list[MockPosting] | None = None,
                 approved_appnames: set[str] | None = None) -> None:  # fmt: skip
        super().__init__(postings)
        #: The appnames ReliefWeb has approved; anything else gets 403.
        self.approved_appnames: set[str] = (
            {MOCK_APPNAME} if approved_appnames is None else set(approved_appnames)
        )
        self.changed: dict[str, datetime] = {}
        #: The parameters of every /v2/jobs request, in order, for tests to inspect.
        self.queries: list[dict[str, Any]] = []

    def default_postings(self) -> list[MockPosting]:
        return reliefweb_postings()

    # -- state: date.changed moves with every edit ---------------------------------------

    def created_at(self, posting: MockPosting) -> datetime:
        """Posted at a working hour in UTC on its posting day."""
        return created_at(posting)

    def changed_at(self, posting: MockPosting) -> datetime:
        with self.lock:
            stamp = self.changed.get(posting.key)
        return stamp or self.created_at(posting) + timedelta(minutes=7 + int(posting.key) % 50)

    def edit(self, key: str, **changes: Any) -> MockPosting:
        with self.lock:
            before = self.changed_at(self.postings[key])
            posting = super().edit(key, **changes)
            self.changed[key] = before + timedelta(hours=5)
            return posting

    # -- routing ----------------------------------------------------------------------

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path.rstrip("/")
        if path == "/robots.txt":
            return MockResponse.text("User-agent: *\nDisallow: /\n")
        try:
            if path == "/v1" or path.startswith("/v1/"):
                raise ApiError(410, "GoneHttpException", "The API version 'v1' has been "
                               "decommissioned. Please use version 'v2' instead.")  # fmt: skip
            if path == "/v2/jobs":
                self.check_appname(request)
                params = self.parameters(request)
                with self.lock:
                    self.queries.append(params)
                return MockResponse.json(self.jobs(request, params))
            if match := re.fullmatch(r"/v2/jobs/(\d+)", path):
                self.check_appname(request)
                return MockResponse.json(self.item(request, match.group(1)))
            raise ApiError(404, "NotFoundHttpException", "Page not found.")
        except ApiError as error:
            return MockResponse.json(
                {"time": 1, "status": error.status,
                 "error": {"type": error.kind, "message": error.message}},
                error.status,
            )  # fmt: skip

    def listing_page_number(self, request: MockRequest) -> int | None:
        if request.path.rstrip("/") != "/v2/jobs":
            return None
        params = self.parameters(request)
        if "filter" in params:  # a detail batch, not a listing page
            return None
        return int(params.get("offset", 0)) // max(1, int(params.get("limit", 10))) + 1

    def posting_key(self, request: MockRequest) -> str | None:
        """The job an item request asks for; for a detail batch (a filter on ids), its
        first job."""
        path = request.path.rstrip("/")
        if match := re.fullmatch(r"/v2/jobs/(\d+)", path):
            return match.group(1)
        if path != "/v2/jobs":
            return None
        flt = self.parameters(request).get("filter")
        if not isinstance(flt, dict) or flt.get("field") != "id":
            return None
        value = flt.get("value")
        first = value[0] if isinstance(value, list) and value else value
        return None if first in (None, "") else str(first)

    def check_appname(self, request: MockRequest) -> None:
        appname = request.query.get("appname", "").strip()
        if not appname:
            raise ApiError(400, "BadRequestHttpException", "Missing appname parameter")
        with self.lock:
            approved = appname in self.approved_appnames
        if not approved:
            raise ApiError(
                403, "AccessDeniedHttpException",
                "You are not using an approved appname. Please request an appname at "
                "https://apidoc.reliefweb.int/parameters#appname",
            )  # fmt: skip

    def parameters(self, request: MockRequest) -> dict[str, Any]:
        """The query parameters: the JSON body of a POST, the bracketed GET query otherwise."""
        if request.method == "POST":
            try:
                params = request.json() if request.body.strip() else {}
            except ValueError:
                raise ApiError(400, "BadRequestHttpException", "Invalid JSON payload.") from None
            if not isinstance(params, dict):
                raise ApiError(400, "BadRequestHttpException", "Invalid JSON payload.")
            return params
        q = request.query
        params: dict[str, Any] = {
            k: q[k] for k in ("limit", "offset", "preset", "profile") if k in q
        }
        if "sort[]" in q:
            params["sort"] = [q["sort[]"]]
        if "fields[include][]" in q:
            params["fields"] = {"include": [q["fields[include][]"]]}
        if "filter[field]" in q:
            value = q.get("filter[value]", q.get("filter[value][]"))
            params["filter"] = {"field": q["filter[field]"], "value": value}
        return params

    # -- answers ----------------------------------------------------------------------

    def jobs(self, request: MockRequest, params: dict[str, Any]) -> dict[str, Any]:
        limit = self._integer(params.get("limit", 10), "limit", MAX_LIMIT)
        offset = self._integer(params.get("offset", 0), "offset", None)
        preset = str(params.get("preset") or "")
        sort = params.get("sort") or (["date.created:desc"] if preset == "latest" else ["id:desc"])
        sort = sort if isinstance(sort, list) else [sort]
        if preset == "latest" and "filter" not in params and sort == ["date.created:desc"]:
            # The spider's listing: the site's order, as the listing faults change it.
            shown, total = self.listing_slice(offset, limit)
            page = [self.record(p) for p in shown]
        else:
            records = [
                self.record(p)
                for p in self.snapshot()
                if preset == "analysis" or p.status != "closed"
            ]
            if isinstance(params.get("filter"), dict):
                records = [r for r in records if _matches(r, params["filter"])]
            for spec in reversed(sort):
                field, _, direction = str(spec).partition(":")
                records.sort(
                    key=lambda r, f=field: (_values(r, f) or [""])[0],
                    reverse=direction.lower() == "desc",
                )
            page, total = records[offset : offset + limit], len(records)
        href = f"{self.base_url}{request.target}"
        links: dict[str, Any] = {"self": {"href": href}}
        if offset + limit < total:
            links["next"] = {"href": re.sub(r"([?&])offset=\d+", "", href)
                             + f"&offset={offset + limit}"}  # fmt: skip
        return {
            "time": 3,
            "href": f"{self.base_url}{request.path}",
            "links": links,
            "took": 2,
            "totalCount": total,
            "count": len(page),
            self.css("data"): [self.entry(r, params) for r in page],
        }

    def item(self, request: MockRequest, key: str) -> dict[str, Any]:
        posting = self.get(key)
        if posting is None or posting.status == "closed":
            raise ApiError(404, "NotFoundHttpException", f"Item {key} not found.")
        params = self.parameters(request)
        entry = self.entry(self.record(posting), params)
        return {
            "time": 2,
            "href": f"{self.base_url}{request.path}",
            "links": {
                "self": {"href": f"{self.base_url}{request.target}"},
                "collection": {"href": f"{self.base_url}/v2/jobs"},
            },
            "took": 1,
            "totalCount": 1,
            "count": 1,
            self.css("data"): [{"id": entry["id"], "fields": entry["fields"]}],
        }

    def _integer(self, value: Any, name: str, maximum: int | None) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0 or (maximum is not None and number > maximum):
            if name == "limit":
                message = 'Invalid "limit" specified. Valid values are between 0 and 1000'
            else:
                message = f'Invalid "{name}" specified.'
            raise ApiError(400, "BadRequestHttpException", message)
        return number

    def entry(self, record: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        """One `data` element with the fields the profile and `fields` ask for."""
        profile = str(params.get("profile") or "")
        fields_param = params.get("fields") if isinstance(params.get("fields"), dict) else {}
        if profile == "full":
            chosen = dict(record)
        else:
            base = self.LIST_FIELDS if profile == "list" else ["title"]
            chosen = _select(record, base + list(fields_param.get("include") or []))
        for path in fields_param.get("exclude") or []:
            head, _, rest = str(path).partition(".")
            if not rest:
                chosen.pop(head, None)
            elif isinstance(chosen.get(head), dict):
                chosen[head] = {k: v for k, v in chosen[head].items() if k != rest}
        return {
            "id": str(record["id"]),
            "score": 1,
            "fields": chosen,
            "href": f"{self.base_url}/v2/jobs/{record['id']}",
        }

    def record(self, posting: MockPosting) -> dict[str, Any]:
        """Every field of the job as the API indexes it."""
        p, f = posting, posting.fields
        key = int(p.key)
        source = SOURCE_BY_NAME.get(
            p.organization, (p.organization, p.organization, "Non-governmental Organization", "")
        )
        hashes = f.get("heading_style") == "hash"
        countries = []
        if p.country:
            if f.get("neighbour"):
                countries.append(self._country(f["neighbour"], primary=False))
            countries.append(self._country(p.country, primary=True))
        dates: dict[str, str] = {
            "created": iso(self.created_at(p)),
            "changed": iso(self.changed_at(p)),
        }
        if p.closing_date:
            dates["closing"] = (
                f"{p.closing_date.isoformat()}T00:00:00{f.get('closing_offset', '+00:00')}"
            )
        record: dict[str, Any] = {
            "id": key,
            "title": p.title,
            "url": f"{PUBLIC_SITE}/node/{key}",
            "url_alias": f"{PUBLIC_SITE}/job/{key}/{slugify(p.title)}",
            "status": "expired" if p.status == "closed" else "published",
            "body": _markdown(p.sections, hashes),
            "body-html": _html(p.sections, hashes),
            "how_to_apply": (
                f"Apply online on the {source[1]} careers site before "
                f"{p.closing_date.day} {p.closing_date:%B %Y}. Only shortlisted candidates "
                "will be contacted."
            ),
            "date": dates,
            "language": [{"id": 267, "name": "English", "code": "en"}],
            "source": [{
                "id": 1500 + SOURCES.index(source) if source in SOURCES else 1499,
                "name": source[0], "shortname": source[1], "longname": source[0],
                "type": {"id": SOURCE_TYPE_IDS.get(source[2], 0), "name": source[2]},
                "homepage": source[3],
            }],
            "type": [{"id": TYPES.get(p.contract_type, 263), "name": p.contract_type}],
            "career_categories": [
                {"id": CAREER_CATEGORIES.get(c, 0), "name": c} for c in p.categories
            ],
            "experience": [
                {"id": EXPERIENCE.get(f.get("experience", ""), 0), "name": f["experience"]}
            ] if f.get("experience") else [],
            "theme": [
                {"id": THEMES.get(t, 0), "name": t} for t in f.get("themes", "").split("|") if t
            ],
            "country": countries,
        }  # fmt: skip
        record["how_to_apply-html"] = f"<p>{record['how_to_apply']}</p>"
        if p.duty_station and not f.get("no_city"):
            record["city"] = [{"name": p.duty_station}]
        for name in ("experience", "theme", "country", "career_categories"):
            if not record[name]:
                del record[name]  # the indexer leaves out empty fields
        return record

    def _country(self, name: str, primary: bool) -> dict[str, Any]:
        iso3 = ISO3.get(name, name[:3].upper())
        return {
            "id": 10000 + sum(map(ord, iso3)), "name": name, "shortname": name,
            "iso3": iso3.lower(), "location": {"lat": 0.0, "lon": 0.0}, "primary": primary,
        }  # fmt: skip
