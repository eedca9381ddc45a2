"""What every source spider shares: its base URL, listing bookkeeping, and building items.

A spider lists a source's postings, then fetches each posting's detail. The archive
needs two facts from the listing to mark postings removed safely: which source keys
it showed (`listed`), and whether it was read to the end without a failed page
(`listing_finished` / `listing_failed`). Only then is a missing posting really gone.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import JobPosting, SeenPosting
from crawler.middlewares import NotModified
from spiders.failures import describe_failure


class JobSpider(scrapy.Spider):
    """Base class for the spiders in this package; subclasses set the class attributes."""

    #: The real site, e.g. "https://jobs.unicef.org". Overridable per crawl.
    default_base_url: ClassVar[str] = ""
    #: What kind of site this is, for `jobarchive sources`.
    kind: ClassVar[str] = ""

    def __init__(self, *args: Any, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._base_url_arg = base_url
        self.listed_keys: set[str] = set()
        self.listing_complete = False
        self.listing_broken = False
        self.failures: list[str] = []

    @property
    def base_url(self) -> str:
        """The spider argument `base_url`, else JOBARCHIVE_BASE_URLS[name], else the real site."""
        url = self._base_url_arg
        if not url and getattr(self, "crawler", None) is not None:
            url = (self.settings.getdict("JOBARCHIVE_BASE_URLS") or {}).get(self.name)
        return (url or self.default_base_url).rstrip("/")

    def url(self, path: str) -> str:
        """An absolute URL on this source's (possibly overridden) site."""
        return self.base_url + ("" if path.startswith("/") else "/") + path

    # -- listing bookkeeping ------------------------------------------------------------

    def listed(self, key: str | int) -> str:
        """Record that the listing shows `key`; returns it as the source key string."""
        key = str(key).strip()
        self.listed_keys.add(key)
        return key

    def listing_finished(self) -> None:
        """Call when the last listing page has been read."""
        self.listing_complete = True

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._callback_failed, signal=signals.spider_error)
        return spider

    def _callback_failed(self, failure: Failure, response: Response, spider: scrapy.Spider) -> None:
        """A callback raised: name the page in `failures`, so the run's reason says which.

        Scrapy counts it (spider_exceptions/count, which the pipeline adds to the run's
        errors); without this the run was incomplete with no reason. A listing page that
        could not be read leaves the listing incomplete, so nothing is marked removed.
        """
        if spider is not self:
            return
        request = response.request
        listing = request is not None and request.errback == self.listing_failed
        if listing:
            self.listing_broken = True
        error = failure.value
        what = "listing" if listing else "detail"
        message = f"the spider could not read the page ({type(error).__name__}: {error})"
        line = f"{what} {response.url}: {message}"
        self.failures.append(line)
        self.logger.error("Failed to read %s", line)  # one line; Scrapy logs the traceback

    def more_pages(
        self, response: Response, offset: int, next_offset: int, total: int, rows: int
    ) -> bool:
        """After one page of a listing paged by offset against a stated total: True when
        there is a next page to read; otherwise the listing is judged complete or not.

        An empty page before the total means postings were never seen, and fewer keys
        than the total means the list shifted while it was paged: both leave it incomplete.
        """
        if next_offset < total and rows:
            return True
        if next_offset < total:
            self.page_unusable("listing", response, f"empty page at offset {offset} of {total}")
        elif len(self.listed_keys) < total:
            self.page_unusable(
                "listing", response, f"{len(self.listed_keys)} postings listed of {total}"
            )
        else:
            self.listing_finished()
        return False

    def listing_failed(self, failure: Failure) -> None:
        """Errback for listing requests: this crawl's listing is not complete."""
        self.listing_broken = True
        self._record_failure("listing", failure)

    def detail_failed(self, failure: Failure) -> list[SeenPosting] | None:
        """Errback for detail requests: counted as an error, the posting keeps its state.

        A detail the archive already holds unchanged (HTTP 304, or the same body as last
        time) also ends here, as `NotModified`: that is no error but a posting seen.
        """
        if failure.check(NotModified):
            # Reached through the listing, so listed, whether or not the listing itself
            # named the key (JSON-LD keys are only learned from the page).
            return [SeenPosting(self.name, self.listed(failure.value.source_key))]
        self._record_failure("detail", failure)
        return None

    def seen(self, source_key: str) -> SeenPosting:
        """An item saying: this posting is still there, unchanged, without a new fetch
        or extraction (for sources whose listing says what changed, e.g. ReliefWeb)."""
        if getattr(self, "crawler", None) is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("jobarchive/details_skipped")
        return SeenPosting(self.name, str(source_key))

    def page_unusable(self, what: str, response: Response, reason: str) -> None:
        """Count a page that loaded but holds no posting/listing (WAF challenge, empty AJAX).

        `what` is "listing" (which also marks the listing incomplete) or "detail".
        """
        if what == "listing":
            self.listing_broken = True
        if not response.body.strip():  # say so plainly: the caller's guess would mislead
            reason = f"an empty answer (HTTP {response.status} with no body)"
        self._count_failure(what, f"{what} {response.url}: {reason}")

    def cut_short(self, response: Response) -> bool:
        """True when an HTML page stops before its `</html>`.

        A body cut short that the transport did not notice (the server sent a matching
        Content-Length) parses fine, minus its end: stored, it would be a new version
        with fields and text missing, and the next full page another one. Detail
        callbacks of HTML sources count such a page with `page_unusable` instead.
        """
        body = response.body
        return _HTML_START.search(body[:4096]) is not None and _HTML_END.search(body) is None

    def _record_failure(self, what: str, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        settings = self.settings if getattr(self, "crawler", None) is not None else None
        self._count_failure(what, f"{what} {url}: {describe_failure(failure, settings)}")

    def _count_failure(self, what: str, message: str) -> None:
        self.failures.append(message)
        self.logger.error("Failed to fetch %s", message)
        if getattr(self, "crawler", None) is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"jobarchive/{what}_errors")

    # -- items --------------------------------------------------------------------------

    def posting(self, response: Response, source_key: str, **fields: Any) -> JobPosting:
        """A JobPosting for `response`, with the raw body and fetch details filled in."""
        return JobPosting(
            source=self.name,
            source_key=str(source_key),
            url=fields.pop("url", None) or response.url,
            body=response.body,
            content_type=_header(response, "Content-Type"),
            http_status=response.status,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            fetch_url=response.url,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            **fields,
        )


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


_HTML_START = re.compile(rb"<html[\s>]", re.IGNORECASE)
_HTML_END = re.compile(rb"</html\s*>", re.IGNORECASE)


def squash(text: str | None) -> str:
    """`text` with runs of white space (including no-break spaces) folded to one space."""
    return " ".join((text or "").split())
