"""What a source's crawl may fetch: its own site over http(s), and nothing else.

Pages are written by others. A listing that links to ``file:///etc/passwd``, to a port on
the crawling machine or to another company's site must not make the crawl fetch it, and
above all not archive it and publish it with `jobarchive serve`. So every request is
checked before it leaves, whatever made it (a listing link, a redirect, a spider bug):

- the scheme is http or https;
- the host and port are the base URL's (a mirror or mock when the base URL is moved), or
- the host is one the source declares (`SiteFacts.hosts`, a user source's
  `allowed_hosts`), or a subdomain of one, on the scheme's own port unless the
  declaration names a port (``"127.0.0.1:8001"``).

Scrapy's own OffsiteMiddleware looks at host names only (no scheme, no port) and lets
`dont_filter` requests through, so it does not do this job.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

log = logging.getLogger(__name__)

SCHEMES = ("http", "https")
_DEFAULT_PORT = {"http": 80, "https": 443}
#: Refused requests named in the log per source, after which they are only counted.
LOGGED = 20


class OffSite(IgnoreRequest):
    """A request outside the source's site, refused before it was sent."""


@dataclass(frozen=True)
class Scope:
    """The hosts one source's crawl may fetch from."""

    home: tuple[str, int]  # the base URL's host and port
    hosts: tuple[str, ...]  # declared: "example.org" (and subdomains), or "host:port"

    @classmethod
    def of(cls, base_url: str, hosts: Iterable[str] = ()) -> Scope:
        parts = urlsplit(base_url)
        return cls(_host_port(parts), tuple(h.lower().strip(".") for h in hosts if h))

    def refusal(self, url: str) -> str | None:
        """Why `url` is outside this scope, or None when it may be fetched."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES:
            return f"not fetched: {_shown(url)} is not an http(s) address"
        try:
            host, port = _host_port(parts)
        except ValueError:
            return f"not fetched: {_shown(url)} has no valid host and port"
        if (host, port) == self.home:
            return None
        for declared in self.hosts:
            name, _, declared_port = declared.partition(":")
            wanted = int(declared_port) if declared_port.isdigit() else _DEFAULT_PORT[scheme]
            if (host == name or host.endswith("." + name)) and port == wanted:
                return None
        return f"not fetched: {_shown(url)} is off the source's site ({self.describe()})"

    def describe(self) -> str:
        home = f"{self.home[0]}:{self.home[1]}"
        return "allowed: " + ", ".join([home, *self.hosts])


def _host_port(parts: Any) -> tuple[str, int]:
    host = (parts.hostname or "").lower()
    if not host:
        raise ValueError("no host")
    port = parts.port  # ValueError for a port that is no number or out of range
    return host, port if port is not None else _DEFAULT_PORT.get(parts.scheme.lower(), 0)


def _shown(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."


class ScopeMiddleware:
    """Downloader middleware: refuses every request outside its spider's `scope()`,
    counted as `jobarchive/offsite_refused` and named in the log (the first `LOGGED`).

    The request's errback gets the refusal, so a posting linked off the site counts as a
    failed fetch: the posting keeps its state, nothing is stored from the other site.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.logged = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        scope = spider.scope() if hasattr(spider, "scope") else None
        if scope is None:
            return
        reason = scope.refusal(request.url)
        if reason is None:
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("jobarchive/offsite_refused")
        if self.logged < LOGGED:
            self.logged += 1
            log.warning("%s: %s", getattr(spider, "name", "?"), reason)
        raise OffSite(reason)
