"""What every source spider shares: its base URL, listing bookkeeping, and building items.

A spider lists a source's postings, then fetches each posting's detail. The archive
needs two facts from the listing to mark postings removed safely: which source keys
it showed (`listed`), and whether it was read to the end without a failed page
(`listing_finished` / `listing_failed`). Only then is a missing posting really gone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import JobPosting


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

    def listing_failed(self, failure: Failure) -> None:
        """Errback for listing requests: this crawl's listing is not complete."""
        self.listing_broken = True
        self._record_failure("listing", failure)

    def detail_failed(self, failure: Failure) -> None:
        """Errback for detail requests: counted as an error, the posting keeps its state."""
        self._record_failure("detail", failure)

    def page_unusable(self, what: str, response: Response, reason: str) -> None:
        """Count a page that loaded but holds no posting/listing (WAF challenge, empty AJAX).

        `what` is "listing" (which also marks the listing incomplete) or "detail".
        """
        if what == "listing":
            self.listing_broken = True
        self._count_failure(what, f"{what} {response.url}: {reason}")

    def _record_failure(self, what: str, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        response = getattr(failure.value, "response", None)
        detail = f"HTTP {response.status}" if response is not None else failure.getErrorMessage()
        self._count_failure(what, f"{what} {url}: {detail}")

    def _count_failure(self, what: str, message: str) -> None:
        self.failures.append(message)
        self.logger.error("Failed to fetch %s", message)
        if getattr(self, "crawler", None) is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"jobarchive/{what}_errors")

    # -- items --------------------------------------------------------------------------

    def posting(self, response: Response, source_key: str, **fields: Any) -> JobPosting:
        """A JobPosting for `response`, with the raw body and fetch details filled in."""
        content_type = response.headers.get("Content-Type")
        return JobPosting(
            source=self.name,
            source_key=str(source_key),
            url=fields.pop("url", None) or response.url,
            body=response.body,
            content_type=content_type.decode("latin-1") if content_type else None,
            http_status=response.status,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            **fields,
        )


def squash(text: str | None) -> str:
    """`text` with runs of white space (including no-break spaces) folded to one space."""
    return " ".join((text or "").split())
