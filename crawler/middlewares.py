"""Downloader middlewares that make the crawl polite beyond Scrapy's defaults.

- `ContactUserAgentMiddleware`: the User-Agent names the project and, when
  JOBARCHIVE_CONTACT is set, whom the site's operators can reach about this crawl.
- `RetryAfterMiddleware`: Scrapy's retries, but a 429 or 503 that says how long to wait
  (Retry-After, in seconds or as an HTTP date) slows the whole site down by that much,
  for that long, instead of retrying at once.
- `IncrementalMiddleware`: a page the archive already holds is asked for conditionally
  (If-None-Match / If-Modified-Since), and a 304 or a body identical to the last one
  ends the request as `NotModified` before any extraction runs. A posting's detail page
  whose listing row is unchanged and which was confirmed recently is not fetched at all
  (the revisit policy, crawler/revisit.py).
- `RedirectAgainMiddleware`: Scrapy's redirects, but a redirect target is fetched even
  when this crawl fetched its URL before, so a redirect loop ends as a counted error.
- `CharsetMiddleware`: a page whose bytes cannot be in the charset its header claims
  is read in the charset they are in, so a wrong header stores no mojibake; a page
  that declares no charset is read the same way on every fetch.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Request, Response, TextResponse
from scrapy.responsetypes import responsetypes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from archive import Archive, ArchiveError
from archive.bodies import body_hash
from archive.revisits import record_checks, revisit_state
from crawler import revisit

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
    """Retries that back off: the site's download delay is raised for a while before a
    retry, by what a 429 or 503 asks in Retry-After, else exponentially with the retry's
    number (RETRY_BACKOFF_BASE * 2**n seconds, at most RETRY_BACKOFF_MAX). A site that
    answers errors is usually struggling; hammering it again at once helps nobody."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        # Past this, waiting would stall an unattended crawl; the request fails instead,
        # which makes the run incomplete (and removes nothing) rather than hanging cron.
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 300.0)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self._usual_delays: dict[Any, float] = {}  # slot key -> delay before any wait

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if response.status in (429, 503) and not request.meta.get("dont_retry", False):
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None:
                if wait > self.max_wait:
                    logger.warning(
                        "%s asks to wait %.0f s (Retry-After), more than RETRY_AFTER_MAX=%.0f; "
                        "not retrying %s",
                        response.status,
                        wait,
                        self.max_wait,
                        request.url,
                    )
                    return response
                self._slow_down(request, wait)
                return super().process_response(request, response)
        if response.status in self.retry_http_codes and not request.meta.get("dont_retry"):
            self._back_off(request)
        return super().process_response(request, response)

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry"):
            self._back_off(request)
        return super().process_exception(request, exception)

    def _back_off(self, request: Request) -> None:
        if self.backoff_base <= 0:
            return
        attempt = int(request.meta.get("retry_times", 0))
        self._slow_down(request, min(self.backoff_base * 2**attempt, self.backoff_max))

    def _slow_down(self, request: Request, wait: float) -> None:
        engine = self.crawler.engine
        if engine is None:
            return
        downloader = engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None and slot.delay < wait:
            logger.info("Waiting %.1f s before retrying on %s", wait, request.url)
            usual = self._usual_delays.setdefault(key, slot.delay)
            slot.delay = wait
            # The site asked for a pause, not for the rest of the crawl at that pace: with
            # AutoThrottle off, a "Retry-After: 300" kept as the delay would make a cron
            # crawl of 500 pages last 40 hours. Back to the usual delay after the wait.
            self._call_later(wait, _restore_delay, slot, wait, usual)
        self.crawler.stats.inc_value("jobarchive/retry_after")

    def _call_later(self, seconds: float, function: Callable[..., Any], *args: Any) -> None:
        from twisted.internet import reactor  # the running one; never install it here

        reactor.callLater(seconds, function, *args)


def _restore_delay(slot: Any, raised: float, usual: float) -> None:
    if slot.delay == raised:  # unless a later Retry-After (or AutoThrottle) changed it
        slot.delay = usual


class NotModified(IgnoreRequest):
    """The archive already holds this page unchanged; the spider records it as seen."""

    def __init__(self, source_key: str, why: str) -> None:
        super().__init__(f"{source_key} not modified ({why})")
        self.source_key = source_key
        self.why = why


