"""`jobarchive probe`: one look at a live site before the first crawl, writing nothing.

It runs the source's own spider, politely, on the first listing page and a few of its
postings, and reports what each page gave: the postings listed against the total the
site states, whether a next page was found, each field of each posting (or "not found"),
the text's length and first line, and why a page would be refused. Nothing reaches the
archive: the archive pipeline and the incremental middleware are off.

The fetched answers can be kept (`--save DIR`) and the same checks run on them again
offline (`--replay DIR`), so a user can attach what the site sent to a bug report.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from crawler.sources import Source
from spiders.base import JobSpider
from spiders.offline import saved_response

FIELDS = (
    "title", "organization", "location", "country", "grade", "contract_type", "job_number",
    "posted_date", "closing_date", "status", "categories",
)  # fmt: skip
INDEX = "index.json"
# Listing pages read, at most, to find the first postings (past a sitemap index...).
MAX_LISTING_PAGES = 3


@dataclass
class ListingSeen:
    url: str
    keys: list[str]
    shown: int | None
    total: int | None
    has_next: bool
    selector: str


@dataclass
class DetailSeen:
    url: str
    key: str | None
    fields: dict[str, Any]
    refused: str | None  # why a crawl would store no version of it


@dataclass
class ProbeReport:
    """What the probe saw, page by page."""

    source: str
    listings: list[ListingSeen] = field(default_factory=list)
    details: list[DetailSeen] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def errors(self, facts: Any) -> list[str]:
        """What makes the probe fail: a listing with no posting, a posting unreadable."""
        out = []
        if not self.listings:
            out.append("no listing page could be read" + _first(self.failures))
        found_any = any(listing.keys or listing.shown for listing in self.listings)
        for listing in [] if found_any else self.listings[:1]:
            if not listing.keys and not listing.shown:
                drift = next((p for p in self.problems if p.startswith("layout drift")), "")
                out.append(
                    f"the listing {listing.url} yielded no posting: "
                    + (drift or f"{listing.selector or 'the listing selector'} matched nothing")
                )
        for detail in self.details:
            if detail.refused:
                out.append(f"the posting {detail.url} would not be stored: {detail.refused}")
        return out


def _first(lines: list[str]) -> str:
    return f" ({lines[0]})" if lines else ""


class ProbeMixin:
    """Put before a source's spider class: records pages instead of following them."""

    probe: ProbeReport
    probe_limit: int = 3

    def listing_page(
        self,
        response: Response,
        keys: Iterable[str | int],
        *,
        shown: int | None = None,
        total: int | None = None,
        next_page: Any = None,
        selector: str = "",
        links: list[str] | None = None,
    ) -> Iterator[scrapy.Request]:
        keys = [str(k).strip() for k in keys]
        # The framework judges the page as in a crawl (layout drift included), but the
        # probe follows a listing past its first page only to find its first postings
        # (a sitemap index, say, lists sitemaps, not postings).
        following = [] if keys or links or not next_page else next_page
        if following and len(self.probe.listings) >= MAX_LISTING_PAGES - 1:
            following = []
        out = list(
            super().listing_page(  # type: ignore[misc]
                response,
                keys,
                shown=shown,
                total=total,
                next_page=following or None,
                selector=selector,
                links=links,
            )
        )
        self.probe.listings.append(
            ListingSeen(response.url, keys, shown, total, next_page is not None, selector)
        )
        self.probe.problems[:] = list(self.ledger.problems)  # type: ignore[attr-defined]
        return iter(r for r in out if not r.meta.get("jobarchive_recheck"))

    def emit(
        self,
        response: Response,
        key: str | None,
        fields: dict[str, Any],
        body: bytes | None = None,
        listed: dict[str, Any] | None = None,
    ) -> Iterator[Any]:
        if len(self.probe.details) < self.probe_limit:
            missing = self.missing_fields(fields)  # type: ignore[attr-defined]
            key = fields.get("source_key") or key
            self.probe.details.append(DetailSeen(response.url, key, fields, missing))
        return iter(())

    def page_unusable(self, what: str, response: Response, reason: str) -> None:
        super().page_unusable(what, response, reason)  # type: ignore[misc]
        if what == "detail" and len(self.probe.details) < self.probe_limit:
            self.probe.details.append(DetailSeen(response.url, None, {}, reason))
        else:
            self.probe.failures.append(f"{response.url}: {reason}")


def probe_spider_class(spider_class: type[JobSpider], limit: int) -> type[JobSpider]:
    """The source's spider with the probe's recording on top."""
    attrs = {"__module__": __name__, "probe_limit": limit}
    return type(f"Probe{spider_class.__name__}", (ProbeMixin, spider_class), attrs)


