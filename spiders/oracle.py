"""Oracle Recruiting Cloud career sites: the Candidate Experience REST API of any Oracle
Cloud host, given its host and the career site's number.

The built-in source undp is one career site (spiders/undp.py); a sources file adds
others with `kind = "oracle"` (docs/user-sources.md), and crawler/catalogue.toml names
more. One host serves several career sites, told apart only by `siteNumber`:
estm.fa.em2.oraclecloud.com serves UNDP (CX_1), UN Women (CX_1001), ICAO (CX_3001) and
WMO (CX_5001); KPMG's host serves CX_1, CX_3 and CX_3001. A source reads one site.
Most site numbers are `CX_N`; a site may have a name instead (`siteNumber=Honeywell`).

Listing: `recruitingCEJobRequisitions` with the `findReqs` finder, paged by limit/offset
until offset reaches `items[0].TotalJobsCount` (the outer `hasMore` is about the one
search item, not the jobs). Detail: `recruitingCEJobRequisitionDetails` with the `ById`
finder; a finder that matches nothing answers 200 with no items, counted as a failure.
The page size is the spider argument `limit` (default 50, at most 200, the API's
maximum); the argument `site_number` reads another site of the host.

No real answer is in the project's real captures; real answers of other tenants, found
in public repositories (the listings of KPMG's, a manufacturer's and an automaker's
hosts, a schema of both answers, trimmed UNDP answers), show the key sets the mock
serves and what to survive: `requisitionFlexFields: []` on non-UN tenants, nulls where
UNDP fills a value (`JobFamily`, `ContractType`, the listing's `PostingEndDate`),
`ShortDescriptionStr` "", `ExternalDescriptionStr` HTML with newlines, a description in
several parts (`ExternalResponsibilitiesStr`, `ExternalQualificationsStr`, the
corporate description), all of which make the text. The keys the spider relies on are
named once below (`SEARCH_KEYS`, `ROW_ID`, `DETAIL_KEYS`); an answer without them is
refused (`PageUnusable` naming the key), never stored.

What a tenant configures, and so what a source says about it:
- Flex fields (`requisitionFlexFields`, `[{Prompt, Value}]`) are the tenant's own. The
  usual prompts of the UN-system tenants (`FLEX_PROMPTS`: UNDP's "Agency" naming the
  hiring agency, "Grade", "Practice Area"...) are read on every site; a source's
  `labels` table adds the tenant's own prompts, each to the field it fills
  (`"Hiring Agency" = "organization"`, `"Level" = "grade"`, `"Application Deadline" =
  "closing_date"`). Prompts match without regard to case.
- Organization: the agency a requisition's flex field names (a tenant may hire for
  several, as UNDP's does for UN Women, UNV and OCHA), else the source's `organization`.
- Grade: the flex field, else `JobGrade`. Kept in the archive's spelling ("P-3"); a
  grade the normalizer does not know is kept in `extra["grade_raw"]`.
- Dates: `ExternalPostedEndDate` is an instant written in UTC; tenants state deadlines
  at 23:59 of their own zone, so the closing date is its date in the source's
  `timezone` (UNDP: New York, where the UTC date is a day late). Without a `timezone`
  it is the date the answer writes (UTC): right for a zone at or east of UTC, a day
  late west of it. A date a tenant writes itself in a flex field mapped by `labels`
  wins over the instant and is read in the source's `date_order`, which ORC's own
  (ISO) dates do not need.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.dates import local_date, parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.sitefacts import SiteFacts
from crawler.userconfig import LABEL_FIELDS, SourceConfig
from spiders.base import JobSpider, PageUnusable, squash
from spiders.tenants import FromConfig, class_attrs, class_name

API = "/hcmRestApi/resources/latest"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200  # the API answers 400 above this
#: The keys of a listing answer's one search result (`items[0]`) the spider reads: the
#: jobs of the page and the count of all jobs.
SEARCH_KEYS = ("requisitionList", "TotalJobsCount")
#: A listed job's key (in `requisitionList[]`).
ROW_ID = "Id"
#: The keys of a detail answer's requisition (`items[0]`) the fields are read from.
DETAIL_KEYS = ("Id", "Title", "ExternalDescriptionStr", "ExternalPostedStartDate",
               "ExternalPostedEndDate", "PrimaryLocation", "requisitionFlexFields")  # fmt: skip
#: Of those, the ones without which an answer is no requisition at all.
REQUIRED_DETAIL_KEYS = ("Id", "Title", "ExternalDescriptionStr")
#: The parts of the description after `ExternalDescriptionStr`, each under a heading
#: (the Candidate Experience page shows them so), when the requisition fills them.
DESCRIPTION_PARTS = {
    "ExternalResponsibilitiesStr": "Responsibilities",
    "ExternalQualificationsStr": "Qualifications",
    "OrganizationDescriptionStr": "About the organization",
    "CorporateDescriptionStr": "About us",
}
#: The flex-field prompts (lower case) of the UN-system tenants, with the archive field
#: or `extra` key each fills: every site reads them, a source adds its own (`labels`).
FLEX_PROMPTS = {
    "agency": "organization",
    "grade": "grade",
    "practice area": "practice_area",
    "bureau": "bureau",
    "contract duration": "contract_duration",
    "vacancy type": "vacancy_type",
}


@dataclass(frozen=True)
class OracleTenant:
    """What sets one Oracle career site apart from another on the same host."""

    site_number: str  # siteNumber=CX_1
    #: Flex-field prompts (lower case) -> the archive field or `extra` key each fills.
    flex: Mapping[str, str] = field(default_factory=lambda: dict(FLEX_PROMPTS))


def oracle_facts(
    *,
    organization: str | None,
    hosts: tuple[str, ...],
    day_first: bool | None = None,
    tz: str | None = None,
) -> SiteFacts:
    """The facts every Oracle career site shares, with the site's own."""
    return SiteFacts(
        day_first=day_first,
        tz=tz,
        organization=organization,
        hosts=("oraclecloud.com", *hosts),
        detail_format="json",
        listing_format="json",
        # No closing date: ORC tenants outside the UN system often post without one.
        expected={"title": "items[0].Title", "text": "items[0].ExternalDescriptionStr"},
    )


