"""The spider for user-defined sources: one subclass per `[sources.<name>]` of a TOML file.

`spider_for(config)` builds the subclass; `jobarchive crawl --config FILE` crawls it
like a built-in source. The listing is read in one of three ways, each knowing when it
is complete (so that the archive may mark unlisted postings removed):

- feed: every feed document (and Atom rel="next" pages) read and parsed;
- sitemap: every sitemap, including the children of sitemap indexes, read;
- listing: "next" links followed until a page has none, without a failed page; a
  configured total count must match the number of postings found.

Detail pages are read JSON-LD JobPosting first, then labelled fields, with configured
CSS selectors over both; the text is the JSON-LD description, else the page's main text.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import feedparser
import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from crawler.extract import fragment_text, main_text
from crawler.fields import (
    SourceProfile,
    html_labelled_fields,
    jsonld_fields,
    jsonld_job_posting,
    labelled_lines,
    normalize_fields,
    parse_tree,
)
from crawler.userconfig import SourceConfig

from .base import JobSpider, squash

_NUMBER = re.compile(r"\d[\d,.\u00a0\u202f ]*")


def spider_for(config: SourceConfig) -> type[ConfiguredSpider]:
    """A spider class for one user-defined source."""
    class_name = "".join(p.capitalize() for p in re.split(r"[-_]", config.name)) + "Spider"
    attrs = {
        "name": config.name,
        "kind": f"user-defined ({config.kind})",
        "default_base_url": config.base_url,
        "config": config,
        "__module__": __name__,
    }
    return type(class_name, (ConfiguredSpider,), attrs)


class ConfiguredSpider(JobSpider):
    """Crawls a job board as its SourceConfig describes; has no name until `spider_for`."""

    config: ClassVar[SourceConfig]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Listing documents (feeds, sitemaps, pages) requested and not yet read or failed.
        self._pending_documents = 0
        self._seen_listing: set[str] = set()
        self._detail_urls: set[str] = set()
        self._total: int | None = None
        self.profile = SourceProfile(
            day_first=self.config.day_first,
            tz=self.config.timezone,
            organization=self.config.organization,
        )

    async def start(self) -> Any:
        for entry in self.config.entry_urls:
            url = entry if re.match(r"https?://", entry) else self.url(entry)
            yield self._listing_request(url)

    # -- listing ------------------------------------------------------------------------

    def _listing_request(self, url: str) -> scrapy.Request:
        self._pending_documents += 1
        self._seen_listing.add(url)
        callback = {
            "feed": self._parse_feed,
            "sitemap": self._parse_sitemap,
            "listing": self._parse_listing,
        }[self.config.kind]
        return scrapy.Request(url, callback=callback, errback=self._listing_request_failed)

    def _listing_request_failed(self, failure: Failure) -> None:
        """A listing document failed: the listing is incomplete this run."""
        self._pending_documents -= 1
        self.listing_failed(failure)

    def _document_read(self) -> None:
        """One listing document done; the listing is complete when none is pending."""
        self._pending_documents -= 1
        if self._pending_documents == 0 and not self.listing_broken:
            self._check_total()
            self.listing_finished()

    def _parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Every entry of an RSS/Atom feed; Atom rel="next" pages are followed."""
        parsed = feedparser.parse(response.body)
        if not parsed.get("version"):
            self._pending_documents -= 1
            self.page_unusable("listing", response, "not an RSS or Atom feed")
            return
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                self.page_unusable("listing", response, "a feed entry without a link")
                continue
            url = response.urljoin(link)
            if self._filtered_out(url):
                continue
            key = None
            if self.config.key.source == "entry-id":
                key = entry.get("id")
                if not key:
                    self.page_unusable("listing", response, f"the entry for {url} has no id")
                    continue
            # Used only where the detail page has no value of its own.
            fallback = {
                "title": entry.get("title"),
                "posted_date": entry.get("published") or entry.get("updated"),
            }
            yield from self._detail_request(response, url, key=key, fallback=fallback)
        for link in parsed.feed.get("links", []):
            if link.get("rel") == "next" and link.get("href"):
                yield from self._next_listing(response, response.urljoin(link["href"]))
        self._document_read()

    def _parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """The posting URLs of a sitemap; the children of a sitemap index are followed."""
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body)
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml's errors on a page that is not XML
            self._pending_documents -= 1
            self.page_unusable("listing", response, f"not a sitemap ({exc})")
            return
        if sitemap.type not in ("urlset", "sitemapindex"):
            self._pending_documents -= 1
            self.page_unusable("listing", response, f"not a sitemap (<{sitemap.type}>)")
            return
        for entry in sitemap:
            url = response.urljoin(entry.get("loc", ""))
            if sitemap.type == "sitemapindex":
                yield from self._next_listing(response, url)
            elif not self._filtered_out(url):
                yield from self._detail_request(response, url)
        self._document_read()

    def _parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """The detail links of one listing page, then its next page."""
        if not isinstance(response, TextResponse):
            self._pending_documents -= 1
            self.page_unusable("listing", response, "not an HTML page")
            return
        if self.config.total and self._total is None:
            self._total = self._parse_total(response)
        for href in self._hrefs(response, self.config.detail_links or ""):
            url = response.urljoin(href)
            if not self._filtered_out(url):
                yield from self._detail_request(response, url)
        hrefs = self._hrefs(response, self.config.next_page) if self.config.next_page else []
        if hrefs:
            yield from self._next_listing(response, response.urljoin(hrefs[0]))
        self._document_read()

    def _next_listing(self, response: Response, url: str) -> Iterator[scrapy.Request]:
        """The next listing document, unless already read (a last page's "next" may loop back)."""
        if url in self._seen_listing:
            return
        if len(self._seen_listing) >= self.config.max_pages:
            self.page_unusable(
                "listing", response, f"more than max_pages = {self.config.max_pages} pages"
            )
            return
        yield self._listing_request(url)

    def _parse_total(self, response: Response) -> int | None:
        """The posting count the page states, e.g. "1,234 jobs found"."""
        text = _selected_text(response, self.config.total or "")
        m = _NUMBER.search(text)
        digits = re.sub(r"\D", "", m[0]) if m else ""
        if not digits:
            self.page_unusable("listing", response, f"no count in total {text!r}")
            return None
        return int(digits)

    def _check_total(self) -> None:
        if self._total is not None and self._total != len(self._detail_urls):
            self.listing_broken = True
            self._count_failure(
                "listing",
                f"listing {self.base_url}: the site says {self._total} postings, "
                f"the pages linked {len(self._detail_urls)}",
            )

    @staticmethod
    def _hrefs(response: Response, css: str) -> list[str]:
        """Link targets of the elements `css` selects (or the strings, with ::attr())."""
        out = []
        for selected in response.css(css):
            value = selected.root if isinstance(selected.root, str) else None
            if value is None:
                value = selected.attrib.get("href") or selected.css("a::attr(href)").get()
            if value and value.strip():
                out.append(value.strip())
        return out

    def _filtered_out(self, url: str) -> bool:
        return self.config.url_filter is not None and not self.config.url_filter.search(url)

    def _detail_request(
        self,
        response: Response,
        url: str,
        key: str | None = None,
        fallback: dict[str, Any] | None = None,
    ) -> Iterator[scrapy.Request]:
        """The detail request of a listed posting, with its key recorded as listed."""
        if url in self._detail_urls:
            return
        self._detail_urls.add(url)
        if self.config.key.source == "url":
            key = self.config.key.from_url(url)
            if key is None:
                # Its key unknown, the listing cannot say which postings are gone.
                self.page_unusable("listing", response, f"no key in {url} (see `key`)")
                return
        if key is not None:
            key = self.listed(key)
        yield scrapy.Request(
            url,
            callback=self.parse_detail,
            errback=self._detail_request_failed,
            cb_kwargs={"key": key, "fallback": fallback or {}},
        )

    def _detail_request_failed(self, failure: Failure) -> Any:
        seen = self.detail_failed(failure)
        if seen is None and self.config.key.source == "jsonld":
            # The page held this posting's key, so the listing is not known in full.
            self.listing_broken = True
        return seen

    # -- detail -------------------------------------------------------------------------

    def parse_detail(
        self, response: Response, key: str | None, fallback: dict[str, Any]
    ) -> Iterator[Any]:
        """The posting on one detail page."""
        if not isinstance(response, TextResponse):
            yield from self._detail_unusable(response, "not an HTML page")
            return
        page = response.text
        posting = jsonld_job_posting(page, response.url) if self.config.fields != "labels" else {}
        if self.config.fields == "jsonld" and not posting:
            yield from self._detail_unusable(response, "no schema.org JobPosting JSON-LD")
            return
        if self.config.key.source == "jsonld":
            key = _identifier(posting.get("identifier"))
            if not key:
                yield from self._detail_unusable(response, "no identifier in its JSON-LD")
                return
            key = self.listed(key)
        assert key is not None
        raw, text = self._raw_fields(response, page, posting, fallback)
        fields = normalize_fields(raw, self.profile)
        extra = {}
        if fields.pop("grade_raw") and raw.get("grade") != fields["grade"]:
            extra["grade_raw"] = raw["grade"]
        if salary := _salary(posting.get("baseSalary")):
            extra["salary"] = salary
        yield self.posting(response, key, text=text, extra=extra, **fields)

    def _raw_fields(
        self,
        response: TextResponse,
        page: str,
        posting: dict[str, Any],
        fallback: dict[str, Any],
    ) -> tuple[dict[str, str], str]:
        """Raw field values, most trusted first: selectors, JSON-LD, labels, the feed's
        values, the heading (docs/user-sources.md has the order); and the text."""
        raw: dict[str, str] = {}
        text = ""
        for name, css in self.config.selectors.items():
            if name == "text":
                text = fragment_text(" ".join(response.css(css).getall()))
            elif value := _selected_text(response, css):
                raw[name] = value
        if posting:
            for name, value in jsonld_fields(posting).items():
                raw.setdefault(name, value)
            # fields.jsonld_fields reads a PropertyValue identifier by its name (the
            # organization's); the ID is its value.
            if (identifier := _identifier(posting.get("identifier"))) and (
                "job_number" not in self.config.selectors
            ):
                raw["job_number"] = identifier
            text = text or _text_of(posting.get("description"))
        main = ""
        if self.config.fields != "jsonld":
            main = main_text(page, response.url)
            for layer in (html_labelled_fields(parse_tree(response.body)), labelled_lines(main)):
                for name, value in layer.items():
                    raw.setdefault(name, value)
        for name, value in fallback.items():
            if isinstance(value, str) and value.strip():
                raw.setdefault(name, value)
        # Boards seldom label the title: it is the page's heading.
        if "title" not in raw and (heading := _selected_text(response, "h1")):
            raw["title"] = heading
        # trafilatura is the slow part of a page: only run when the text is needed.
        return raw, text or main or main_text(page, response.url)

    def _detail_unusable(self, response: Response, reason: str) -> Iterator[Any]:
        self.page_unusable("detail", response, reason)
        if self.config.key.source == "jsonld":
            self.listing_broken = True  # a posting whose key we could not read
        return iter(())


