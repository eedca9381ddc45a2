"""UN Careers (careers.un.org), the UN Secretariat's job openings; SOURCES.md §4.

The site is an Angular app over a public JSON API, which the spider reads:

1. The listing: `POST /api/public/opening/jo/list/filteredV2/en` with an empty filter
   and `pagination` {0-based `page`, `itemPerPage`, `sortBy` (required: the API answers
   500 without it), `sortDirection`}. `data.count` says when the last page is read.
2. Each opening's detail: `GET /api/public/opening/jo/{jobId}/en` -> `data`, whose
   `jobDescription` HTML holds `jobPostingItemTitle` / `jobPostingItemContent` sections;
   they become the text, each title a heading.

Dates: `startDate`/`endDate` are UTC instants standing for New York midnight and
23:59:59 ("2026-06-07T03:59:59.000Z" is 6 June, 23:59:59 in New York); the archive
keeps the New York date, the one the site shows.

`itemPerPage` (default 20) is the spider argument `page_size` or the setting
`UNCAREERS_PAGE_SIZE`. careers.un.org's robots.txt is the app's HTML page, which holds
no rules: Scrapy's robots parser allows everything, so robots.txt stays obeyed.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from lxml import html as lxml_html
from scrapy.http import Response

from crawler.dates import local_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.items import JobPosting
from spiders.base import JobSpider, squash

TIME_ZONE = "America/New_York"
LIST_PATH = "/api/public/opening/jo/list/filteredV2/en"
# Every filter the site's search form sends, all empty: no filtering.
EMPTY_FILTER: dict[str, Any] = {
    "keyword": "", "aoe": [], "aoi": [], "el": [], "ct": [], "ds": [], "jn": [], "jf": [],
    "jc": [], "jle": [], "dept": [], "span": [],
}  # fmt: skip
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}

# Words kept in lower case inside a place name ("Dar es Salaam", "Port-au-Prince").
_LOWER_WORDS = {"es", "de", "du", "des", "da", "do", "dos", "di", "del", "la", "le", "les",
                "el", "au", "aux", "en", "of", "and", "the", "sur"}  # fmt: skip


def title_case_place(name: str | None) -> str | None:
    """A duty station as people write it: "BONN" -> "Bonn", "DAR ES SALAAM" ->
    "Dar es Salaam", "PORT-AU-PRINCE" -> "Port-au-Prince", "N'DJAMENA" -> "N'Djamena"."""
    text = squash(name)
    if not text:
        return None
    if not text.isupper():  # already written in mixed case: leave it
        return text

    def word(part: str, first: bool) -> str:
        lower = part.lower()
        if not first and lower in _LOWER_WORDS:
            return lower
        return re.sub(r"(^|['’])(\w)", lambda m: m.group(1) + m.group(2).upper(), lower)

    out = []
    for index, token in enumerate(text.split(" ")):
        pieces = token.split("-")
        out.append("-".join(word(p, index == 0 and i == 0) for i, p in enumerate(pieces)))
    return " ".join(out)


class UncareersSpider(JobSpider):
    name = "uncareers"
    default_base_url = "https://careers.un.org"
    kind = "UN Careers public API: JSON listing (POST) + JSON details"

    def __init__(self, *args: Any, page_size: int | str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_size_arg = page_size
        self.listing_counts: list[int] = []

    @property
    def page_size(self) -> int:
        value: Any = self._page_size_arg
        if value in (None, "") and getattr(self, "crawler", None) is not None:
            value = self.settings.get("UNCAREERS_PAGE_SIZE")
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            return 20

    def public_url(self, job_id: str) -> str:
        """The opening's page on the site (the Angular app's route)."""
        return self.url(f"/jobSearchDescription/{job_id}?language=en")

    # -- listing ------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(0)

    def listing_request(self, page: int) -> scrapy.Request:
        """Listing page `page` (0-based), newest openings first."""
        body = {
            "filterConfig": EMPTY_FILTER,
            "pagination": {
                "page": page,
                "itemPerPage": self.page_size,
                "sortBy": "startDate",
                "sortDirection": -1,
            },
        }
        return scrapy.Request(
            self.url(LIST_PATH),
            method="POST",
            body=json.dumps(body),
            headers=JSON_HEADERS,
            callback=self.parse,
            errback=self.listing_failed,
            cb_kwargs={"page": page},
            dont_filter=True,
        )

    def parse(self, response: Response, page: int = 0, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each opening's detail, then the next page."""
        try:
            answer = response.json()
            data = answer["data"]
            openings = data["list"]
            count = int(data["count"])
            if not isinstance(openings, list):
                raise TypeError("list is not a list")
        except (ValueError, KeyError, TypeError):
            self.page_unusable("listing", response, "not a UN Careers API answer")
            return
        self.listing_counts.append(count)
        for opening in openings:
            job_id = opening.get("jobId") if isinstance(opening, dict) else None
            if job_id in (None, ""):
                continue
            key = self.listed(job_id)
            yield scrapy.Request(
                self.url(f"/api/public/opening/jo/{key}/en"),
                headers={"Accept": "application/json"},
                callback=self.parse_job,
                errback=self.detail_failed,
                cb_kwargs={"key": key, "listed": opening},
            )
        if (page + 1) * self.page_size >= count:
            self._finish_listing(count)
        elif openings:
            yield self.listing_request(page + 1)
        else:  # an empty page before `count` is reached: openings we never saw
            self.page_unusable("listing", response, f"empty page {page} of {count} openings")

    def _finish_listing(self, count: int) -> None:
        """Complete only if every page agreed on the count and every opening was seen."""
        if len(set(self.listing_counts)) == 1 and len(self.listed_keys) >= count:
            self.listing_finished()
            return
        self.logger.warning(
            "The listing changed while it was read (counts %s, %d distinct openings seen): "
            "nothing is marked removed this time.",
            self.listing_counts,
            len(self.listed_keys),
        )

    # -- detail -------------------------------------------------------------------------

    def parse_job(
        self, response: Response, key: str, listed: dict[str, Any] | None = None
    ) -> Iterator[JobPosting]:
        """Build the posting from the detail's `data` (list fields fill any gap)."""
        try:
            data = response.json().get("data")
        except (ValueError, AttributeError):
            data = None
        if not isinstance(data, dict) or str(data.get("jobId", key)) != key:
            self.page_unusable("detail", response, "no opening in the answer")
            return
        job = {**(listed or {}), **{k: v for k, v in data.items() if v not in (None, "")}}
        grade_raw = squash(job.get("jobLevel")) or None
        station_raw = self._parse_station(job)
        yield self.posting(
            response,
            key,
            url=self.public_url(key),
            title=self._parse_title(job),
            organization=self._parse_organization(job),
            location=title_case_place(station_raw),
            grade=normalize_grade(grade_raw) or grade_raw,
            contract_type=squash(job.get("recruitmentType")) or None,
            job_number=key,
            posted_date=self._parse_date(job.get("startDate")),
            closing_date=self._parse_date(job.get("endDate")),
            categories=self._parse_categories(job),
            text=self._parse_text(job.get("jobDescription")),
            extra=self._parse_extra(job, station_raw, grade_raw),
        )

    def _parse_title(self, job: dict[str, Any]) -> str | None:
        """`jobTitle`; else `postingTitle` without its ", P3" level suffix."""
        title = squash(job.get("jobTitle"))
        if not title:
            title = re.sub(r",\s*[A-Z]{1,3}-?\w{0,3}$", "", squash(job.get("postingTitle")))
        return title or None

    def _parse_organization(self, job: dict[str, Any]) -> str | None:
        """The Secretariat entity: `dept.name`, else the detail's `departmentDescr`."""
        dept = job.get("dept")
        name = squash(dept.get("name")) if isinstance(dept, dict) else ""
        return name or squash(job.get("departmentDescr")) or None

    def _parse_station(self, job: dict[str, Any]) -> str | None:
        """The first duty station's description as the API writes it ("BONN")."""
        stations = job.get("dutyStation")
        if isinstance(stations, list) and stations and isinstance(stations[0], dict):
            return squash(stations[0].get("description")) or None
        return None

    def _parse_date(self, value: Any) -> str | None:
        """The New York date of a UTC instant."""
        if not isinstance(value, str) or not value.strip():
            return None
        return local_date(value, TIME_ZONE)

    def _parse_categories(self, job: dict[str, Any]) -> list[str]:
        """The job family (`jf.Name`) and, when the answer has one, the job network (`jn`)."""
        out = []
        for field in ("jf", "jn"):
            value = job.get(field)
            if isinstance(value, dict):
                value = value.get("Name") or value.get("name")
            name = squash(value) if isinstance(value, str) else ""
            if name and name not in out:
                out.append(name)
        return out

    def _parse_text(self, description: Any) -> str:
        """The description's sections as text, each section title a heading."""
        if not isinstance(description, str) or not description.strip():
            return ""
        tree = lxml_html.fragment_fromstring(description, create_parent="div")
        items = tree.xpath(
            ".//*[contains(concat(' ', normalize-space(@class), ' '), ' jobPostingItem ')]"
        )
        if not items:
            return fragment_text(description)
        parts = []
        for item in items:
            title = item.xpath(".//*[contains(@class, 'jobPostingItemTitle')]")
            content = item.xpath(".//*[contains(@class, 'jobPostingItemContent')]")
            if title:
                parts.append(f"<h2>{_escape(squash(title[0].text_content()))}</h2>")
            if content:
                parts.append(_inner_html(content[0]))
        return fragment_text("".join(parts))

    def _parse_extra(
        self, job: dict[str, Any], station_raw: str | None, grade_raw: str | None
    ) -> dict[str, Any]:
        """UN Careers' own fields, the raw duty station and level among them."""
        stations = [
            squash(s.get("description"))
            for s in job.get("dutyStation") or []
            if isinstance(s, dict) and s.get("description")
        ]
        jc, dept = job.get("jc"), job.get("dept")
        extra: dict[str, Any] = {
            "posting_title": squash(job.get("postingTitle")),
            "duty_station_raw": station_raw,
            "duty_stations": stations if len(stations) > 1 else None,
            "duty_station_code": _first(job.get("dutyStation"), "code"),
            "job_level": grade_raw,
            "job_category": squash(jc.get("name")) if isinstance(jc, dict) else None,
            "department_code": squash(dept.get("code")) if isinstance(dept, dict) else None,
            "department": squash(job.get("departmentDescr")),
            "job_family_code": squash(job.get("jobFamilyCode")),
            "job_code_title": squash(job.get("jobCodeTitle")),
            "apply_url": squash(job.get("inspiraURL")),
            "start_date": job.get("startDate"),
            "end_date": job.get("endDate"),
        }
        return {k: v for k, v in extra.items() if v not in (None, "", [])}


def _first(values: Any, name: str) -> str | None:
    if isinstance(values, list) and values and isinstance(values[0], dict):
        return squash(str(values[0].get(name) or "")) or None
    return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inner_html(element: Any) -> str:
    """The markup inside `element` (its text and children), without the element itself."""
    text = _escape(element.text or "")
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in element)
