"""Writing one source's run into the archive: the same code for a local crawl and a writer.

A local crawl (crawler/pipelines.py) and the archive writer of a distributed crawl
(`jobarchive ingest`, crawler/distributed/writer.py) store postings through a
`RunWriter`: the source's guard (a page that lost most of its posting is held back),
the site's template learned from the whole crawl, old readings read again before a
comparison, and at the end the run closed with the listing's verdict. There is one
place where what a run writes is decided, whichever process fetched the pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from archive import Archive, RunSummary, Snapshot
from archive.guard import Guard
from archive.sitelines import save_line_counts
from crawler import sitelines
from crawler.items import SeenPosting
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


class Stats(Protocol):
    """What a run writer counts into: Scrapy's stats collector, or `Counts`."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...
    def get_value(self, key: str, default: Any = None) -> Any: ...
    def set_value(self, key: str, value: Any) -> None: ...


@dataclass
class Counts:
    """Stats kept in a dict, for a writer outside a Scrapy crawl."""

    values: dict[str, Any] = field(default_factory=dict)

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] = self.values.get(key, start) + count

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self.values[key] = value

    def get_stats(self) -> dict[str, Any]:
        return dict(self.values)


@dataclass
class RunVerdict:
    """How a source's crawl ended, as the archive closes its run with it: from one
    spider (`JobSpider.verdict`) or merged from the parts of a distributed crawl."""

    listed_keys: set[str] | None
    listing_complete: bool
    failed: bool
    failures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Why the crawl stopped before it finished ("shutdown", "a worker was lost"), or None.
    stopped_early: str | None = None


def run_reason(verdict: RunVerdict, stopped: str | None = None) -> str | None:
    """The run's reason in words: why it stopped, its failures, the listing's problems."""
    parts = []
    if stopped:
        parts.append(stopped)
    elif verdict.stopped_early:
        parts.append(f"the crawl stopped early ({verdict.stopped_early})")
    failures = verdict.failures
    if len(failures) == 1:
        parts.append(f"1 failure: {failures[0]}")
    elif failures:
        parts.append(f"{len(failures)} failures, first: {failures[0]}")
    problems = verdict.problems
    parts.extend(problems[:REASON_PROBLEMS])
    if len(problems) > REASON_PROBLEMS:
        parts.append(f"(and {len(problems) - REASON_PROBLEMS} more problems)")
    return "; ".join(parts) or None


class RunWriter:
    """Stores one source's items into an open run; counts archive/new, /changed, ...

    `spider` is the source's spider class (or a spider): its `facts` give the guard and
    whether the site's template is learned, its `extraction()` whether a stored reading
    is older than this one.
    """

    def __init__(
        self,
        archive: Archive,
        run_id: int,
        source: str,
        spider: Any,
        stats: Stats,
        *,
        accept_after: int = 3,
        site_lines: bool = True,
        failures: list[str] | None = None,
    ) -> None:
        self.archive = archive
        self.run_id = run_id
        self.source = source
        self.spider = spider
        self.stats = stats
        facts = getattr(spider, "facts", None)
        self.guard = Guard(
            expected=tuple(getattr(facts, "expected", {}) or ()), accept_after=accept_after
        )
        #: The source's template as learned so far, for a source whose text is a whole
        #: page's (crawler/sitelines.py); None for the others.
        self.site_lines: SiteLines | None = (
            sitelines.load(archive.conn, source)
            if getattr(facts, "page_text", False) and site_lines
            else None
        )
        #: Postings held back, one line each, for the run's reason: the spider's own
        #: failures list in a local crawl, so that they come in the order they happened.
        self.failures: list[str] = failures if failures is not None else []
        self._spiders: dict[Any, Any] = {}  # for reading stored pages again

    def seen(self, item: SeenPosting) -> None:
        seen = self.archive.seen(item.source, item.source_key, self.run_id)
        if seen is None:
            logger.warning(
                "%s:%s was reported unchanged but is not in the archive",
                item.source,
                item.source_key,
            )
            return
        self.stats.inc_value(f"archive/{seen}")
        self.stats.inc_value("jobarchive/extractions_avoided")

    def store(self, item: Snapshot) -> str:
        """Store one posting (sqlite3.OperationalError when the disk is full: the store
        was rolled back whole)."""
        same_reading = self._drop_site_template(item)
        self._read_history_again(item)
        outcome = self.archive.store(item, self.run_id, self.guard, same_reading)
        self.stats.inc_value(f"archive/{outcome}")
        self.stats.inc_value("jobarchive/extractions")
        if outcome == "held":
            line = (
                f"detail {item.fetch_url or item.url}: held back, not stored: "
                f"{self.archive.last_held} (a layout change?)"
            )
            logger.error("%s", line)
            self.failures.append(line)
        return outcome

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
            for reason, lines in cleaned.dropped.items():
                self.stats.inc_value("jobarchive/template_lines_dropped", lines)
                self.stats.inc_value(f"jobarchive/template_lines_dropped/{reason}", lines)
        key, title = item.source_key, item.title
        return lambda text: learned.comparable(text, key, title)

    def _read_history_again(self, item: Snapshot) -> None:
        """A posting whose versions an older extraction read: read their stored pages
        again first, so that this fetch is compared with a reading alike (a changed
        reading is recorded as a re-reading, never as an edit of the posting)."""
        spider = self.spider
        known = self.archive.current_extraction(item.source, item.source_key)
        if known is None or known[1] == item.extraction or not hasattr(spider, "extraction"):
            return
        from crawler.reextract import ReextractReport, reread_posting

        report = ReextractReport()
        spider_cls = spider if isinstance(spider, type) else type(spider)
        reread_posting(
            self.archive, spider_cls, known[0], item.source_key, self._spiders, report,
            run_id=self.run_id, site_lines={self.source: self.site_lines},
        )  # fmt: skip
        if report.changed_postings:
            self.stats.inc_value("jobarchive/reread_postings")

    def finish(self, verdict: RunVerdict, errors: int, stopped: str | None = None) -> RunSummary:
        """Close the run with `verdict` (postings unlisted by a complete listing marked
        removed), then keep what the crawl learned of the site's template."""
        summary = self.archive.finish_run(
            self.run_id,
            listed_keys=verdict.listed_keys,
            listing_complete=verdict.listing_complete,
            errors=errors,
            reason=run_reason(verdict, stopped),
            failed=bool(stopped) or verdict.failed,
        )
        self._save_site_lines()
        self.stats.set_value("archive/removed", summary.removed)
        self.stats.set_value("archive/status", summary.status)
        logger.info(
            "Archive run %s for %s: %s (new %d, changed %d, unchanged %d, reopened %d, "
            "removed %d, errors %d)%s",
            summary.id,
            self.source,
            summary.status,
            summary.new,
            summary.changed,
            summary.unchanged,
            summary.reopened,
            summary.removed,
            summary.errors,
            f": {summary.reason}" if summary.reason else "",
        )
        return summary

    def _save_site_lines(self) -> None:
        """Keep what this crawl learned of the site's template, for the next crawls."""
        if self.site_lines is None:
            return
        counts = self.site_lines.counts
        with self.archive.transaction() as conn:
            save_line_counts(conn, counts)
        dropped = int(self.stats.get_value("jobarchive/template_lines_dropped", 0) or 0)
        logger.info(
            "%s: the site's template, learned from %d postings, took %d lines out of "
            "this crawl's texts",
            self.source,
            counts.postings,
            dropped,
        )
