# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of Workday career sites, any number of tenants on one server.

`WorkdaySite(tenants={tenant: postings, ...})` serves each tenant's postings at its own
`/wday/cxs/TENANT/SITE` (the path is what tells tenants apart on one host, as on
Workday's shared hosts); the built-in `unhcr` mock (crawler/mocksites/unhcr.py) is the
tenant unhcr, site External, alone. Paths below are written for that tenant.

Built to real Workday CXS answers, which tests read beside the mock (the listings
of tenants begacheese and saputo, a begacheese detail): the same paths, JSON keys, key
order and paging.

- `POST /wday/cxs/unhcr/External/jobs` with `{"appliedFacets", "limit", "offset", "searchText"}`
  -> `{"total", "jobPostings", "facets", "userAuthenticated"}`. `limit` above 20 -> HTTP 400;
  `total` is the real count only at offset 0 (later pages say 0, as Workday does), and
  `facets` are filled on the first page only. Each entry is `{"title", "externalPath",
  "locationsText", "postedOn", "bulletFields"}`: `postedOn` is relative ("Posted 3 Days
  Ago") and changes from day to day; `bulletFields` = [requisition id, grade] (a UNHCR
  scraper reads the grade there; the other tenants show the id only).
- The variations the real listings show: `locationsText` missing (and no place in the
  path, `/job/<Slug>_<id>`), or "2 Locations"; a path with city and country
  (`/job/Panama-City-Panama/...`); ids of other shapes than `JR` + digits (`Req-19540`,
  `JR-2632`); a second posting of one requisition, whose path ends `_<id>-2` while
  `bulletFields[0]` and `jobReqId` name the requisition without the suffix.
- `GET /wday/cxs/unhcr/External{externalPath}` -> `{"jobPostingInfo", "hiringOrganization",
  "similarJobs", "userAuthenticated"}`, `jobPostingInfo` with the real capture's keys in
  its order. `endDate` is usually the day after the human deadline; the `jobDescription`
  rich text (`<p>`, `<b>`, `<ul><li><p>`, as Workday's editor writes it) carries the
  labelled fields (Hardship Level, Family Type, Grade, Staff Member / Affiliate Type,
  Target Start Date, Deadline for Applications "Month D, YYYY") in one of five layouts:
  the one-line deadline of an aggregator's fixture, label and value each in its own
  `<p>` (deadline last or first), the value bare text between elements (another
  UN-family tenant), and label and value in one `<p>` with a colon.
- `GET /en-US/External/job/...` the JS shell page with JSON-LD; no robots.txt (404).

`layout_changed` renames the JSON keys the spider reads (`jobPostings`, `externalPath`,
`total`, `jobPostingInfo`, `title`, `jobDescription`, ...), as a platform update would.

Mock decisions where nothing real shows what the site does: a posting set to status "closed" stays
listed and its detail says `"canApply": false` with no time left to apply; a posting
whose listing says "2 Locations" names the other one in `additionalLocations` (a key
seen in Workday scrapers); the detail of a posting listed without a place still has
its `location`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any

from .content import hex_id
from .postings import MockPosting, sections_html
from .server import MockRequest, MockResponse, MockSite

MAX_LIMIT = 20


@dataclass(frozen=True)
class MockTenant:
    """One Workday career site: /wday/cxs/TENANT/SITE on the public host `host`."""

    tenant: str
    site: str
    host: str
    #: Whether the listing's bulletFields is [id, grade] (UNHCR's) or [id].
    grade_in_bullets: bool = False
    #: How the tenant's descriptions label the deadline and the grade.
    deadline_label: str = "Deadline for Applications"
    grade_label: str = "Grade"

    @property
    def api(self) -> str:
        return f"/wday/cxs/{self.tenant}/{self.site}"


UNHCR = MockTenant("unhcr", "External", "unhcr.wd3.myworkdayjobs.com", grade_in_bullets=True)
TENANT_PATH = UNHCR.api

ALPHA2 = {
    "Mexico": "MX",
    "Jordan": "JO",
    "Kenya": "KE",
    "Bangladesh": "BD",
    "Switzerland": "CH",
    "Lebanon": "LB",
    "Ethiopia": "ET",
    "Colombia": "CO",
    "Panama": "PA",
    "Uganda": "UG",
    "Afghanistan": "AF",
}
# A second UNHCR office per country, for postings advertised in two places.
SECOND_PLACE = {
    "Mexico": "Tapachula",
    "Jordan": "Mafraq",
    "Kenya": "Kakuma",
    "Bangladesh": "Cox's Bazar",
    "Lebanon": "Tripoli",
    "Ethiopia": "Gambella",
    "Colombia": "Cucuta",
    "Panama": "Darien",
    "Uganda": "Arua",
    "Afghanistan": "Kandahar",
}

# An API path: /wday/cxs/<tenant>/<site>, then /jobs or a posting path
# /job/[<place>/]<Slug>_<key>, the key being whatever follows the last "_".
_API_PATH = re.compile(r"^/wday/cxs/([^/]+)/([^/]+)(/jobs|/job/(?:[^/]+/)?[^/]*_([^_/]+))/?$")
_PUBLIC_PATH = re.compile(r"^/(?:[a-z]{2}-[A-Z]{2}/)?([^/]+)(/job/(?:[^/]+/)?[^/]*_([^_/]+))/?$")
# A second posting of a requisition: "<id>-N", the id ending in a digit ("JR-7309" is none).
_REPOST = re.compile(r"^(.*\d)-(\d{1,2})$")


def workday_slug(text: str) -> str:
    """Workday's path slug: every character that is not a letter or digit becomes "-"."""
    return re.sub(r"[^A-Za-z0-9]", "-", text)


def requisition_id(key: str) -> str:
    """The requisition a posting key is of: "JR2608793-2" -> "JR2608793"."""
    match = _REPOST.match(key)
    return match.group(1) if match else key


def _digits(key: str) -> int:
    return int(re.sub(r"\D", "", key) or 0)


def place_shape(posting: MockPosting) -> str:
    """How the listing shows the posting's place, as the real listings vary: "city"
    (most), "none" (no locationsText, no place in the path), "several" ("2 Locations")
    or "city-country" (the path names both)."""
    if posting.key.endswith("-2"):
        return "city-country"
    return {0: "none", 2: "several", 7: "city-country"}.get(
        int(hex_id("shape", posting.key), 16) % 14, "city"
    )


def external_path(posting: MockPosting) -> str:
    slug = f"{workday_slug(posting.title)}_{posting.key}"
    shape = place_shape(posting)
    if shape == "none":
        return f"/job/{slug}"
    if shape == "city-country":
        return f"/job/{workday_slug(posting.duty_station)}-{workday_slug(posting.country)}/{slug}"
    return f"/job/{workday_slug(posting.duty_station)}/{slug}"


def posted_on(posted: date, today: date) -> str:
    """Workday's relative posting age, as of `today`."""
    days = (today - posted).days
    if days <= 0:
        return "Posted Today"
    if days == 1:
        return "Posted Yesterday"
    return "Posted 30+ Days Ago" if days >= 30 else f"Posted {days} Days Ago"


def end_date(posting: MockPosting) -> date:
    """Workday's endDate: most postings end the day after the deadline in the description."""
    late = _digits(posting.key) % 4 != 3
    return posting.closing_date + timedelta(days=1 if late else 0)


def description_style(posting: MockPosting) -> int:
    """Which of the five layouts of the labelled fields the description uses (0-4)."""
    return _digits(posting.key) % 5


def country_id(country: str) -> str:
    return hex_id("country", country)


def _error(status: int, message: str) -> MockResponse:
    code = "S22" if status == 403 else f"HTTP_{status}"
    return MockResponse.json({"errorCode": code, "httpStatus": status, "message": message}, status)


def varied(postings: list[MockPosting]) -> list[MockPosting]:
    """The content's postings with the id shapes of the real listings among them: two
    ids that are not `JR` + digits, and a second posting (`-2`) of one requisition, the
    same job in the same place."""
    out = list(postings)
    renamed = {20: "Req-19540", 33: "JR-2632"}
    for index, key in renamed.items():
        if index < len(out):
            out[index] = dataclasses.replace(out[index], key=key)
    if len(out) > 45 and out[45].title == out[9].title:
        out[45] = dataclasses.replace(
            out[45],
            key=f"{out[9].key}-2",
            duty_station=out[9].duty_station,
            country=out[9].country,
            timezone=out[9].timezone,
        )
    return out


class WorkdaySite(MockSite):
    """Workday's CXS listing and detail API, for each of `tenants`.

    Not a site of its own (it has no source name): crawler/mocksites/unhcr.py is the
    built-in one, and tests serve several tenants with `WorkdaySite(tenants=...)`.
    """

    def __init__(
        self,
        postings: list[MockPosting] | None = None,
        tenants: dict[MockTenant, list[MockPosting]] | None = None,
    ) -> None:
        if tenants is None:
            tenants = {
                self.default_tenant(): self.default_postings() if postings is None else postings
            }
        #: Which tenant each posting key is of (keys are unique across tenants).
        self.tenant_of: dict[str, MockTenant] = {
            p.key: tenant for tenant, items in tenants.items() for p in items
        }
        self.tenants = tuple(tenants)
        super().__init__([p for items in tenants.values() for p in items])

    def default_tenant(self) -> MockTenant:
        return UNHCR

    def add(self, posting: MockPosting, tenant: MockTenant | None = None) -> None:
        """A new posting, of `tenant` (by default the first)."""
        self.tenant_of[posting.key] = tenant or self.tenants[0]
        super().add(posting)

    def today(self) -> date:
        """The day relative dates are computed from (the real clock, so they drift daily)."""
        return date.today()

    def _tenant(self, tenant: str, site: str) -> MockTenant | None:
        return next((t for t in self.tenants if (t.tenant, t.site) == (tenant, site)), None)

    def _own(self, posting: MockPosting | None, tenant: MockTenant) -> MockPosting | None:
        return (
            posting if posting is not None and self.tenant_of.get(posting.key) == tenant else None
        )

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if match := _API_PATH.match(path):
            tenant = self._tenant(match.group(1), match.group(2))
            if tenant is None:
                return _error(404, "The page you are looking for doesn't exist.")
            if match.group(3) == "/jobs":
                if request.method != "POST":
                    return _error(405, "Method Not Allowed")
                return self.jobs(request, tenant)
            if request.method != "GET":
                return _error(405, "Method Not Allowed")
            posting = self._own(self.get(match.group(4)), tenant)
            if posting is None:
                return _error(404, "The page you are looking for doesn't exist.")
            return MockResponse.json(self.detail_json(posting))
        if match := _PUBLIC_PATH.match(path):
            posting = self.get(match.group(3))
            tenant = self.tenant_of.get(posting.key) if posting else None
            if posting is None or tenant is None or tenant.site != match.group(1):
                return self.not_found()
            return MockResponse.html(self.shell_page(posting))
        return self.not_found()

    def listing_page_number(self, request: MockRequest) -> int | None:
        match = _API_PATH.match(request.path)
        if not match or match.group(3) != "/jobs":
            return None
        query = request.json()
        return int(query.get("offset", 0)) // max(1, int(query.get("limit", MAX_LIMIT))) + 1

    def posting_key(self, request: MockRequest) -> str | None:
        match = _API_PATH.match(request.path)
        return match.group(4) if match else None

    # -- listing ----------------------------------------------------------------------

    def jobs(self, request: MockRequest, tenant: MockTenant) -> MockResponse:
        try:
            query = request.json()
            limit = int(query.get("limit", MAX_LIMIT))
            offset = int(query.get("offset", 0))
        except (ValueError, TypeError, AttributeError):
            return _error(400, "Bad Request")
        if limit > MAX_LIMIT or limit < 0 or offset < 0:
            return _error(400, "Bad Request")
        postings = [p for p in self.snapshot() if self.tenant_of.get(p.key) == tenant]
        text = str(query.get("searchText") or "").strip().lower()
        if text:
            postings = [p for p in postings if text in p.title.lower()]
        countries = (query.get("appliedFacets") or {}).get("locationCountry")
        if countries:
            postings = [p for p in postings if country_id(p.country) in countries]
        today = self.today()
        if not text and not countries:
            page, count = self.listing_slice(
                offset, limit, among=lambda p: self.tenant_of.get(p.key) == tenant
            )
        else:
            page, count = postings[offset : offset + limit], len(postings)
        k = self.css
        answer: dict[str, Any] = {
            # Workday gives the real total only on the first page.
            k("total"): count if offset == 0 else 0,
            k("jobPostings"): [self.listing_item(p, today) for p in page],
            "facets": self.facets(postings) if offset == 0 else [],
            "userAuthenticated": False,
        }
        return MockResponse.json(answer)

    def listing_item(self, posting: MockPosting, today: date) -> dict[str, Any]:
        k = self.css
        item: dict[str, Any] = {
            k("title"): posting.title,
            k("externalPath"): external_path(posting),
        }
        shape = place_shape(posting)
        if shape == "several":
            item["locationsText"] = "2 Locations"
        elif shape != "none":
            item["locationsText"] = posting.duty_station
        item["postedOn"] = posted_on(posting.posted_date, today)
        tenant = self.tenant_of.get(posting.key, self.tenants[0])
        bullets = [requisition_id(posting.key)]
        item[k("bulletFields")] = [*bullets, posting.grade] if tenant.grade_in_bullets else bullets
        return item

    def facets(self, postings: list[MockPosting]) -> list[dict[str, Any]]:
        def values(names: list[str], id_of: Any) -> list[dict[str, Any]]:
            return [
                {"descriptor": n, "id": id_of(n), "count": names.count(n)}
                for n in sorted(set(names))
            ]

        return [
            {
                "facetParameter": "jobFamilyGroup",
                "descriptor": "Job Category",
                "values": values(
                    [c for p in postings for c in p.categories], lambda n: hex_id("family", n)
                ),
            },
            {
                "facetParameter": "locationCountry",
                "descriptor": "Country",
                "values": values([p.country for p in postings], country_id),
            },
            {
                "facetParameter": "timeType",
                "descriptor": "Time Type",
                "values": [
                    {
                        "descriptor": "Full time",
                        "id": hex_id("time", "full"),
                        "count": len(postings),
                    }
                ],
            },
        ]

    # -- detail -----------------------------------------------------------------------

    def description_html(self, posting: MockPosting) -> str:
        """The jobDescription rich text: the labelled fields in one of five layouts seen
        on real postings, then the sections."""
        # Grade, affiliate type and deadline come from the posting's own fields, so that
        # an edit of grade, contract_type or closing_date shows in the description too.
        tenant = self.tenant_of.get(posting.key, self.tenants[0])
        fields = dict(posting.fields)
        start = fields.pop("Target Start Date", None)
        fields[tenant.grade_label] = posting.grade
        fields["Staff Member / Affiliate Type"] = posting.contract_type
        fields = _ordered(fields)
        if start is not None:
            fields["Target Start Date"] = start
        deadline_label = tenant.deadline_label
        closing = posting.closing_date
        deadline = f"{closing:%B} {closing.day}, {closing.year}"
        style = description_style(posting)

        def block(label: str, value: str) -> str:
            if style == 3:  # the value bare text between elements
                return f"<p><b>{escape(label)}</b></p>{escape(value)}"
            if style == 4:  # label and value in one paragraph, with a colon
                return f"<p><b>{escape(label)}:</b>\u00a0{escape(value)}</p>"
            return f"<p><b><span>{escape(label)}</span></b></p><p><span>{escape(value)}</span></p>"

        labelled = "".join(block(k, v) for k, v in fields.items())
        if style == 0:  # the one-line form of the aggregator's fixture
            head = f"<p>{deadline_label} {escape(deadline)}</p>{labelled}"
        elif style == 1:  # the order of the seed posting: deadline after the start date
            head = labelled + block(deadline_label, deadline)
        else:
            head = block(deadline_label, deadline) + labelled
        return head + "<p></p>" + _rich_text(sections_html(posting.sections, heading_tag="strong"))

    def detail_json(self, posting: MockPosting) -> dict[str, Any]:
        p, today, k = posting, self.today(), self.css
        end = end_date(p)
        open_ = p.status != "closed"
        left = (end - today).days
        path = external_path(p)
        tenant = self.tenant_of.get(p.key, self.tenants[0])
        similar = [
            o
            for o in self.snapshot()
            if o.key != p.key
            and o.categories == p.categories
            and self.tenant_of.get(o.key) == tenant
        ]
        info: dict[str, Any] = {
            "id": hex_id("posting", p.key),
            k("title"): p.title,
            k("jobDescription"): self.description_html(p),
            k("location"): p.duty_station,
        }
        if place_shape(p) == "several":
            info["additionalLocations"] = [SECOND_PLACE.get(p.country, "Geneva")]
        info |= {
            "postedOn": posted_on(p.posted_date, today),
            k("startDate"): p.posted_date.isoformat(),
            "timeType": "Full time",
            k("jobReqId"): requisition_id(p.key),
            "jobPostingId": path.rsplit("/", 1)[1],
            "jobPostingSiteId": tenant.site,
            k("country"): {"descriptor": p.country, "id": country_id(p.country)},
            k("canApply"): open_,
            "posted": True,
            "includeResumeParsing": True,
            "jobRequisitionLocation": {
                "descriptor": p.duty_station,
                "country": {
                    "descriptor": p.country,
                    "id": country_id(p.country),
                    "alpha2Code": ALPHA2.get(p.country, ""),
                },
            },
            k("externalUrl"): f"https://{tenant.host}/{tenant.site}{path}",
            "questionnaireId": hex_id("questionnaire", p.grade),
            "timeLeftToApply": (
                f"{left} day{'s' if left != 1 else ''} left to apply" if open_ and left > 0 else ""
            ),
            k("endDate"): end.isoformat(),
            "jobPostingEndDateAsText": f"End Date: {end:%B} {end.day}, {end.year}",
        }
        return {
            k("jobPostingInfo"): info,
            k("hiringOrganization"): {"name": p.organization, "url": ""},
            "similarJobs": [self.listing_item(o, today) for o in similar[:3]],
            "userAuthenticated": False,
        }

    def shell_page(self, posting: MockPosting) -> str:
        """The public job page: a JS shell whose only content is JSON-LD."""
        ld = {
            "@context": "http://schema.org",
            "@type": "JobPosting",
            "title": posting.title,
            "description": self.description_html(posting),
            "identifier": {
                "@type": "PropertyValue",
                "name": posting.title,
                "value": requisition_id(posting.key),
            },
            "datePosted": posting.posted_date.isoformat(),
            "employmentType": "FULL_TIME",
            "hiringOrganization": {"@type": "Organization", "name": posting.organization},
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": posting.duty_station,
                    "addressCountry": posting.country,
                },
            },
        }
        return (
            '<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8">'
            f"<title>{escape(posting.title)}</title>"
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            '<body><div id="root"></div><noscript>You need to enable JavaScript to run this app.'
            '</noscript><script src="/wday/asset/client/main.js"></script></body></html>'
        )


