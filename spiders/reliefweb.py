"""ReliefWeb jobs through the ReliefWeb API v2 (api.reliefweb.int).

ReliefWeb is an aggregator: each job is posted by an organization (its `source`).
The spider reads the API only (v1 is decommissioned and answers 410):

1. The listing: `POST /v2/jobs?appname=...` with `preset=latest` (open postings),
   `sort[]=date.created:desc`, offset paging, `limit` at most 1000 (the API's maximum
   and its quota unit: 1000 entries per call, 1000 calls a day), and only the fields
   `id` and `date.changed`. `totalCount` says when the last page has been read.
2. The details of new and changed jobs, in batches: one `POST /v2/jobs` with a filter
   on the batch's ids and `profile=full`. A job whose `date.changed` equals the one
   stored as the last fetch's change stamp in the archive (`fetches.last_modified`,
   read read-only at the start; outside the content, so a stamp alone makes no version)
   is not fetched again: it is listed and yielded as a `SeenPosting`, which the archive
   counts as unchanged (or reopens). Batching keeps a first crawl of ~2000 jobs within
   the daily quota.

The API needs an appname that ReliefWeb has approved (since 1 Nov 2025): the Scrapy
setting `RELIEFWEB_APPNAME`, else the environment variable of the same name. Without
one the spider stops at once, saying how to get one; the other sources of the crawl go
on, and this source's run is recorded as failed.

Settings (spider arguments of the same name in lower case win): `RELIEFWEB_PAGE_SIZE`
(listing `limit`, default and maximum 1000), `RELIEFWEB_DETAIL_BATCH` (jobs per detail
call, default 50), `RELIEFWEB_REFETCH` (fetch every job's details, ignoring the stored
`date.changed`, e.g. after a change to this spider's parsing; `jobarchive crawl --full`
does the same).

The answer's envelope (`totalCount`, `count`, `data[]` of `{id, score, fields, href}`)
is the one real API answers of other resources show; the keys the spider relies on are
named once below (`LISTING_KEYS`, `ENTRY_ID`, `ENTRY_FIELDS`, `FIELD_KEYS`), and an
answer without them is refused naming the key, never stored.

Dates: `date.*` are ISO 8601 with an offset; the archive keeps the date written in
that offset (the day the poster entered), never converted to another zone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response

from crawler.dates import local_date
from crawler.extract import fragment_text
from crawler.items import JobPosting, SeenPosting
from crawler.sitefacts import SiteFacts
from spiders.archive_state import stored_stamps
from spiders.base import JobSpider, PageUnusable, squash
from spiders.integrity import page_problem

MAX_LIMIT = 1000
APPNAME_FORM = "https://apidoc.reliefweb.int/parameters#appname"
APPNAME_HELP = (
    "The ReliefWeb API needs an appname approved by ReliefWeb. Request one with the form "
    f"at {APPNAME_FORM} (approval takes about one business day), then pass it with "
    "`-s RELIEFWEB_APPNAME=<appname>` or the RELIEFWEB_APPNAME environment variable."
)
JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
#: The keys of an API answer the spider reads: its entries and the count of all.
LISTING_KEYS = ("data", "totalCount")
#: An entry's id and its fields.
ENTRY_ID, ENTRY_FIELDS = "id", "fields"
#: The fields of a `profile=full` job record the posting is read from.
FIELD_KEYS = ("title", "body-html", "source", "date", "country", "url_alias")


class ReliefwebSpider(JobSpider):
    name = "reliefweb"
    default_base_url = "https://api.reliefweb.int"
    kind = "ReliefWeb API v2: JSON listing + batched JSON details (needs an approved appname)"
    facts = SiteFacts(
        day_first=True,
        tz="UTC",
        hosts=("reliefweb.int",),
        detail_format="json",
        listing_format="json",
        expected={
            "title": "fields.title",
            "text": "fields.body-html",
            "organization": "fields.source[0].name",
        },
    )

    # api.reliefweb.int/robots.txt is "Disallow: /". It is there for web crawlers; the
    # API itself is published for programs to use, under ReliefWeb's API terms, with an
    # appname ReliefWeb has approved for this use. The spider requests nothing but the
    # API (never the reliefweb.int pages, whose robots rules it would have to obey), so
    # it does not read the API host's robots file. `-s ROBOTSTXT_OBEY=True` still wins.
    custom_settings: ClassVar[dict[str, Any]] = {"ROBOTSTXT_OBEY": False}

    def __init__(
        self,
        *args: Any,
        page_size: int | str | None = None,
        detail_batch: int | str | None = None,
        refetch: bool | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._page_size_arg = page_size
        self._detail_batch_arg = detail_batch
        self._refetch_arg = refetch
        #: {job id: date.changed} stored with each job's current version in the archive.
        self.stored_changed: dict[str, str] = {}
        #: Jobs already fetched or recorded as seen in this crawl (pages may overlap).
        self.handled: set[str] = set()

    # -- configuration ------------------------------------------------------------------

    def _setting(self, name: str, default: Any = None) -> Any:
        if getattr(self, "crawler", None) is None:
            return default
        value = self.settings.get(name)
        return default if value in (None, "") else value

    @property
    def appname(self) -> str:
        """The approved appname: the setting RELIEFWEB_APPNAME, else the environment."""
        return str(
            self._setting("RELIEFWEB_APPNAME") or os.environ.get("RELIEFWEB_APPNAME") or ""
        ).strip()

    @cached_property
    def page_size(self) -> int:
        size = _int(self._page_size_arg, self._setting("RELIEFWEB_PAGE_SIZE", MAX_LIMIT))
        if size > MAX_LIMIT:
            self.logger.warning(
                "page size %d is above the API's maximum: using %d", size, MAX_LIMIT
            )
        return max(1, min(size, MAX_LIMIT))

    @cached_property
    def detail_batch(self) -> int:
        size = _int(self._detail_batch_arg, self._setting("RELIEFWEB_DETAIL_BATCH", 50))
        return max(1, min(size, MAX_LIMIT))

    @property
    def refetch(self) -> bool:
        """Fetch every job's details: RELIEFWEB_REFETCH, or `jobarchive crawl --full`."""
        value = self._refetch_arg
        if value is None:
            value = self._setting("RELIEFWEB_REFETCH", False)
        if getattr(self, "crawler", None) is not None and not self.settings.getbool(
            "JOBARCHIVE_INCREMENTAL", True
        ):
            return True
        return str(value).strip().lower() in ("1", "true", "yes", "on")

    def _archiving(self) -> bool:
        """True when this crawl's items go to the archive (not only to a feed export)."""
        if getattr(self, "crawler", None) is None or not self.settings.getbool(
            "ARCHIVE_ENABLED", True
        ):
            return False
        pipelines = self.settings.getwithbase("ITEM_PIPELINES")
        return any(
            getattr(path, "__name__", str(path)).endswith("ArchivePipeline") and order is not None
            for path, order in pipelines.items()
        )

    def api_url(self, path: str) -> str:
        """An API URL with the appname in its query, as the API wants for GET and POST."""
        return self.url(path) + "?appname=" + quote(self.appname, safe="")

    # -- listing ------------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        if not self.appname:
            self.stop_source("no appname. " + APPNAME_HELP)
            raise CloseSpider("reliefweb_appname_missing")
        if self.refetch:
            self.logger.info("Fetching every job's details (refetch or --full)")
        elif self._archiving():
            self.stored_changed = stored_stamps(
                self._setting("ARCHIVE_DB"), self.name, self.extraction()
            )
        yield self.listing_page_request(0)

    def stop_source(self, reason: str) -> None:
        """This source cannot be crawled at all: the listing is broken, the run fails."""
        self.ledger.page_failed()
        message = f"listing {self.name}: {reason}"
        self.failures.append(message)
        self.logger.error("ReliefWeb: %s", reason)
        self._stat("jobarchive/listing_errors")

    def listing_page_request(self, offset: int) -> scrapy.Request:
        """One page of the open jobs, newest first, with only their ids and change stamps."""
        query = {
            "preset": "latest",
            "fields": {"include": ["id", "date.changed"]},
            "sort": ["date.created:desc"],
            "limit": self.page_size,
            "offset": offset,
        }
        return self.listing_request(
            self.api_url("/v2/jobs"),
            method="POST",
            body=json.dumps(query),
            headers=JSON_HEADERS,
            cb_kwargs={"offset": offset},
            # The API's own refusals come with a message worth showing.
            meta={"handle_httpstatus_list": [400, 403, 404, 410]},
        )

    def parse(
        self, response: Response, offset: int = 0, **kwargs: Any
    ) -> Iterator[scrapy.Request | SeenPosting]:
        """Read one listing page: the unchanged jobs are seen, the new and changed ones
        fetched in batches; then the next page."""
        if response.status != 200:
            self._api_refused(response)
        entries, total = self._parse_answer(response)  # checked by `read_listing`
        keys: list[str] = []
        changed: list[str] = []
        for entry in entries:
            key = self._parse_id(entry)
            if key is None:
                continue
            keys.append(key)
            if key in self.handled:
                continue
            self.handled.add(key)
            stamp = _get(entry, "fields", "date", "changed")
            if not self.refetch and stamp and self.stored_changed.get(key) == stamp:
                # Unchanged since the archived version: seen, not fetched again.
                yield self.seen(key)
            else:
                changed.append(key)
        for start in range(0, len(changed), self.detail_batch):
            yield self.details_request(changed[start : start + self.detail_batch])
        # The next page starts after the entries this one held (the API may cap `limit`).
        yield from self.offset_listing_page(
            response,
            keys,
            offset=offset,
            step=len(entries),
            total=total,
            request=self.listing_page_request,
            shown=len(entries),
            selector=f"data[].{ENTRY_ID}",
        )

    def _parse_answer(self, response: Response) -> tuple[list[Any], int]:
        """(the entries, `totalCount`) of an API answer already checked to be JSON;
        `PageUnusable` naming what is missing when it is no ReliefWeb API answer."""
        answer = json.loads(response.body)
        if not isinstance(answer, dict):
            raise PageUnusable("not a ReliefWeb API answer")
        for name in LISTING_KEYS:
            if name not in answer:
                raise PageUnusable(f"no {name} in the answer (the API changed?)")
        entries = answer["data"]
        if not isinstance(entries, list):
            raise PageUnusable("the answer's data is not a list")
        try:
            return entries, int(answer["totalCount"])
        except (TypeError, ValueError):
            raise PageUnusable("the answer's totalCount is not a number") from None

    def _api_refused(self, response: Response) -> None:
        """A 4xx from the API: nothing more can be read this crawl."""
        message = _error_message(response)
        if response.status == 403:
            reason = (
                f"ReliefWeb refused the appname {self.appname!r} (HTTP 403: {message}). "
                + APPNAME_HELP
            )
            code = "reliefweb_appname_refused"
        elif response.status == 400 and "appname" in message.lower():
            reason = f"HTTP 400: {message}. " + APPNAME_HELP
            code = "reliefweb_appname_missing"
        else:
            reason = f"HTTP {response.status} from {self.url('/v2/jobs')}: {message}"
            code = "reliefweb_api_error"
        self.stop_source(reason)
        raise CloseSpider(code)

    # -- details ------------------------------------------------------------------------

    def details_request(self, keys: list[str]) -> scrapy.Request:
        """The full records of `keys` in one call (a filter on their ids)."""
        query = {
            "filter": {"field": "id", "value": [_id_value(k) for k in keys], "operator": "OR"},
            "profile": "full",
            # "analysis" includes jobs that expired since the listing was read.
            "preset": "analysis",
            "limit": len(keys),
        }
        return scrapy.Request(
            self.api_url("/v2/jobs"),
            method="POST",
            body=json.dumps(query),
            headers=JSON_HEADERS,
            callback=self.parse_details,
            errback=self.detail_failed,
            cb_kwargs={"keys": keys},
            dont_filter=True,
        )

    def parse_details(self, response: Response, keys: list[str]) -> Iterator[JobPosting]:
        """One posting per requested job in the answer; a missing one is a failed fetch."""
        try:
            problem = page_problem(response, self.facts)
            if problem:
                raise PageUnusable(problem)
            entries, _ = self._parse_answer(response)
        except PageUnusable as exc:
            self.page_unusable("detail", response, str(exc))
            return
        wanted, seen = set(keys), set()
        for entry in entries:
            key = self._parse_id(entry)
            if key in wanted and key not in seen:
                seen.add(key)
                yield from self.entry_posting(response, key, entry)
        for key in keys:
            if key not in seen:
                self.page_unusable("detail", response, f"job {key} is not in the answer")

    def entry_posting(
        self, response: Response, key: str, entry: dict[str, Any]
    ) -> Iterator[JobPosting]:
        """The posting of one `data` element of a `profile=full` answer.

        The answer holds a whole batch; each version keeps its own job's record, under
        the job's own API URL (the request's carries the appname, which stays out of
        the archive). Its validator is ReliefWeb's change stamp, not the batch's HTTP
        headers: the next crawl compares it with the listing's `date.changed`.
        """
        body = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
        for item in self.emit(response, key, self.entry_fields(key, entry), body=body):
            item.fetch_url = entry.get("href") or self.url(f"/v2/jobs/{key}")
            item.etag = None
            item.last_modified = _get(entry, "fields", "date", "changed")
            yield item

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The fields of one job's record: as archived (`entry_posting`'s body), or in an
        API answer (`/v2/jobs/<id>`, a batch), the entry whose id is `key`."""
        record = json.loads(response.body)
        if isinstance(record, dict) and ENTRY_FIELDS not in record and "data" in record:
            entries = [e for e in record.get("data") or [] if isinstance(e, dict)]
            record = next((e for e in entries if self._parse_id(e) == key), None)
            if record is None and not key and len(entries) == 1:
                record = entries[0]
        if not isinstance(record, dict) or not isinstance(record.get(ENTRY_FIELDS), dict):
            raise PageUnusable(f"no job record with {ENTRY_FIELDS} in the answer")
        key = key or self._parse_id(record) or ""
        return {"source_key": key, **self.entry_fields(key, record)}

    def entry_fields(self, key: str, entry: dict[str, Any]) -> dict[str, Any]:
        """The posting fields of one job record of the API."""
        fields = entry.get("fields") or {}
        closing = _get(fields, "date", "closing")
        return {
            "url": fields.get("url_alias")
            or fields.get("url")
            or f"https://reliefweb.int/job/{key}",
            "title": squash(fields.get("title")) or None,
            "organization": _first_name(fields.get("source")),
            "location": self._parse_location(fields),
            "country": self._parse_country(fields),
            "contract_type": _first_name(fields.get("type")),
            "job_number": key,
            "posted_date": _local_date(_get(fields, "date", "created")),
            "closing_date": _local_date(closing),
            "status": "closed" if fields.get("status") == "expired" else "open",
            "categories": _names(fields.get("career_categories")),
            "text": self._parse_text(fields),
            "extra": self._parse_extra(fields),
        }

    # -- fields -------------------------------------------------------------------------

    def _parse_id(self, entry: Any) -> str | None:
        """The job's ReliefWeb id (the API gives it as a string, and as a number in fields)."""
        if not isinstance(entry, dict):
            return None
        value = entry.get(ENTRY_ID) or _get(entry, ENTRY_FIELDS, "id")
        return str(value).strip() if value not in (None, "") else None

    def _parse_location(self, fields: dict[str, Any]) -> str | None:
        """The city; else the primary country, which is then the whole duty station.

        A job with no country at all (remote, roster, to be decided) has no location.
        """
        return _first_name(fields.get("city")) or self._parse_country(fields)

    def _parse_country(self, fields: dict[str, Any]) -> str | None:
        """The primary country (not always the first; some resources name it apart, in
        `primary_country`); none for remote or roster jobs."""
        countries = [c for c in fields.get("country") or [] if isinstance(c, dict)]
        primary = next((c for c in countries if c.get("primary")), None)
        if primary is None and isinstance(fields.get("primary_country"), dict):
            primary = fields["primary_country"]
        chosen = primary or (countries[0] if countries else None)
        if chosen is None:
            return None
        return squash(chosen.get("name")) or None

    def _parse_text(self, fields: dict[str, Any]) -> str:
        """The body (HTML rendering when given, else the markdown) and how to apply."""
        text = _html_or_text(fields, "body")
        apply = _html_or_text(fields, "how_to_apply")
        if apply:
            text = f"{text}\n\n## How to apply\n\n{apply}".strip()
        return text

    def _parse_extra(self, fields: dict[str, Any]) -> dict[str, Any]:
        """ReliefWeb's own facets."""
        source = (fields.get("source") or [{}])[0] if fields.get("source") else {}
        countries = [c for c in fields.get("country") or [] if isinstance(c, dict)]
        extra: dict[str, Any] = {
            "date_closing": _get(fields, "date", "closing"),
            "source_shortname": source.get("shortname"),
            "source_type": _get(source, "type", "name"),
            "countries": [squash(c.get("name")) for c in countries if c.get("name")],
            "experience": _first_name(fields.get("experience")),
            "themes": _names(fields.get("theme")),
            "api_status": fields.get("status"),
        }
        return {k: v for k, v in extra.items() if v not in (None, "", [])}


