# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Mock of UNHCR careers on Workday (unhcr.wd3.myworkdayjobs.com, site External); SOURCES.md §1.

Serves the CXS JSON API the way the real tenant does:
- `POST /wday/cxs/unhcr/External/jobs` with `{"appliedFacets", "limit", "offset", "searchText"}`:
  `limit` above 20 -> HTTP 400; `total` is the real count only at offset 0 (later pages
  say 0, as Workday does); `postedOn` is relative ("Posted 3 Days Ago") and changes
  from day to day; `bulletFields` = [JR id, grade];
- `GET /wday/cxs/unhcr/External/job/<Loc>/<Slug>_<JRid>` -> `{"jobPostingInfo", "hiringOrganization",
  "similarJobs", "userAuthenticated"}`. `endDate` is usually the day after the human
  deadline; the `jobDescription` HTML carries the labelled fields (Hardship Level, Family
  Type, Grade, Staff Member / Affiliate Type, Target Start Date, Deadline for Applications
  "Month D, YYYY") in one of three layouts seen on real postings;
- `GET /en-US/External/job/...` the JS shell page with JSON-LD; no robots.txt (404).

Mock decision where SOURCES.md says nothing: a posting set to status "closed" stays listed
and its detail says `"canApply": false` with no time left to apply.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html import escape
from typing import Any

from .content import hex_id, unhcr_postings
from .postings import MockPosting, sections_html
from .server import MockRequest, MockResponse, MockSite

TENANT_PATH = "/wday/cxs/unhcr/External"
MAX_LIMIT = 20
PUBLIC_HOST = "https://unhcr.wd3.myworkdayjobs.com"

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

_DETAIL_PATH = re.compile(rf"^{TENANT_PATH}(/job/.+_(JR\w+))/?$")


def workday_slug(text: str) -> str:
    """Workday's path slug: every character that is not a letter or digit becomes "-"."""
    return re.sub(r"[^A-Za-z0-9]", "-", text)


def external_path(posting: MockPosting) -> str:
    return f"/job/{workday_slug(posting.duty_station)}/{workday_slug(posting.title)}_{posting.key}"


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
    late = int(re.sub(r"\D", "", posting.key) or 0) % 4 != 3
    return posting.closing_date + timedelta(days=1 if late else 0)


def country_id(country: str) -> str:
    return hex_id("country", country)


def _error(status: int, message: str) -> MockResponse:
    code = "S22" if status == 403 else f"HTTP_{status}"
    return MockResponse.json({"errorCode": code, "httpStatus": status, "message": message}, status)


