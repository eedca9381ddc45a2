"""`jobarchive crawl --scrapyd`: the sources scheduled on Scrapyd nodes, followed to the end.

The coordinator runs where the archive is. It holds the archive's crawl lock for the
whole crawl, opens the runs, schedules the jobs, and writes what they send
(crawler/distributed/writer.py) while it watches them: a job that Scrapyd reports
finished without having reported its part was killed, and its part is recorded lost.
The crawl ends when every run is closed, with the same results (and the same summary
and exit code) as a local crawl.

The crawl's manifest (its jobs, on which node, and when the crawl must end) is kept in
Redis until it ends, so that `jobarchive ingest` can take over a crawl whose
coordinator was stopped.

A crawl has a time limit (`JOBARCHIVE_TIME_LIMIT`, a day by default): a job left
pending on a busy node, or one that hangs, would otherwise keep the crawl, and the
archive's crawl lock with it, waiting for ever, and every cron run after it would find
the archive locked. At the limit the jobs still out are cancelled on their nodes; their
parts end unfinished or lost, so their runs are incomplete and remove nothing.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from scrapyd_client.pyclient import HEADERS, ScrapydClient, _process_response

from archive import Archive
from archive.db import check_before_writing
from crawler.crawl import CrawlResult
from crawler.lock import CrawlLock
from crawler.sources import Source

from .queue import Keys, connect, forget_crawl, manifests, save_manifest
from .worker import worker_settings
from .writer import ArchiveWriter

logger = logging.getLogger(__name__)

#: The project name the egg is deployed under (scrapy.cfg's [deploy] section).
PROJECT = "jobarchive"
#: Seconds between two looks at the jobs on the nodes.
WATCH_EVERY = 2.0
#: Seconds a node may stay unreachable before its jobs count as lost.
NODE_TIMEOUT = 120.0
#: Seconds one call to a node's API may take.
CALL_TIMEOUT = 30.0
#: Seconds a crawl may take, by default (the setting JOBARCHIVE_TIME_LIMIT; 0: none).
TIME_LIMIT = 24 * 3600.0
#: Seconds a job cancelled at the time limit has to close and report before it is killed.
STOP_GRACE = 120.0


class DistributedError(RuntimeError):
    """A distributed crawl cannot start or go on; the message says what to do."""


@dataclass
class Job:
    source: str
    part: int
    node: str
    job: str


@dataclass
class Watch:
    """When each node was last reached, jobs found finished once already, and when each
    crawl's jobs were told to stop at its time limit."""

    reached: dict[str, float] = field(default_factory=dict)
    ended: set[str] = field(default_factory=set)
    stopped: dict[str, float] = field(default_factory=dict)


class Node(ScrapydClient):
    """scrapyd-client's client with a timeout on every call: its own calls have none,
    and a node that accepts a connection but never answers would hold the crawl, and
    the archive's lock, for ever."""

    def _get(self, basename: str, params: Any = None) -> Any:
        return _process_response(
            requests.get(
                f"{self.url}/{basename}.json",
                params=params or {},
                headers=HEADERS,
                auth=self.auth,
                timeout=CALL_TIMEOUT,
            )
        )

    def _post(self, basename: str, data: Any) -> Any:
        return _process_response(
            requests.post(
                f"{self.url}/{basename}.json",
                data=data,
                headers=HEADERS,
                auth=self.auth,
                timeout=CALL_TIMEOUT,
            )
        )

    def stop(self, project: str, job: str, signal: str = "INT") -> str | None:
        """Cancel `job`: "pending" when it had not started (it never will), "running"
        when it was sent `signal` (INT: Scrapy closes it and it reports), else None."""
        return self._post("cancel", data={"project": project, "job": job, "signal": signal})[
            "prevstate"
        ]


def node_client(url: str) -> Node:
    return Node(url.rstrip("/"))


