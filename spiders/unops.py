"""UNOPS careers: careers.unops.org, an Avature "careersmarketplace" site; SOURCES.md §8.

HTML only (Avature has no JSON API here). The listing `SearchJobs/?jobRecordsPerPage=6
&jobOffset=N` shows 6 postings a page and a legend "1-6 of 74 results": the spider reads
page after page until the legend's last number reaches its total, so it knows when the
listing is complete. Only `article.article--result` items count; "Featured jobs" repeat
postings elsewhere on the page. Avature writes absolute links to its own host, so the
spider keeps only their path and puts it on its (possibly overridden) base URL.

Detail pages hold Avature label/value fields. Avature sends every error (an unknown or
withdrawn job) to `/careersmarketplace/Error` with a redirect; landing there is a failed
detail, never a posting.

Dates are DD-Mon-YYYY ("14-May-2026"): day first, plain dates (UNOPS deadlines are
midnight Copenhagen time, so there is nothing to convert). "Posted N days ago" in the
banner changes daily and is never stored.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.dates import parse_closing_date, parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.items import JobPosting
from spiders.base import JobSpider, squash

ROOT = "/careersmarketplace"
PAGE_SIZE = 6  # what the site shows; it serves no more than that per page
ORGANIZATION = "UNOPS"
_DETAIL_ID = re.compile(r"/JobDetail/(?:[^/]+/)?(\d+)/?$")
# "14-May-2026 to 28-May-2026": the separator has spaces, the dates' hyphens do not.
_PERIOD_SEPARATOR = re.compile(r"\s+(?:to|-|–)\s+")
_LEGEND = re.compile(r"(?:(\d[\d,]*)\s*-\s*(\d[\d,]*)\s+of\s+)?(\d[\d,]*)\s+results?", re.I)
# Detail labels whose values become fields or `extra`; the long texts are all the rest.
SHORT_LABELS = {
    "job categories",
    "vacancy code",
    "department/office",
    "duty station",
    "contract type",
    "contract level",
    "duration",
    "application period",
    "deadline",
}


class UnopsSpider(JobSpider):
    name = "unops"
    default_base_url = "https://careers.unops.org"
    kind = "Avature career site (HTML listing and detail pages)"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(0)

    def listing_request(self, offset: int) -> scrapy.Request:
        """The listing page starting at `offset`."""
        return scrapy.Request(
            self.url(f"{ROOT}/SearchJobs/?jobRecordsPerPage={PAGE_SIZE}&jobOffset={offset}"),
            callback=self.parse,
            errback=self.listing_failed,
            cb_kwargs={"offset": offset},
            dont_filter=True,
        )

    # -- callbacks ----------------------------------------------------------------------

    def parse(self, response: Response, offset: int = 0, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: fetch each posting's detail, then the next page or finish."""
        if _is_error_page(response):
            self.page_unusable("listing", response, "redirected to the error page")
            return
        legend = self._parse_legend(response)
        if legend is None:
            self.page_unusable("listing", response, "no results legend")
            return
        last, total = legend
        articles = response.css("article.article--result")
        for article in articles:
            href = article.css("h3 a.link::attr(href)").get() or ""
            match = _DETAIL_ID.search(urlsplit(href).path)
            if not match:
                continue
            if match.group(1) in self.listed_keys:  # shifted onto this page: fetched already
                continue
            key = self.listed(match.group(1))
            yield scrapy.Request(
                self.url(urlsplit(href).path),
                callback=self.parse_job,
                errback=self.detail_failed,
                cb_kwargs={"key": key, "listed": self._parse_listing_item(article)},
                # Every failed detail redirects to the same /Error URL; the duplicate
                # filter would drop the second one silently instead of counting it.
                dont_filter=True,
            )
        if self.more_pages(response, offset, last, total, len(articles)):
            yield self.listing_request(last)

    def parse_job(
        self, response: Response, key: str, listed: dict[str, str] | None = None
    ) -> Iterator[JobPosting]:
        """Build the posting from its detail page (and its listing item)."""
        listed = listed or {}
        title = self._parse_title(response)
        if _is_error_page(response) or not title:
            self.page_unusable("detail", response, f"no job {key} (Avature error page)")
            return
        fields = self._parse_fields(response)
        location, country = self._parse_location(
            fields.get("duty station") or listed.get("duty_station")
        )
        closing, status = self._parse_closing(fields)
        yield self.posting(
            response,
            key,
            title=title,
            organization=ORGANIZATION,
            location=location,
            country=country,
            grade=normalize_grade(fields.get("contract level") or listed.get("level")),
            contract_type=fields.get("contract type") or None,
            job_number=fields.get("vacancy code") or key,
            posted_date=self._parse_posted(fields, listed),
            closing_date=closing,
            status=status,
            categories=self._parse_categories(fields),
            text=self._parse_text(response),
            extra=self._parse_extra(fields),
        )

    # -- helpers ------------------------------------------------------------------------

    def _parse_legend(self, response: Response) -> tuple[int, int] | None:
        """(last result shown, total) from "1-6 of 74 results"; (0, 0) for "0 results"."""
        text = squash(" ".join(response.css(".list-controls__text__legend ::text").getall()))
        match = _LEGEND.search(text)
        if not match:
            return None
        total = _number(match.group(3))
        return (_number(match.group(2)) if match.group(2) else 0), total

    def _parse_listing_item(self, article: Selector) -> dict[str, str]:
        """The listing item's subtitle spans (duty station, level, posted date)."""

        # Avature makes the class from the field name, so "Duty Station" is two classes.
        def span(cls: str) -> str:
            return squash(" ".join(article.css(f"span.{cls} ::text").getall()))

        return {
            "title": squash(" ".join(article.css("h3 a.link ::text").getall())),
            "duty_station": span("list-item-Duty"),
            "level": span("list-item-Contract"),
            "posted": span("list-item-posted"),
        }

    def _parse_title(self, response: Response) -> str | None:
        """The job title in the detail page's banner."""
        return squash(" ".join(response.css(".banner__text__title ::text").getall())) or None

    def _parse_fields(self, response: Response) -> dict[str, str]:
        """The short label/value fields of the detail, by lower-case label."""
        fields: dict[str, str] = {}
        for field in response.css(".article--details .article__content__view__field"):
            label = _text(field, ".article__content__view__field__label").lower()
            if label in SHORT_LABELS:
                fields.setdefault(label, _text(field, ".article__content__view__field__value"))
        return fields

    def _parse_location(self, duty_station: str | None) -> tuple[str | None, str | None]:
        """(duty station, country) from "Nairobi, Kenya"."""
        parts = [p.strip() for p in squash(duty_station).split(",") if p.strip()]
        if not parts:
            return None, None
        if len(parts) == 1:
            return parts[0], None
        return ", ".join(parts[:-1]), parts[-1]

    def _parse_closing(self, fields: dict[str, str]) -> tuple[str | None, str]:
        """(closing date, status) from "Deadline" or the end of "Application period"."""
        value = fields.get("deadline") or fields.get("application period") or ""
        end = _PERIOD_SEPARATOR.split(value)[-1] if value else None
        return parse_closing_date(end, day_first=True)

    def _parse_posted(self, fields: dict[str, str], listed: dict[str, str]) -> str | None:
        """The listing's posted date, else the first date of the application period."""
        period = _PERIOD_SEPARATOR.split(fields.get("application period") or "")
        start = period[0] if len(period) == 2 else None
        return parse_date(listed.get("posted"), day_first=True) or parse_date(start, day_first=True)

    def _parse_categories(self, fields: dict[str, str]) -> list[str]:
        """The job categories ("Project Management, Engineering")."""
        return [c.strip() for c in (fields.get("job categories") or "").split(",") if c.strip()]

    def _parse_text(self, response: Response) -> str:
        """The posting's fields and texts, without banner, Apply, Share or Similar jobs."""
        content = response.css(".article--details .article__content__view").get()
        return fragment_text(content) if content else ""

    def _parse_extra(self, fields: dict[str, str]) -> dict[str, Any]:
        """UNOPS's own fields: office, duration and the level as written."""
        extra = {
            "department_office": fields.get("department/office"),
            "duration": fields.get("duration"),
            "contract_level": fields.get("contract level"),
        }
        return {k: v for k, v in extra.items() if v}


def _is_error_page(response: Response) -> bool:
    """True when Avature redirected the request to its one error page."""
    return urlsplit(response.url).path.rstrip("/").endswith(f"{ROOT}/Error")


def _text(selector: Selector, css: str) -> str:
    """The text inside the elements `css` matches, white space squashed."""
    return squash(" ".join(selector.css(f"{css} ::text").getall()))


def _number(text: str) -> int:
    return int(text.replace(",", ""))
