"""Crawling on several machines: Scrapyd workers, a Redis frontier, one archive writer.

The archive stays one SQLite file written by one process. The fetching is spread:

- `jobarchive crawl --scrapyd URL,URL --redis URL` (crawler/distributed/coordinator.py)
  opens one run per source in the archive, publishes what the archive knows of each
  source's pages to Redis (validators, body hashes, revisit times: what the
  incremental middleware asks), and schedules each source on every Scrapyd node: one
  job reads the listing (the lead, so that one ledger judges the listing whole, as in
  a local crawl), the others only fetch detail pages.
- Detail requests go through a shared queue in Redis, deduplicated across workers by
  scrapy-redis's fingerprint set (crawler/distributed/worker.py, `SharedScheduler`).
- Workers store nothing: their items, the revisit checks and, at the end, each job's
  part of the verdict (listed keys, completeness, failures) are pushed to one Redis
  list (`QueuePipeline`).
- The writer (crawler/distributed/writer.py; run by `crawl --scrapyd` itself, or by
  `jobarchive ingest` after it was stopped) takes each message off that list, applies
  it with the same `RunWriter` and transactions as a local crawl, records in the same
  transaction that it was applied, and only then removes it from Redis. A run is
  closed (removals decided) when every job of its source has reported; a job that
  ended without reporting (a killed worker) makes the run incomplete, so nothing is
  marked removed.
"""