class ProbeSpiderMiddleware:
    """Lets through the first listing page and `probe_limit` detail requests, and keeps
    every answer for `--save`."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.details = 0
        save = crawler.settings.get("JOBARCHIVE_PROBE_SAVE")
        self.saver = Saver(Path(save)) if save else None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProbeSpiderMiddleware:
        return cls(crawler)

    def process_spider_input(self, response: Response) -> None:
        if self.saver is not None:
            self.saver.add(response)

    async def process_spider_output(self, response: Response, result: Any) -> Any:
        limit = int(getattr(self.crawler.spider, "probe_limit", 3))
        async for item in result:
            if isinstance(item, scrapy.Request) and not item.meta.get("jobarchive_listing"):
                if self.details >= limit:
                    continue
                self.details += 1
            yield item


class Saver:
    """Writes each answer the spider got to a folder, with an index to replay it from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.entries: list[dict[str, Any]] = []

    def add(self, response: Response) -> None:
        request = response.request
        meta = request.meta if request is not None else {}
        # A listing's callback is the framework's check, then the spider's own (in meta).
        callback = meta.get("jobarchive_callback") or getattr(
            request.callback if request else None, "__name__", "parse"
        )
        name = f"{len(self.entries) + 1:03d}.body"
        (self.folder / name).write_bytes(response.body)
        self.entries.append(
            {
                "url": response.url,
                "status": response.status,
                "method": request.method if request else "GET",
                "content_type": (response.headers.get("Content-Type") or b"").decode("latin-1"),
                "callback": callback,
                "listing": bool(meta.get("jobarchive_listing")),
                "cb_kwargs": _jsonable(request.cb_kwargs if request else {}),
                "body": name,
            }
        )
        (self.folder / INDEX).write_text(json.dumps(self.entries, indent=1, ensure_ascii=False))


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def probe_settings(limit: int, save: Path | None) -> dict[str, Any]:
    """Settings that make a crawl a probe: nothing stored, nothing skipped, few pages."""
    settings: dict[str, Any] = {
        "ARCHIVE_ENABLED": False,
        "JOBARCHIVE_INCREMENTAL": False,
        "SPIDER_MIDDLEWARES": {"crawler.probe.ProbeSpiderMiddleware": 10},
        "RELIEFWEB_DETAIL_BATCH": limit,
        # The report says what went wrong, page by page; the log would say it twice.
        "LOG_ENABLED": False,
    }
    if save is not None:
        settings["JOBARCHIVE_PROBE_SAVE"] = str(save)
    return settings


def run_probe(
    source: Source, settings: Any, limit: int, save: Path | None = None
) -> tuple[ProbeReport, JobSpider]:
    """Probe `source` live, with the project's polite `settings` (its base URL included)."""
    for key, value in probe_settings(limit, save).items():
        settings.set(key, value, priority="cmdline")
    # Scrapy's log is off (the report says it all); without a handler of its own, Python
    # would still print its warnings ("Disabled ArchivePipeline") on stderr.
    logging.getLogger().addHandler(logging.NullHandler())
    process = CrawlerProcess(settings)
    cls = probe_spider_class(source.spider, limit)
    crawler = process.create_crawler(cls)
    report = ProbeReport(source.name)
    process.crawl(crawler, probe=report)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, JobSpider)
    report.failures.extend(f for f in spider.failures if f not in report.failures)
    return report, spider


def replay(source: Source, folder: Path, limit: int) -> tuple[ProbeReport, JobSpider]:
    """The probe's checks on the answers a `--save` kept, without any network."""
    index = folder / INDEX
    if not index.is_file():
        raise FileNotFoundError(f"{folder} holds no {INDEX}: save one with `probe --save`")
    entries = json.loads(index.read_text())
    cls = probe_spider_class(source.spider, limit)
    first = entries[0]["url"] if entries else ""
    base = re.match(r"^https?://[^/]+", first)
    spider = cls(base_url=base.group(0) if base else None, probe=ProbeReport(source.name))
    for entry in entries:
        body = (folder / entry["body"]).read_bytes()
        response = saved_response(
            body, entry["url"], entry["content_type"] or None, entry["method"]
        )
        response.status = entry.get("status", 200)
        callback = getattr(spider, entry["callback"], None)
        if callback is None:
            continue
        for _ in callback(response, **entry["cb_kwargs"]) or ():
            pass
    return spider.probe, spider


def format_report(report: ProbeReport, facts: Any) -> list[str]:
    """The report as lines for a terminal."""
    lines = []
    for listing in report.listings:
        stated = f" of {listing.total} stated" if listing.total is not None else ""
        shown = (
            f" ({listing.shown} shown)" if listing.shown not in (None, len(listing.keys)) else ""
        )
        lines.append(f"listing {listing.url}")
        lines.append(f"  postings listed: {len(listing.keys)}{stated}{shown}")
        lines.append(f"  next page: {'found' if listing.has_next else 'not found'}")
    for problem in report.problems:
        lines.append(f"  problem: {problem}")
    for failure in report.failures:
        lines.append(f"  failed: {failure}")
    for number, detail in enumerate(report.details, 1):
        lines.append(f"detail {number}: {detail.url}")
        if detail.key:
            lines.append(f"  {'key:':<15}{detail.key}")
        for name in FIELDS if detail.fields else ():
            value = detail.fields.get(name)
            if isinstance(value, list):
                value = ", ".join(value)
            where = f" ({facts.expected[name]})" if name in facts.expected else ""
            shown = value if value not in (None, "") else f"not found{where}"
            lines.append(f"  {name + ':':<15}{shown}")
        text = detail.fields.get("text") or ""
        if detail.fields:
            first_line = next((line for line in text.splitlines() if line.strip()), "")
            lines.append(
                f"  {'text:':<15}{len(text):,} characters; first line: {first_line[:70]!r}"
            )
        lines.append(f"  {'stored:':<15}{'no: ' + detail.refused if detail.refused else 'yes'}")
    return lines