def check_nodes(nodes: list[str], sources: list[Source], project: str = PROJECT) -> None:
    """Every node answers and has every source as a spider, or DistributedError saying
    which does not: checked before anything is opened in the archive."""
    for node in nodes:
        try:
            spiders = set(node_client(node).spiders(project))
        except Exception as exc:  # requests' and scrapyd-client's errors alike
            raise DistributedError(
                f"Scrapyd at {node} did not list the spiders of project {project!r} ({exc}); "
                "is it running, and was the project deployed to it (`scrapyd-deploy`)?"
            ) from None
        missing = [s.name for s in sources if s.name not in spiders]
        if missing:
            raise DistributedError(
                f"Scrapyd at {node} has no spider {', '.join(missing)} in project "
                f"{project!r}: deploy the project again (`scrapyd-deploy`), and for sources "
                "of a sources file start Scrapyd with JOBARCHIVE_CONFIG set to that file"
            )


def check_prefix(client: Any, keys: Keys, archive: str) -> None:
    """No crawl of another archive is open under this Redis key prefix, or
    DistributedError saying how to part them. A writer takes every message under its
    prefix: another archive's postings would be dropped, and its pages' revisit
    checks written into this archive."""
    for crawl, manifest in sorted(manifests(client, keys).items()):
        other = manifest.get("archive")
        if other != archive:
            raise DistributedError(
                f"Redis key prefix {keys.prefix!r} is in use by crawl {crawl} of another "
                f"archive ({other}): give each archive a prefix of its own "
                "(-s JOBARCHIVE_REDIS_PREFIX=NAME here, `ingest --prefix NAME`), or, if "
                f"that crawl's coordinator was stopped, finish it first with "
                f"`jobarchive --db {other} ingest --redis URL`"
            )


def plan(crawl: str, sources: list[Source], nodes: list[str]) -> list[Job]:
    """Each source on every node: its lead (part 0, the listing) on one node in turn,
    so that several sources' listings are read on different machines."""
    jobs = []
    for index, source in enumerate(sources):
        for part in range(len(nodes)):
            node = nodes[(index + part) % len(nodes)]
            jobs.append(Job(source.name, part, node, f"{crawl}-{source.name}-{part}"))
    return jobs


def run_distributed_crawl(
    sources: list[Source],
    db_path: str | Path,
    *,
    nodes: list[str],
    redis_url: str,
    prefix: str = "jobarchive",
    settings: Mapping[str, Any] | None = None,
    accept_after: int = 3,
    site_lines: bool = True,
    after: Callable[[list[CrawlResult]], None] | None = None,
    project: str = PROJECT,
    time_limit: float = TIME_LIMIT,
) -> list[CrawlResult]:
    """Crawl `sources` on the Scrapyd `nodes` into the archive at `db_path`.

    `settings` are passed to every job (base URLs, politeness, `-s` settings);
    `time_limit` seconds after the start, the jobs still out are stopped (0: no limit). Raises
    DistributedError, RedisUnavailable, LockHeld and the archive's errors before
    anything is written when the crawl cannot start.
    """
    client = connect(redis_url)
    keys = Keys(prefix)
    check_nodes(nodes, sources, project)
    check_prefix(client, keys, str(Path(db_path).resolve()))
    with CrawlLock(db_path) as lock:
        if lock.first:
            check_before_writing(db_path)
        Archive(db_path).close()  # create or upgrade it now, with a clear error if bad
        crawl = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
        writer = ArchiveWriter(
            db_path,
            client,
            keys,
            {s.name: s.spider for s in sources},
            accept_after=accept_after,
            site_lines=site_lines,
        )
        try:
            jobs = plan(crawl, sources, nodes)
            for source in sources:
                writer.open_source(crawl, source.name, len(nodes))
            manifest = {
                "archive": str(Path(db_path).resolve()),
                "project": project,
                "jobs": [job.__dict__ for job in jobs],
                # Wall-clock time, so that `ingest` in another process keeps the limit.
                "time_limit": time_limit,
                "ends_by": time.time() + time_limit if time_limit > 0 else None,
            }
            save_manifest(client, keys, crawl, manifest)
            share = polite_share(settings or {}, len(nodes))
            for job in jobs:
                extra = {**(settings or {}), **share}
                values = worker_settings(redis_url, prefix, crawl, job.part, extra)
                args = [("jobid", job.job)] + [
                    ("setting", f"{k}={_setting_text(v)}") for k, v in values.items()
                ]
                try:
                    node_client(job.node).schedule(project, job.source, args)
                except Exception as exc:
                    logger.error("could not schedule %s on %s: %s", job.job, job.node, exc)
                    writer.part_lost(crawl, job.source, job.part, f"not scheduled on {job.node}")
            follow(writer, client, keys, {crawl: manifest})
            results = results_of(writer, crawl, [s.name for s in sources])
            if after is not None:
                after(results)
            return results
        finally:
            writer.close()


