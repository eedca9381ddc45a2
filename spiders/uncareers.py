"""UN Careers (careers.un.org), the UN Secretariat's job openings.

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

The JSON keys the spider relies on are named once below (`LIST_KEY`, `COUNT_KEY`,
`ID_KEY`, `DETAIL_KEYS`, `SECTION_CLASSES`); tests check that the real API's answer
and the mock both have them. An answer without
them is refused loudly (`PageUnusable` naming the key), never stored.

`itemPerPage` (default 20) is the spider argument `page_size` or the setting
`UNCAREERS_PAGE_SIZE`. careers.un.org's robots.txt is the app's HTML page, which holds
no rules: Scrapy's robots parser allows everything, so robots.txt stays obeyed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import scrapy
from lxml import html as lxml_html
from scrapy.http import Response

from crawler.dates import local_date
from crawler.extract import fragment_text
from crawler.fields import parse_fragment
from crawler.grades import normalize_grade
from crawler.sitefacts import SiteFacts
from spiders.base import JobSpider, PageUnusable, squash

TIME_ZONE = "America/New_York"
LIST_PATH = "/api/public/opening/jo/list/filteredV2/en"
# Every filter the site's search form sends, all empty: no filtering.
EMPTY_FILTER: dict[str, Any] = {
    "keyword": "", "aoe": [], "aoi": [], "el": [], "ct": [], "ds": [], "jn": [], "jf": [],
    "jc": [], "jle": [], "dept": [], "span": [],
}  # fmt: skip
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}

# The keys the spider relies on. A listing answer: `data.list` (the openings of the page)
# and `data.count` (all openings); each opening's `jobId`.
LIST_KEY, COUNT_KEY, ID_KEY = "list", "count", "jobId"
#: The keys of a detail answer's `data` the fields are read from, all in the real answer.
DETAIL_KEYS = ("jobId", "jobTitle", "jobDescription", "dutyStation", "jobLevel", "startDate",
               "endDate")  # fmt: skip
#: Of those, the ones without which an answer is no opening at all.
REQUIRED_DETAIL_KEYS = ("jobId", "jobDescription")
#: The classes of `jobDescription`'s sections: one item, its title, its content.
SECTION_CLASSES = ("jobPostingItem", "jobPostingItemTitle", "jobPostingItemContent")

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
    facts = SiteFacts(
        # The RSS writes "10/09/2026 23:59:59 PM (New York time)": month first.
        day_first=False,
        tz=TIME_ZONE,
        organization="United Nations",
        hosts=("careers.un.org",),
        detail_format="json",
        listing_format="json",
        expected={
            "title": "data.jobTitle",
            "text": "data.jobDescription",
            "location": "data.dutyStation[0].description",
            "grade": "data.jobLevel",
            "closing_date": "data.endDate",
        },
    )

    def __init__(self, *args: Any, page_size: int | str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_size_arg = page_size

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

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.listing_page_request(0)

    def listing_page_request(self, page: int) -> scrapy.Request:
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
        return self.listing_request(
            self.url(LIST_PATH),
            method="POST",
            body=json.dumps(body),
            headers=JSON_HEADERS,
            cb_kwargs={"page": page},
        )

    def parse(self, response: Response, page: int = 0, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each opening's detail, then the next page."""
        openings, count = self._parse_listing(response)
        keys = []
        for opening in openings:
            job_id = opening.get(ID_KEY) if isinstance(opening, dict) else None
            if job_id in (None, ""):
                continue
            key = str(job_id).strip()
            keys.append(key)
            yield from self.posting_request(
                key,
                self.url(f"/api/public/opening/jo/{key}/en"),
                listed=opening,
                headers={"Accept": "application/json"},
            )
        more = (page + 1) * self.page_size < count and bool(openings)
        yield from self.listing_page(
            response,
            keys,
            shown=len(openings),
            total=count,
            next_page=self.listing_page_request(page + 1) if more else None,
            selector=f"data.{LIST_KEY}[].{ID_KEY}",
        )

    def _parse_listing(self, response: Response) -> tuple[list[Any], int]:
        """(the page's openings, the stated count) of a listing answer; `PageUnusable`
        naming what is missing when it is no UN Careers listing (the framework has
        already refused what is no JSON, `read_listing`)."""
        answer = json.loads(response.body)
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, dict):
            raise PageUnusable("no data in the answer: not a UN Careers listing")
        openings, count = data.get(LIST_KEY), data.get(COUNT_KEY)
        if not isinstance(openings, list):
            raise PageUnusable(f"no data.{LIST_KEY} list in the answer (the API changed?)")
        try:
            return openings, int(count)
        except (TypeError, ValueError):
            raise PageUnusable(f"no data.{COUNT_KEY} in the answer (the API changed?)") from None

    # -- detail -------------------------------------------------------------------------

    def key_from_url(self, url: str) -> str | None:
        match = re.search(r"/jo/(\d+)/", url)
        return match.group(1) if match else None

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The opening's fields from the detail's `data` (list fields fill any gap)."""
        answer = json.loads(response.body)
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, dict):
            message = squash(answer.get("message")) if isinstance(answer, dict) else ""
            raise PageUnusable(f"no opening in the answer ({message or 'no data'})")
        for name in REQUIRED_DETAIL_KEYS:
            if name not in data:
                raise PageUnusable(f"no data.{name} in the answer (the API changed?)")
        if key and str(data[ID_KEY]).strip() != key:
            raise PageUnusable(f"the answer is opening {data[ID_KEY]}, not {key}")
        key = key or str(data[ID_KEY]).strip()
        job = {**listed, **{k: v for k, v in data.items() if v not in (None, "")}}
        grade_raw = squash(job.get("jobLevel")) or None
        station_raw = self._parse_station(job)
        return {
            "source_key": key,
            "url": self.public_url(key),
            "title": self._parse_title(job),
            "organization": self._parse_organization(job),
            "location": title_case_place(station_raw),
            "grade": normalize_grade(grade_raw) or grade_raw,
            "contract_type": squash(job.get("recruitmentType")) or None,
            "job_number": key,
            "posted_date": self._parse_date(job.get("startDate")),
            "closing_date": self._parse_date(job.get("endDate")),
            "categories": self._parse_categories(job),
            "text": self._parse_text(job.get("jobDescription")),
            "extra": self._parse_extra(job, station_raw, grade_raw),
        }

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
        tree = parse_fragment(description)
        item_class, title_class, content_class = SECTION_CLASSES
        items = tree.xpath(_has_class(item_class))
        if not items:
            return fragment_text(description)
        parts = []
        for item in items:
            title = item.xpath(_has_class(title_class))
            content = item.xpath(_has_class(content_class))
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
            "grade_raw": grade_raw,
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


def _has_class(name: str) -> str:
    """XPath of the descendants whose class attribute holds `name` as a whole word."""
    return f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


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
