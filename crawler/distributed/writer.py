"""The one archive writer of a distributed crawl.

It takes the workers' messages off Redis one at a time and applies each in one SQLite
transaction, with what a local crawl's pipeline does (`RunWriter`), together with the
record that the message was applied (`ingested`). Only then is the message removed
from Redis. So a writer stopped at any moment leaves every message either applied and
recorded, or not applied and still in Redis; the next writer applies what is left,
each message once.

A source's run is closed when every job of the source has reported its part (or was
found lost): the parts are merged into one verdict, the lead's ledger deciding whether
the listing was read whole, exactly as `finish_run` is called at the end of a local
crawl.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from archive import Archive, RunSummary
from archive.revisits import record_checks
from archive.store import process_start
from crawler.items import SeenPosting
from crawler.runwriter import Counts, RunVerdict, RunWriter, disk_full

from .messages import PartReport, decode, snapshot_from
from .queue import ItemQueue, Keys
from .state import publish

logger = logging.getLogger(__name__)


@dataclass
class OpenRun:
    crawl: str
    source: str
    run_id: int
    parts: int
    writer: RunWriter


class ArchiveWriter:
    """Applies workers' messages to the archive at `db_path` (whose crawl lock the
    caller holds)."""

    def __init__(
        self,
        db_path: str | Path,
        client: redis.Redis,
        keys: Keys,
        spiders: Mapping[str, Any],
        *,
        accept_after: int = 3,
        site_lines: bool = True,
    ) -> None:
        self.archive = Archive(db_path)
        self.client = client
        self.keys = keys
        self.queue = ItemQueue(client, keys)
        #: The spider class of each source, by name (for its facts and extraction).
        self.spiders = dict(spiders)
        self.accept_after = accept_after
        self.site_lines = site_lines
        self._open: dict[tuple[str, str], OpenRun] = {}
        #: (crawl, source) of the runs this writer closed, with their summaries.
        self.closed: dict[tuple[str, str], RunSummary] = {}
        self.stats: dict[tuple[str, str], Counts] = {}
        self.applied = 0
        self._claim_open_runs()

    def close(self) -> None:
        self.archive.close()

    # -- opening ------------------------------------------------------------------------

    def open_source(self, crawl: str, source: str, parts: int) -> int:
        """Open the run of `source` in crawl `crawl`, to be written by `parts` jobs, and
        publish what the archive knows of its pages for them; returns the run id."""
        with self.archive.transaction() as conn:
            run_id = self.archive.start_run(source)
            conn.execute(
                "INSERT INTO ingest_runs (crawl, source, run_id, parts) VALUES (?, ?, ?, ?)",
                (crawl, source, run_id, parts),
            )
        pages = publish(self.archive, self.client, self.keys, source)
        logger.info("%s: run %s opened, the state of %d pages published", source, run_id, pages)
        return run_id

    def _claim_open_runs(self) -> None:
        """Runs this writer continues from a writer that was stopped: they are this
        process's now, so that a crawl starting meanwhile does not close them as
        interrupted."""
        with self.archive.transaction() as conn:
            conn.execute(
                "UPDATE runs SET pid = ?, pid_started = ? WHERE status = 'running' AND id IN "
                "(SELECT run_id FROM ingest_runs WHERE closed = 0)",
                (os.getpid(), process_start(os.getpid())),
            )

    def open_crawls(self) -> set[str]:
        """Crawls with a run not closed yet."""
        rows = self.archive.conn.execute(
            "SELECT DISTINCT crawl FROM ingest_runs WHERE closed = 0"
        ).fetchall()
        return {row[0] for row in rows}

    def crawl_closed(self, crawl: str) -> bool:
        return crawl not in self.open_crawls()

    def reported_parts(self, crawl: str, source: str) -> set[int]:
        rows = self.archive.conn.execute(
            "SELECT part FROM ingest_parts WHERE crawl = ? AND source = ?", (crawl, source)
        ).fetchall()
        return {row[0] for row in rows}

    def run_of(self, crawl: str, source: str) -> int | None:
        row = self.archive.conn.execute(
            "SELECT run_id FROM ingest_runs WHERE crawl = ? AND source = ?", (crawl, source)
        ).fetchone()
        return row[0] if row else None

    def _run(self, crawl: str, source: str) -> OpenRun | None:
        """The open run of (crawl, source), or None if it is closed or unknown."""
        known = self._open.get((crawl, source))
        if known is not None:
            return known
        row = self.archive.conn.execute(
            "SELECT i.run_id, i.parts, i.closed, r.status FROM ingest_runs i "
            "JOIN runs r ON r.id = i.run_id WHERE i.crawl = ? AND i.source = ?",
            (crawl, source),
        ).fetchone()
        if row is None or row[2]:
            return None
        run_id, parts, _, status = row
        if status != "running":
            # Closed meanwhile (a local crawl found its writer gone): nothing more of
            # this crawl goes into it; the next crawl fetches what it missed.
            logger.warning(
                "%s: run %s of crawl %s was closed while its writer was stopped; the "
                "rest of this crawl's messages for it are dropped",
                source,
                run_id,
                crawl,
            )
            self.archive.conn.execute(
                "UPDATE ingest_runs SET closed = 1 WHERE crawl = ? AND source = ?",
                (crawl, source),
            )
            return None
        spider = self.spiders.get(source)
        if spider is None:
            raise KeyError(
                f"messages for source {source!r}, which this writer does not know: run it "
                "with the same --config as the crawl"
            )
        stats = self.stats.setdefault((crawl, source), Counts())
        writer = RunWriter(
            self.archive,
            run_id,
            source,
            spider,
            stats,
            accept_after=self.accept_after,
            site_lines=self.site_lines,
        )
        self._open[(crawl, source)] = OpenRun(crawl, source, run_id, parts, writer)
        return self._open[(crawl, source)]

    # -- applying -----------------------------------------------------------------------

    def resume(self) -> int:
        """Apply the messages a stopped writer had taken but not finished."""
        left = self.queue.unfinished()
        for raw in left:
            self._apply_raw(raw)
        return len(left)

    def step(self, timeout: float = 1.0) -> bool:
        """Take and apply one message; False when none came within `timeout` seconds."""
        raw = self.queue.take(timeout)
        if raw is None:
            return False
        self._apply_raw(raw)
        return True

    def drain(self, timeout: float = 0.5, limit: int = 10_000) -> int:
        """Apply messages until none comes for `timeout` seconds (at most `limit`)."""
        done = 0
        while done < limit and self.step(timeout):
            done += 1
        return done

    def _apply_raw(self, raw: bytes) -> None:
        try:
            value = decode(raw)
        except ValueError as exc:
            # Not ours: kept aside, not lost, not retried forever.
            logger.error("%s; moved to %s:rejected", exc, self.keys.prefix)
            self.client.rpush(f"{self.keys.prefix}:rejected", raw)
            self.queue.done(raw)
            return
        try:
            self.apply(value)
        except sqlite3.OperationalError as exc:
            if disk_full(exc):
                raise DiskFull(
                    f"disk full while applying a message of {value.get('source')} ({exc}); "
                    "nothing of it was stored and it stays in Redis: free space on the "
                    "archive's disk and run `jobarchive ingest`"
                ) from None
            raise
        self.queue.done(raw)
        self.applied += 1

    def apply(self, value: dict[str, Any]) -> None:
        """Apply one decoded message, once: a message already applied is skipped."""
        kind, crawl, source = value["kind"], value["crawl"], value["source"]
        if kind == "checks":
            with self.archive.transaction() as conn:
                record_checks(conn, [tuple(row) for row in value["rows"]])
            return
        with self.archive.transaction() as conn:
            seen = conn.execute(
                "SELECT 1 FROM ingested WHERE message = ?", (value["id"],)
            ).fetchone()
            if seen:
                return
            run = self._run(crawl, source)
            if run is None:
                return
            if kind == "item":
                self._store(run, value)
            elif kind == "seen":
                run.writer.seen(SeenPosting(source, value["source_key"]))
            elif kind == "close":
                report = PartReport.from_json(value["report"])
                self._part_reported(run, report)
            else:
                raise ValueError(f"unknown message kind {kind!r}")
            if (crawl, source) not in self.closed:
                conn.execute(
                    "INSERT INTO ingested (message, crawl, source) VALUES (?, ?, ?)",
                    (value["id"], crawl, source),
                )

    def _store(self, run: OpenRun, value: dict[str, Any]) -> None:
        snapshot = snapshot_from(value["snapshot"])
        run.writer.store(snapshot)

    # -- closing ------------------------------------------------------------------------

    def part_lost(self, crawl: str, source: str, part: int, why: str) -> None:
        """A job that ended without reporting (killed, its node gone, never started):
        its part is incomplete, so the run removes nothing. A lost lead reads no more of
        the listing, so the source's detail jobs stop waiting for it."""
        with self.archive.transaction():
            run = self._run(crawl, source)
            if run is not None and part not in self.reported_parts(crawl, source):
                logger.error("%s: part %d of crawl %s was lost: %s", source, part, crawl, why)
                report = PartReport(
                    part=part, lead=part == 0, finished=False, reason=why, lost=True
                )
                self._part_reported(run, report)
        if part == 0:
            self.client.set(self.keys.listing_done(crawl, source), "1")

    def _part_reported(self, run: OpenRun, report: PartReport) -> None:
        conn = self.archive.conn
        conn.execute(
            "INSERT OR REPLACE INTO ingest_parts (crawl, source, part, report) VALUES (?, ?, ?, ?)",
            (run.crawl, run.source, report.part, json.dumps(report.to_json())),
        )
        reports = [
            PartReport.from_json(json.loads(row[0]))
            for row in conn.execute(
                "SELECT report FROM ingest_parts WHERE crawl = ? AND source = ? ORDER BY part",
                (run.crawl, run.source),
            )
        ]
        if len(reports) < run.parts:
            return
        verdict, errors = merge(reports)
        held = conn.execute("SELECT held FROM runs WHERE id = ?", (run.run_id,)).fetchone()[0]
        summary = run.writer.finish(verdict, errors + int(held or 0))
        conn.execute(
            "UPDATE ingest_runs SET closed = 1 WHERE crawl = ? AND source = ?",
            (run.crawl, run.source),
        )
        # The run is closed: a message of it taken again is dropped by `_run`, so the
        # record of what was applied is no longer needed.
        conn.execute("DELETE FROM ingested WHERE crawl = ? AND source = ?", (run.crawl, run.source))
        self.closed[(run.crawl, run.source)] = summary
        del self._open[(run.crawl, run.source)]

    def part_stats(self, crawl: str, source: str) -> dict[str, Any]:
        """The counts of every job of a source's crawl added up, with the writer's own."""
        total: dict[str, Any] = {}
        for (raw,) in self.archive.conn.execute(
            "SELECT report FROM ingest_parts WHERE crawl = ? AND source = ?", (crawl, source)
        ):
            for key, value in PartReport.from_json(json.loads(raw)).stats.items():
                total[key] = total.get(key, 0) + value
        for key, value in self.stats.get((crawl, source), Counts()).get_stats().items():
            if isinstance(value, int):
                total[key] = total.get(key, 0) + value
        return total