class IncrementalMiddleware:
    """Conditional requests and unchanged-body detection against the archive.

    Only GET requests for URLs the archive has fetched before are touched, so listings
    (often POSTed, and whose content changes) are always read in full. Switched off by
    JOBARCHIVE_INCREMENTAL=False (`jobarchive crawl --full`), e.g. to re-extract every
    posting after an extraction improvement.
    """

    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self._archive: Archive | None = None
        self._checks: list[revisit.Check] = []
        self._sampled = 0
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        settings = crawler.settings
        if not (
            settings.getbool("JOBARCHIVE_INCREMENTAL", True)
            and settings.getbool("ARCHIVE_ENABLED", True)
        ):
            raise NotConfigured("incremental crawling is off")
        revisit.setting_hours(settings)  # a bad JOBARCHIVE_REVISIT_AFTER stops the crawl here
        return cls(crawler, settings.get("ARCHIVE_DB", "archive.db"))

    def _stored(self, state: Any) -> tuple[bytes, str | None] | None:
        if not state.body_hash or self._archive is None:
            return None
        return self._archive.stored_body(state.body_hash)

    def _open(self) -> None:
        if self._archive is None:
            if self.crawler.settings.get("JOBARCHIVE_PAGE_STATE") == "redis":
                # A worker of a distributed crawl: what the archive knows of the pages
                # was published to Redis by its writer (crawler/distributed/state.py).
                from crawler.distributed.state import worker_state

                self._archive = worker_state(self.crawler)  # type: ignore[assignment]
                return
            # No archive yet: nothing is known, everything is fetched.
            with contextlib.suppress(ArchiveError):
                self._archive = Archive(self.db_path, readonly=True)

    def _revisit_state(self, url: str, source: str, key: str) -> Any:
        if self._archive is None:
            return None
        if not isinstance(self._archive, Archive):
            return self._archive.revisit_state(url, source, key)
        return revisit_state(self._archive.conn, url, source, key)

    def _lookup(self, request: Request) -> Any:
        self._open()
        if self._archive is None:
            return None
        spider = self.crawler.spider
        return self._archive.fetch_state(request.url, spider.name if spider else None)

    def process_request(self, request: Request) -> None:
        state = self._lookup(request) if request.method == "GET" else None
        if _POSTING in request.meta and not request.meta.get(_CHECK):
            self._revisit(request, state)
        if state is None:
            return None
        request.meta["jobarchive_known"] = state
        if state.etag:
            request.headers.setdefault("If-None-Match", state.etag)
        if state.last_modified:
            request.headers.setdefault("If-Modified-Since", state.last_modified)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        state = request.meta.get("jobarchive_known")
        if state is None:
            return response
        stats = self.crawler.stats
        # A page last read by an older extraction is read again, not skipped: the new
        # reading of an unchanged body is recorded as such (a re-reading, no edit).
        current = _extraction_of(self.crawler.spider)
        stale = current is not None and state.extraction != current
        if response.status == 304:
            stats.inc_value("jobarchive/not_modified")
            stored = self._stored(state) if stale else None
            if stored is not None:
                # Unchanged on the site, read again from the archive: no second download.
                stats.inc_value("jobarchive/reread_stored_bodies")
                return _response_for(request, response.url, *stored, state.encoding)
            confirm(request)
            raise NotModified(state.source_key, "HTTP 304")
        unchanged = state.body_hash and body_hash(response.body) == state.body_hash
        if response.status == 200 and unchanged and not stale:
            stats.inc_value("jobarchive/unchanged_bodies")
            confirm(request)
            raise NotModified(state.source_key, "same body as last time")
        return response

    def _revisit(self, request: Request, fetched: Any) -> None:
        """Fetch the posting's detail page only when the revisit policy says so; else end
        the request as `NotModified`, which the spider records as the posting seen."""
        spider = self.crawler.spider
        key = str(request.meta[_POSTING])
        digest = revisit.digest_of(request.meta.get(_LISTED))
        source = spider.name if spider else ""
        self._open()
        known = self._revisit_state(request.url, source, key)
        now = revisit.utcnow()
        after = revisit.revisit_after(spider, self.crawler.settings)
        closes = revisit.closing_date(
            request.meta.get(_LISTED), known.closing_date if known is not None else None
        )
        reason = revisit.fetch_reason(
            known,
            fetched,
            digest,
            now,
            after,
            _extraction_of(spider),
            url=request.url,
            closes=closes,
        )
        if reason is None and self._sampled < revisit.SAMPLE:
            self._sampled += 1
            reason = "sample"
        if reason is None:
            self.crawler.stats.inc_value("jobarchive/details_skipped")
            raise NotModified(key, "listing unchanged, confirmed recently")
        self.crawler.stats.inc_value(f"jobarchive/details_fetched/{reason}")
        check = revisit.Check(request.url, source, key, digest)
        request.meta[_CHECK] = check
        self._checks.append(check)

    def spider_closed(self) -> None:
        """Record the detail pages this crawl confirmed, for the next crawl's policy.
        Lost (a crash, a locked archive), they only make the next crawl fetch more."""
        archive, self._archive = self._archive, None
        if archive is not None:
            archive.close()
        at = revisit.stamp(revisit.utcnow())
        rows = [(c.url, c.source, c.source_key, c.digest, at) for c in self._checks if c.confirmed]
        if not rows:
            return
        if archive is not None and not isinstance(archive, Archive):
            archive.record_checks(rows)  # a worker: the writer records them
            return
        try:
            with Archive(self.db_path, create=False) as archive, archive.transaction() as conn:
                record_checks(conn, rows)
        except (ArchiveError, sqlite3.Error) as exc:
            logger.warning("Could not record the detail pages confirmed: %s", exc)


#: Request meta set by `JobSpider.posting_request`: the posting's key and what the
#: listing showed of it; the policy's `Check` once the request is let through.
_POSTING = "jobarchive_posting"
_LISTED = "jobarchive_listed"
_CHECK = "jobarchive_revisit"