def _rich_text(html: str) -> str:
    """Section HTML the way Workday's editor writes it: `<b>` headings, each list item's
    text in a `<p>` (`<ul><li><p>...</p></li></ul>`), as in the real detail capture."""
    html = html.replace("<strong>", "<b>").replace("</strong>", "</b>")
    return html.replace("<li>", "<li><p>").replace("</li>", "</p></li>")


# The order of the labelled fields on real UNHCR postings.
FIELD_ORDER = [
    "Hardship Level (not applicable for home-based)",
    "Family Type (not applicable for home-based)",
    "Residential location (if applicable)",
    "Grade",
    "Staff Member / Affiliate Type",
    "Reason",
    "Remote work accepted",
]


def _ordered(fields: dict[str, str]) -> dict[str, str]:
    known = {k: fields[k] for k in FIELD_ORDER if k in fields}
    return {**known, **{k: v for k, v in fields.items() if k not in known}}


#: Three tenants no built-in source reads, each with the ways it differs from UNHCR:
#: other key shapes, no grade in the listing, another label for the deadline.
OTHER_TENANTS = (
    MockTenant("worldhealth", "WHO_Careers", "worldhealth.wd3.myworkdayjobs.com"),
    MockTenant(
        "populationfund",
        "External",
        "populationfund.wd1.myworkdayjobs.com",
        deadline_label="Closing Date",
    ),  # fmt: skip
    MockTenant(
        "healthpartners",
        "Careers",
        "healthpartners.wd5.myworkdayjobs.com",
        grade_in_bullets=True,
        grade_label="Level",
    ),  # fmt: skip
)
_KEY_SHAPES = ("R-{n:05d}", "JR{n}", "Req-{n:05d}")
_EMPLOYERS = ("World Health Agency", "Population Fund", "Health Partners International")


def several_tenants(per_tenant: int = 9) -> WorkdaySite:
    """A Workday mock serving `OTHER_TENANTS`, each with `per_tenant` postings of its own
    (keys unique across tenants), named "workday" for MockSites."""
    from .content import unhcr_postings

    base = unhcr_postings(per_tenant * len(OTHER_TENANTS))
    tenants = {}
    for index, tenant in enumerate(OTHER_TENANTS):
        chosen = base[index * per_tenant : (index + 1) * per_tenant]
        tenants[tenant] = [
            dataclasses.replace(
                posting,
                key=_KEY_SHAPES[index].format(n=31000 + 10 * index + n),
                organization=_EMPLOYERS[index],
            )
            for n, posting in enumerate(chosen)
        ]
    site = WorkdaySite(tenants=tenants)
    site.name = "workday"  # type: ignore[misc]
    return site
