"""What the archive knows of a source's pages, for workers that cannot open it.

The incremental middleware asks, for each request, what the last fetch of its URL
returned (validators, body hash, the extraction that read it) and, for a detail page
under the revisit policy, when it was last confirmed and what its posting is now. On a
worker that is answered from a Redis hash the writer fills before the crawl starts
(`publish`): one field per URL, its value the two records as JSON. Bodies are not
published: a page whose stored reading is older is fetched again instead of being read
from the archive, which costs a download and changes nothing in what is stored.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

import redis

from archive import Archive
from archive.revisits import RevisitState, revisit_states
from archive.snapshot import FetchState

from .queue import Keys

_FETCH_FIELDS = [f.name for f in fields(FetchState)]
_REVISIT_FIELDS = [f.name for f in fields(RevisitState)]


def publish(archive: Archive, client: redis.Redis, keys: Keys, source: str) -> int:
    """Put the archive's page state of `source` into Redis, replacing what was there;
    returns how many URLs it holds."""
    pages: dict[str, dict[str, Any]] = {
        state.url: {"fetch": asdict(state)} for state in archive.fetch_states(source)
    }
    for url, key, revisit in revisit_states(archive.conn, source):
        pages.setdefault(url, {})["revisit"] = {"source_key": key, **asdict(revisit)}
    name = keys.state(source)
    pipe = client.pipeline(transaction=True)
    pipe.delete(name)
    items = list(pages.items())
    for start in range(0, len(items), 1000):
        pipe.hset(
            name, mapping={url: json.dumps(value) for url, value in items[start : start + 1000]}
        )
    pipe.execute()
    return len(pages)


class PublishedState:
    """The page state of a source as the writer published it (see `publish`)."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.client = client
        self.keys = keys

    def _page(self, url: str, source: str | None) -> dict[str, Any] | None:
        if source is None:
            return None
        raw = self.client.hget(self.keys.state(source), url)
        return json.loads(raw) if raw else None

    def fetch_state(self, url: str, source: str | None = None) -> FetchState | None:
        page = self._page(url, source)
        if not page or "fetch" not in page:
            return None
        return FetchState(**{k: page["fetch"].get(k) for k in _FETCH_FIELDS})

    def revisit_state(self, url: str, source: str, source_key: str) -> RevisitState | None:
        page = self._page(url, source)
        revisit = (page or {}).get("revisit")
        if not revisit or revisit.get("source_key") != source_key:
            return None
        return RevisitState(**{k: revisit.get(k) for k in _REVISIT_FIELDS})

    def stored_body(self, digest: str) -> None:
        """Bodies stay in the archive: the page is fetched again instead."""
        return None


class WorkerState(PublishedState):
    """The published state, as a worker's incremental middleware uses it: the revisit
    checks it confirmed go to the writer, which records them in the archive."""

    def __init__(self, client: redis.Redis, keys: Keys, crawl: str, source: str, part: int):
        super().__init__(client, keys)
        self.crawl, self.source, self.part = crawl, source, part

    def record_checks(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        from .messages import message

        self.client.rpush(
            self.keys.items,
            message("checks", self.crawl, self.source, self.part, rows=[list(r) for r in rows]),
        )

    def close(self) -> None:
        """Nothing to close: the Redis client is the pipeline's too."""


def worker_state(crawler: Any) -> WorkerState:
    """The page state of the crawler's source, for a worker."""
    from .queue import connect

    settings = crawler.settings
    spider = crawler.spider
    return WorkerState(
        connect(settings.get("JOBARCHIVE_REDIS_URL")),
        Keys(settings.get("JOBARCHIVE_REDIS_PREFIX") or "jobarchive"),
        str(settings.get("JOBARCHIVE_CRAWL")),
        spider.name if spider is not None else "",
        settings.getint("JOBARCHIVE_PART", 0),
    )
