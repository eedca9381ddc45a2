"""The Scrapy side of a worker: its scheduler, and the pipeline that stores nothing.

A worker is a normal `scrapy crawl SOURCE` run by Scrapyd with these settings (the
coordinator passes them with each job, see `worker_settings`):

- `SharedScheduler`: listing requests stay in the job's own memory (only the lead job
  reads the listing, so that one ledger judges it whole); every other request (the
  detail pages) goes to the source's shared queue in Redis, deduplicated across jobs
  by scrapy-redis's fingerprint set, and any job of the source may fetch it. An idle
  detail job looks at that queue twice a second, so that it joins in at once.
- `QueuePipeline`: each item is pushed to the writer's queue as it comes; when the job
  closes, its part of the verdict follows, and the lead job marks the listing done.
  A detail job waits while the lead may still queue requests.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.core.scheduler import Scheduler
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import FifoQueue
from twisted.internet import task

from archive import Snapshot
from crawler.items import SeenPosting
from crawler.runwriter import error_count

from .messages import PartReport, message, snapshot_fields
from .queue import Keys, connect

logger = logging.getLogger(__name__)

# The request meta key `JobSpider.listing_request` sets on listing pages.
_LISTING = "jobarchive_listing"
# Set on a shared request an idle detail job has taken for itself (see `_claim`).
_CLAIMED = "jobarchive_claimed"


def worker_settings(
    redis_url: str, prefix: str, crawl: str, part: int, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The settings that make `scrapy crawl SOURCE` part `part` of crawl `crawl`."""
    return {
        "JOBARCHIVE_REDIS_URL": redis_url,
        "JOBARCHIVE_REDIS_PREFIX": prefix,
        "JOBARCHIVE_CRAWL": crawl,
        "JOBARCHIVE_PART": part,
        "SCHEDULER": "crawler.distributed.worker.SharedScheduler",
        "ITEM_PIPELINES": {"crawler.distributed.worker.QueuePipeline": 300},
        "JOBARCHIVE_PAGE_STATE": "redis",
        **(extra or {}),
    }


def _crawl_of(settings: Any) -> tuple[str, int, Keys]:
    crawl = settings.get("JOBARCHIVE_CRAWL")
    if not crawl:
        raise NotConfigured("not a worker of a distributed crawl (JOBARCHIVE_CRAWL unset)")
    return (
        str(crawl),
        settings.getint("JOBARCHIVE_PART", 0),
        Keys(settings.get("JOBARCHIVE_REDIS_PREFIX") or "jobarchive"),
    )


