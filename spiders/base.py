"""The source framework: what every spider gets right because it is written once, here.

A source spider says how its site lists postings and how one posting page reads; the
base does everything the archive's safety rests on:

- **Listing completeness** (spiders/listing.py): a listing callback reports each page
  with `listing_page()` (the keys it showed, how many postings, the stated total, the
  next page's request). The ledger decides whether to follow the next page and, at the
  end, whether the listing was read whole. Only a whole listing lets the archive mark
  unlisted postings removed.
- **Page integrity** (spiders/integrity.py): every detail answer is checked before it is
  parsed (empty, cut short, not JSON, a challenge, maintenance, login or error page),
  and after (no title, no text). Such a page makes no version: the posting stays as it
  was, still seen, and the failure is named in the run's reason.
- **Layout drift** (spiders/drift.py and `listing_page`): links that look like postings
  but give no key, or a field the source always has missing on most pages, are named
  with the selector and the URL, and fail the run.
- **Site facts** (`facts`, crawler/sitefacts.py): date order, zone, employer, hosts,
  expected fields and error marks, declared on the spider class and read from there by
  the field parsers, the extractor and `jobarchive extract`.
- Detail requests de-duplicated by posting key, and the failure of any request put in
  words a cron mail reader understands (spiders/failures.py).

A spider implements `listing_start()` (the first listing requests, made with
`listing_request()`), listing callbacks that end with `yield from self.listing_page(...)`
and ask for postings with `yield from self.posting_request(...)`, and
`parse_detail(response, key, listed)`, which returns the posting's fields as a dict (or
raises `PageUnusable`). docs/adding-a-source.md walks through a new source.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, Self
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, JsonRequest, Response, TextResponse
from twisted.python.failure import Failure

from crawler.fields import TooDeep
from crawler.items import JobPosting, SeenPosting
from crawler.middlewares import NotModified, confirm, posting_meta
from crawler.organizations import with_canonical_organization
from crawler.scope import Scope
from crawler.sitefacts import READING_VERSION, REQUIRED, SiteFacts
from spiders.drift import FieldWatch
from spiders.failures import describe_failure
from spiders.integrity import page_problem
from spiders.listing import ListingLedger

_LISTING = "jobarchive_listing"
_RECHECK = "jobarchive_recheck"
_CALLBACK = "jobarchive_callback"


class PageUnusable(Exception):
    """Raised by a callback: this page holds no posting (or no listing), for this reason."""


@dataclass
class Verdict:
    """What a finished spider tells the archive about its run."""

    listed_keys: set[str]
    listing_complete: bool
    failed: bool  # nothing could be read at all: the source is down or unreadable
    failures: list[str]  # fetches and pages that failed, one line each
    problems: list[str]  # why the listing is not complete, and layout drift


class JobSpider(scrapy.Spider):
    """Base class of every source spider; subclasses set the class attributes."""

    #: The real site, e.g. "https://jobs.unicef.org". Overridable per crawl.
    default_base_url: ClassVar[str] = ""
    #: What kind of site this is, for `jobarchive sources`.
    kind: ClassVar[str] = ""
    #: How the site writes its postings (crawler/sitefacts.py).
    facts: ClassVar[SiteFacts] = SiteFacts()
    #: The version of this spider's own parsing (`parse_detail` and what it calls of its
    #: module). Bump it when a change alters what a stored page reads as.
    parser_version: ClassVar[int] = 1

    @classmethod
    def extraction(cls) -> str:
        """How this source's pages are read now: stored with every version, so that a
        page read again with a newer reading is known for what it is."""
        return f"{cls.name} {cls.parser_version}; reading {READING_VERSION}"

    def __init__(self, *args: Any, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._base_url_arg = base_url
        self.ledger = ListingLedger()
        self.watch = FieldWatch(self.facts)
        self.failures: list[str] = []
        self._requested: set[str] = set()
        self._problems_logged = 0
        self._first_page_request: scrapy.Request | None = None
        self._scope: Scope | None = None

    @property
    def base_url(self) -> str:
        """The spider argument `base_url`, else JOBARCHIVE_BASE_URLS[name], else the real site."""
        url = self._base_url_arg
        if not url and getattr(self, "crawler", None) is not None:
            url = (self.settings.getdict("JOBARCHIVE_BASE_URLS") or {}).get(self.name)
        return (url or self.default_base_url).rstrip("/")

    def scope(self) -> Scope:
        """The hosts this crawl may fetch from (crawler/scope.py): the base URL's and
        the source's own."""
        if self._scope is None or self._scope.home != Scope.of(self.base_url).home:
            self._scope = Scope.of(self.base_url, self.allowed_hosts())
        return self._scope

    def allowed_hosts(self) -> tuple[str, ...]:
        """Hosts besides the base URL's that the source's pages live on (an API or a
        CDN): the facts' hosts and their subdomains."""
        return self.facts.hosts

    def url(self, path: str) -> str:
        """An absolute URL on this source's (possibly overridden) site."""
        return self.base_url + ("" if path.startswith("/") else "/") + path

    def on_site(self, href: str, response: Response | None = None) -> str:
        """A link of the site's pages, put on the base URL in use: sites write absolute
        links to their own host, which a crawl of a mirror or mock must not follow.

        A base URL with a path (a site under a path of a mirror, a mock, or its own
        host) already holds the links its pages write under that path: those keep
        their path as it is rather than being given it twice."""
        absolute = response.urljoin(href) if response is not None else href
        base, parts = urlsplit(self.base_url), urlsplit(absolute)
        if (
            base.path
            and parts.netloc.lower() == base.netloc.lower()
            and (parts.path + "/").startswith(base.path + "/")
        ):
            return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))
        return self.url(parts.path + (f"?{parts.query}" if parts.query else ""))

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._callback_failed, signal=signals.spider_error)
        return spider

    # -- to implement -------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        """The first listing request(s), made with `listing_request()`."""
        raise NotImplementedError

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting's fields from its detail answer: the `Snapshot` field names
        (title, organization, ..., text, extra, and url when the public page is not the
        URL fetched). `listed` is what the listing showed of it. Raise `PageUnusable` for
        a page that is no posting; a returned `source_key` replaces `key`."""
        raise NotImplementedError

    # -- listing ------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.listing_start():
            self.ledger.expect()
            yield request

    def listing_request(
        self, url: str, *, callback: Any = None, data: Any = None, **kwargs: Any
    ) -> scrapy.Request:
        """A request for a listing page; `data` makes it a JSON POST. Its answer is
        checked (`spiders/integrity.py`) before `callback` (default `parse`) reads it."""
        callback = callback or self.parse
        meta = {**kwargs.pop("meta", {}), _LISTING: True, _CALLBACK: callback.__name__}
        options: dict[str, Any] = {
            "callback": self.read_listing,
            "errback": self._listing_failed,
            "dont_filter": True,
            "meta": meta,
            **kwargs,
        }
        if data is not None:
            return JsonRequest(url, data=data, **options)
        return scrapy.Request(url, **options)

    def listing_page(
        self,
        response: Response,
        keys: Iterable[str | int],
        *,
        shown: int | None = None,
        total: int | None = None,
        next_page: scrapy.Request | Iterable[scrapy.Request] | None = None,
        selector: str = "",
        links: list[str] | None = None,
    ) -> Iterator[scrapy.Request]:
        """Report one listing page, then yield its next page(s) if the ledger allows.

        `keys` are the posting keys the page showed; `shown` how many postings it showed
        (more than keys: some gave none); `total` the count it states; `selector` where
        the postings were read from, named when a page shows none; `links` the posting
        URLs, for sources that learn keys only from the postings' pages.
        """
        keys = [str(k).strip() for k in keys]
        following = _as_list(next_page)
        request = response.request
        if request is not None and request.meta.get(_RECHECK):
            self.ledger.recheck(response.url, keys, links)
            self._log_problems()
            return
        if not keys and not shown and not links:
            self._check_lookalike_links(response, selector)
        follow = self.ledger.page(
            response.url, keys, shown=shown, total=total, has_next=bool(following), links=links
        )
        if self._first_page_request is None and (keys or links) and request is not None:
            self._first_page_request = request
        self._log_problems()
        if follow:
            for next_request in following:
                self.ledger.expect()
                yield next_request
        elif self.ledger.needs_recheck() and self._first_page_request is not None:
            # A listing that states no total cannot show that it shifted while it was
            # paged (a posting gone from page 1 moves another one there, unseen): read
            # its first page again and compare.
            first = self._first_page_request
            self.ledger.expect()
            yield first.replace(meta={**first.meta, _RECHECK: True}, dont_filter=True)

    def offset_listing_page(
        self,
        response: Response,
        keys: Iterable[str | int],
        *,
        offset: int,
        step: int,
        total: int | None,
        request: Any,
        shown: int,
        selector: str = "",
    ) -> Iterator[scrapy.Request]:
        """`listing_page` for a listing paged by offset against a stated total: the next
        page (`request(offset + step)`) is asked for while this one showed postings and
        the total (this page's, else the first page's) is not reached."""
        next_offset = offset + step
        stated = total if total is not None else self.ledger.stated_total
        more = bool(shown) and stated is not None and next_offset < stated
        yield from self.listing_page(
            response,
            keys,
            shown=shown,
            total=total,
            next_page=request(next_offset) if more else None,
            selector=selector,
        )

    def _log_problems(self) -> None:
        for problem in self.ledger.problems[self._problems_logged :]:
            self.logger.warning("Listing: %s", problem)
        self._problems_logged = len(self.ledger.problems)

    def read_listing(
        self, response: Response, callback: str | None = None, **cb_kwargs: Any
    ) -> Any:
        """A listing answer, checked like every page (`spiders/integrity.py`), then read by
        the spider's `callback` (the one its request named, else `parse`)."""
        problem = page_problem(response, self.facts, "listing")
        if problem:
            raise PageUnusable(problem)
        if callback is None:
            meta = response.request.meta if response.request is not None else {}
            callback = meta.get(_CALLBACK, "parse")
        return getattr(self, callback)(response, **cb_kwargs)

    def _check_lookalike_links(self, response: Response, selector: str) -> None:
        """A page with no postings: if its links look like postings, the layout changed."""
        if not self.facts.posting_link or not isinstance(response, HtmlResponse):
            return
        pattern = re.compile(self.facts.posting_link)
        hrefs = [
            href
            for href in response.xpath("//a/@href").getall()
            if pattern.search(urlsplit(response.urljoin(href)).path)
        ]
        if hrefs:
            self.ledger.problems.append(
                f"layout drift: {response.url} links {len(hrefs)} pages that look like "
                f"postings (e.g. {hrefs[0]}) but {selector or 'the listing selector'} "
                "matched none"
            )
            self._stat("jobarchive/drift")

    @property
    def listed_keys(self) -> set[str]:
        return self.ledger.keys

    def listed(self, key: str | int) -> str:
        """Record a key as listed outside `listing_page` (learned from its detail page)."""
        key = str(key).strip()
        self.ledger.add_key(key)
        return key

    def _listing_failed(self, failure: Failure) -> None:
        """Errback of listing requests: this crawl's listing is not complete."""
        self.ledger.page_failed()
        self._record_failure("listing", failure)

    # -- details ------------------------------------------------------------------------

    def posting_request(
        self,
        key: str | None,
        url: str,
        *,
        listed: dict[str, Any] | None = None,
        data: Any = None,
        **kwargs: Any,
    ) -> Iterator[scrapy.Request]:
        """The detail request of posting `key` (None: learned from the page), once per key
        however many links lead to it (without a key: once per address, tracking
        parameters aside)."""
        seen_as = key if key is not None else _without_tracking(url)
        if seen_as in self._requested:
            self._stat("jobarchive/duplicate_links")
            return
        self._requested.add(seen_as)
        options: dict[str, Any] = {
            "callback": self.detail_response,
            "errback": self.detail_failed,
            "cb_kwargs": {"key": key, "listed": listed or {}},
            **kwargs,
        }
        if key is not None:
            # Under the revisit policy (crawler/revisit.py): the incremental middleware
            # may answer it from the archive, as a posting seen, without fetching it.
            options["meta"] = {**posting_meta(key, listed), **options.get("meta", {})}
        settings = getattr(self, "settings", None)
        if settings is not None and not settings.getbool("JOBARCHIVE_INCREMENTAL", True):
            self._stat("jobarchive/details_fetched/full")
        if data is not None:
            yield JsonRequest(url, data=data, **options)
        else:
            yield scrapy.Request(url, **options)

    def detail_response(
        self, response: Response, key: str | None, listed: dict[str, Any]
    ) -> Iterator[JobPosting]:
        """Check the answer, parse it, check the result: only a whole posting goes on."""
        try:
            fields = self.read_detail(response, key, listed)
        except PageUnusable as exc:
            self.page_unusable("detail", response, str(exc))
            self._key_unknown(key, response.url)
            return
        for item in self.emit(response, key, fields, listed=listed):
            if response.request is not None:
                confirm(response.request)
            yield item

    def _key_unknown(self, key: str | None, url: str) -> None:
        """A posting whose key only its page holds could not be read: the listing's keys
        are not all known, so it cannot say which postings are gone."""
        if key is None:
            self.ledger.problems.append(
                f"the posting at {url} could not be read, so its key is unknown"
            )

    def read_detail(
        self, response: Response, key: str | None, listed: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The fields of one detail answer, or `PageUnusable` saying why it is no posting
        page: the integrity check, then the spider's parsing (`emit` checks the result)."""
        problem = page_problem(response, self.facts)
        if problem:
            raise PageUnusable(problem)
        try:
            # The organization's one name, wherever a page is read (a crawl, `extract`,
            # `probe`, `reextract`), so that a re-reading never differs from a crawl by it.
            return with_canonical_organization(
                self.parse_detail(
                    response, key or self.key_from_url(response.url) or "", listed or {}
                )
            )
        except TooDeep as exc:  # an API's description fragment, too deep to read whole
            raise PageUnusable(str(exc)) from None

    def key_from_url(self, url: str) -> str | None:
        """The posting key a detail URL holds, when it holds one (for saved pages)."""
        return None

    def missing_fields(self, fields: dict[str, Any]) -> str | None:
        """What a posting lacks of the required fields, in words, or None."""
        missing = [name for name in REQUIRED if not fields.get(name)]
        if not missing:
            return None
        return f"no {', '.join(self.facts.where(name) for name in missing)} found on the page"

    def emit(
        self,
        response: Response,
        key: str | None,
        fields: dict[str, Any],
        body: bytes | None = None,
        listed: dict[str, Any] | None = None,
    ) -> Iterator[JobPosting]:
        """The posting item of parsed `fields`, unless a required field is missing.

        `body` is the raw answer to keep when it is not the whole response (one entry of
        an API answer that holds several postings); `listed` what the listing showed of
        the posting, kept with the version so the page can be read again as it was.
        """
        fields = dict(fields)
        key = str(fields.pop("source_key", None) or key or "").strip()
        if not key:
            self.page_unusable("detail", response, "no posting key on the page")
            return
        missing = self.missing_fields(fields)
        if missing:
            self.page_unusable("detail", response, missing)
            return
        self.listed(key)
        self.watch.saw(response.url, fields)
        # One organization under one name whatever the site calls it, so that facets
        # and saved searches do not split it; the site's spelling stays in `extra`.
        item = self.posting(response, key, **with_canonical_organization(fields))
        if body is not None:
            item.body = body
        if listed:
            item.listed = dict(listed)
        yield item

    def detail_failed(self, failure: Failure) -> list[SeenPosting] | None:
        """Errback of detail requests: counted as an error, the posting keeps its state.

        A detail the archive already holds unchanged (HTTP 304, or the same body as last
        time) also ends here, as `NotModified`: that is no error but a posting seen.
        """
        if failure.check(NotModified):
            return [SeenPosting(self.name, self.listed(failure.value.source_key))]
        self._record_failure("detail", failure)
        request = getattr(failure, "request", None)
        if request is not None and "key" in request.cb_kwargs:
            self._key_unknown(request.cb_kwargs["key"], request.url)
        return None

    def seen(self, source_key: str) -> SeenPosting:
        """An item saying: this posting is still there, unchanged, without a new fetch
        or extraction (for sources whose listing says what changed, e.g. ReliefWeb)."""
        self._stat("jobarchive/details_skipped")
        return SeenPosting(self.name, self.listed(source_key))

    # -- failures -----------------------------------------------------------------------

    def page_unusable(self, what: str, response: Response, reason: str) -> None:
        """Count a page that loaded but holds no posting or listing.

        `what` is "listing" (which also leaves the listing incomplete) or "detail".
        """
        if what == "listing":
            self.ledger.page_failed()
        if not response.body.strip():  # say so plainly: the caller's guess would mislead
            reason = f"an empty answer (HTTP {response.status} with no body)"
        self._count_failure(what, f"{what} {_asked_for(response)}: {reason}")

    def _callback_failed(self, failure: Failure, response: Response, spider: scrapy.Spider) -> None:
        """A callback raised: name the page in `failures`, so the run's reason says which.

        A listing page that could not be read leaves the listing incomplete, so nothing
        is marked removed.
        """
        if spider is not self:
            return
        request = response.request
        what = "listing" if request is not None and request.meta.get(_LISTING) else "detail"
        error = failure.value
        if isinstance(error, PageUnusable):
            message = str(error)
        else:
            message = f"the spider could not read the page ({type(error).__name__}: {error})"
        if what == "listing":
            self.ledger.page_failed()
        url = _asked_for(response)
        self.failures.append(f"{what} {url}: {message}")
        self.logger.error("Failed to read %s %s: %s", what, url, message)

    def _record_failure(self, what: str, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        settings = self.settings if getattr(self, "crawler", None) is not None else None
        self._count_failure(what, f"{what} {url}: {describe_failure(failure, settings)}")

    def _count_failure(self, what: str, message: str) -> None:
        self.failures.append(message)
        self.logger.error("Failed to fetch %s", message)
        self._stat(f"jobarchive/{what}_errors")

    def _stat(self, name: str) -> None:
        if getattr(self, "crawler", None) is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(name)

    # -- the run's verdict --------------------------------------------------------------

    def verdict(self, finished: bool = True) -> Verdict:
        """The listing's keys and completeness, and every problem of the run, for the
        archive to close the run with. Called once, when the spider closes."""
        complete, problems = self.ledger.verdict(finished)
        drift = self.watch.report()
        for line in drift:
            self.logger.error("%s", line)
            self._stat("jobarchive/drift")
        keys = self.ledger.keys
        return Verdict(
            listed_keys=keys,
            listing_complete=complete and finished,
            failed=bool(self.ledger.failed) and not keys,
            failures=list(self.failures),
            problems=problems + drift,
        )

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
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            extraction=self.extraction(),
            **fields,
        )


# Query parameters that say where a link was clicked, not which page it is.
_TRACKING = re.compile(
    r"^(?:utm_\w+|ref|refs|src|source|trk|tracking|gclid|fbclid|mc_[ce]id)$", re.I
)


def _without_tracking(url: str) -> str:
    """`url` without its fragment and its tracking parameters, for telling links apart."""
    parts = urlsplit(url)
    kept = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))


def _asked_for(response: Response) -> str:
    """The URL the crawl asked for: after redirects, the first (a site that sends every
    failed page to one /Error address would otherwise name that address for all)."""
    request = response.request
    redirects = request.meta.get("redirect_urls") if request is not None else None
    return str(redirects[0]) if redirects else response.url


def _as_list(value: scrapy.Request | Iterable[scrapy.Request] | None) -> list[scrapy.Request]:
    if value is None:
        return []
    if isinstance(value, scrapy.Request):
        return [value]
    return list(value)


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def squash(text: str | None) -> str:
    """`text` with runs of white space (including no-break spaces) folded to one space."""
    return " ".join((text or "").split())
