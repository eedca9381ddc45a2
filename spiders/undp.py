"""UNDP careers: the Oracle Recruiting Cloud REST API of estm.fa.em2.oraclecloud.com; SOURCES.md §8.

Listing: `recruitingCEJobRequisitions` with the `findReqs` finder, paged by limit/offset
until offset reaches `items[0].TotalJobsCount` (the outer `hasMore` is about the one
search item, not the jobs). Detail: `recruitingCEJobRequisitionDetails` with the `ById`
finder; a finder that matches nothing answers 200 with no items, counted as a failure.

The site number (`CX_1`; one recon note says `CX_2`) is the setting `UNDP_SITE_NUMBER` or
the spider argument `site_number`; the page size is `UNDP_PAGE_SIZE` / `limit` (default
50, at most 200, the API's maximum).

The keys the spider relies on are named once below (`SEARCH_KEYS`, `ROW_ID`,
`DETAIL_KEYS`); the mock serves them within the key sets of real ORC answers (another
tenant's), and tests check the mock has them. Real answers show what to survive:
`requisitionFlexFields: []`, nulls where UNDP fills a value (`JobFamily`,
`ContractType`, `PostingEndDate` of the listing), `ExternalDescriptionStr` HTML with
newlines, a description in several parts (`ExternalResponsibilitiesStr`,
`ExternalQualificationsStr`, the corporate description), all of which make the text.
An answer without the keys is refused (`PageUnusable` naming the key), never stored.

Dates: `ExternalPostedEndDate` is an instant written in UTC; UNDP states its deadlines
in New York time (23:59), so the closing date is its date in `UNDP_TIME_ZONE`
(America/New_York), not the UTC date, which is a day late. The organization is the flex
field "Agency" (the tenant also hires for UN Women, UNV and OCHA), else UNDP.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.dates import local_date, parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.sitefacts import SiteFacts
from spiders.base import JobSpider, PageUnusable, squash

API = "/hcmRestApi/resources/latest"
DEFAULT_SITE_NUMBER = "CX_1"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200  # the API answers 400 above this
DEFAULT_TIME_ZONE = "America/New_York"
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
# Flex-field prompts kept in `extra`, by extra key.
FLEX_EXTRA = {
    "Practice Area": "practice_area",
    "Bureau": "bureau",
    "Contract Duration": "contract_duration",
    "Vacancy Type": "vacancy_type",
}


class UndpSpider(JobSpider):
    name = "undp"
    default_base_url = "https://estm.fa.em2.oraclecloud.com"
    kind = "Oracle Recruiting Cloud REST API (JSON)"
    facts = SiteFacts(
        day_first=True,
        tz=DEFAULT_TIME_ZONE,
        organization="UNDP",
        hosts=("oraclecloud.com", "undp.org"),
        detail_format="json",
        listing_format="json",
        expected={
            "title": "items[0].Title",
            "text": "items[0].ExternalDescriptionStr",
            "closing_date": "items[0].ExternalPostedEndDate",
        },
    )

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
        """A project setting, or `default` when the spider runs without a crawler (tests)."""
        if getattr(self, "crawler", None) is None:
            return default
        return self.settings.get(name) or default

    @property
    def site_number(self) -> str:
        """The career site: argument `site_number`, else UNDP_SITE_NUMBER, else CX_1."""
        return str(self._site_number_arg or self._setting("UNDP_SITE_NUMBER", DEFAULT_SITE_NUMBER))

    @property
    def page_size(self) -> int:
        """Postings per listing request: argument `limit`, else UNDP_PAGE_SIZE, capped at 200."""
        size = int(self._limit_arg or self._setting("UNDP_PAGE_SIZE", DEFAULT_PAGE_SIZE))
        return max(1, min(size, MAX_PAGE_SIZE))

    @property
    def time_zone(self) -> str:
        """The zone UNDP states deadlines in (UNDP_TIME_ZONE, default New York)."""
        return str(self._setting("UNDP_TIME_ZONE", DEFAULT_TIME_ZONE))

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
        primary = job.get("PrimaryLocation") or listed.get("PrimaryLocation")
        location, country = self._parse_location(primary)
        grade = flex.get("Grade") or squash(job.get("JobGrade"))
        return {
            "source_key": key,
            "url": self.public_url(key),
            "title": self._parse_title(job, listed),
            "organization": self._parse_organization(flex),
            "location": location,
            "country": country,
            "grade": normalize_grade(grade),
            "contract_type": squash(job.get("ContractType") or listed.get("ContractType")) or None,
            "job_number": key,
            "posted_date": self._parse_posted(job, listed),
            "closing_date": self._parse_closing(job),
            "status": "open",
            "categories": self._parse_categories(job, listed),
            "text": self._parse_text(job),
            "extra": self._parse_extra(job, listed, flex, grade),
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

    def _parse_title(self, job: dict[str, Any], listed: dict[str, Any]) -> str | None:
        """The requisition title."""
        return squash(job.get("Title") or listed.get("Title")) or None

    def _parse_organization(self, flex: dict[str, str]) -> str:
        """The hiring agency the flex field "Agency" names (UN Women, UNV, OCHA...), else UNDP."""
        return flex.get("Agency") or self.facts.organization or "UNDP"

    def _parse_location(self, primary: str | None) -> tuple[str | None, str | None]:
        """(duty station, country) from "Kabul, Afghanistan" or "City, State, Country"."""
        parts = [p.strip() for p in squash(primary).split(",") if p.strip()]
        if not parts:
            return None, None
        if len(parts) == 1:  # a country-wide posting names only the country
            return None, parts[0]
        return parts[0], parts[-1]

    def _parse_posted(self, job: dict[str, Any], listed: dict[str, Any]) -> str | None:
        """The external posting start, as a UNDP (New York) date; else the listing's PostedDate."""
        start = job.get("ExternalPostedStartDate")
        if start:
            return local_date(str(start), self.time_zone)
        return parse_date(listed.get("PostedDate"), day_first=True, tz=self.time_zone)

    def _parse_closing(self, job: dict[str, Any]) -> str | None:
        """The external posting end (23:59 New York, written in UTC) as a New York date."""
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
        self, job: dict[str, Any], listed: dict[str, Any], flex: dict[str, str], grade: str
    ) -> dict[str, Any]:
        """UNDP's own fields; never ORC's daily badges (HotJobFlag, TrendingFlag...)."""
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
        for prompt, name in FLEX_EXTRA.items():
            extra[name] = flex.get(prompt)
        return {k: v for k, v in extra.items() if v}


def _html(value: Any) -> str:
    """An HTML part of the answer, or "" when it is empty (null, "", only white space)."""
    return value.strip() if isinstance(value, str) and value.strip() else ""


def _json(response: Response) -> Any:
    """The response body as JSON, or None."""
    try:
        return response.json()
    except (ValueError, AttributeError):
        return None