class SharedScheduler(Scheduler):
    """Scrapy's scheduler for the job's listing; a Redis queue shared by every job of
    the source for the rest."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.job = crawler
        return scheduler

    def open(self, spider: Spider) -> Any:
        result = super().open(spider)
        settings = self.job.settings
        self.crawl, self.part, keys = _crawl_of(settings)
        server = connect(settings.get("JOBARCHIVE_REDIS_URL"))
        self.shared = FifoQueue(server, spider, keys.requests(self.crawl, spider.name))
        self.seen = RFPDupeFilter(server, key=keys.fingerprints(self.crawl, spider.name))
        self.listing_done = keys.listing_done(self.crawl, spider.name)
        # An idle Scrapy engine asks its scheduler again only every 5 s (its heartbeat).
        # A detail job starts before the lead has queued anything, and a lead that
        # finds the details quickly would fetch them all alone in those 5 s: so an
        # idle detail job looks at the shared queue itself, every `poll` seconds.
        self.poller: task.LoopingCall | None = None
        if self.part != 0:
            self.poller = task.LoopingCall(self._claim)
            self.poller.start(settings.getfloat("JOBARCHIVE_WORKER_POLL", 0.5), now=False)
        return result

    def close(self, reason: str) -> Any:
        if self.poller is not None and self.poller.running:
            self.poller.stop()
        return super().close(reason)

    def _claim(self) -> None:
        """Take one shared request when this job has nothing to do; the engine then
        takes more from `next_request` as long as it has room."""
        engine = self.job.engine
        # Scheduler's own length: this job's memory queue, without the shared one.
        if engine is None or engine.downloader.active or Scheduler.__len__(self) > 0:
            return
        if self.shared.server.exists(self.listing_done):
            # The engine's own loop serves the rest, and this job may be closing: a
            # request taken now could be dropped with it.
            return
        request = self.shared.pop()
        if request is None:
            return
        request.meta[_CLAIMED] = True
        engine.crawl(request)

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.pop(_CLAIMED, False):
            # Taken from the shared queue, already deduplicated there: this job's own.
            assert self.stats is not None
            self.stats.inc_value("scheduler/dequeued/redis")
            return super().enqueue_request(request)
        if request.meta.get(_LISTING):
            if self.part != 0:
                # Only the lead reads the listing; a detail job's own start asks for it too.
                assert self.stats is not None
                self.stats.inc_value("jobarchive/distributed/listing_left_to_lead")
                return False
            return super().enqueue_request(request)
        if not request.dont_filter and self.seen.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.shared.push(request)
        assert self.stats is not None
        self.stats.inc_value("scheduler/enqueued/redis")
        self.stats.inc_value("scheduler/enqueued")
        return True

    def next_request(self) -> Request | None:
        request = super().next_request()
        if request is None:
            request = self.shared.pop()
            if request is not None:
                assert self.stats is not None
                self.stats.inc_value("scheduler/dequeued/redis")
                self.stats.inc_value("scheduler/dequeued")
        return request

    def has_pending_requests(self) -> bool:
        return super().has_pending_requests() or len(self.shared) > 0

    def __len__(self) -> int:
        return super().__len__() + len(self.shared)


class QueuePipeline:
    """Pushes items to the writer's queue instead of storing them; reports the job's part."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.crawl, self.part, self.keys = _crawl_of(settings)
        self.client = connect(settings.get("JOBARCHIVE_REDIS_URL"))
        #: Longest a detail job waits, idle, for the lead to finish the listing.
        self.max_wait = settings.getfloat("JOBARCHIVE_WORKER_MAX_WAIT", 3600.0)
        self._idle_since: float | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QueuePipeline:
        return cls(crawler)

    @property
    def lead(self) -> bool:
        return self.part == 0

    def _push(self, kind: str, **payload: Any) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.client.rpush(
            self.keys.items, message(kind, self.crawl, spider.name, self.part, **payload)
        )

    def process_item(self, item: Any) -> Any:
        if isinstance(item, SeenPosting):
            self._push("seen", source_key=item.source_key)
            self.crawler.stats.inc_value("jobarchive/distributed/queued")
        elif isinstance(item, Snapshot):
            self._push("item", snapshot=snapshot_fields(item))
            self.crawler.stats.inc_value("jobarchive/distributed/queued")
        return item

    def spider_idle(self, spider: Spider) -> None:
        """A detail job stays while the lead may still queue detail requests."""
        if self.lead:
            return
        if self.client.exists(self.keys.listing_done(self.crawl, spider.name)):
            return
        now = time.monotonic()
        self._idle_since = self._idle_since or now
        if now - self._idle_since > self.max_wait:
            logger.error(
                "%s: the listing was not done after %.0f s of waiting; this job stops",
                spider.name,
                self.max_wait,
            )
            return
        raise DontCloseSpider("waiting for the lead job to finish the listing")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        finished = reason == "finished"
        limit = self.client.get(self.keys.time_limit(self.crawl))
        if not finished and limit is not None:
            reason = f"stopped at the crawl's time limit ({limit.decode()})"
        report = self._report(spider, finished, reason)
        self._push("close", report=report.to_json())
        if self.lead:
            self.client.set(self.keys.listing_done(self.crawl, spider.name), "1")

    def _report(self, spider: Spider, finished: bool, reason: str) -> PartReport:
        stats = self.crawler.stats
        if self.lead:
            verdict = spider.verdict(finished)  # type: ignore[attr-defined]
            report = PartReport(
                part=self.part,
                lead=True,
                finished=finished,
                reason=reason,
                listed_keys=sorted(verdict.listed_keys),
                listing_complete=verdict.listing_complete,
                failed=verdict.failed,
                failures=list(verdict.failures),
                problems=list(verdict.problems),
            )
        else:
            # A detail job read no listing: only what its detail pages showed counts.
            drift = spider.watch.report()  # type: ignore[attr-defined]
            for line in drift:
                logger.error("%s", line)
                stats.inc_value("jobarchive/drift")
            report = PartReport(
                part=self.part,
                lead=False,
                finished=finished,
                reason=reason,
                listed_keys=sorted(spider.ledger.keys),  # type: ignore[attr-defined]
                failures=list(spider.failures),  # type: ignore[attr-defined]
                problems=list(spider.ledger.problems),  # type: ignore[attr-defined]
                drift=drift,
            )
        values = stats.get_stats()
        report.errors = error_count(values)
        report.stats = {
            k: v for k, v in values.items() if isinstance(v, int) and not isinstance(v, bool)
        }
        return report