def posting_meta(key: str, listed: dict[str, Any] | None) -> dict[str, Any]:
    """The request meta that puts a posting's detail request under the revisit policy."""
    return {_POSTING: key, _LISTED: dict(listed or {})}


def confirm(request: Request) -> None:
    """The detail page of `request` is archived as it reads now (or found unchanged)."""
    check = request.meta.get(_CHECK)
    if check is not None:
        check.confirmed = True


def _response_for(
    request: Request, url: str, body: bytes, content_type: str | None, encoding: str | None
) -> Response:
    headers = Headers({"Content-Type": content_type} if content_type else {})
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    options: dict[str, Any] = (
        {"encoding": encoding} if encoding and issubclass(cls, TextResponse) else {}
    )
    return cls(url=url, status=200, headers=headers, body=body, request=request, **options)


def _extraction_of(spider: Any) -> str | None:
    extraction = getattr(spider, "extraction", None)
    return extraction() if callable(extraction) else None


class RedirectAgainMiddleware(RedirectMiddleware):
    """Redirects bypass the duplicate filter.

    Scrapy schedules a redirect like a new request, so the duplicate filter drops a
    redirect back to a URL already fetched: in a loop A -> B -> A the posting's request
    vanished without calling its errback, and the run was "ok" with the posting neither
    stored nor counted as an error. Fetched again, the loop runs into
    REDIRECT_MAX_TIMES, which fails the request through its errback. Two listed postings
    redirecting to one page are then each fetched too, which is what the archive wants.
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request) and result is not request:
            result.dont_filter = True
        return result


class CharsetMiddleware:
    """Reads every page in a charset chosen by fixed rules, never by guessing.

    Scrapy trusts the Content-Type charset over everything, as browsers do. Sites
    behind a proxy that stamps `charset=utf-8` on Windows-1252 pages (or `ISO-8859-1`
    on UTF-8 ones) then read "Gen\ufffdve" or "GenÃ¨ve", which the archive would store
    as a changed version: `corrected_encoding` has the rules for those. A page that
    declares no charset at all Scrapy reads by statistical detection, which answers
    cp1250 for one fetch and cp850 for the next as the page's chrome changes: each a
    new version of an unchanged posting. Such a page is read by `undeclared_encoding`.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        known = request.meta.get("jobarchive_known")
        last = getattr(known, "encoding", None)
        if declared_encoding(response) is None:
            chosen = undeclared_encoding(response.body, last)
            if chosen != response.encoding:
                return response.replace(encoding=chosen)
            return response
        encoding = corrected_encoding(response)
        if encoding is None:
            return response
        logger.info(
            "%s: the body is not %s as declared; reading it as %s",
            response.url,
            response.encoding,
            encoding,
        )
        return response.replace(encoding=encoding)


#: What a page that declares no charset is read in when it is not UTF-8 and its last
#: fetch says nothing: the browsers' default for undeclared Western pages.
UNDECLARED_FALLBACK = "cp1252"


def declared_encoding(response: TextResponse) -> str | None:
    """The charset the answer declares: byte-order mark, Content-Type, or `<meta>`."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    return (
        read_bom(response.body)[0]
        or http_content_type_encoding(content_type)
        or html_body_declared_encoding(response.body)
    )


def undeclared_encoding(body: bytes, last: str | None = None) -> str:
    """The charset for a body that declares none: UTF-8 when the bytes are valid UTF-8,
    else the charset this URL's last fetch was read in (when the bytes fit it), else
    `UNDECLARED_FALLBACK`. The same bytes always get the same answer."""
    if _decodes(body, "utf-8"):
        return "utf-8"
    if last and _codec(last) and _decodes(body, last):
        return _codec(last)
    return UNDECLARED_FALLBACK


# Single-byte charsets that decode any bytes, so a wrong one never fails, only garbles.
_LATIN = {"cp1252", "iso8859-1", "iso8859-15"}


def corrected_encoding(response: TextResponse) -> str | None:
    """The charset to read `response` in instead of the declared one, or None to keep it.

    - Declared UTF-8 (or nothing, and Scrapy guessed UTF-8), but the bytes are not UTF-8:
      the `<meta>` charset if it is another one and fits, else Windows-1252, the
      browsers' fallback for legacy Western pages.
    - Declared Latin-1/Windows-1252, but the non-ASCII bytes form valid UTF-8: UTF-8.
      Latin text whose accented letters happen to pair up as UTF-8 sequences is all
      but unheard of, while UTF-8 pages served as ISO-8859-1 are common.
    """
    body = response.body
    if body.isascii():
        return None  # every ASCII-compatible charset reads it the same
    declared = _codec(response.encoding)
    if declared == "utf-8":
        if _decodes(body, "utf-8"):
            return None
        in_meta = _codec(html_body_declared_encoding(body) or "")
        for candidate in (in_meta, "cp1252"):
            if candidate and candidate != "utf-8" and _decodes(body, candidate):
                return candidate
        return None
    if declared in _LATIN and _decodes(body, "utf-8"):
        return "utf-8"
    return None


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
