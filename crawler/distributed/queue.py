"""The Redis side of a distributed crawl: its keys, and the writer's reliable queue.

Every key starts with the prefix (JOBARCHIVE_REDIS_PREFIX, default "jobarchive"), so one
Redis can serve several archives. A message is acknowledged to a worker once it is on
the `items` list; the writer moves it to `items:applying` before it applies it
(LMOVE, atomic) and removes it only after the archive committed it, so a writer killed
at any moment finds it again on its next start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import redis

DEFAULT_PREFIX = "jobarchive"


class RedisUnavailable(RuntimeError):
    """Redis cannot be reached or refused us; the message says which and what to do."""


def connect(url: str) -> redis.Redis:
    """A client for `url` (redis://host:port/db), checked with a PING."""
    try:
        client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)
        client.ping()
    except (redis.RedisError, ValueError) as exc:
        raise RedisUnavailable(
            f"cannot use Redis at {url} ({exc}); start it (redis-server) or correct --redis"
        ) from None
    return client


@dataclass(frozen=True)
class Keys:
    """The Redis keys of one archive's distributed crawls."""

    prefix: str = DEFAULT_PREFIX

    @property
    def items(self) -> str:
        return f"{self.prefix}:items"

    @property
    def applying(self) -> str:
        return f"{self.prefix}:items:applying"

    @property
    def crawls(self) -> str:
        """The crawls not yet closed, as a hash of crawl id -> manifest (JSON)."""
        return f"{self.prefix}:crawls"

    def requests(self, crawl: str, source: str) -> str:
        """The shared queue of a source's detail requests (scrapy-redis's FIFO queue)."""
        return f"{self.prefix}:{crawl}:{source}:requests"

    def fingerprints(self, crawl: str, source: str) -> str:
        """The fingerprints of the requests queued so far (scrapy-redis's dupe filter)."""
        return f"{self.prefix}:{crawl}:{source}:fingerprints"

    def listing_done(self, crawl: str, source: str) -> str:
        """Set when the source's lead job has read its listing and closed (or was lost):
        detail jobs stop once the shared queue is empty too."""
        return f"{self.prefix}:{crawl}:{source}:listing_done"

    def time_limit(self, crawl: str) -> str:
        """Set when the crawl reached its time limit: its jobs report why they stopped."""
        return f"{self.prefix}:{crawl}:time_limit"

    def state(self, source: str) -> str:
        """What the archive knows of each page of a source (crawler/distributed/state.py)."""
        return f"{self.prefix}:state:{source}"

    def crawl_keys(self, crawl: str) -> str:
        return f"{self.prefix}:{crawl}:*"


class ItemQueue:
    """The one list every worker pushes to and the writer takes from."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.client = client
        self.keys = keys

    def push(self, *messages: bytes) -> None:
        if messages:
            self.client.rpush(self.keys.items, *messages)

    def unfinished(self) -> list[bytes]:
        """Messages a writer took but did not finish applying (it was stopped)."""
        return list(self.client.lrange(self.keys.applying, 0, -1))

    def take(self, timeout: float) -> bytes | None:
        """The next message, moved to `applying`; None after `timeout` seconds of none."""
        raw = self.client.blmove(self.keys.items, self.keys.applying, timeout, "LEFT", "RIGHT")
        return raw if raw is None else bytes(raw)

    def done(self, raw: bytes) -> None:
        """The message is in the archive: it leaves Redis."""
        self.client.lrem(self.keys.applying, 1, raw)

    def waiting(self) -> int:
        return int(self.client.llen(self.keys.items))


def save_manifest(client: redis.Redis, keys: Keys, crawl: str, manifest: dict[str, Any]) -> None:
    client.hset(keys.crawls, crawl, json.dumps(manifest))


def manifests(client: redis.Redis, keys: Keys) -> dict[str, dict[str, Any]]:
    """The open crawls' manifests, by crawl id."""
    return {
        (k.decode() if isinstance(k, bytes) else k): json.loads(v)
        for k, v in client.hgetall(keys.crawls).items()
    }


def forget_crawl(client: redis.Redis, keys: Keys, crawl: str) -> None:
    """A crawl whose runs are all closed: its keys go, nothing of it is needed again."""
    for key in client.scan_iter(match=keys.crawl_keys(crawl)):
        client.delete(key)
    client.hdel(keys.crawls, crawl)
