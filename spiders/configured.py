"""The spider for user-defined sources: one subclass per `[sources.<name>]` of a TOML file.

`spider_for(config)` builds the subclass; `jobarchive crawl --config FILE` crawls it
like a built-in source, with every check of the source framework (spiders/base.py):
listing completeness, page integrity, layout drift. The listing is read in one of three
ways, each document of it reported to the listing ledger as one page:

- feed: every feed document (and Atom rel="next" pages);
- sitemap: every sitemap, including the children of sitemap indexes;
- listing: "next" links followed until a page has none; a configured total count must
  be reached by the postings found.

Detail pages are read JSON-LD JobPosting first, then labelled fields, with configured
CSS selectors over both; the text is the JSON-LD description, else the page's main text.
Every page is read from its decoded text (never its raw bytes), so that one body is read
the same way on every fetch.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import feedparser
import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.extract import fragment_text, main_text
from crawler.fields import (
    html_labelled_fields,
    jsonld_fields,
    jsonld_job_posting,
    labelled_lines,
    normalize_fields,
    parse_tree,
)
from crawler.patterns import PatternTooSlow
from crawler.platforms import PLATFORMS
from crawler.sitefacts import SiteFacts
from crawler.userconfig import SourceConfig

from .base import JobSpider, PageUnusable, squash

_NUMBER = re.compile(r"\d[\d,.\u00a0\u202f ]*")
#: A listing document's postings: (URL, key when the listing holds it, fields to fall
#: back on where the posting's own page says nothing).
Entries = list[tuple[str, str | None, dict[str, Any]]]


def spider_for(config: SourceConfig) -> type[JobSpider]:
    """A spider class for one user-defined source."""
    if config.kind in PLATFORMS:
        from .tenants import tenant_spider

        return tenant_spider(config)
    class_name = "".join(p.capitalize() for p in re.split(r"[-_]", config.name)) + "Spider"
    attrs = {
        "name": config.name,
        "kind": f"user-defined ({config.kind})",
        "default_base_url": config.base_url,
        "config": config,
        "facts": facts_of(config),
        "__module__": __name__,
    }
    return type(class_name, (ConfiguredSpider,), attrs)


def facts_of(config: SourceConfig) -> SiteFacts:
    """The site facts a source's TOML table states."""
    where = {
        "title": config.selectors.get("title", "JSON-LD title, else the page's h1"),
        "text": config.selectors.get("text", "JSON-LD description, else the page's main text"),
    }
    return SiteFacts(
        day_first=config.day_first,
        tz=config.timezone,
        organization=config.organization,
        hosts=(urlsplit(config.base_url).hostname or "", *config.allowed_hosts),
        listing_format="html" if config.kind == "listing" else "xml",
        expected=where,
        page_text=True,
    )


