"""Downloader middlewares that make the crawl polite beyond Scrapy's defaults.

- `ContactUserAgentMiddleware`: the User-Agent names the project and, when
  JOBARCHIVE_CONTACT is set, whom the site's operators can reach about this crawl.
- `RetryAfterMiddleware`: Scrapy's retries, but a 429 or 503 that says how long to wait
  (Retry-After, in seconds or as an HTTP date) slows the whole site down by that much
  instead of retrying at once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.http import Request, Response

logger = logging.getLogger(__name__)


class ContactUserAgentMiddleware(UserAgentMiddleware):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        middleware = super().from_crawler(crawler)
        contact = crawler.settings.get("JOBARCHIVE_CONTACT", "").strip()
        middleware.user_agent = with_contact(middleware.user_agent, contact)
        return middleware


def with_contact(user_agent: str, contact: str) -> str:
    """`name/1.0 (+url; what)` → `name/1.0 (+url; what; contact: who)`."""
    if not contact:
        return user_agent
    if user_agent.endswith(")"):
        return f"{user_agent[:-1]}; contact: {contact})"
    return f"{user_agent} (contact: {contact})"


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header value, or None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Honours Retry-After on 429 and 503 by raising the site's download delay."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        # Past this, waiting would stall an unattended crawl; the request fails instead,
        # which makes the run incomplete (and removes nothing) rather than hanging cron.
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 300.0)

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if response.status in (429, 503) and not request.meta.get("dont_retry", False):
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None:
                if wait > self.max_wait:
                    logger.warning(
                        "%s asks to wait %.0f s (Retry-After), more than RETRY_AFTER_MAX=%.0f; "
                        "not retrying %s",
                        response.status, wait, self.max_wait, request.url,
                    )
                    return response
                self._slow_down(request, wait)
        return super().process_response(request, response)

    def _slow_down(self, request: Request, wait: float) -> None:
        engine = self.crawler.engine
        if engine is None:
            return
        downloader = engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay < wait:
            logger.info("Site asked to wait %.1f s; slowing %s down", wait, request.url)
            slot.delay = wait
        self.crawler.stats.inc_value("jobarchive/retry_after")
