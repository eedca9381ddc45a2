"""robots.txt as RFC 9309 reads it: a site whose robots.txt cannot be had is not crawled.

Scrapy's RobotsTxtMiddleware reads whatever answer it gets as the rules: a 503 page
parses as no rules at all, and a timeout also leaves the site open. RFC 9309 (2.3.1.4)
says a server error or a network failure means "assume complete disallow": the site
may be overloaded, or may be about to forbid us. So such a source is not crawled this
time; every request is refused with the reason, which becomes the run's reason. 4xx
answers (no robots.txt) still allow everything, as the RFC says, except 429, which
asks us to come back later.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from spiders.failures import describe_failure


class Unreachable:
    """Stands for the rules of a host whose robots.txt could not be had."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def allowed(self, url: str, user_agent: Any) -> bool:
        return False


class RobotsTxtRfcMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with server and network errors as disallow."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500 or response.status == 429:
            self._unreachable(
                netloc,
                f"robots.txt answered HTTP {response.status}, so the site is not crawled "
                "this time (RFC 9309: a server error means assume disallow)",
            )
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        from twisted.python.failure import Failure

        why = describe_failure(Failure(exc), self.crawler.settings)
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._unreachable(
            netloc,
            f"robots.txt could not be fetched ({why}), so the site is not crawled this "
            "time (RFC 9309: an unreachable robots.txt means assume disallow)",
        )

    def _unreachable(self, netloc: str, reason: str) -> None:
        self._stats.inc_value("jobarchive/robots_unreachable")
        waiting = self._parsers[netloc]
        rules = Unreachable(reason)
        self._parsers[netloc] = rules  # type: ignore[assignment]
        waiting.callback(rules)  # type: ignore[union-attr]

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, Unreachable):
            self._stats.inc_value("robotstxt/forbidden")
            raise IgnoreRequest(rp.reason)
        super().process_request_2(rp, request)
