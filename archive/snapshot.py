"""The record the archive stores: one posting as one fetch saw it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The fields that make up a posting's content. A change in any of them is a new version;
# url, body and HTTP details are kept with each version but do not make one.
CONTENT_FIELDS: tuple[str, ...] = (
    "title",
    "organization",
    "location",
    "country",
    "grade",
    "contract_type",
    "job_number",
    "posted_date",
    "closing_date",
    "status",
    "categories",
    "extra",
    "text",
)


@dataclass
class Snapshot:
    """A posting as one fetch saw it.

    `source_key` is the site's own stable ID (Workday `jobReqId`, PageUp job no, ...):
    history is keyed on (source, source_key), never on the URL, because URLs carry
    slugs and locales that change while the posting stays the same. Dates are ISO
    strings (YYYY-MM-DD) in the site's own time zone; a closing date the site shows
    as "Closed" is None with status "closed".
    """

    source: str
    source_key: str
    url: str
    title: str | None = None
    organization: str | None = None
    location: str | None = None  # duty station
    country: str | None = None
    grade: str | None = None
    contract_type: str | None = None
    job_number: str | None = None
    posted_date: str | None = None
    closing_date: str | None = None
    status: str = "open"  # "open" or "closed", as the site says
    categories: list[str] = field(default_factory=list)
    text: str = ""  # clean main text; headings and list items kept as plain-text markdown
    body: bytes = b""  # the raw response body the fields came from
    content_type: str | None = None
    http_status: int | None = None
    fetched_at: str | None = None  # ISO 8601 UTC; the archive fills it in when missing
    extra: dict[str, Any] = field(default_factory=dict)  # source-specific fields
    # How the fields were fetched, kept so the next crawl can ask "changed since?"
    # (If-None-Match / If-Modified-Since) and skip a body it has already seen.
    fetch_url: str | None = None  # the URL fetched, when not `url` (an API's detail URL)
    etag: str | None = None
    last_modified: str | None = None
    #: The charset the body was read in, kept so that a body without a declared charset
    #: is read the same way on the next fetch.
    encoding: str | None = None
    #: How the fields were read from the body: the source's parsing and the shared
    #: reading's versions ("unicef 2; reading 1"). A body read again with another
    #: extraction is a re-reading, not a change of the posting.
    extraction: str | None = None
    #: What the listing showed of the posting, which the spider read beside the body
    #: (an API's listing row): kept with the version so the page can be read again later
    #: exactly as the crawl read it.
    listed: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FetchState:
    """What the archive remembers about the last fetch of one URL."""

    url: str
    source: str
    source_key: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    encoding: str | None = None
    extraction: str | None = None