def _int(value: Any, default: Any) -> int:
    for candidate in (value, default):
        try:
            return int(candidate)
        except (TypeError, ValueError):
            continue
    return MAX_LIMIT


def _id_value(key: str) -> int | str:
    """A job id as the API's filter wants it: a number (ReliefWeb ids are numeric)."""
    return int(key) if key.isdigit() else key


def _get(value: Any, *path: str) -> Any:
    for name in path:
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value


def _names(values: Any) -> list[str]:
    """The `name` of each element of a ReliefWeb array field."""
    if not isinstance(values, list):
        return []
    return [squash(v.get("name")) for v in values if isinstance(v, dict) and v.get("name")]


def _first_name(values: Any) -> str | None:
    names = _names(values)
    return names[0] if names else None


def _local_date(value: Any) -> str | None:
    """The date an ISO 8601 value states, in its own offset."""
    return local_date(value, None) if isinstance(value, str) and value.strip() else None


def _html_or_text(fields: dict[str, Any], name: str) -> str:
    html = fields.get(f"{name}-html")
    if isinstance(html, str) and html.strip():
        return fragment_text(html)
    value = fields.get(name)
    return value.strip() if isinstance(value, str) else ""


def _error_message(response: Response) -> str:
    """The API's error message (`{"error": {"message"}}`), else the start of the body."""
    try:
        error = response.json().get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
    except (ValueError, AttributeError):
        pass
    return squash(response.text[:200]) if hasattr(response, "text") else ""