class ConfiguredSpider(JobSpider):
    """Crawls a job board as its SourceConfig describes; has no name until `spider_for`."""

    config: ClassVar[SourceConfig]

    @classmethod
    def extraction(cls) -> str:
        """The parsing of this spider and of the source's TOML table: a user who edits the
        table's selectors changes how its pages read, as a new spider version would."""
        return f"{super().extraction()}; config {cls.config.reading_digest()}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._documents: set[str] = set()  # listing documents requested this crawl

    # -- listing ------------------------------------------------------------------------

    def listing_start(self) -> Iterable[scrapy.Request]:
        for entry in self.config.entry_urls:
            url = entry if re.match(r"https?://", entry) else self.url(entry)
            yield self._document_request(url)

    def _document_request(self, url: str) -> scrapy.Request:
        self._documents.add(url)
        return self.listing_request(url, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """One listing document: its postings, then the documents it links on to."""
        read = {"feed": self._feed, "sitemap": self._sitemap, "listing": self._page}
        entries, next_urls, total = read[self.config.kind](response)
        keys: list[str] = []
        links: list[str] = []
        keyless = 0  # links the key pattern finds no key in
        for url, key, fallback in entries:
            try:
                if self.config.url_filter is not None and not self.config.url_filter.search(url):
                    continue
                if self.config.key.source == "url":
                    key = self.config.key.from_url(url)
            except PatternTooSlow as exc:
                # Counted as a link without a key: the listing is not complete, so no
                # posting is taken for gone because one link could not be read.
                self.logger.warning("%s (see `key` and `url_filter`)", exc)
                keyless += 1
                continue
            if self.config.key.source == "url" and key is None:
                self.logger.warning("No key in %s (see `key`)", url)
                keyless += 1
                continue
            if key is not None:
                keys.append(key)
            links.append(url)
            yield from self.posting_request(key, url, listed=fallback)
        # Several links to one posting (title, "Read more") are one posting shown.
        shown = len(set(keys) or set(links)) + keyless
        yield from self.listing_page(
            response,
            keys,
            shown=shown,
            total=total,
            next_page=self._next_documents(response, next_urls),
            selector=self.config.detail_links or f"the {self.config.kind}'s entries",
            links=links if self.config.key.source == "jsonld" else None,
        )

    def _next_documents(self, response: Response, urls: list[str]) -> list[scrapy.Request]:
        """The linked listing documents not read yet (a last page's "next" may loop back)."""
        out = []
        for url in dict.fromkeys(urls):
            if url in self._documents:
                continue
            if len(self._documents) >= self.config.max_pages:
                self.ledger.problems.append(
                    f"the listing has more than max_pages = {self.config.max_pages} pages "
                    f"(at {response.url})"
                )
                break
            out.append(self._document_request(url))
        return out

    def _feed(self, response: Response) -> tuple[Entries, list[str], int | None]:
        """Every entry of an RSS/Atom feed, and its Atom rel="next" page."""
        parsed = feedparser.parse(response.body)
        if not parsed.get("version"):
            raise PageUnusable("not an RSS or Atom feed")
        entries: Entries = []
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                raise PageUnusable("a feed entry without a link")
            key = None
            if self.config.key.source == "entry-id":
                key = entry.get("id")
                if not key:
                    raise PageUnusable(f"the entry for {link} has no id")
            # Used only where the detail page has no value of its own.
            fallback = {
                "title": entry.get("title"),
                "posted_date": entry.get("published") or entry.get("updated"),
            }
            entries.append((response.urljoin(link), key, fallback))
        nexts = [
            response.urljoin(link["href"])
            for link in parsed.feed.get("links", [])
            if link.get("rel") == "next" and link.get("href")
        ]
        return entries, nexts, None

    def _sitemap(self, response: Response) -> tuple[Entries, list[str], int | None]:
        """The posting URLs of a sitemap; the children of a sitemap index are next."""
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body)
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml's errors on a page that is not XML
            raise PageUnusable(f"not a sitemap ({exc})") from None
        if sitemap.type not in ("urlset", "sitemapindex"):
            raise PageUnusable(f"not a sitemap (<{sitemap.type}>)")
        urls = [response.urljoin(entry.get("loc", "")) for entry in sitemap]
        if sitemap.type == "sitemapindex":
            return [], urls, None
        return [(url, None, {}) for url in urls], [], None

    def _page(self, response: Response) -> tuple[Entries, list[str], int | None]:
        """The detail links of one listing page, its next page and its stated total."""
        if not isinstance(response, TextResponse):
            raise PageUnusable("not an HTML page")
        total = None
        if self.config.total and not self.ledger.pages:
            total = self._parse_total(response)
        hrefs = _hrefs(response, self.config.detail_links or "")
        nexts = _hrefs(response, self.config.next_page) if self.config.next_page else []
        entries = [(response.urljoin(href), None, {}) for href in hrefs]
        return entries, [response.urljoin(h) for h in nexts[:1]], total

    def _parse_total(self, response: TextResponse) -> int:
        """The posting count the page states, e.g. "1,234 jobs found"."""
        text = _selected_text(response, self.config.total or "")
        m = _NUMBER.search(text)
        digits = re.sub(r"\D", "", m[0]) if m else ""
        if not digits:
            raise PageUnusable(f"no count in total ({self.config.total} reads {text!r})")
        return int(digits)

    # -- detail -------------------------------------------------------------------------

    def key_from_url(self, url: str) -> str | None:
        if self.config.key.source != "url":
            return None
        try:
            return self.config.key.from_url(url)
        except PatternTooSlow as exc:
            self.logger.warning("%s (see `key`)", exc)
            return None

    def parse_detail(self, response: Response, key: str, listed: dict[str, Any]) -> dict[str, Any]:
        """The posting on one detail page."""
        if not isinstance(response, TextResponse):
            raise PageUnusable("not an HTML page")
        page = response.text
        posting = jsonld_job_posting(page, response.url) if self.config.fields != "labels" else {}
        if self.config.fields == "jsonld" and not posting:
            raise PageUnusable("no schema.org JobPosting JSON-LD")
        out: dict[str, Any] = {}
        if self.config.key.source == "jsonld":
            found = _identifier(posting.get("identifier"))
            if not found:
                raise PageUnusable("no identifier in its JSON-LD")
            out["source_key"] = found
        raw, text = self._raw_fields(response, page, posting, listed)
        fields = normalize_fields(raw, self.facts)
        extra: dict[str, Any] = {}
        if fields.pop("grade_raw") and raw.get("grade") != fields["grade"]:
            extra["grade_raw"] = raw["grade"]
        if salary := _salary(posting.get("baseSalary")):
            extra["salary"] = salary
        if locations := _locations(posting.get("jobLocation")):
            extra["locations"] = locations
        return {**out, **fields, "text": text, "extra": extra}

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
            text = text or description_text(posting.get("description"))
        main = ""
        if self.config.fields != "jsonld":
            main = main_text(page, response.url)
            for layer in (html_labelled_fields(parse_tree(page)), labelled_lines(main)):
                for name, value in layer.items():
                    raw.setdefault(name, value)
        for name, value in fallback.items():
            if isinstance(value, str) and value.strip():
                raw.setdefault(name, value)
        # Boards seldom label the title: it is the page's heading.
        if "title" not in raw and (heading := _selected_text(response, "h1")):
            raw["title"] = heading
        if "organization" not in raw and not self.facts.organization:
            site = squash(response.css('meta[property="og:site_name"]::attr(content)').get())
            if site:
                raw["organization"] = site
        # trafilatura is the slow part of a page: only run when the text is needed.
        return raw, text or main or main_text(page, response.url)


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


def description_text(description: Any) -> str:
    """Plain text of a JSON-LD description as sites write it: HTML, HTML escaped once
    more, plain text, or any of these with literal "\\n" sequences for line breaks."""
    if not isinstance(description, str) or not description.strip():
        return ""
    # A description JSON-encoded twice keeps its line breaks as the two characters \n.
    description = description.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", " ")
    if "<" not in description and "&lt;" in description:
        description = htmllib.unescape(description)
    if "<" not in description:
        paragraphs = (squash(p) for p in re.split(r"\n\s*\n", description))
        return "\n\n".join(p for p in paragraphs if p)
    return fragment_text(description)


def _locations(value: Any) -> list[str] | None:
    """Every place a JobPosting lists, when it lists more than one."""
    places = value if isinstance(value, list) else []
    out = []
    for place in places:
        one = jsonld_fields({"jobLocation": place})
        name = ", ".join(v for v in (one.get("location"), one.get("country")) if v)
        if name and name not in out:
            out.append(name)
    return out if len(out) > 1 else None


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