class OracleSpider(JobSpider):
    """Any Oracle career site; a subclass (or `tenant_spider`) names one with `tenant`."""

    kind = "Oracle Recruiting Cloud REST API (JSON)"
    tenant: ClassVar[OracleTenant]
    #: The prefix of the project settings that may override the site number, the page
    #: size and the zone (`UNDP` -> UNDP_SITE_NUMBER, UNDP_PAGE_SIZE, UNDP_TIME_ZONE).
    settings_prefix: ClassVar[str] = ""

    def __init__(
        self,
        *args: Any,
        site_number: str | None = None,
        limit: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._site_number_arg = site_number
        self._limit_arg = limit

    # -- settings -----------------------------------------------------------------------

    def _setting(self, name: str, default: Any) -> Any:
        """The project setting `<prefix>_<name>`, or `default` (no prefix, or the spider
        runs without a crawler, in tests)."""
        if not self.settings_prefix or getattr(self, "crawler", None) is None:
            return default
        return self.settings.get(f"{self.settings_prefix}_{name}") or default

    @property
    def site_number(self) -> str:
        """The career site: argument `site_number`, else the setting, else the tenant's."""
        return str(self._site_number_arg or self._setting("SITE_NUMBER", self.tenant.site_number))

    @property
    def page_size(self) -> int:
        """Postings per listing request: argument `limit`, else the setting, capped at 200."""
        size = int(self._limit_arg or self._setting("PAGE_SIZE", DEFAULT_PAGE_SIZE))
        return max(1, min(size, MAX_PAGE_SIZE))

    @property
    def time_zone(self) -> str | None:
        """The zone the site states deadlines in; None: the dates the answer writes (UTC)."""
        zone = self._setting("TIME_ZONE", self.facts.tz)
        return str(zone) if zone else None

    # -- requests -----------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.listing_page_request(0)

    def listing_page_request(self, offset: int) -> scrapy.Request:
        """The listing page at `offset`, newest postings first."""
        finder = (
            f"findReqs;siteNumber={self.site_number},limit={self.page_size},"
            f"offset={offset},sortBy=POSTING_DATES_DESC"
        )
        return self.listing_request(
            self.url(
                f"{API}/recruitingCEJobRequisitions?onlyData=true"
                "&expand=requisitionList.workLocation,requisitionList.secondaryLocations"
                f"&finder={finder}"
            ),
            headers={"Accept": "application/json"},
            cb_kwargs={"offset": offset},
        )

    def detail_url(self, key: str) -> str:
        """The detail of requisition `key`."""
        return self.url(
            f"{API}/recruitingCEJobRequisitionDetails?expand=all&onlyData=true"
            f'&finder=ById;Id="{key}",siteNumber={self.site_number}'
        )

    def public_url(self, key: str) -> str:
        """The posting's page in Oracle's Candidate Experience."""
        return self.url(f"/hcmUI/CandidateExperience/en/sites/{self.site_number}/job/{key}")

    def key_from_url(self, url: str) -> str | None:
        match = re.search(r'Id(?:=|%3D)(?:"|%22)([^"%]+)', url)
        return match.group(1) if match else None

    # -- callbacks ----------------------------------------------------------------------

    def parse(self, response: Response, offset: int = 0, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each requisition's detail, then the next page."""
        search = self._parse_search(response)
        rows, total = search["requisitionList"], search["TotalJobsCount"]
        keys = []
        for row in rows:
            key = squash(str(row.get(ROW_ID) or "")) if isinstance(row, dict) else ""
            if key:
                keys.append(key)
                yield from self.posting_request(
                    key, self.detail_url(key), listed=row, headers={"Accept": "application/json"}
                )
        # The next page starts after the rows this one held: the server may hold fewer
        # than asked for (its own cap), and `Limit`/`Offset` echo the request.
        yield from self.offset_listing_page(
            response,
            keys,
            offset=offset,
            step=len(rows),
            total=total,
            request=self.listing_page_request,
            shown=len(rows),
            selector=f"items[0].requisitionList[].{ROW_ID}",
        )

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its detail JSON (and its listing row)."""
        job = self._parse_requisition(response, key)
        key = key or squash(str(job["Id"]))
        flex = self._parse_flex(job)
        named = self._parse_named(flex)
        primary = job.get("PrimaryLocation") or listed.get("PrimaryLocation")
        location, country = self._parse_location(primary)
        grade = named.get("grade") or squash(job.get("JobGrade"))
        contract = (
            named.get("contract_type") or job.get("ContractType") or listed.get("ContractType")
        )
        return {
            "source_key": key,
            "url": self.public_url(key),
            "title": self._parse_title(job, listed),
            "organization": self._parse_organization(named),
            "location": named.get("location") or location,
            "country": named.get("country") or country,
            "grade": normalize_grade(grade),
            "contract_type": squash(contract) or None,
            "job_number": named.get("job_number") or key,
            "posted_date": self._parse_posted(job, listed, named),
            "closing_date": self._parse_closing(job, named),
            "status": "open",
            "categories": self._parse_categories(job, listed),
            "text": self._parse_text(job),
            "extra": self._parse_extra(job, listed, named, grade),
        }

    # -- helpers ------------------------------------------------------------------------

    def _parse_search(self, response: Response) -> dict[str, Any]:
        """The one search result of a listing answer (`items[0]`), with `SEARCH_KEYS`;
        `PageUnusable` naming what is missing."""
        items = self._parse_items(response, "listing")  # checked by `read_listing`
        if not items:
            raise PageUnusable("no search result (items[0]) in the answer")
        search = items[0]
        for name in SEARCH_KEYS:
            if name not in search:
                raise PageUnusable(f"no items[0].{name} in the answer (the API changed?)")
        if not isinstance(search["requisitionList"], list):
            raise PageUnusable("items[0].requisitionList is not a list")
        try:
            total = int(search["TotalJobsCount"])
        except (TypeError, ValueError):
            raise PageUnusable("items[0].TotalJobsCount is not a number") from None
        return {**search, "TotalJobsCount": total}

    def _parse_requisition(self, response: Response, key: str) -> dict[str, Any]:
        """The requisition of a detail answer (`items[0]`), with the required keys;
        `PageUnusable` when the answer holds none (a finder that matched nothing)."""
        items = self._parse_items(response, "detail")
        if not items:
            raise PageUnusable(f"no requisition {key or ''} in the answer (none matched)")
        job = items[0]
        for name in REQUIRED_DETAIL_KEYS:
            if name not in job:
                raise PageUnusable(f"no items[0].{name} in the answer (the API changed?)")
        if key and squash(str(job["Id"])) != key:
            raise PageUnusable(f"the answer is requisition {job['Id']}, not {key}")
        return job

    def _parse_items(self, response: Response, what: str) -> list[dict[str, Any]]:
        """The `items` of an ORC answer (already checked to be JSON), the objects."""
        data = _json(response)
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise PageUnusable(f"no items in the answer: not an Oracle Recruiting {what} answer")
        return [item for item in items if isinstance(item, dict)]

    def _parse_flex(self, job: dict[str, Any]) -> dict[str, str]:
        """The requisition's flex fields, {Prompt: Value}."""
        return {
            squash(f.get("Prompt")): squash(str(f.get("Value") or ""))
            for f in job.get("requisitionFlexFields") or []
            if isinstance(f, dict) and f.get("Prompt") and f.get("Value")
        }

    def _parse_named(self, flex: dict[str, str]) -> dict[str, str]:
        """The flex fields the tenant's prompts name, {field or extra key: value}; of two
        prompts for one field, the requisition's first."""
        named: dict[str, str] = {}
        for prompt, value in flex.items():
            name = self.tenant.flex.get(prompt.lower())
            if name:
                named.setdefault(name, value)
        return named

    def _parse_title(self, job: dict[str, Any], listed: dict[str, Any]) -> str | None:
        """The requisition title."""
        return squash(job.get("Title") or listed.get("Title")) or None

    def _parse_organization(self, named: dict[str, str]) -> str | None:
        """The hiring agency a flex field names (UN Women, UNV, OCHA...), else the source's."""
        return named.get("organization") or self.facts.organization

    def _parse_location(self, primary: str | None) -> tuple[str | None, str | None]:
        """(duty station, country) from "Kabul, Afghanistan" or "City, State, Country"."""
        parts = [p.strip() for p in squash(primary).split(",") if p.strip()]
        if not parts:
            return None, None
        if len(parts) == 1:  # a country-wide posting names only the country
            return None, parts[0]
        return parts[0], parts[-1]

    def _parse_posted(
        self, job: dict[str, Any], listed: dict[str, Any], named: dict[str, str]
    ) -> str | None:
        """A date the tenant writes itself, else the external posting start as a date of
        the site's zone, else the listing's PostedDate."""
        if written := self._date(named.get("posted_date")):
            return written
        start = job.get("ExternalPostedStartDate")
        if start:
            return local_date(str(start), self.time_zone)
        return self._date(listed.get("PostedDate"))

    def _parse_closing(self, job: dict[str, Any], named: dict[str, str]) -> str | None:
        """A deadline the tenant writes itself, else the external posting end (23:59 of the
        site's zone, written in UTC) as a date of that zone."""
        if written := self._date(named.get("closing_date")):
            return written
        end = job.get("ExternalPostedEndDate")
        return local_date(str(end), self.time_zone) if end else None

    def _parse_categories(self, job: dict[str, Any], listed: dict[str, Any]) -> list[str]:
        """The job category: the detail's `Category`, else the listing's `JobFamily`."""
        family = squash(job.get("Category") or job.get("JobFamily") or listed.get("JobFamily"))
        return [family] if family else []

    def _parse_text(self, job: dict[str, Any]) -> str:
        """The description, then its other parts under their headings."""
        parts = [_html(job.get("ExternalDescriptionStr"))]
        for name, heading in DESCRIPTION_PARTS.items():
            part = _html(job.get(name))
            if part and part not in parts:
                parts.append(f"<h2>{heading}</h2>\n{part}")
        html = "\n".join(part for part in parts if part)
        return fragment_text(html) if html else ""

    def _parse_extra(
        self, job: dict[str, Any], listed: dict[str, Any], named: dict[str, str], grade: str
    ) -> dict[str, Any]:
        """The site's own fields; never ORC's daily badges (HotJobFlag, TrendingFlag...)."""
        extra: dict[str, Any] = {
            "site_number": self.site_number,
            "worker_type": job.get("WorkerType") or listed.get("WorkerType"),
            "workplace_type": job.get("WorkplaceType") or listed.get("WorkplaceType"),
            "primary_location": job.get("PrimaryLocation") or listed.get("PrimaryLocation"),
            # A grade the normalizer does not know ("NUNV Specialist") is kept as written.
            "grade_raw": grade if grade and not normalize_grade(grade) else None,
            "secondary_locations": [
                squash(loc.get("Name") or loc.get("LocationName"))
                for loc in job.get("secondaryLocations") or []
                if isinstance(loc, dict)
            ],
        }
        for name in dict.fromkeys(self.tenant.flex.values()):
            if name not in LABEL_FIELDS:  # an archive field is read above, not kept twice
                extra[name] = named.get(name)
        return {k: v for k, v in extra.items() if v}

    def _date(self, value: Any) -> str | None:
        """A date as the tenant writes it, in the source's date order, in ISO form."""
        if not isinstance(value, str) or not value.strip():
            return None
        return parse_date(value, day_first=self.facts.day_first, tz=self.time_zone)


def _html(value: Any) -> str:
    """An HTML part of the answer, or "" when it is empty (null, "", only white space)."""
    return value.strip() if isinstance(value, str) and value.strip() else ""


def _json(response: Response) -> Any:
    """The response body as JSON, or None."""
    try:
        return response.json()
    except (ValueError, AttributeError):
        return None


def tenant_spider(config: SourceConfig) -> type[OracleSpider]:
    """The spider of a `kind = "oracle"` source of a sources file."""
    site_number = config.platform["site_number"]
    attrs = class_attrs(
        config,
        f"Oracle Recruiting Cloud site {site_number} on {config.platform['host']}",
        __name__,
        tenant=OracleTenant(site_number, {**FLEX_PROMPTS, **config.labels}),
        facts=oracle_facts(
            organization=config.organization,
            hosts=config.allowed_hosts,
            day_first=config.day_first,
            tz=config.timezone,
        ),
    )
    return type(class_name(config.name), (FromConfig, OracleSpider), attrs)
