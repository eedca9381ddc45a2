"""The archive pipeline: every item a spider yields is stored as a snapshot in SQLite.

One run row per spider run. When the spider closes, the run is finished with what the
spider learned about its listing (which keys it showed, whether it was read to the
end), so that postings are marked removed only after a complete listing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archive import Archive, ArchiveError, Snapshot
from crawler.items import SeenPosting

logger = logging.getLogger(__name__)

# Stats the spider base class and Scrapy keep, each a failure the run must count.
ERROR_STATS = (
    "jobarchive/listing_errors",
    "jobarchive/detail_errors",
    "spider_exceptions/count",
    "archive/store_errors",
)


def error_count(stats: Mapping[str, Any]) -> int:
    """The failures a run counts, from a crawler's stats."""
    return sum(int(stats.get(name, 0) or 0) for name in ERROR_STATS)


class ArchivePipeline:
    """Stores items through `archive.Archive`; counts archive/new, /changed, ... in stats."""

    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.archive: Archive | None = None
        self.run_id: int | None = None

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
        try:
            self.archive = Archive(self.db_path)
        except ArchiveError as exc:
            # Stop this spider cleanly with the archive's own explanation.
            logger.error("%s", exc)
            self.crawler.stats.set_value("archive/open_error", str(exc))
            raise
        self.run_id = self.archive.start_run(spider.name)
        self.crawler.stats.set_value("archive/run_id", self.run_id)

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
        outcome = self.archive.store(item, self.run_id)
        stats.inc_value(f"archive/{outcome}")
        stats.inc_value("jobarchive/extractions")
        return item

    def item_error(self, item: Any, response: Any, spider: Spider, failure: Any) -> None:
        self.crawler.stats.inc_value("archive/store_errors")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None or self.run_id is None:
            return
        stats = self.crawler.stats
        errors = error_count(stats.get_stats())
        listed = getattr(spider, "listed_keys", None)
        broken = bool(getattr(spider, "listing_broken", False))
        finished = reason == "finished"
        complete = bool(getattr(spider, "listing_complete", False)) and not broken and finished
        failures = list(getattr(spider, "failures", []))
        parts = []
        if not finished:
            parts.append(f"the crawl stopped early ({reason})")
        if len(failures) == 1:
            parts.append(f"1 failure: {failures[0]}")
        elif failures:
            parts.append(f"{len(failures)} failures, first: {failures[0]}")
        reason_text = "; ".join(parts) or None
        # Nothing listed and the listing broke: the source is down or unreadable.
        failed = broken and not listed
        summary = self.archive.finish_run(
            self.run_id,
            listed_keys=listed,
            listing_complete=complete,
            errors=errors,
            reason=reason_text,
            failed=failed,
        )
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
        self.archive.close()
        self.archive = None