def _selected_text(response: Response, css: str) -> str:
    """The text of what `css` selects: element text, or the strings of ::attr()/::text."""
    parts = []
    for selected in response.css(css):
        if isinstance(selected.root, str):
            parts.append(selected.root)
        else:
            parts.extend(selected.css("*::text").getall())
    return squash(" ".join(parts))


def _identifier(value: Any) -> str | None:
    """The ID in a JSON-LD identifier: a string, or a PropertyValue's value."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("value") or value.get("@id") or value.get("name")
    if value is None or isinstance(value, dict | list):
        return None
    return str(value).strip() or None


def _text_of(description: Any) -> str:
    """Plain text of a description that may be HTML, or HTML escaped once more."""
    if not isinstance(description, str) or not description.strip():
        return ""
    if "<" not in description and "&lt;" in description:
        description = htmllib.unescape(description)
    if "<" not in description:
        return description.strip()
    return fragment_text(description)


def _salary(value: Any) -> str | None:
    """A schema.org baseSalary as the page states it, e.g. "negotiable / YEAR"."""
    if not isinstance(value, dict):
        return None
    amount = value.get("value")
    unit = None
    if isinstance(amount, dict):
        unit = amount.get("unitText")
        low, high = amount.get("minValue"), amount.get("maxValue")
        amount = amount.get("value") or (f"{low}-{high}" if low and high else low or high)
    parts = [str(p) for p in (value.get("currency"), amount) if p not in (None, "")]
    if not parts:
        return None
    return " ".join(parts) + (f" / {unit}" if unit else "")
