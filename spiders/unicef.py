"""UNICEF careers: jobs.unicef.org, a PageUp People site (account 671); SOURCES.md §2.

The listing is read through PageUp's AJAX filter endpoint, which answers JSON with the
total `count`, so the spider knows when it has read the last page. Detail pages are
HTML: the posting is inside `#job-content`; everything around it (cookie banner, the
generic "Current vacancies" heading, filters, similar jobs) is page chrome.

Dates: PageUp writes each date as the UTC instant of a local time (deadline 23:55 at the
duty station) in `<time datetime="...Z">`. The archive wants the duty station's date, so
the spider takes, in order: the `<time>` element's own text (the site's local rendering),
else the instant converted to the Windows time zone named after it ("Central Standard
Time (Mexico)"), else, for a deadline, the date on which the instant is 23:55 local, else
the UTC date.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, time
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawler.dates import local_date, parse_date
from crawler.extract import fragment_text
from crawler.grades import normalize_grade
from crawler.items import JobPosting
from spiders.base import JobSpider, squash
from spiders.dates import date_at_local_time, zone_for

_JOB_ID = re.compile(r"/job/(\d+)")
# PageUp deadlines are 23:55 local time.
DEADLINE_LOCAL_TIME = time(23, 55)


class UnicefSpider(JobSpider):
    name = "unicef"
    default_base_url = "https://jobs.unicef.org"
    kind = "PageUp People: AJAX listing JSON + HTML detail pages"
    page_items = 20

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(1)

    def listing_request(self, page: int) -> scrapy.Request:
        """A POST to the AJAX filter endpoint for listing page `page`."""
        return scrapy.Request(
            self.url(f"/en-us/filter/?search-keyword=&page={page}&page-items={self.page_items}"),
            method="POST",
            headers={
                "X-Requested-With": "XMLHttpRequest",
                "Accept": "*/*",
                "Referer": self.url("/en-us/listing/"),
                "Origin": self.base_url,
            },
            callback=self.parse,
            errback=self.listing_failed,
            cb_kwargs={"page": page},
            dont_filter=True,
        )

    def parse(self, response: Response, page: int = 1, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Read one listing page: follow each job, then the next page or finish."""
        try:
            data = response.json()
        except ValueError:
            self.page_unusable("listing", response, "not JSON")
            return
        links = Selector(text=data.get("results") or "<html></html>").css(
            "div.list-view--item a.job-link"
        )
        for link in links:
            href = link.attrib.get("href", "")
            match = _JOB_ID.search(href)
            if not match:
                continue
            key = self.listed(match.group(1))
            yield scrapy.Request(
                self.url(urlsplit(response.urljoin(href)).path),  # absolute links: same path here
                callback=self.parse_job,
                errback=self.detail_failed,
                cb_kwargs={"key": key},
                headers={"Accept": "text/html"},  # with XHR headers a detail answers nothing
            )
        count = int(data.get("count") or 0)
        per_page = int(data.get("pageitems") or self.page_items)
        if page * per_page >= count:
            self.listing_finished()
        elif links:
            yield self.listing_request(page + 1)
        else:  # an empty page before `count` is reached: postings we never saw
            self.page_unusable("listing", response, f"empty page {page} of {count} jobs")

    def parse_job(self, response: Response, key: str) -> Iterator[JobPosting]:
        """Build the posting from a detail page."""
        if self.cut_short(response):
            self.page_unusable("detail", response, "the page ends before </html> (cut short)")
            return
        job = response.css("#job-content") or response.css("#job")
        if not job:
            self.page_unusable("detail", response, "no #job on the page (challenge page?)")
            return
        closing, closed = self._parse_closing(job)
        yield self.posting(
            response,
            key,
            title=self._parse_title(job),
            organization="UNICEF",
            location=self._parse_field(job, "Duty Station") or None,
            country=self._parse_field(job, "Location") or None,
            grade=self._parse_grade(job),
            contract_type=self._parse_field(job, "Contract type") or None,
            job_number=self._parse_field(job, "Job no") or key,
            posted_date=self._parse_date(job, "open-date"),
            closing_date=closing,
            status="closed" if closed else "open",
            categories=self._parse_categories(job),
            text=self._parse_text(job),
            extra=self._parse_extra(job),
        )

    def _parse_title(self, job: Selector) -> str | None:
        """The real title: the first h2 of the job content (the page's h1 is generic)."""
        return squash(job.xpath("string(.//h2[1])").get()) or None

    def _parse_field(self, job: Selector, label: str) -> str:
        """The text after `<b>Label:</b>`, up to the next line break or label."""
        for bold in job.xpath(".//b"):
            if squash(bold.xpath("string()").get()).rstrip(":").lower() != label.lower():
                continue
            parts = []
            for node in bold.xpath("following-sibling::node()"):
                root = node.root
                if isinstance(root, str):
                    parts.append(root)
                elif root.tag in ("br", "b", "p", "div"):
                    break
                else:
                    parts.append("".join(root.itertext()))
            return squash(" ".join(parts))
        return ""

    def _parse_grade(self, job: Selector) -> str | None:
        """The Level field in the archive's one spelling per grade ("NO-1", "P-3")."""
        level = self._parse_field(job, "Level")
        return normalize_grade(level) or level or None

    def _parse_categories(self, job: Selector) -> list[str]:
        """Job categories, comma-separated on the page."""
        text = squash(job.xpath("string(.//span[@class='categories'])").get())
        return [c.strip() for c in text.split(",") if c.strip()]

    def _parse_date(self, job: Selector, span_class: str, deadline: bool = False) -> str | None:
        """The duty station's date of the `<time>` in span.`span_class` (see module docstring)."""
        span = job.css(f"span.{span_class}")
        stamp = span.css("time")
        if not stamp:
            return parse_date(squash(span.xpath("string()").get()), day_first=True)
        shown = parse_date(squash(stamp.xpath("string()").get()), day_first=True)
        if shown:
            return shown
        try:
            instant = datetime.fromisoformat(
                stamp.attrib.get("datetime", "").replace("Z", "+00:00")
            )
        except ValueError:
            return None
        instant = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
        # The zone name follows the <time>, inside the span or right after it.
        after = (
            stamp.xpath("following-sibling::text()").get()
            or span.xpath("following-sibling::text()[1]").get()
        )
        zone = zone_for(squash(after))
        if zone is not None:
            return local_date(instant, zone)
        if deadline:
            return date_at_local_time(instant.astimezone(UTC), DEADLINE_LOCAL_TIME)
        return local_date(instant, "UTC")

    def _parse_closing(self, job: Selector) -> tuple[str | None, bool]:
        """(closing date, closed?): a deadline reading "Closed" has no date."""
        text = squash(job.xpath("string(.//span[contains(@class, 'close-date')])").get())
        if text.lower() == "closed":
            return None, True
        return self._parse_date(job, "close-date", deadline=True), False

    def _parse_text(self, job: Selector) -> str:
        """Clean main text of the job content, without the apply and share buttons."""
        content = Selector(text=job.get())
        content.css("a.apply-link, .job-actions, .share-job, script, style").drop()
        return fragment_text(content.xpath("//body/*[1]").get() or "")

    def _parse_extra(self, job: Selector) -> dict[str, Any]:
        """PageUp-specific values: the apply link and the deadline as the UTC instant."""
        extra: dict[str, Any] = {}
        apply = job.css("a.apply-link::attr(href)").get()
        if apply:
            extra["apply_url"] = apply
        deadline = job.css("span.close-date time::attr(datetime)").get()
        if deadline:
            extra["deadline_utc"] = deadline
        work_type = job.css("span.work-type::attr(class)").get()
        if work_type:
            extra["work_type"] = squash(work_type.replace("work-type", ""))
        return extra
