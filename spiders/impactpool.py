"""Impactpool: www.impactpool.org, a job aggregator for UN agencies and NGOs; SOURCES.md §5.

Detail pages (`/jobs/<numeric id>`, CONFIRMED layout): the title, then bullets
`Organization:` ("UNHCR - United Nations High Commissioner for Refugees"), `Location:`
(a city), `Grade:` ("Junior level - P-2, International Professional - Internationally
recruited position"), `Occupational Groups:` (a nested list), `Closing Date:` (an ISO date
or "Closed"), then the posting. The newer template adds a city line under the title and a
"Job Description" heading; the spider reads both. The numeric id is the source key.

Listing: INFERRED. Impactpool's own search page is driven by JavaScript and SOURCES.md
gives no listing format, so the spider reads a server-rendered listing `/jobs?page=N`
(20 jobs a page in the mock), each page stating the total ("55 jobs found") and linking
the next page with `rel="next"`. The listing is complete when the last page (one without
a next link) has been read after every page before it, and the listing showed at least
the total that page 1 stated; fewer keys than that (postings shifting between pages while
we read) leaves the listing incomplete, so nothing is marked removed. Job links are read
from the results only (`.job-list`): the "Featured jobs" box repeats jobs of other pages.

Fields as the archive stores them:
- organization: as shown ("UNHCR - United Nations High Commissioner for Refugees");
  extra `organization_acronym` ("UNHCR") and `organization_name` keep its two parts;
- grade: the grade in the grade line ("P-2"); extra `grade_text` keeps the whole line,
  and `level` / `staff_category` its two halves when it has them;
- location: the city; country: only when the page names one ("Kabul, Afghanistan" ->
  "Kabul", "Afghanistan"), never looked up from the city;
- closing date: the ISO date, or None with status "closed" for "Closed";
- text: the posting from the title to its end, without the login prompt and share links.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.extract import fragment_text
from crawler.fields import PROFILES, normalize_fields
from crawler.items import JobPosting
from spiders.base import JobSpider, squash

_JOB_ID = re.compile(r"^/jobs/(\d+)/?$")
_CLOSED_NOTE = re.compile(r"^this vacancy is (?:now )?closed\.?$", re.I)
_TOTAL = re.compile(r"([\d][\d,.\s]*)\s+jobs?\b", re.I)
# Labels of the bullet list under the title, as Impactpool writes them.
_LABELS = {
    "organization": "organization",
    "location": "location",
    "grade": "grade",
    "occupational groups": "categories",
    "closing date": "closing_date",
}
# Page parts inside the posting's container that are not the posting.
_CHROME = ".login-prompt, .share-job, .apply-button, .save-job, script, style, form, button"


class ImpactpoolSpider(JobSpider):
    name = "impactpool"
    default_base_url = "https://www.impactpool.org"
    kind = "HTML aggregator: paged HTML listing (inferred) + HTML job pages"
    #: Pages beyond this are not followed: a listing that long is a loop, not a site.
    max_pages = 500

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stated_total: int | None = None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(1)

    def listing_request(self, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(f"/jobs?page={page}"),
            callback=self.parse,
            errback=self.listing_failed,
            cb_kwargs={"page": page},
        )

    def parse(self, response: Response, page: int = 1, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: follow each job, then the next page or finish."""
        results = response.css(".job-list")
        if not results:
            self.page_unusable("listing", response, f"no job list on listing page {page}")
            return
        if page == 1:
            self.stated_total = self._parse_total(response)
        keys = self._parse_listing_keys(results)
        for key in keys:
            yield scrapy.Request(
                self.url(f"/jobs/{key}"),
                callback=self.parse_job,
                errback=self.detail_failed,
                cb_kwargs={"key": self.listed(key)},
            )
        next_page = self._parse_next_page(response, page)
        if next_page is not None and keys:
            if next_page > self.max_pages:
                self.page_unusable("listing", response, f"more than {self.max_pages} pages")
                return
            yield self.listing_request(next_page)
        elif next_page is not None:
            self.page_unusable("listing", response, f"page {page} lists no jobs but links on")
        else:
            self._finish_listing(response, page)

    def _parse_listing_keys(self, results: Selector) -> list[str]:
        """Job ids linked from the results, in order, each once."""
        keys: dict[str, None] = {}
        for href in results.css("a::attr(href)").getall():
            match = _JOB_ID.match(urlsplit(href.strip()).path)
            if match:
                keys[match.group(1)] = None
        return list(keys)

    def _parse_total(self, response: Response) -> int | None:
        """The number of jobs the listing says it has ("55 jobs found"), or None."""
        summary = squash(response.css(".search-summary").xpath("string()").get())
        match = _TOTAL.search(summary)
        if not match:
            self.logger.warning("listing states no total; completeness rests on the last page")
            return None
        return int(re.sub(r"\D", "", match.group(1)))

    def _parse_next_page(self, response: Response, page: int) -> int | None:
        """The page number the `rel=next` link points to, if it moves forward."""
        for href in response.css('a[rel~="next"]::attr(href)').getall():
            values = parse_qs(urlsplit(href).query).get("page", [])
            if values and values[0].isdigit() and int(values[0]) > page:
                return int(values[0])
        return None

    def _finish_listing(self, response: Response, page: int) -> None:
        """The last page: the listing is complete if it showed every job it claimed."""
        listed = len(self.listed_keys)
        if self.stated_total is not None and listed < self.stated_total:
            self.page_unusable(
                "listing",
                response,
                f"the listing states {self.stated_total} jobs but its {page} pages showed {listed}",
            )
            return
        self.listing_finished()

    # -- detail -------------------------------------------------------------------------

    def parse_job(self, response: Response, key: str) -> Iterator[JobPosting]:
        """Build the posting from a job page."""
        job = self._posting_container(response)
        if job is None:
            self.page_unusable("detail", response, "no job title and field list on the page")
            return
        labels, groups = self._parse_labels(job)
        raw = {name: value for name, value in labels.items() if name != "categories"}
        raw["title"] = self._parse_title(job)
        fields = normalize_fields(raw, PROFILES["impactpool"])
        closed = fields["status"] == "closed" or self._says_closed(job)
        yield self.posting(
            response,
            key,
            title=fields["title"],
            organization=fields["organization"],
            location=_city(fields["location"], fields["country"]) or self._parse_city_line(job),
            country=fields["country"],
            grade=fields["grade"],
            closing_date=fields["closing_date"],
            status="closed" if closed else "open",
            categories=groups,
            text=self._parse_text(job),
            extra=self._parse_extra(labels),
        )

    def _posting_container(self, response: Response) -> Selector | None:
        """The element holding the title, the field list and the posting."""
        for selector in (".job-show", "main", "body"):
            for candidate in response.css(selector):
                if candidate.css("h1") and self._field_list(candidate) is not None:
                    return candidate
        return None

    @staticmethod
    def _field_list(job: Selector) -> Selector | None:
        """The first list whose items are "Organization:", "Location:", ... bullets."""
        for ul in job.css("ul"):
            for li in ul.xpath("./li"):
                if _label_of(li) == "organization":
                    return ul
        return None

    def _parse_title(self, job: Selector) -> str | None:
        """The title: the posting's h1."""
        return squash(job.xpath("string(.//h1[1])").get()) or None

    def _parse_city_line(self, job: Selector) -> str | None:
        """The newer template's city line under the title (used when Location is missing)."""
        return squash(job.css(".job-city").xpath("string()").get()) or None

    def _parse_labels(self, job: Selector) -> tuple[dict[str, str], list[str]]:
        """The bullets' values by archive field name, and the occupational groups."""
        values: dict[str, str] = {}
        groups: list[str] = []
        field_list = self._field_list(job)
        if field_list is None:
            return values, groups
        for li in field_list.xpath("./li"):
            name = _LABELS.get(_label_of(li) or "")
            if name is None:
                continue
            if name == "categories":
                nested = (squash(x.xpath("string()").get()) for x in li.xpath(".//li"))
                groups = [g for g in nested if g]
                if not groups:  # the groups written inline: "Occupational Groups: A, B"
                    groups = [g.strip() for g in _own_text(li).split(",") if g.strip()]
                continue
            values.setdefault(name, _own_text(li))
        return values, groups

    def _says_closed(self, job: Selector) -> bool:
        """True when a paragraph is Impactpool's note "This vacancy is now closed." """
        paragraphs = (squash(p.xpath("string()").get()) for p in job.xpath(".//p"))
        return any(_CLOSED_NOTE.match(text) for text in paragraphs)

    def _parse_text(self, job: Selector) -> str:
        """Clean text of the posting: title, fields and description, without the chrome."""
        content = Selector(text=job.get())
        content.css(_CHROME).drop()
        return fragment_text(content.xpath("//body/*[1]").get() or "")

    def _parse_extra(self, labels: dict[str, str]) -> dict[str, Any]:
        """The organization's acronym and name, and the grade line in full and in parts."""
        extra: dict[str, Any] = {}
        organization = labels.get("organization") or ""
        acronym, sep, full_name = organization.partition(" - ")
        if sep and acronym.strip() and full_name.strip():
            extra["organization_acronym"] = acronym.strip()
            extra["organization_name"] = full_name.strip()
        grade_text = labels.get("grade")
        if grade_text:
            extra["grade_text"] = grade_text
            # "Junior level - P-2, International Professional - Internationally recruited
            # position": the level and grade, then the staff category and recruitment.
            level, sep, category = grade_text.partition(", ")
            if sep:
                extra["level"] = level.strip()
                extra["staff_category"] = category.strip()
        return extra


def _city(location: str | None, country: str | None) -> str | None:
    """ "Kabul, Afghanistan" -> "Kabul" once the country is read from it; else as it is."""
    if location and country and location.endswith(f", {country}"):
        return location[: -len(country) - 2].strip() or location
    return location


def _label_of(li: Selector) -> str | None:
    """The label an <li> starts with ("Closing Date:" -> "closing date"), or None."""
    match = re.match(r"\s*([A-Za-z][A-Za-z ]{1,40}?)\s*:", _own_text(li, keep_label=True))
    return match.group(1).strip().lower() if match else None


def _own_text(li: Selector, keep_label: bool = False) -> str:
    """The <li>'s text without nested lists; without its "Label:" unless `keep_label`."""
    parts = []
    for node in li.xpath("./node()"):
        root = node.root
        if isinstance(root, str):
            parts.append(root)
        elif root.tag not in ("ul", "ol"):
            parts.append("".join(root.itertext()))
    text = squash(" ".join(parts))
    if keep_label:
        return text
    return squash(text.split(":", 1)[1]) if ":" in text else text