def polite_share(settings: Mapping[str, Any], parts: int) -> dict[str, Any]:
    """The politeness settings of one of `parts` jobs fetching from the same site: each
    takes its share, so that the site sees the rate one local crawl would keep (the
    jobs of a source fetch from one site, on different machines, each with its own
    per-domain slot)."""
    from crawler.sources import project_settings

    effective = project_settings()
    effective.setdict(dict(settings), priority="cmdline")
    if parts <= 1:
        return {}
    return {
        "DOWNLOAD_DELAY": effective.getfloat("DOWNLOAD_DELAY") * parts,
        "CONCURRENT_REQUESTS_PER_DOMAIN": max(
            1, effective.getint("CONCURRENT_REQUESTS_PER_DOMAIN") // parts
        ),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": effective.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY")
        / parts,
    }


def _setting_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def follow(
    writer: ArchiveWriter,
    client: Any,
    keys: Keys,
    crawls: dict[str, dict[str, Any]],
    *,
    watch_every: float = WATCH_EVERY,
    node_timeout: float = NODE_TIMEOUT,
) -> None:
    """Write the crawls' messages and watch their jobs until every run is closed."""
    writer.resume()
    watch = Watch()
    last = 0.0
    while any(not writer.crawl_closed(c) for c in crawls):
        writer.drain(timeout=0.5, limit=500)
        if time.monotonic() - last < watch_every:
            continue
        last = time.monotonic()
        # The time limit first, whatever is queued: jobs that keep sending must not
        # keep the crawl from ending.
        for crawl, manifest in crawls.items():
            ends_by = manifest.get("ends_by")
            if ends_by is not None and time.time() > ends_by and not writer.crawl_closed(crawl):
                _stop_jobs(writer, client, keys, crawl, manifest, watch)
        if writer.queue.waiting():
            continue  # a job's report may still be on its way
        for crawl, manifest in crawls.items():
            if not writer.crawl_closed(crawl):
                _watch_jobs(writer, crawl, manifest, watch, node_timeout)
    for crawl in crawls:
        forget_crawl(client, keys, crawl)


def _watch_jobs(
    writer: ArchiveWriter,
    crawl: str,
    manifest: dict[str, Any],
    watch: Watch,
    node_timeout: float,
) -> None:
    project = manifest.get("project", PROJECT)
    jobs = [Job(**job) for job in manifest["jobs"]]
    states: dict[str, dict[str, str]] = {}
    for node in {job.node for job in jobs}:
        try:
            listed = node_client(node).jobs(project)
        except Exception as exc:
            reached = watch.reached.setdefault(node, time.monotonic())
            if time.monotonic() - reached > node_timeout:
                states[node] = {}
                logger.error("Scrapyd at %s unreachable for %.0f s: %s", node, node_timeout, exc)
            continue
        watch.reached[node] = time.monotonic()
        states[node] = {
            entry["id"]: state
            for state in ("pending", "running", "finished")
            for entry in listed.get(state, [])
        }
    for job in jobs:
        if job.node not in states or job.part in writer.reported_parts(crawl, job.source):
            continue
        state = states[job.node].get(job.job)
        if state in ("pending", "running"):
            continue
        # Finished (or unknown to its node) without a report: seen so twice, with the
        # queue empty in between, it was killed before it could report.
        if job.job not in watch.ended:
            watch.ended.add(job.job)
            continue
        why = f"job {job.job} on {job.node} ended without reporting (killed?)"
        writer.part_lost(crawl, job.source, job.part, why)


