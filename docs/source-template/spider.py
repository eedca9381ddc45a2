"""Example Jobs (jobs.example.org): an HTML listing paged by "?page=N" and HTML job pages.

Copy to spiders/<source>.py, rename, and write down here what you learned about the site
(URLs, paging, how it writes dates) and where each fact comes from. Everything the archive's
safety rests on (listing completeness, page integrity, layout drift) is the framework's:
report each listing page with `listing_page`, return fields from `parse_detail`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.fields import normalize_fields
from crawler.extract import fragment_text
from crawler.sitefacts import SiteFacts
from spiders.base import JobSpider, PageUnusable, squash

# What the spider relies on, once: the tests check the mock and a real capture have it.
LISTING_ITEM = "li.job"
LISTING_LINK = "li.job a.title"
DETAIL_TITLE = "h1.job-title"
DETAIL_BODY = "div.job-body"
_KEY = re.compile(r"/jobs/(\d+)")


class ExampleSpider(JobSpider):
    name = "example"
    default_base_url = "https://jobs.example.org"
    kind = "HTML listing + HTML job pages"
    facts = SiteFacts(
        day_first=True,
        tz="Europe/Zurich",
        organization="EXAMPLE",
        hosts=("jobs.example.org",),
        expected={"title": DETAIL_TITLE, "text": DETAIL_BODY, "closing_date": "dd.deadline"},
        error_markers=("this vacancy is no longer available",),
        posting_link=r"^/jobs/\d+",
    )

    def listing_start(self) -> Iterable[scrapy.Request]:
        yield self.listing_page_request(1)

    def listing_page_request(self, page: int) -> scrapy.Request:
        return self.listing_request(self.url(f"/jobs?page={page}"), cb_kwargs={"page": page})

    def parse(self, response: Response, page: int = 1, **kwargs: Any) -> Iterator[scrapy.Request]:
        """One listing page: each posting's detail, then the next page."""
        if not response.css("#results"):
            raise PageUnusable("no #results on the listing page")
        keys = []
        for href in response.css(f"{LISTING_LINK}::attr(href)").getall():
            match = _KEY.search(href)
            if match:
                keys.append(match.group(1))
                yield from self.posting_request(match.group(1), self.on_site(href, response))
        total = self._parse_total(response)
        more = bool(response.css("a.next"))
        yield from self.listing_page(
            response,
            keys,
            shown=len(response.css(LISTING_ITEM)),
            total=total,
            next_page=self.listing_page_request(page + 1) if more else None,
            selector=LISTING_LINK,
        )

    def key_from_url(self, url: str) -> str | None:
        match = _KEY.search(url)
        return match.group(1) if match else None

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its page."""
        raw = {
            "title": squash(response.css(f"{DETAIL_TITLE}::text").get()),
            "closing_date": squash(response.css("dd.deadline::text").get()),
        }
        fields = normalize_fields(raw, self.facts)
        fields.pop("grade_raw")
        return {**fields, "text": fragment_text(response.css(DETAIL_BODY).get() or "")}

    def _parse_total(self, response: Response) -> int | None:
        """The count the page states ("123 jobs")."""
        match = re.search(r"\d[\d,]*", squash(response.css("#count::text").get()))
        return int(match.group(0).replace(",", "")) if match else None