class UnhcrSite(MockSite):
    """unhcr.wd3.myworkdayjobs.com: the Workday CXS listing and detail API."""

    name = "unhcr"
    description = "UNHCR careers on Workday (unhcr.wd3.myworkdayjobs.com)"

    def default_postings(self) -> list[MockPosting]:
        return unhcr_postings()

    def today(self) -> date:
        """The day relative dates are computed from (the real clock, so they drift daily)."""
        return date.today()

    def handle(self, request: MockRequest) -> MockResponse:
        path = request.path
        if path == f"{TENANT_PATH}/jobs":
            if request.method != "POST":
                return _error(405, "Method Not Allowed")
            return self.jobs(request)
        if match := _DETAIL_PATH.match(path):
            if request.method != "GET":
                return _error(405, "Method Not Allowed")
            posting = self.get(match.group(2))
            if posting is None:
                return _error(404, "The page you are looking for doesn't exist.")
            return MockResponse.json(self.detail_json(posting))
        if match := re.match(r"^/(?:[a-z]{2}-[A-Z]{2}/)?External(/job/.+_(JR\w+))/?$", path):
            posting = self.get(match.group(2))
            return MockResponse.html(self.shell_page(posting)) if posting else self.not_found()
        return self.not_found()

    # -- listing ----------------------------------------------------------------------

    def jobs(self, request: MockRequest) -> MockResponse:
        try:
            query = request.json()
            limit = int(query.get("limit", MAX_LIMIT))
            offset = int(query.get("offset", 0))
        except (ValueError, TypeError, AttributeError):
            return _error(400, "Bad Request")
        if limit > MAX_LIMIT or limit < 0 or offset < 0:
            return _error(400, "Bad Request")
        postings = self.snapshot()
        text = str(query.get("searchText") or "").strip().lower()
        if text:
            postings = [p for p in postings if text in p.title.lower()]
        countries = (query.get("appliedFacets") or {}).get("locationCountry")
        if countries:
            postings = [p for p in postings if country_id(p.country) in countries]
        today = self.today()
        page = postings[offset : offset + limit]
        answer: dict[str, Any] = {
            # Workday gives the real total only on the first page.
            "total": len(postings) if offset == 0 else 0,
            "jobPostings": [self.listing_item(p, today) for p in page],
            "facets": self.facets(postings) if offset == 0 else [],
            "userAuthenticated": False,
        }
        return MockResponse.json(answer)

    def listing_item(self, posting: MockPosting, today: date) -> dict[str, Any]:
        return {
            "title": posting.title,
            "externalPath": external_path(posting),
            "locationsText": posting.duty_station,
            "postedOn": posted_on(posting.posted_date, today),
            "bulletFields": [posting.key, posting.grade],
        }

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
        """The jobDescription HTML: labelled fields in one of three real layouts, then sections."""
        # Grade, affiliate type and deadline come from the posting's own fields, so that
        # an edit of grade, contract_type or closing_date shows in the description too.
        fields = dict(posting.fields)
        start = fields.pop("Target Start Date", None)
        fields["Grade"] = posting.grade
        fields["Staff Member / Affiliate Type"] = posting.contract_type
        fields = _ordered(fields)
        if start is not None:
            fields["Target Start Date"] = start
        deadline_label = "Deadline for Applications"
        closing = posting.closing_date
        deadline = f"{closing:%B} {closing.day}, {closing.year}"
        labelled = "".join(
            f"<p><b><span>{escape(k)}</span></b></p><p><span>{escape(v)}</span></p>"
            for k, v in fields.items()
        )
        style = int(re.sub(r"\D", "", posting.key) or 0) % 3
        if style == 0:  # the one-line form of the aggregator's fixture
            head = f"<p>{deadline_label} {escape(deadline)}</p>{labelled}"
        elif style == 1:  # the order of the seed posting: deadline after the start date
            head = (
                labelled
                + f"<p><b><span>{deadline_label}</span></b></p><p><span>{escape(deadline)}</span></p>"
            )
        else:
            head = f"<p><b><span>{deadline_label}</span></b></p><p><span>{escape(deadline)}</span></p>{labelled}"
        return head + sections_html(posting.sections, heading_tag="strong")

    def detail_json(self, posting: MockPosting) -> dict[str, Any]:
        p, today = posting, self.today()
        end = end_date(p)
        open_ = p.status != "closed"
        left = (end - today).days
        path = external_path(p)
        similar = [o for o in self.snapshot() if o.key != p.key and o.categories == p.categories]
        return {
            "jobPostingInfo": {
                "id": hex_id("posting", p.key),
                "title": p.title,
                "jobDescription": self.description_html(p),
                "location": p.duty_station,
                "postedOn": posted_on(p.posted_date, today),
                "startDate": p.posted_date.isoformat(),
                "timeType": "Full time",
                "jobReqId": p.key,
                "jobPostingId": path.rsplit("/", 1)[1],
                "jobPostingSiteId": "External",
                "country": {"descriptor": p.country, "id": country_id(p.country)},
                "canApply": open_,
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
                "externalUrl": f"{PUBLIC_HOST}/External{path}",
                "questionnaireId": hex_id("questionnaire", p.grade),
                "timeLeftToApply": (
                    f"{left} day{'s' if left != 1 else ''} left to apply"
                    if open_ and left > 0
                    else ""
                ),
                "endDate": end.isoformat(),
                "jobPostingEndDateAsText": f"End Date: {end:%B} {end.day}, {end.year}",
            },
            "hiringOrganization": {"name": p.organization, "url": ""},
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
            "identifier": {"@type": "PropertyValue", "name": posting.title, "value": posting.key},
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
