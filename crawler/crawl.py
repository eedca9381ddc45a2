"""Running a crawl of several sources into one archive, as `jobarchive crawl` does.

All sources run in one Scrapy process, concurrently: they are different sites, and
each keeps its own per-domain politeness limits. Each source gets its own run row.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from twisted.internet import task

from archive import Archive, RunSummary
from archive.db import check_before_writing

from .lock import CrawlLock
from .sources import Source, project_settings

# For crawling sites on this machine (mock sites, tests, the demo): no delays, since
# politeness towards our own test server only slows the test down.
LOCAL_SITE_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0,
    "DOWNLOAD_TIMEOUT": 10,
}


@dataclass
class CrawlResult:
    source: str
    run: RunSummary | None  # None when the spider never opened its run
    stats: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.run is not None and self.run.status == "ok"


def crawl_settings(
    db_path: str | Path,
    base_urls: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    settings = project_settings()
    settings.set("ARCHIVE_DB", str(db_path), priority="cmdline")
    urls = dict(settings.getdict("JOBARCHIVE_BASE_URLS"))
    urls.update(base_urls or {})
    settings.set("JOBARCHIVE_BASE_URLS", urls, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


# Called with (source name, that crawler's live stats) for every source, twice a second
# while the crawl runs and once at the end: how `jobarchive crawl` shows progress.
ProgressCallback = Callable[[list[tuple[str, dict[str, Any]]]], None]


def run_crawl(
    sources: list[Source],
    db_path: str | Path,
    *,
    base_urls: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    progress: ProgressCallback | None = None,
    after: Callable[[list[CrawlResult]], None] | None = None,
) -> list[CrawlResult]:
    """Crawl `sources` into the archive at `db_path`, holding the archive's crawl lock.

    `after` is called with the results while the lock is still held: what must not
    run twice for one crawl, or at once for two (the alerts of saved searches).

    Raises `LockHeld` if another crawl is running on the same archive, `DamagedArchive`
    or `UnwritableArchive` if it must not or cannot be written, and `ArchiveError` if it
    cannot be opened: all before anything is fetched or written.
    """
    with CrawlLock(db_path) as lock:
        if lock.first:  # whole before anything writes to it, or refused untouched
            check_before_writing(db_path)
        Archive(db_path).close()  # create or upgrade it now, with a clear error if it's bad
        settings = crawl_settings(db_path, base_urls, overrides)
        process = CrawlerProcess(settings)
        crawlers = []
        for source in sources:
            crawler = process.create_crawler(source.spider)
            crawlers.append((source, crawler))
            process.crawl(crawler)
        if progress is not None:
            ticker = task.LoopingCall(lambda: progress(_live_stats(crawlers)))
            ticker.start(0.5, now=True)
        process.start()
        if progress is not None:
            progress(_live_stats(crawlers))
        results = []
        with Archive(db_path) as archive:
            for source, crawler in crawlers:
                stats = crawler.stats.get_stats() if crawler.stats else {}
                run_id = stats.get("archive/run_id")
                run = archive.run(run_id) if run_id is not None else None
                results.append(CrawlResult(source.name, run, stats))
        if after is not None:
            after(results)
        return results


def _live_stats(crawlers: list[tuple[Source, Crawler]]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (source.name, crawler.stats.get_stats() if crawler.stats else {})
        for source, crawler in crawlers
    ]


# -- sources that need a key --------------------------------------------------------------

# Sources that answer only a key the user must ask for: the setting (or environment
# variable of the same name) that gives it, and where to ask.
NEEDED_KEYS: dict[str, tuple[str, str]] = {
    "reliefweb": ("RELIEFWEB_APPNAME", "https://apidoc.reliefweb.int/parameters#appname"),
}


def missing_key(source: Source, settings: Settings) -> str | None:
    """Why `source` cannot be crawled with these settings (a key not given), or None."""
    if source.name not in NEEDED_KEYS:
        return None
    setting, where = NEEDED_KEYS[source.name]
    if str(settings.get(setting) or os.environ.get(setting) or "").strip():
        return None
    return (
        f"skipped: it needs {setting} (-s {setting}=... or the environment variable; ask "
        f"for one at {where}); name it to crawl it anyway"
    )


# -- log lines for people ------------------------------------------------------------------


class OneLineFormatter(logging.Formatter):
    """A log record as one line: its message's first line, and for an exception its
    type and message. The tracebacks are for the log file (`--log-file`); on stderr,
    which cron mails, each failure is one line."""

    def format(self, record: logging.LogRecord) -> str:
        lines = record.getMessage().strip().splitlines()
        line = lines[0].strip() if lines else ""
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            detail = (str(exc).strip().splitlines() or [""])[0]
            if not detail or detail not in line:  # Scrapy often says it already
                line += f" ({type(exc).__name__}{': ' + detail if detail else ''})"
        return f"{record.levelname} {record.name}: {line}"


def one_line_handler(level: int) -> logging.Handler:
    """A stderr handler of `level` and up, one line per record."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(level)
    handler.setFormatter(OneLineFormatter())
    return handler
