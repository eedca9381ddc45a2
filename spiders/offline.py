"""A source's own parsing of a page saved earlier, without a crawl.

`jobarchive extract --source X PAGE` and `jobarchive probe --replay DIR` read pages
with exactly what a crawl of X does to them (the integrity check, the spider's
`parse_detail`, the required-field check), so that what they print is what a crawl
stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Headers, Request, Response, TextResponse
from scrapy.responsetypes import responsetypes

from spiders.base import JobSpider, PageUnusable


@dataclass
class Reading:
    """What a source's parsing made of one saved page."""

    fields: dict[str, Any]  # empty when the page was refused
    problem: str | None  # why the page makes no version, or None


def saved_response(
    body: bytes,
    url: str,
    content_type: str | None = None,
    method: str = "GET",
    encoding: str | None = None,
) -> Response:
    """The response a crawl would have had for `body` fetched from `url`; `encoding` is
    the charset the crawl read it in, when it recorded one."""
    headers = Headers({"Content-Type": content_type} if content_type else {})
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    options: dict[str, Any] = {}
    if encoding and issubclass(cls, TextResponse):
        options["encoding"] = encoding
    return cls(url=url, body=body, headers=headers, request=Request(url, method=method), **options)


def spider_for_page(spider_class: type[JobSpider], url: str | None) -> JobSpider:
    """A spider of `spider_class` whose base URL is the page's site, so that the
    addresses it builds (a posting's public page) are the ones a crawl would store."""
    if not url:
        return spider_class()
    parts = urlsplit(url)
    return spider_class(base_url=f"{parts.scheme}://{parts.netloc}")


def read_saved(
    spider: JobSpider,
    body: bytes,
    url: str,
    *,
    content_type: str | None = None,
    key: str | None = None,
    listed: dict[str, Any] | None = None,
    encoding: str | None = None,
) -> Reading:
    """The fields `spider` reads from a saved page, or the reason it refuses the page."""
    response = saved_response(body, url, content_type, encoding=encoding)
    try:
        fields = spider.read_detail(response, key, listed)
    except PageUnusable as exc:
        return Reading({}, str(exc))
    except Exception as exc:  # what a crawl reports as "the spider could not read the page"
        return Reading({}, f"the spider could not read the page ({type(exc).__name__}: {exc})")
    # What a crawl stores for a field the spider does not give: the Snapshot's default.
    stored = {"status": "open", "categories": [], "extra": {}, **fields}
    return Reading(stored, spider.missing_fields(fields))
