"""UNDP careers: the Oracle Recruiting Cloud REST API of estm.fa.em2.oraclecloud.com; SOURCES.md §8.

Listing: `recruitingCEJobRequisitions` with the `findReqs` finder, paged by limit/offset
until offset reaches `items[0].TotalJobsCount` (the outer `hasMore` is about the one
search item, not the jobs). Detail: `recruitingCEJobRequisitionDetails` with the `ById`
finder; a finder that matches nothing answers 200 with no items, counted as a failure.

The site number (`CX_1`; one recon note says `CX_2`) is the setting `UNDP_SITE_NUMBER` or
the spider argument `site_number`; the page size is `UNDP_PAGE_SIZE` / `limit` (default
50, at most 200, the API's maximum).

Dates: `ExternalPostedEndDate` is an instant written in UTC; UNDP states its deadlines
in New York time (23:59), so the closing date is its date in `UNDP_TIME_ZONE`
(America/New_York), not the UTC date, which is a day late. The organization is the flex
field "Agency" (the tenant also hires for UN Women, UNV and OCHA), else UNDP.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.dates import local_date, parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.items import JobPosting
from spiders.base import JobSpider, squash

API = "/hcmRestApi/resources/latest"
DEFAULT_SITE_NUMBER = "CX_1"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200  # the API answers 400 above this
DEFAULT_TIME_ZONE = "America/New_York"
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

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(0)

    def listing_request(self, offset: int) -> scrapy.Request:
        """The listing page at `offset`, newest postings first."""
        finder = (
            f"findReqs;siteNumber={self.site_number},limit={self.page_size},"
            f"offset={offset},sortBy=POSTING_DATES_DESC"
        )
        return scrapy.Request(
            self.url(
                f"{API}/recruitingCEJobRequisitions?onlyData=true"
                "&expand=requisitionList.workLocation,requisitionList.secondaryLocations"
                f"&finder={finder}"
            ),
            headers={"Accept": "application/json"},
            callback=self.parse,
            errback=self.listing_failed,
            cb_kwargs={"offset": offset},
            dont_filter=True,
        )

    def detail_request(self, key: str, listed: dict[str, Any]) -> scrapy.Request:
        """The detail of requisition `key`; the listing row rides along for its fields."""
        return scrapy.Request(
            self.url(
                f"{API}/recruitingCEJobRequisitionDetails?expand=all&onlyData=true"
                f'&finder=ById;Id="{key}",siteNumber={self.site_number}'
            ),
            headers={"Accept": "application/json"},
            callback=self.parse_job,
            errback=self.detail_failed,
            cb_kwargs={"key": key, "listed": listed},
        )

    def public_url(self, key: str) -> str:
        """The posting's page in Oracle's Candidate Experience."""
        return self.url(f"/hcmUI/CandidateExperience/en/sites/{self.site_number}/job/{key}")

    # -- callbacks ----------------------------------------------------------------------

    def parse(self, response: Response, offset: int = 0, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each requisition's detail, then the next page or finish."""
        search = self._parse_search(response)
        if search is None:
            self.page_unusable("listing", response, "no search result in the answer")
            return
        total = int(search.get("TotalJobsCount") or 0)
        rows = search.get("requisitionList") or []
        for row in rows:
            key = squash(str(row.get("Id") or ""))
            if key:
                yield self.detail_request(self.listed(key), row)
        next_offset = offset + self.page_size
        if self.more_pages(response, offset, next_offset, total, len(rows)):
            yield self.listing_request(next_offset)

    def parse_job(
        self, response: Response, key: str, listed: dict[str, Any] | None = None
    ) -> Iterator[JobPosting]:
        """Build the posting from its detail JSON (and its listing row)."""
        listed = listed or {}
        job = self._parse_detail(response)
        if job is None:
            self.page_unusable("detail", response, f"no requisition {key} in the answer")
            return
        flex = self._parse_flex(job)
        primary = job.get("PrimaryLocation") or listed.get("PrimaryLocation")
        location, country = self._parse_location(primary)
        description = job.get("ExternalDescriptionStr") or ""
        yield self.posting(
            response,
            key,
            url=self.public_url(key),
            title=self._parse_title(job, listed),
            organization=self._parse_organization(flex),
            location=location,
            country=country,
            grade=normalize_grade(flex.get("Grade")),
            contract_type=squash(job.get("ContractType") or listed.get("ContractType")) or None,
            job_number=key,
            posted_date=self._parse_posted(job, listed),
            closing_date=self._parse_closing(job),
            status="open",
            categories=self._parse_categories(job, listed),
            text=fragment_text(description) if description.strip() else "",
            extra=self._parse_extra(job, listed, flex),
        )

    # -- helpers ------------------------------------------------------------------------

    def _parse_search(self, response: Response) -> dict[str, Any] | None:
        """The one search result of a listing answer (`items[0]`), or None."""
        data = _json(response)
        items = data.get("items") if isinstance(data, dict) else None
        if not items or not isinstance(items[0], dict) or "TotalJobsCount" not in items[0]:
            return None
        return items[0]

    def _parse_detail(self, response: Response) -> dict[str, Any] | None:
        """The requisition of a detail answer (`items[0]`), or None when there is none."""
        data = _json(response)
        items = data.get("items") if isinstance(data, dict) else None
        return items[0] if items and isinstance(items[0], dict) else None

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
        return flex.get("Agency") or "UNDP"

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
        """The job family."""
        family = squash(job.get("JobFamily") or listed.get("JobFamily"))
        return [family] if family else []

    def _parse_extra(
        self, job: dict[str, Any], listed: dict[str, Any], flex: dict[str, str]
    ) -> dict[str, Any]:
        """UNDP's own fields; never ORC's daily badges (HotJobFlag, TrendingFlag...)."""
        grade = flex.get("Grade")
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


def _json(response: Response) -> Any:
    """The response body as JSON, or None."""
    try:
        return response.json()
    except (ValueError, AttributeError):
        return None
