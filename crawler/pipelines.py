"""The archive pipeline: every item a spider yields is stored as a snapshot in SQLite.

One run row per spider run. Items are stored through the source's `RunWriter`
(crawler/runwriter.py), the same code the writer of a distributed crawl uses: a page
that lost most of its posting is held back, not stored. When the spider closes, the
run is finished with the spider's verdict (spiders/base.py): which keys the listing
showed, whether it was read whole, and every problem of the run, so that postings are
marked removed only after a complete listing.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from archive import Archive, ArchiveError, Snapshot
from archive.db import check_before_writing, explain
from crawler.items import SeenPosting
from crawler.lock import CrawlLock, LockHeld
from crawler.runwriter import (
    ERROR_STATS,
    REASON_PROBLEMS,
    RunVerdict,
    RunWriter,
    disk_full,
    error_count,
)

__all__ = ["ERROR_STATS", "REASON_PROBLEMS", "ArchivePipeline", "disk_full", "error_count"]

logger = logging.getLogger(__name__)


class ArchivePipeline:
    """Stores items through `archive.Archive`; counts archive/new, /changed, ... in stats."""

    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.archive: Archive | None = None
        self.lock: CrawlLock | None = None
        #: Why this source stopped storing (the disk is full): later items are dropped.
        self.stopped: str | None = None
        self.run_id: int | None = None
        self.writer: RunWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        if not crawler.settings.getbool("ARCHIVE_ENABLED", True):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        pipeline = cls(crawler, crawler.settings.get("ARCHIVE_DB", "archive.db"))
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        # The crawl lock, taken here too so that `scrapy crawl` queues behind (and
        # before) `jobarchive crawl`; within `jobarchive crawl` it is already held.
        lock = CrawlLock(self.db_path)
        try:
            lock.acquire()
            if lock.first:
                check_before_writing(self.db_path)
            self.archive = Archive(self.db_path)
            self.run_id = self.archive.start_run(spider.name)
        except (ArchiveError, LockHeld, sqlite3.DatabaseError) as exc:
            lock.release()
            # Stop this spider cleanly with the archive's own explanation.
            message = str(
                explain(Path(self.db_path), exc) if isinstance(exc, sqlite3.DatabaseError) else exc
            )
            logger.error("%s", message)
            self.crawler.stats.set_value("archive/open_error", message)
            if self.archive is not None:
                self.archive.close()
                self.archive = None
            raise
        self.lock = lock
        self.crawler.stats.set_value("archive/run_id", self.run_id)
        settings = self.crawler.settings
        self.writer = RunWriter(
            self.archive,
            self.run_id,
            spider.name,
            spider,
            self.crawler.stats,
            accept_after=settings.getint("JOBARCHIVE_ACCEPT_AFTER", 3),
            site_lines=settings.getbool("JOBARCHIVE_SITE_LINES", True),
            failures=getattr(spider, "failures", None),
        )

    def process_item(self, item: Any) -> Any:
        assert self.writer is not None
        if isinstance(item, SeenPosting):
            self.writer.seen(item)
            return item
        if not isinstance(item, Snapshot):
            return item
        if self.stopped:
            self.crawler.stats.inc_value("archive/not_stored")
            return item
        try:
            self.writer.store(item)
        except sqlite3.OperationalError as exc:
            if not disk_full(exc):
                raise
            self._stop_storing(item, exc)
        return item

    def _stop_storing(self, item: Snapshot, exc: Exception) -> None:
        """The disk is full: one line for this source, and the source stops. The store
        that failed was rolled back whole; nothing stored before is touched."""
        spider = self.crawler.spider
        self.stopped = (
            f"disk full while storing {item.fetch_url or item.url} ({exc}): this source "
            "stopped and stored nothing more; free space on the archive's disk and run again"
        )
        logger.error("%s: %s", getattr(spider, "name", "?"), self.stopped)
        self.crawler.stats.inc_value("archive/store_errors")
        self.crawler.stats.inc_value("archive/not_stored")
        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="disk_full"))

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Any) -> None:
        self.crawler.stats.inc_value("archive/store_errors")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None or self.writer is None:
            return
        finished = reason == "finished"
        verdict = spider.verdict(finished) if hasattr(spider, "verdict") else None
        run_verdict = RunVerdict(
            listed_keys=verdict.listed_keys if verdict is not None else None,
            listing_complete=verdict is not None and verdict.listing_complete,
            failed=verdict is not None and verdict.failed,
            failures=verdict.failures if verdict is not None else [],
            problems=verdict.problems if verdict is not None else [],
            stopped_early=None if finished else reason,
        )
        errors = error_count(self.crawler.stats.get_stats())
        try:
            self.writer.finish(run_verdict, errors, self.stopped)
        except sqlite3.OperationalError as exc:
            if not disk_full(exc):
                raise
            # Not even the run's end fits: it stays 'running' until the next crawl
            # closes it as interrupted. Nothing was marked removed.
            logger.error(
                "%s: disk full while closing its run (%s); the next crawl closes it",
                spider.name,
                exc,
            )
        self._close()

    def _close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