class DiskFull(RuntimeError):
    """The archive's disk is full: the writer stops, the message stays in Redis."""


def merge(reports: list[PartReport]) -> tuple[RunVerdict, int]:
    """One verdict from the parts of a source's crawl, and its error count.

    The listing is complete only when the lead read it whole and every job finished:
    a job that stopped early, or was lost, may have taken detail requests with it, so
    their postings are neither seen nor stored, and nothing may be marked removed.
    """
    lead = next((r for r in reports if r.lead), None)
    keys: set[str] = set()
    failures: list[str] = []
    problems: list[str] = []
    stopped = None
    for report in reports:
        keys.update(report.listed_keys)
        failures.extend(report.failures)
        problems.extend(report.problems + report.drift)
        if not report.finished and stopped is None:
            stopped = (
                f"worker job {report.part} was lost: {report.reason}"
                if report.lost
                else report.reason
            )
    detail_problems = any(r.problems for r in reports if not r.lead)
    complete = (
        lead is not None
        and lead.listing_complete
        and all(r.finished for r in reports)
        and not detail_problems
    )
    verdict = RunVerdict(
        listed_keys=keys if lead is not None and not lead.lost else None,
        listing_complete=complete,
        failed=lead is not None and lead.failed,
        failures=failures,
        problems=problems,
        stopped_early=stopped,
    )
    return verdict, sum(r.errors for r in reports)
