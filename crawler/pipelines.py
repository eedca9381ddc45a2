"""The archive pipeline: every item a spider yields is stored as a snapshot in SQLite.

One run row per spider run. Each posting is stored under the source's guard (what it
always has, from its `facts`), so a page that lost most of its posting is held back,
not stored. When the spider closes, the run is finished with the spider's verdict
(spiders/base.py): which keys the listing showed, whether it was read whole, and every
problem of the run, so that postings are marked removed only after a complete listing.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from archive import Archive, ArchiveError, Snapshot
from archive.db import check_before_writing, explain
from archive.guard import Guard
from archive.sitelines import save_line_counts
from crawler import sitelines
from crawler.items import SeenPosting
from crawler.lock import CrawlLock, LockHeld
from crawler.sitelines import SiteLines

logger = logging.getLogger(__name__)

# Stats the spider base class and Scrapy keep, each a failure the run must count.
ERROR_STATS = (
    "jobarchive/listing_errors",
    "jobarchive/detail_errors",
    "spider_exceptions/count",
    "archive/store_errors",
    "archive/held",
    "jobarchive/drift",
)
# Problems named in a run's reason before it is cut short with "(and N more)".
REASON_PROBLEMS = 3


def disk_full(exc: Exception) -> bool:
    """Whether a database error means there is no space left for the archive."""
    return "disk is full" in str(exc) or "No space left" in str(exc)


def error_count(stats: Mapping[str, Any]) -> int:
    """The failures a run counts, from a crawler's stats."""
    return sum(int(stats.get(name, 0) or 0) for name in ERROR_STATS)


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
        self.guard: Guard | None = None
        self._spiders: dict[Any, Any] = {}  # for reading stored pages again
        #: The source's template as learned so far, for a source whose text is a whole
        #: page's (crawler/sitelines.py); None for the others.
        self.site_lines: SiteLines | None = None

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
        facts = getattr(spider, "facts", None)
        expected = tuple(getattr(facts, "expected", {}) or ())
        self.guard = Guard(
            expected=expected,
            accept_after=self.crawler.settings.getint("JOBARCHIVE_ACCEPT_AFTER", 3),
        )
        if getattr(facts, "page_text", False) and self.crawler.settings.getbool(
            "JOBARCHIVE_SITE_LINES", True
        ):
            self.site_lines = sitelines.load(self.archive.conn, spider.name)

    def process_item(self, item: Any) -> Any:
        assert self.archive is not None
        stats = self.crawler.stats
        if isinstance(item, SeenPosting):
            seen = self.archive.seen(item.source, item.source_key, self.run_id)
            if seen is None:
                logger.warning(
                    "%s:%s was reported unchanged but is not in the archive",
                    item.source,
                    item.source_key,
                )
                return item
            stats.inc_value(f"archive/{seen}")
            stats.inc_value("jobarchive/extractions_avoided")
            return item
        if not isinstance(item, Snapshot):
            return item
        if self.stopped:
            stats.inc_value("archive/not_stored")
            return item
        same_reading = self._drop_site_template(item)
        try:
            self._read_history_again(item)
            outcome = self.archive.store(item, self.run_id, self.guard, same_reading)
        except sqlite3.OperationalError as exc:
            if not disk_full(exc):
                raise
            self._stop_storing(item, exc)
            return item
        stats.inc_value(f"archive/{outcome}")
        stats.inc_value("jobarchive/extractions")
        if outcome == "held":
            spider = self.crawler.spider
            line = (
                f"detail {item.fetch_url or item.url}: held back, not stored: "
                f"{self.archive.last_held} (a layout change?)"
            )
            logger.error("%s", line)
            failures = getattr(spider, "failures", None)
            if failures is not None:
                failures.append(line)
        return item

    def _drop_site_template(self, item: Snapshot) -> Callable[[str], str] | None:
        """Learn from the posting's text, then drop the site's template from it; the
        rules to read the stored text with before comparing (None: as it is)."""
        learned = self.site_lines
        if learned is None or not item.text:
            return None
        learned.saw(item.source_key, item.title, item.organization, item.location, item.text)
        cleaned = learned.clean(item.text, item.source_key, item.title)
        if cleaned.dropped:
            item.text = cleaned.text
            stats = self.crawler.stats
            for reason, lines in cleaned.dropped.items():
                stats.inc_value("jobarchive/template_lines_dropped", lines)
                stats.inc_value(f"jobarchive/template_lines_dropped/{reason}", lines)
        key, title = item.source_key, item.title
        return lambda text: learned.comparable(text, key, title)

    def _read_history_again(self, item: Snapshot) -> None:
        """A posting whose versions an older extraction read: read their stored pages
        again first, so that this fetch is compared with a reading alike (a changed
        reading is recorded as a re-reading, never as an edit of the posting)."""
        assert self.archive is not None
        spider = self.crawler.spider
        known = self.archive.current_extraction(item.source, item.source_key)
        if known is None or known[1] == item.extraction or not hasattr(spider, "extraction"):
            return
        from crawler.reextract import ReextractReport, reread_posting

        report = ReextractReport()
        reread_posting(
            self.archive, type(spider), known[0], item.source_key, self._spiders, report,
            run_id=self.run_id, site_lines={spider.name: self.site_lines},
        )  # fmt: skip
        if report.changed_postings:
            self.crawler.stats.inc_value("jobarchive/reread_postings")

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
        if self.archive is None or self.run_id is None:
            return
        stats = self.crawler.stats
        finished = reason == "finished"
        verdict = spider.verdict(finished) if hasattr(spider, "verdict") else None
        errors = error_count(stats.get_stats())
        failures = verdict.failures if verdict is not None else []
        parts = []
        if self.stopped:
            parts.append(self.stopped)
        elif not finished:
            parts.append(f"the crawl stopped early ({reason})")
        if len(failures) == 1:
            parts.append(f"1 failure: {failures[0]}")
        elif failures:
            parts.append(f"{len(failures)} failures, first: {failures[0]}")
        problems = verdict.problems if verdict is not None else []
        parts.extend(problems[:REASON_PROBLEMS])
        if len(problems) > REASON_PROBLEMS:
            parts.append(f"(and {len(problems) - REASON_PROBLEMS} more problems)")
        try:
            summary = self.archive.finish_run(
                self.run_id,
                listed_keys=verdict.listed_keys if verdict is not None else None,
                listing_complete=verdict is not None and verdict.listing_complete,
                errors=errors,
                reason="; ".join(parts) or None,
                failed=bool(self.stopped) or (verdict is not None and verdict.failed),
            )
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
            return
        self._save_site_lines(spider.name)
        stats.set_value("archive/removed", summary.removed)
        stats.set_value("archive/status", summary.status)
        logger.info(
            "Archive run %s for %s: %s (new %d, changed %d, unchanged %d, reopened %d, "
            "removed %d, errors %d)%s",
            summary.id,
            spider.name,
            summary.status,
            summary.new,
            summary.changed,
            summary.unchanged,
            summary.reopened,
            summary.removed,
            summary.errors,
            f": {summary.reason}" if summary.reason else "",
        )
        self._close()

    def _save_site_lines(self, source: str) -> None:
        """Keep what this crawl learned of the site's template, for the next crawls."""
        if self.site_lines is None or self.archive is None:
            return
        counts = self.site_lines.counts
        with self.archive.transaction() as conn:
            save_line_counts(conn, counts)
        dropped = int(self.crawler.stats.get_value("jobarchive/template_lines_dropped", 0) or 0)
        logger.info(
            "%s: the site's template, learned from %d postings, took %d lines out of "
            "this crawl's texts",
            source,
            counts.postings,
            dropped,
        )

    def _close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