def _stop_jobs(
    writer: ArchiveWriter,
    client: Any,
    keys: Keys,
    crawl: str,
    manifest: dict[str, Any],
    watch: Watch,
    grace: float = STOP_GRACE,
) -> None:
    """The crawl reached its time limit: cancel each job that has not reported. One that
    had not started is lost at once; a running one is asked to close (it then reports
    its part unfinished), and killed if it has not after `grace` seconds, when
    `_watch_jobs` finds it ended without a report."""
    now = time.monotonic()
    first = crawl not in watch.stopped
    if not first and now - watch.stopped[crawl] < grace:
        return
    watch.stopped[crawl] = now if first else float("inf")  # a second time, once
    project = manifest.get("project", PROJECT)
    limit = _duration(manifest.get("time_limit") or 0)
    client.set(keys.time_limit(crawl), limit)
    for job in (Job(**job) for job in manifest["jobs"]):
        if job.part in writer.reported_parts(crawl, job.source):
            continue
        try:
            state = node_client(job.node).stop(project, job.job, "INT" if first else "KILL")
        except Exception as exc:  # an unreachable node: `_watch_jobs` times it out
            logger.error("could not stop %s on %s: %s", job.job, job.node, exc)
            continue
        if state == "running":
            logger.error(
                "%s: job %s on %s was still running at the crawl's time limit (%s); %s",
                job.source, job.job, job.node, limit,
                "asked to stop" if first else "killed",
            )  # fmt: skip
            continue
        why = f"not started on {job.node} by the crawl's time limit ({limit}); cancelled"
        writer.part_lost(crawl, job.source, job.part, why)


def _duration(seconds: float) -> str:
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours} h {rest // 60} min" if hours else f"{rest // 60} min {rest % 60} s"


def results_of(writer: ArchiveWriter, crawl: str, names: list[str]) -> list[CrawlResult]:
    """Each source's run in crawl `crawl`, as a local crawl reports it."""
    results = []
    for name in names:
        run_id = writer.run_of(crawl, name)
        run = writer.archive.run(run_id) if run_id is not None else None
        stats = writer.part_stats(crawl, name)
        stats["archive/run_id"] = run_id
        results.append(CrawlResult(name, run, stats))
    return results


def ingest(
    db_path: str | Path,
    *,
    redis_url: str,
    prefix: str = "jobarchive",
    spiders: Mapping[str, Any],
    accept_after: int = 3,
    site_lines: bool = True,
) -> list[tuple[str, CrawlResult]]:
    """`jobarchive ingest`: take over the open crawls of this archive (their coordinator
    was stopped), write what their jobs sent and close their runs."""
    client = connect(redis_url)
    keys = Keys(prefix)
    archive_path = str(Path(db_path).resolve())
    check_prefix(client, keys, archive_path)
    with CrawlLock(db_path) as lock:
        if lock.first:
            check_before_writing(db_path)
        writer = ArchiveWriter(
            db_path, client, keys, spiders, accept_after=accept_after, site_lines=site_lines
        )
        try:
            crawls = {
                crawl: manifest
                for crawl, manifest in manifests(client, keys).items()
                if manifest.get("archive") == archive_path
            }
            unknown = writer.open_crawls() - set(crawls)
            if unknown:
                logger.warning(
                    "crawls %s have open runs but no manifest in Redis; their runs stay "
                    "open until the next crawl of their sources closes them",
                    ", ".join(sorted(unknown)),
                )
            follow(writer, client, keys, crawls)
            return [
                (crawl, result)
                for crawl, manifest in crawls.items()
                for result in results_of(
                    writer, crawl, sorted({job["source"] for job in manifest["jobs"]})
                )
            ]
        finally:
            writer.close()
